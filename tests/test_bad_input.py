"""Bad input never gives a 500, and civil servants never reach a case: junk posted to
every form and endpoint, malformed tokens and ids, for every kind of visitor."""

import pytest

from tests.brokers.factories import OrganisationFactory
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

JUNK = {
    "title": "x" * 10000,
    "description": "<script>alert(1)</script>",
    "theme": "nope",
    "neighbourhood": "999999",
    "broker": "abc",
    "to_status": "flying",
    "outcome_message": "",
    "amount": "veel",
    "score": "tien",
    "year": "abc",
    "since": "gisteren",
    "happened_on": "32-13-2020",
    "duration_minutes": "-5",
    "initiatives": ["x", "0"],
    "organisation": "abc",
    "waiting": "misschien",
    "kind": "???",
    "agreed": "misschien",
    "decision": "?",
    "spend": "??",
    "email": "geen-adres",
    "initiative": "abc",
}

WRONG_TYPES = (
    '{"title": ["a"], "description": {"x": 1}, "theme": 5, "broker": [1], "to_status": null,'
    ' "needs": "x", "initiator": "x", "consents": 3, "organisation": {"pk": 1},'
    ' "waiting": "x", "since": 5, "happened_on": [], "duration_minutes": 1e400,'
    ' "channel": true, "email": 7, "attachments": 1, "outcome": [], "note": {}}'
)


# Deep enough for Python's JSON decoder to give up (RecursionError).
NESTED = "[" * 5000 + "]" * 5000


def _urls(initiative, grant, organisation, budget):
    ref = initiative.reference
    return [
        "/",
        "/idee-indienen/",
        "/idee-indienen/vergelijkbaar/",
        "/idee-indienen/ontvangen/nope/",
        "/mijn-idee/nieuwe-link/",
        "/mijn-idee/nope/",
        "/mijn-idee/nope/voorkeuren/",
        "/mijn-idee/nope/intrekken/",
        "/mijn-idee/nope/link/",
        "/mijn-idee/nope/verwijderen/",
        "/mijn-idee/nope/bijlage/1/",
        "/mijn-idee/a:b:c/",
        "/ideeen/?theme=zz&neighbourhood=abc&page=zz",
        "/ideeen/nope/",
        f"/ideeen/{ref}/",
        "/aanbod/?initiative=abc",
        "/tevredenheid/nope/",
        "/tevredenheid/a:b/",
        "/hoe-gaat-het/nope/",
        "/koppeling/nope/",
        "/cijfers/",
        "/cijfers/1800/",
        "/cijfers/99999/",
        "/cijfers/2024/download.exe",
        "/cijfers/99999/download.json",
        "/cijfers/99999999999999999999/",
        "/cijfers/99999999999999999999/download.csv",
        "/api/v1/figures/99999999999999999999/",
        f"/wijkbudgetten/{budget.neighbourhood.code}/99999999999999999999/",
        "/makelaar/netwerk/99999999999999999999/",
        "/makelaar/budget/idee/99999999999999999999/",
        "/makelaar/bijlagen/99999999999999999999/",
        "/makelaar/berichten/99999999999999999999/gedaan/",
        "/makelaar/koppelingen/99999999999999999999/accepteren/",
        "/mijn-idee/nope/bijlage/99999999999999999999/",
        "/wijkbudgetten/",
        "/wijkbudgetten/NOPE/2024/",
        f"/wijkbudgetten/{budget.neighbourhood.code}/99999/",
        "/wijkbudgetten/beheer/",
        "/makelaar/?status=zz&page=zz&sort=zz&broker=abc&overdue=zz&q=%00",
        "/makelaar/?broker=99999999999999999999&page=99999999999999999999",
        "/ideeen/?page=99999999999999999999",
        "/api/v1/cases/?broker=99999999999999999999&page=99999999999999999999",
        "/makelaar/toewijzen/",
        "/makelaar/overdracht/",
        "/makelaar/netwerk/?kind=zz",
        f"/makelaar/netwerk/{organisation.pk}/",
        "/makelaar/netwerk/999999/",
        f"/makelaar/ideeen/{ref}/",
        "/makelaar/ideeen/nope/",
        f"/makelaar/ideeen/{ref}/oppakken/",
        f"/makelaar/ideeen/{ref}/toewijzen/",
        f"/makelaar/ideeen/{ref}/contact/",
        f"/makelaar/ideeen/{ref}/status/",
        f"/makelaar/ideeen/{ref}/notitie/",
        f"/makelaar/ideeen/{ref}/wachten/",
        f"/makelaar/ideeen/{ref}/doorverwijzen/",
        f"/makelaar/ideeen/{ref}/doorverwijzen/999999/uitkomst/",
        f"/makelaar/ideeen/{ref}/taken/999999/klaar/",
        f"/makelaar/budget/idee/{initiative.pk}/",
        f"/makelaar/budget/idee/{initiative.pk}/aanvraag/",
        f"/makelaar/budget/idee/{initiative.pk}/financiering/",
        "/makelaar/budget/idee/999999/",
        f"/makelaar/budget/toekenning/{grant.pk}/besluit/",
        f"/makelaar/budget/toekenning/{grant.pk}/betaald/",
        f"/makelaar/budget/toekenning/{grant.pk}/verantwoording/",
        "/makelaar/budget/bon/999999/",
        "/makelaar/nieuw-idee/",
        "/makelaar/bijlagen/999999/",
        "/makelaar/berichten/?page=zz&kind=zz",
        "/makelaar/berichten/999999/gedaan/",
        "/makelaar/berichten/999999/opnieuw/",
        "/makelaar/berichten/tevredenheid/999999/gezien/",
        "/makelaar/koppelingen/999999/accepteren/",
        "/makelaar/koppelingen/999999/afwijzen/",
        # NUL bytes: PostgreSQL refuses them in any text it compares.
        "/ideeen/?wijk=%00&thema=%00&neighbourhood=%00&theme=%00",
        "/ideeen/2026%00/",
        "/wijkbudgetten/ZW%00/2026/",
        "/makelaar/ideeen/%00/",
        f"/makelaar/ideeen/{ref}%00/status/",
        "/makelaar/netwerk/?theme=%00&area=%00",
        "/api/v1/cases/%00/",
        "/api/v1/cases/?q=%00",
        "/mijn-idee/%00/",
        # ... and encoded once more: the <key:...> converter decodes a reference or code.
        "/ideeen/2026%2500/",
        "/wijkbudgetten/ZW%2500/2026/",
        f"/makelaar/ideeen/{ref}%2500/status/",
        "/api/v1/themes/",
        "/api/v1/initiatives/",
        "/api/v1/figures/1/",
        "/api/v1/cases/?status=zz&page=zz&broker=abc",
        f"/api/v1/cases/{ref}/",
        "/api/v1/cases/nope/",
        f"/api/v1/cases/{ref}/assign/",
        f"/api/v1/cases/{ref}/contact-moments/",
        f"/api/v1/cases/{ref}/notes/",
        f"/api/v1/cases/{ref}/referrals/",
        f"/api/v1/cases/{ref}/referrals/999999/outcome/",
        f"/api/v1/cases/{ref}/transition/",
        f"/api/v1/cases/{ref}/waiting/",
    ]


@pytest.mark.parametrize("who", ["anonymous", "broker", "coordinator", "civil_servant"])
def test_no_500_on_junk(client, who, request):
    initiative = InitiativeFactory()
    budget = NeighbourhoodBudgetFactory()
    grant = GrantFactory(initiative=initiative, budget=budget)
    organisation = OrganisationFactory()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    client.raise_request_exception = False
    failures = []
    for url in _urls(initiative, grant, organisation, budget):
        for method in ("get", "post"):
            response = getattr(client, method)(url, JUNK) if method == "post" else client.get(url)
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url}: {response.status_code}")
        # htmx posts answer with a panel instead of a redirect: other code paths.
        response = client.post(url, JUNK, HTTP_HX_REQUEST="true")
        if response.status_code >= 500:
            failures.append(f"POST htmx {url}: {response.status_code}")
        if url.startswith("/api/"):
            for body in ("{not json", "[1, 2]", "null", '"x"', WRONG_TYPES, NESTED):
                response = client.post(url, body, content_type="application/json")
                if response.status_code >= 500:
                    failures.append(f"POST json {url} {body[:20]}: {response.status_code}")
    assert failures == []


def test_civil_servant_never_reaches_a_case(client, civil_servant):
    from initiatives.services import attachment_add
    from tests.initiatives.files import upload

    initiative = InitiativeFactory()
    attachment = attachment_add(initiative=initiative, files=[upload()])[0]
    grant = GrantFactory(initiative=initiative)
    client.force_login(civil_servant)
    ref = initiative.reference
    for url in (
        "/makelaar/",
        f"/makelaar/ideeen/{ref}/",
        f"/makelaar/budget/idee/{initiative.pk}/",
        f"/makelaar/bijlagen/{attachment.pk}/",
        "/makelaar/berichten/",
        "/makelaar/netwerk/",
        "/api/v1/cases/",
        f"/api/v1/cases/{ref}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert initiative.title not in response.content.decode(), url
    response = client.post(
        f"/makelaar/budget/toekenning/{grant.pk}/besluit/",
        {"decision": "approve", "amount": "500", "reason": "Goed plan"},
    )
    assert response.status_code in (302, 403, 404)
    grant.refresh_from_db()
    assert grant.decided_at is None


@pytest.mark.parametrize(
    "field,value",
    [
        ("title", ["a"]),
        ("description", {"x": 1}),
        ("theme", 5),
        ("neighbourhood", ["x"]),
        ("postcode", 1234),
        ("needs", "rules_permits"),
        ("needs", [["x"]]),
        ("initiator_kind", None),
        ("email", ["a@b.nl"]),
        ("phone", {"n": 1}),
        ("consent_contact", "misschien"),
        ("submission_key", "not-a-uuid"),
        ("submission_key", 5),
    ],
)
def test_submission_api_answers_wrong_types_without_500(client, field, value):
    import json

    from tests.initiatives.factories import theme
    from tests.initiatives.payloads import submission_data
    from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300"))
    good = client.post(
        "/api/v1/initiatives/", json.dumps(submission_data()), content_type="application/json"
    )
    assert good.status_code == 201, good.content  # so the 400 below is the field's doing
    body = json.dumps(submission_data() | {field: value})
    response = client.post("/api/v1/initiatives/", body, content_type="application/json")
    assert response.status_code < 500, response.content
    assert response.json()
