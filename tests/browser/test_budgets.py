from decimal import Decimal

import pytest

from budgets.models import Grant, GrantStatus
from tests.browser.conftest import assert_accessible
from tests.budgets.factories import NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_broker_requests_and_decides_a_grant_with_htmx(page, broker):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("1000"))
    initiative = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    _sign_in(page, broker)
    page.goto(f"/makelaar/budget/idee/{initiative.pk}/")
    page.get_by_text("Nieuwe aanvraag voor het wijkbudget").click()
    page.get_by_label("Wie hebben er iets aan?").fill("De kinderen uit de straat")
    page.get_by_role("button", name="Aanvraag vastleggen").click()
    # Errors come back in the panel, with what was typed kept.
    summary = page.locator("#budget-panel .error-summary")
    summary.wait_for()
    assert "Vul een bedrag in." in summary.inner_text()
    assert page.get_by_label("Wie hebben er iets aan?").input_value() == "De kinderen uit de straat"
    assert_accessible(page)

    page.get_by_label("Gevraagd bedrag in euro's").fill("400")
    page.get_by_label("Waarvoor is het geld?").fill("Krijt en ballen")
    page.get_by_role("button", name="Aanvraag vastleggen").click()
    page.get_by_role("button", name="Besluit vastleggen").wait_for()
    grant = Grant.objects.get(initiative=initiative)
    page.get_by_label("Toekennen", exact=True).check()
    page.get_by_label("Uitleg voor de initiatiefnemer").fill("Past bij de regels.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_role("button", name="Uitbetaald").wait_for()
    grant.refresh_from_db()
    assert grant.status == GrantStatus.APPROVED
    assert page.url.endswith(f"/makelaar/budget/idee/{initiative.pk}/")  # no full reload


def test_budget_management_page_is_accessible(page, coordinator):
    NeighbourhoodBudgetFactory()
    _sign_in(page, coordinator)
    page.goto("/wijkbudgetten/beheer/")
    page.get_by_role("button", name="Opslaan").click()
    page.locator(".error-summary").wait_for()
    assert_accessible(page)
