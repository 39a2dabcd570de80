from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from budgets.models import FundingLine, Grant, GrantEvent, GrantStatus, NeighbourhoodBudget
from budgets.services import grant_account, grant_decide, grant_mark_paid, grant_request
from initiatives.case_file import case_panels
from initiatives.timeline import initiative_timeline
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from neighbourhoods.models import Neighbourhood
from tests.accounts.factories import StaffFactory
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory
from tests.initiatives.files import JPEG, PDF, PNG, docx_bytes, upload
from tests.neighbourhoods.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Philomena Zwartjes"
SECRET_EMAIL = "philomena@geheim.example"
SECRET_PHONE = "06 1111 2222"
SECRET_POSTCODE = "8011XY"


def _funded(budget, broker, *, public=True, story_public=True, title="Speeltuin opknappen"):
    initiator = InitiatorFactory(
        name=SECRET_NAME,
        email=SECRET_EMAIL,
        phone=SECRET_PHONE,
        postcode=SECRET_POSTCODE,
        public=public,
    )
    initiative = InitiativeFactory(
        in_progress=True,
        neighbourhood=budget.neighbourhood,
        initiator=initiator,
        title=title,
        published=public,
    )
    grant = GrantFactory(budget=budget, initiative=initiative, amount_requested=Decimal("400"))
    grant = grant_decide(actor=broker, grant=grant, decision="approve", reason="Mooi plan")
    grant = grant_mark_paid(actor=broker, grant=grant)
    grant_account(
        actor=broker,
        grant=grant,
        story="Veertig kinderen speelden mee.",
        actual_spend="350",
        story_public=story_public,
    )
    return initiative


def test_open_budget_pages_show_money_and_public_ideas_only(client, broker):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("5000"), holder_name="")
    _funded(budget, broker)
    _funded(budget, broker, public=False, title="Verborgen plan")
    response = client.get(f"/wijkbudgetten/{budget.neighbourhood.code}/{budget.year}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Speeltuin opknappen" in html
    assert "Veertig kinderen speelden mee." in html
    assert "Verborgen plan" not in html
    assert "€ 5.000,00" in html  # budget
    assert "€ 700,00" in html  # approved: 2 x 350 after accounting
    for secret in (SECRET_NAME, SECRET_EMAIL, SECRET_PHONE, SECRET_POSTCODE):
        assert secret not in html
    overview = client.get("/wijkbudgetten/").content.decode()
    assert budget.neighbourhood.name in overview
    assert SECRET_NAME not in overview
    assert client.get(f"/wijkbudgetten/{budget.neighbourhood.code}/1999/").status_code == 404


def test_open_budget_page_has_a_bounded_query_count(client, broker, django_assert_max_num_queries):
    budget = NeighbourhoodBudgetFactory()
    for n in range(6):
        _funded(budget, broker, title=f"Idee {n}")
    with django_assert_max_num_queries(6):
        client.get(f"/wijkbudgetten/{budget.neighbourhood.code}/{budget.year}/")
    with django_assert_max_num_queries(6):
        client.get("/wijkbudgetten/")


def test_story_not_allowed_stays_hidden(client, broker):
    budget = NeighbourhoodBudgetFactory()
    _funded(budget, broker, story_public=False)
    html = client.get(f"/wijkbudgetten/{budget.neighbourhood.code}/{budget.year}/").content.decode()
    assert "Speeltuin opknappen" in html
    assert "Veertig kinderen" not in html


def test_grant_decision_without_htmx_redirects_and_with_errors_keeps_input(client, broker):
    grant = GrantFactory()
    client.force_login(broker)
    url = f"/makelaar/budget/toekenning/{grant.pk}/besluit/"
    prefix = f"grant-{grant.pk}"
    response = client.post(
        url,
        {
            f"{prefix}-decision": "approve_part",
            f"{prefix}-amount": "9000",
            f"{prefix}-reason": "Mijn uitleg",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    assert "Vul bij deels toekennen een bedrag in dat lager is dan de gevraagde € 500,00." in html
    assert "Mijn uitleg" in html  # what the broker typed is kept
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REQUESTED

    response = client.post(
        url,
        {
            f"{prefix}-decision": "approve_part",
            f"{prefix}-amount": "200",
            f"{prefix}-reason": "Half",
            "next": f"/makelaar/budget/idee/{grant.initiative_id}/",
        },
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.status, grant.amount_approved) == (GrantStatus.APPROVED, Decimal("200"))


def test_grant_actions_with_htmx_return_the_panel(client, broker):
    budget = NeighbourhoodBudgetFactory()
    initiative = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    client.force_login(broker)
    response = client.post(
        f"/makelaar/budget/idee/{initiative.pk}/aanvraag/",
        {
            "request-budget": budget.pk,
            "request-amount_requested": "",
            "request-purpose": "Verf",
            "request-beneficiaries": "",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="budget-panel"' in response.content.decode()
    assert "Vul een bedrag in." in response.content.decode()
    response = client.post(
        f"/makelaar/budget/idee/{initiative.pk}/aanvraag/",
        {
            "request-budget": budget.pk,
            "request-amount_requested": "300",
            "request-purpose": "Verf",
            "request-beneficiaries": "De straat",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    grant = Grant.objects.get(initiative=initiative)
    assert f'id="grant-{grant.pk}"' in response.content.decode()
    prefix = f"grant-{grant.pk}"
    client.post(
        f"/makelaar/budget/toekenning/{grant.pk}/besluit/",
        {f"{prefix}-decision": "approve", f"{prefix}-reason": "Ja"},
        HTTP_HX_REQUEST="true",
    )
    client.post(f"/makelaar/budget/toekenning/{grant.pk}/betaald/", HTTP_HX_REQUEST="true")
    response = client.post(
        f"/makelaar/budget/toekenning/{grant.pk}/verantwoording/",
        {f"{prefix}-story": "Gelukt", f"{prefix}-actual_spend": "250"},
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == GrantStatus.ACCOUNTED
    response = client.post(
        f"/makelaar/budget/idee/{initiative.pk}/financiering/",
        {"funding-source": "fund", "funding-amount": "1000"},
        HTTP_HX_REQUEST="true",
    )
    assert "Fonds: € 1.000,00" in response.content.decode()


def test_grant_actions_need_a_broker(client, civil_servant):
    grant = GrantFactory()
    url = f"/makelaar/budget/toekenning/{grant.pk}/besluit/"
    assert client.post(url, {}).status_code == 302  # to sign in
    client.force_login(civil_servant)
    assert client.post(url, {}).status_code == 403
    assert client.get(f"/makelaar/budget/idee/{grant.initiative_id}/").status_code == 403


def test_budget_management_for_coordinators(client, broker, coordinator):
    budget = NeighbourhoodBudgetFactory()
    client.force_login(broker)
    assert client.get("/wijkbudgetten/beheer/").status_code == 403
    client.force_login(coordinator)
    assert client.get("/wijkbudgetten/beheer/").status_code == 200
    edit = client.get(f"/wijkbudgetten/beheer/?jaar={budget.year}&budget={budget.pk}")
    assert 'value="10.000,00"' in edit.content.decode()
    year = timezone.localdate().year
    response = client.post(
        "/wijkbudgetten/beheer/",
        {
            "neighbourhood": budget.neighbourhood.pk,
            "year": year,
            "amount": "abc",
            "holder": "association",
            "holder_name": "Wijkvereniging",
        },
    )
    assert response.status_code == 400
    assert "Vul een bedrag in euro" in response.content.decode()
    assert "Wijkvereniging" in response.content.decode()
    response = client.post(
        "/wijkbudgetten/beheer/",
        {
            "neighbourhood": budget.neighbourhood.pk,
            "year": year,
            "amount": "12500",
            "holder": "association",
            "holder_name": "Wijkvereniging",
            "rules": "Samen beslissen.",
        },
    )
    assert response.status_code == 302
    budget.refresh_from_db()
    assert (budget.amount, budget.holder_name) == (Decimal("12500"), "Wijkvereniging")
    assert NeighbourhoodBudget.objects.count() == 1


def test_case_panel_and_timeline(broker, rf, django_assert_max_num_queries):
    budget = NeighbourhoodBudgetFactory()
    initiative = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    grant = grant_request(
        actor=broker,
        initiative=initiative,
        budget=budget,
        amount=Decimal("500"),
        purpose="Verf",
        beneficiaries="De straat",
    )
    grant_decide(actor=broker, grant=grant, decision="decline", reason="Budget is op")
    request = rf.get("/")
    request.user = broker
    with django_assert_max_num_queries(8):
        panels = {p.key: ctx for p, ctx in case_panels(grant.initiative, request)}
    assert panels["budget"]["grants"][0].pk == grant.pk
    titles = [e.title for e in initiative_timeline(grant.initiative) if e.kind == "grant"]
    assert titles == ["Wijkbudget aangevraagd: € 500,00", "Aanvraag wijkbudget afgewezen"]


def test_receipts_must_be_pdf_or_image(client, broker):
    grant = GrantFactory()
    grant = grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    grant_mark_paid(actor=broker, grant=grant)
    client.force_login(broker)
    prefix = f"grant-{grant.pk}"
    url = f"/makelaar/budget/toekenning/{grant.pk}/verantwoording/"
    fake = SimpleUploadedFile(
        "bon.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )
    response = client.post(
        url,
        {f"{prefix}-story": "Gelukt", f"{prefix}-actual_spend": "100", f"{prefix}-receipts": fake},
    )
    assert response.status_code == 400
    assert "bon.pdf is geen PDF, JPG of PNG." in response.content.decode()
    pdf = SimpleUploadedFile("bon.pdf", b"%PDF-1.4\n%bon\n", content_type="application/pdf")
    response = client.post(
        url,
        {f"{prefix}-story": "Gelukt", f"{prefix}-actual_spend": "100", f"{prefix}-receipts": pdf},
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.receipts.count() == 1


def test_receipts_are_for_brokers_only(client, broker, civil_servant):
    grant = GrantFactory()
    grant = grant_mark_paid(
        actor=broker, grant=grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    )
    pdf = SimpleUploadedFile("bon.pdf", b"%PDF-1.4\n%bon\n", content_type="application/pdf")
    grant_account(actor=broker, grant=grant, story="Goed", actual_spend="10", receipts=[pdf])
    url = f"/makelaar/budget/bon/{grant.receipts.get().pk}/"
    assert client.get(url).status_code == 302
    client.force_login(civil_servant)
    assert client.get(url).status_code == 403
    client.force_login(broker)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_request_must_use_the_budget_of_the_ideas_neighbourhood(broker):
    other = NeighbourhoodBudgetFactory()
    initiative = InitiativeFactory(in_progress=True)
    with pytest.raises(ValidationError) as exc:
        grant_request(
            actor=broker,
            initiative=initiative,
            budget=other,
            amount=10,
            purpose="x",
            beneficiaries="y",
        )
    assert "budget" in exc.value.message_dict


def test_budget_panel_in_the_brokers_case_file(client, broker):
    grant = GrantFactory(purpose="Krijt-en-ballen-voor-het-plein")
    client.force_login(broker)
    response = client.get(f"/makelaar/ideeen/{grant.initiative.reference}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="budget-panel"' in html
    assert "Krijt-en-ballen-voor-het-plein" in html
    assert f'action="/makelaar/budget/toekenning/{grant.pk}/besluit/"' in html


def test_a_request_above_what_is_left_says_what_is_short_without_a_minus(client, broker):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("8800"))
    grant = GrantFactory(budget=budget, amount_requested=Decimal("60000"))
    client.force_login(broker)
    html = client.get(f"/makelaar/ideeen/{grant.initiative.reference}/").content.decode()
    assert "€ 51.200,00 te weinig: ken deels toe of wijs af" in html
    assert "-51.200" not in html


def test_budget_management_page_query_count_does_not_grow(
    client, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    budget = NeighbourhoodBudgetFactory()
    _funded(budget, coordinator)
    with django_assert_max_num_queries(20) as few:
        assert client.get("/wijkbudgetten/beheer/").status_code == 200
    for n in range(5):
        more = NeighbourhoodBudgetFactory(year=budget.year)
        _funded(more, coordinator, title=f"Idee {n}")
        GrantFactory(budget=more)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/wijkbudgetten/beheer/").status_code == 200


def test_unspent_money_is_paid_back_from_the_case_panel(client, broker):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("500"))
    grant = GrantFactory(budget=budget, amount_requested=Decimal("300"))
    grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    grant_mark_paid(actor=broker, grant=grant)
    grant_account(actor=broker, grant=grant, story="Minder nodig.", actual_spend="250")
    client.force_login(broker)
    panel = client.get(f"/makelaar/budget/idee/{grant.initiative_id}/").content.decode()
    assert "moet nog terug naar het wijkbudget" in panel
    assert "€ 50,00 is terugbetaald" in panel
    response = client.post(
        f"/makelaar/budget/toekenning/{grant.pk}/terugbetaald/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "terugbetaald op" in response.content.decode()
    grant.refresh_from_db()
    assert grant.returned_at is not None


# --- amounts beyond what the ledger holds are a form error, not a 500 -------------------

TOO_MUCH = "Dit bedrag is te hoog."


def test_a_huge_grant_request_is_a_clear_error_not_a_500(client, broker):
    budget = NeighbourhoodBudgetFactory()
    initiative = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    client.force_login(broker)
    response = client.post(
        f"/makelaar/budget/idee/{initiative.pk}/aanvraag/",
        {
            "request-budget": budget.pk,
            "request-amount_requested": "25000000000",
            "request-purpose": "Verf",
            "request-beneficiaries": "De straat",
        },
    )
    assert response.status_code == 400  # the form again, with the message
    assert TOO_MUCH in response.content.decode()
    assert not Grant.objects.exists()


@pytest.mark.parametrize(
    ("form_name", "field", "data"),
    [
        ("GrantRequestForm", "amount_requested", {}),
        ("GrantDecisionForm", "amount", {"decision": "approve_part", "reason": "x"}),
        ("GrantAccountForm", "actual_spend", {"story": "x"}),
        ("FundingLineForm", "amount", {"source": "fund"}),
        ("BudgetForm", "amount", {"year": 2026, "holder": "municipality"}),
    ],
)
@pytest.mark.parametrize("amount", ["25000000000", "10000000000.00", "99999999999"])
def test_every_money_field_refuses_more_than_the_ledger_holds(form_name, field, data, amount):
    from budgets import forms

    form = getattr(forms, form_name)(data={**data, field: amount})
    form.is_valid()
    assert any(TOO_MUCH in str(error) for error in form.errors.get(field, [])), form.errors


def test_every_money_field_is_bounded():
    from django import forms as django_forms

    from budgets import forms

    for form_class in vars(forms).values():
        if isinstance(form_class, type) and issubclass(form_class, django_forms.BaseForm):
            for name, field in form_class.base_fields.items():
                if isinstance(field, django_forms.DecimalField):
                    assert field.max_value is not None and field.max_digits == 12, name


def test_services_refuse_huge_amounts_too(broker, coordinator):
    budget = NeighbourhoodBudgetFactory()
    initiative = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    with pytest.raises(ValidationError) as refused:
        grant_request(
            actor=broker,
            initiative=initiative,
            budget=budget,
            amount=Decimal("25000000000"),
            purpose="Verf",
            beneficiaries="De straat",
        )
    assert TOO_MUCH in str(refused.value.message_dict["amount_requested"])


def test_money_in_the_timeline_follows_the_readers_language(broker):
    from django.utils import translation

    budget = NeighbourhoodBudgetFactory(amount=Decimal("5000"))
    initiative = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    grant = GrantFactory(budget=budget, initiative=initiative, amount_requested=Decimal("1400"))
    grant = grant_decide(actor=broker, grant=grant, decision="approve", reason="Mooi plan")
    grant = grant_mark_paid(actor=broker, grant=grant)
    with translation.override("en"):
        grant_account(actor=broker, grant=grant, story="Gelukt.", actual_spend="250")
    entry = [e for e in initiative_timeline(initiative) if e.kind == "grant"][-1]
    assert entry.title == "Verantwoording ontvangen: € 250,00 uitgegeven"
    # Titles and the system's note are made when shown, in the reader's language, like
    # the budget panel beside them; the stored note stays Dutch (the history).
    with translation.override("en"):
        english = [e for e in initiative_timeline(initiative) if e.kind == "grant"][-1]
    assert "€ 250.00" in english.title
    assert english.text.startswith("€ 1,150.00 was not spent")
    assert entry.text.startswith("€ 1.150,00 is niet uitgegeven en moet terug naar het wijkbudget.")
    stored = GrantEvent.objects.filter(grant=grant, status="accounted").get().note
    assert stored.startswith("€ 1.150,00 is niet uitgegeven")


# --- Deciding a grant someone else just decided (issue 14, item 12) ----------------------


def _decided_by_a_colleague():
    grant = GrantFactory()
    colleague = StaffFactory(role=Role.BROKER)
    grant_decide(actor=colleague, grant=grant, decision="approve", reason="Mooi plan")
    return grant


def _second_decision(client, grant, **headers):
    prefix = f"grant-{grant.pk}"
    return client.post(
        f"/makelaar/budget/toekenning/{grant.pk}/besluit/",
        {
            f"{prefix}-decision": "decline",
            f"{prefix}-reason": "Past niet",
            "next": f"/makelaar/budget/idee/{grant.initiative_id}/",
        },
        **headers,
    )


def _decided_once(grant):
    grant.refresh_from_db()
    assert (grant.status, grant.decision_reason) == (GrantStatus.APPROVED, "Mooi plan")
    # One decision in the grant's history: the colleague's.
    assert list(grant.events.values_list("status", "actor")) == [
        (GrantStatus.APPROVED, grant.decided_by_id)
    ]
    assert FundingLine.objects.filter(grant=grant).count() == 1
    assert OutboundMessage.objects.filter(kind=MessageKind.GRANT_DECISION).count() == 1


def test_a_second_decision_with_htmx_says_it_was_already_decided(client, broker):
    grant = _decided_by_a_colleague()
    client.force_login(broker)

    response = _second_decision(client, grant, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200 and 'id="budget-panel"' in html
    assert 'role="alert"' in html and "Over deze aanvraag is al besloten." in html
    assert "Mooi plan" in html  # the decision that stands
    _decided_once(grant)


def test_a_second_decision_without_htmx_says_it_was_already_decided(client, broker):
    grant = _decided_by_a_colleague()
    client.force_login(broker)

    response = _second_decision(client, grant)

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Over deze aanvraag is al besloten." in page
    assert "Het besluit is vastgelegd" not in page
    _decided_once(grant)


def test_already_decided_in_english(client, broker):
    grant = _decided_by_a_colleague()
    client.force_login(broker)
    client.cookies["django_language"] = "en"

    response = _second_decision(client, grant, HTTP_HX_REQUEST="true")

    assert "A decision on this request has already been made." in response.content.decode()


def test_a_one_button_step_refused_says_why_and_not_that_it_worked(client, broker):
    # Same mechanism: "paid" pressed again in a second tab.
    grant = grant_mark_paid(actor=broker, grant=_decided_by_a_colleague())
    client.force_login(broker)
    url = f"/makelaar/budget/toekenning/{grant.pk}/betaald/"

    html = client.post(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'role="alert"' in html and "Alleen een toegekende aanvraag" in html

    response = client.post(url, {"next": f"/makelaar/budget/idee/{grant.initiative_id}/"})
    page = client.get(response["Location"]).content.decode()
    assert "Alleen een toegekende aanvraag" in page and "Uitbetaling vastgelegd." not in page
    assert grant.events.filter(status=GrantStatus.PAID).count() == 1


# --- Receipts follow the attachments' rules (issue 14, item 6) ---------------------------


def _paid(broker):
    grant = grant_decide(actor=broker, grant=GrantFactory(), decision="approve", reason="Ja")
    return grant_mark_paid(actor=broker, grant=grant)


def test_a_png_named_html_is_stored_and_served_as_png(client, broker):
    grant = _paid(broker)
    client.force_login(broker)
    prefix = f"grant-{grant.pk}"
    disguised = upload("bon van Jan.html", PNG, "text/html")
    response = client.post(
        f"/makelaar/budget/toekenning/{grant.pk}/verantwoording/",
        {
            f"{prefix}-story": "Gelukt",
            f"{prefix}-actual_spend": "100",
            f"{prefix}-receipts": disguised,
        },
    )
    assert response.status_code == 302

    receipt = grant.receipts.get()
    assert receipt.file.name.endswith(".png") and "Jan" not in receipt.file.name
    assert (receipt.content_type, receipt.extension) == ("image/png", ".png")
    response = client.get(f"/makelaar/budget/bon/{receipt.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and disposition.endswith('.png"')
    assert "Jan" not in disposition and ".html" not in disposition
    assert b"".join(response.streaming_content) == PNG


def test_a_receipt_stored_before_the_type_was_kept_is_served_by_its_content(client, broker):
    from django.core.files.base import ContentFile

    from budgets.models import GrantReceipt

    grant = _paid(broker)
    old = GrantReceipt(grant=grant)
    old.file.save("bon.html", ContentFile(PNG), save=True)  # as the old code stored it
    client.force_login(broker)

    response = client.get(f"/makelaar/budget/bon/{old.pk}/")

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].endswith('.png"')
    assert response["X-Content-Type-Options"] == "nosniff"


def test_fifty_receipts_in_one_request_are_refused_with_a_message(client, broker):
    grant = _paid(broker)
    client.force_login(broker)
    prefix = f"grant-{grant.pk}"
    files = [upload(f"bon{n}.pdf", PDF) for n in range(50)]
    response = client.post(
        f"/makelaar/budget/toekenning/{grant.pk}/verantwoording/",
        {f"{prefix}-story": "Gelukt", f"{prefix}-actual_spend": "100", f"{prefix}-receipts": files},
    )
    assert response.status_code == 400
    assert "Kies hoogstens 10 bestanden. U koos er 50." in response.content.decode()
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PAID and not grant.receipts.exists()


def test_the_service_checks_receipts_again(broker):
    # Every caller, not only the form: too many, or not what the content says.
    grant = _paid(broker)
    for receipts in (
        [upload(f"bon{n}.pdf", PDF) for n in range(11)],
        [upload("bon.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")],
        [upload("bon.docx", docx_bytes(), "application/octet-stream")],
    ):
        with pytest.raises(ValidationError) as refused:
            grant_account(
                actor=broker, grant=grant, story="Gelukt", actual_spend="10", receipts=receipts
            )
        assert "receipts" in refused.value.message_dict
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PAID and not grant.receipts.exists()
    grant_account(
        actor=broker,
        grant=grant,
        story="Gelukt",
        actual_spend="10",
        receipts=[upload(f"bon{n}.jpg", JPEG, "image/jpeg") for n in range(10)],
    )
    assert grant.receipts.filter(content_type="image/jpeg", extension=".jpg").count() == 10


def test_a_code_with_a_slash_from_before_the_check_takes_no_budget_page_down(client, coordinator):
    # Entered in the admin before codes were checked: the open budget pages built no link
    # for it (NoReverseMatch, a 500 for everyone).
    budget = NeighbourhoodBudgetFactory(neighbourhood=NeighbourhoodFactory(code="WK01/93"))
    url = reverse("budgets:budget", args=[budget.neighbourhood.code, budget.year])
    assert f'href="{url}"' in client.get(reverse("budgets:budgets")).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert budget.neighbourhood.name in page.content.decode()
    client.force_login(coordinator)
    assert f'href="{url}"' in client.get(reverse("budgets:manage")).content.decode()


def _neighbourhood_admin_form(code):
    return {
        "code": code,
        "name": "Nieuwe wijk",
        "population": "100",
        "postcode_ranges-TOTAL_FORMS": "0",
        "postcode_ranges-INITIAL_FORMS": "0",
        "postcode_ranges-MIN_NUM_FORMS": "0",
        "postcode_ranges-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize("code", ["WK01/93", "WK 0193", "WK0193?", "..", "wijk%2F"])
def test_the_admin_refuses_a_code_that_cannot_be_in_a_link(admin_client, code):
    url = "/admin/neighbourhoods/neighbourhood/add/"
    response = admin_client.post(url, _neighbourhood_admin_form(code))
    assert response.status_code == 200
    assert "Een wijkcode bestaat alleen uit letters, cijfers en streepjes" in (
        response.content.decode()
    )
    assert not Neighbourhood.objects.filter(name="Nieuwe wijk").exists()
    assert admin_client.post(url, _neighbourhood_admin_form("BU01930100")).status_code == 302
    assert Neighbourhood.objects.get(name="Nieuwe wijk").code == "BU01930100"


# --- Review round: refusals in the panel say only what went wrong ---------------------


def test_a_refused_grant_request_with_htmx_shows_its_errors_and_no_success_banner(client, broker):
    initiative = InitiativeFactory(in_progress=True, broker=broker)
    NeighbourhoodBudgetFactory(neighbourhood=initiative.neighbourhood)
    client.force_login(broker)
    response = client.post(
        f"/makelaar/budget/idee/{initiative.pk}/aanvraag/",
        {"request-amount_requested": "", "request-purpose": "", "request-beneficiaries": ""},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="budget-panel"' in html
    assert "De aanvraag is vastgelegd." not in html
    assert 'aria-invalid="true"' in html
    assert not Grant.objects.exists()


def test_a_stale_decision_on_a_grant_paid_meanwhile_says_only_that_it_was_decided(client, broker):
    grant = _decided_by_a_colleague()
    grant_mark_paid(actor=StaffFactory(role=Role.COORDINATOR), grant=grant)
    client.force_login(broker)
    for headers in ({"HTTP_HX_REQUEST": "true"}, {}):
        response = _second_decision(client, grant, **headers)
        html = (
            response.content.decode()
            if headers
            else client.get(response["Location"]).content.decode()
        )
        assert "Over deze aanvraag is al besloten." in html
        assert "Het besluit is vastgelegd" not in html
        # The paid grant offers its own step (accounting), not the decision again.
        assert f'name="grant-{grant.pk}-decision"' not in html
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PAID
