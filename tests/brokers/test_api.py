import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.roles import Role
from initiatives.constants import Status
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.brokers.factories import OrganisationFactory
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/cases/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def case(db):
    return InitiativeFactory(title="Repair café in het buurthuis")


def _endpoints(case):
    ref = case.reference
    return [
        ("get", BASE),
        ("get", f"{BASE}{ref}/"),
        ("post", f"{BASE}{ref}/assign/"),
        ("post", f"{BASE}{ref}/contact-moments/"),
        ("post", f"{BASE}{ref}/transition/"),
        ("post", f"{BASE}{ref}/notes/"),
        ("post", f"{BASE}{ref}/waiting/"),
        ("post", f"{BASE}{ref}/referrals/"),
    ]


def test_anonymous_gets_a_json_refusal_everywhere(api, case):
    for method, url in _endpoints(case):
        response = getattr(api, method)(url, {}, format="json")
        assert response.status_code in (401, 403), url
        assert "detail" in response.json()


def test_civil_servant_gets_403_json_everywhere(api, civil_servant, case):
    api.force_authenticate(civil_servant)
    for method, url in _endpoints(case):
        response = getattr(api, method)(url, {}, format="json")
        assert response.status_code == 403, url
        assert "detail" in response.json()


def test_token_authentication_lists_cases_with_filters(api, broker, case):
    token = Token.objects.create(user=broker)
    InitiativeFactory(realised=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get(BASE)
    assert response.status_code == 200
    assert [row["reference"] for row in response.json()["results"]] == [case.reference]
    assert response.json()["results"][0]["deadline"] in {"on_time", "due_soon"}
    assert api.get(BASE, {"q": "repair"}).json()["count"] == 1
    assert api.get(BASE, {"q": "zwembad"}).json()["count"] == 0
    assert api.get(BASE, {"status": "realised"}).json()["count"] == 1
    assert api.get(BASE, {"unassigned": "true"}).json()["count"] == 1


def test_invalid_filter_is_400_json(api, broker):
    api.force_authenticate(broker)
    response = api.get(BASE, {"status": "bogus"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_detail_has_initiator_and_timeline_and_unknown_is_404(api, broker, case):
    api.force_authenticate(broker)
    data = api.get(f"{BASE}{case.reference}/").json()
    assert data["initiator"]["name"] == case.initiator.name
    assert isinstance(data["timeline"], list)
    missing = api.get(f"{BASE}1999-0001/")
    assert missing.status_code == 404
    assert "detail" in missing.json()


def test_assign_contact_transition_note_waiting_referral(api, broker, case):
    api.force_authenticate(broker)
    ref = case.reference
    response = api.post(f"{BASE}{ref}/assign/", {"broker": broker.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["broker"]["id"] == broker.pk

    response = api.post(
        f"{BASE}{ref}/contact-moments/",
        {
            "happened_on": timezone.localdate().isoformat(),
            "channel": "phone",
            "duration_minutes": 10,
            "intervention": "thinking_along",
            "summary": "Gebeld",
        },
        format="json",
    )
    assert response.status_code == 201
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION

    assert api.post(f"{BASE}{ref}/notes/", {"text": "Intern"}, format="json").status_code == 201
    response = api.post(
        f"{BASE}{ref}/waiting/", {"waiting": True, "reason": "Begroting"}, format="json"
    )
    assert response.json()["waiting_reason"] == "Begroting"
    organisation = OrganisationFactory()
    response = api.post(
        f"{BASE}{ref}/referrals/",
        {"organisation": organisation.pk, "reason": "Ruimte nodig"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["outcome"] == "pending"

    response = api.post(f"{BASE}{ref}/transition/", {"to_status": "no_demand"}, format="json")
    assert response.status_code == 400
    assert "outcome_message" in response.json()
    response = api.post(
        f"{BASE}{ref}/transition/",
        {"to_status": "no_demand", "outcome_message": "Niemand kwam."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "no_demand"
    assert OutboundMessage.objects.filter(initiative=case, kind=MessageKind.OUTCOME).exists()


def test_broker_cannot_take_a_colleagues_case_through_the_api(api, broker):
    case = InitiativeFactory(broker=StaffFactory(role=Role.BROKER))
    api.force_authenticate(broker)
    response = api.post(f"{BASE}{case.reference}/assign/", {"broker": broker.pk}, format="json")
    assert response.status_code == 403
    assert "detail" in response.json()


def test_bad_contact_moment_is_400_with_fields(api, broker, case):
    api.force_authenticate(broker)
    response = api.post(
        f"{BASE}{case.reference}/contact-moments/",
        {
            "happened_on": "2099-01-01",
            "channel": "phone",
            "duration_minutes": 5,
            "intervention": "meeting",
            "summary": "x",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "happened_on" in response.json()


def test_cases_api_is_in_the_openapi_schema(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/v1/cases/" in paths
    assert "/api/v1/cases/{reference}/transition/" in paths
    assert "/api/v1/cases/{reference}/contact-moments/" in paths


def test_referral_outcome_through_the_api(api, broker, case):
    from brokers.services import referral_create

    referral = referral_create(
        initiative=case, organisation=OrganisationFactory(), actor=broker, reason="Zorg"
    )
    api.force_authenticate(broker)
    url = f"{BASE}{case.reference}/referrals/{referral.pk}/outcome/"
    assert api.post(url, {"outcome": "pending"}, format="json").status_code == 400
    response = api.post(url, {"outcome": "helped", "note": "Geholpen"}, format="json")
    assert response.status_code == 200
    assert response.json()["outcome"] == "helped"
    other = InitiativeFactory()
    wrong = f"{BASE}{other.reference}/referrals/{referral.pk}/outcome/"
    assert api.post(wrong, {"outcome": "helped"}, format="json").status_code == 404


def test_transition_of_a_colleagues_case_is_403_json(api, broker):
    colleague = StaffFactory(role=Role.BROKER, display_name="Karin Collega")
    case = InitiativeFactory(status=Status.IN_CONVERSATION, broker=colleague)
    case.first_contact_at = timezone.now()
    case.save()
    api.force_authenticate(broker)
    response = api.post(
        f"{BASE}{case.reference}/transition/",
        {"to_status": "stopped", "outcome_message": "Weg."},
        format="json",
    )
    assert response.status_code == 403
    assert "Karin Collega" in response.json()["detail"]
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION


def test_reopen_through_the_api_names_the_chosen_broker(api, broker, coordinator):
    case = InitiativeFactory(
        status=Status.STOPPED,
        first_contact_at=timezone.now(),
        closed_at=timezone.now(),
        outcome_message="Gestopt.",
    )
    api.force_authenticate(coordinator)
    url = f"{BASE}{case.reference}/transition/"
    response = api.post(url, {"to_status": "in_progress"}, format="json")
    assert response.status_code == 400 and "broker" in response.json()
    response = api.post(url, {"to_status": "in_progress", "broker": broker.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["broker"]["id"] == broker.pk
    assert response.json()["outcome_message"] == ""


def test_drf_answers_in_dutch_whatever_the_client_accepts(api, broker, case):
    """Security probe: DRF's own messages came out in English. The API answers in Dutch
    (LANGUAGE_CODE) unless the language cookie chose English; Accept-Language does not
    count, as on the pages."""
    api.credentials(HTTP_ACCEPT_LANGUAGE="en")
    url = f"{BASE}{case.reference}/"
    assert api.get(url).json() == {"detail": "Authenticatiegegevens zijn niet opgegeven."}
    api.force_authenticate(broker)
    assert api.get(f"{BASE}bestaat-niet/").json() == {"detail": "Niet gevonden."}
    response = api.post(f"{url}waiting/", {"waiting": "misschien"}, format="json")
    assert response.json() == {"waiting": ["Geef true of false."]}
    response = api.post(f"{url}notes/", {"text": True}, format="json")
    assert response.json() == {"text": ["Geef hier tekst."]}
    response = api.post(f"{url}notes/", '{"text": "Bel"', content_type="application/json")
    assert response.json() == {"detail": "Dit is geen geldige JSON (regel 1, teken 15)."}
    # ...and in English when the client chose it with the language cookie.
    api.cookies["django_language"] = "en"
    response = api.post(f"{url}waiting/", {"waiting": "misschien"}, format="json")
    assert response.json() == {"waiting": ["Must be a valid boolean."]}


def test_a_lone_surrogate_is_a_400_in_dutch_also_where_the_answer_repeats_it(api, broker, case):
    api.force_authenticate(broker)
    url = f"{BASE}{case.reference}/"
    response = api.post(f"{url}notes/", '{"text": "Bel \\ud800"}', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "text": [
            "Deze tekst bevat een teken dat wij niet kunnen verwerken (U+D800). Haal het "
            "weg, of typ de tekst opnieuw."
        ]
    }
    # DRF's refusal of a choice repeats what was sent: UTF-8 cannot encode it (a 500);
    # the answer escapes it instead.
    body = '{"to_status": "\\ud800"}'
    response = api.post(f"{url}transition/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"to_status": ['"\ud800" is een ongeldige keuze.']}
    assert b"\\ud800" in response.content


def test_a_session_without_csrf_token_is_refused_in_dutch(broker, case):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(broker)
    response = client.post(f"{BASE}{case.reference}/notes/", {"text": "Gebeld"})
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Stuur bij een verzoek met een sessie ook het CSRF-token mee (de kop "
        "X-CSRFToken), of gebruik een token (Authorization: Token ...)."
    }


def test_a_body_over_the_limit_is_a_413_in_json(api, broker, case):
    api.force_authenticate(broker)
    body = '{"text": "' + "x" * 3_000_000 + '"}'
    response = api.post(f"{BASE}{case.reference}/notes/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"].startswith("Het verzoek is te groot.")


def test_a_case_without_neighbourhood_says_null(api, broker):
    """Security probe: the schema said a string; the API answered null."""
    case = InitiativeFactory(neighbourhood=None)
    api.force_authenticate(broker)
    assert api.get(f"{BASE}{case.reference}/").json()["neighbourhood"] is None
    schema = api.get("/api/schema/", {"format": "json"}).json()
    for name in ("CaseList", "CaseDetail"):
        assert schema["components"]["schemas"][name]["properties"]["neighbourhood"] == {
            "type": "string",
            "nullable": True,
            "description": "CBS-buurt- of wijkcode, zoals WK019301.",
            "readOnly": True,
        }
