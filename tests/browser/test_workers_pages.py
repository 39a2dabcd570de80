"""Resident pages of the workers capability meet WCAG 2.1 AA (axe), with errors."""

import pytest
from django.core import signing
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.initiatives.factories import CheckInFactory, InitiativeFactory, SurveyFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_offer_form_with_errors_is_accessible(page):
    page.goto("/aanbod/")
    assert_accessible(page)
    page.get_by_label("Uw naam (of de naam van uw organisatie)").fill("Bakkerij")
    page.get_by_role("button", name="Aanbod versturen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.get_by_label("Uw naam (of de naam van uw organisatie)").input_value() == "Bakkerij"
    assert_accessible(page)


def test_survey_and_check_in_pages_are_accessible(page):
    survey = SurveyFactory(initiative=InitiativeFactory(realised=True))
    page.goto(f"/tevredenheid/{signing.dumps(survey.pk, salt='messaging.survey')}/")
    assert_accessible(page)
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("4").check()
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("h1")).to_have_text("Dank u wel")

    check_in = CheckInFactory(initiative=InitiativeFactory(in_progress=True), week=4)
    page.goto(f"/hoe-gaat-het/{signing.dumps(check_in.pk, salt='messaging.check-in')}/")
    assert_accessible(page)


def test_consent_page_is_accessible(page, broker):
    from matching import services
    from matching.models import MatchConsent, MatchSuggestion
    from tests.initiatives.factories import InitiatorFactory, theme

    a = InitiativeFactory(
        title="Repair café",
        description="Kapotte spullen repareren met vrijwilligers.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(matching_allowed=True),
    )
    InitiativeFactory(
        title="Fietsen repareren",
        description="Kapotte fietsen repareren met jongeren.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(matching_allowed=True),
    )
    services.match_find(initiative_id=a.pk)
    services.match_accept(suggestion=MatchSuggestion.objects.get(), actor=broker)
    consent = MatchConsent.objects.get(initiative=a)
    page.goto(f"/koppeling/{services.consent_token(consent)}/")
    assert_accessible(page)
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ja, ik wil kennismaken").check()
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("h1")).to_have_text("Dank u wel")
