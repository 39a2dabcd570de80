"""Issue 18: the maps in real Chromium: axe clean on the figures page and the open budget
page with their maps, each neighbourhood reachable by keyboard, and the gallery filtered
by a click on the map."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from budgets.services import grant_decide
from demo import places
from neighbourhoods.models import Neighbourhood
from tests.browser.conftest import assert_accessible
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db(transaction=True)
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def town(broker):
    places.seed()
    hoods = list(Neighbourhood.objects.order_by("code"))
    budget = NeighbourhoodBudgetFactory(year=2025, neighbourhood=hoods[0], amount=Decimal(9000))
    for index, hood in enumerate(hoods[:4]):
        InitiativeFactory(
            neighbourhood=hood,
            initiator=InitiatorFactory(public=True),
            published=True,
            submitted_at=datetime(2025, 3, 3 + index, 10, tzinfo=AMS),
        )
    idea = InitiativeFactory(neighbourhood=hoods[0])
    grant = GrantFactory(budget=budget, initiative=idea, amount_requested=Decimal("900"))
    grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    return hoods


def _sign_in(page, user, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**{next_url}")


def test_the_figures_page_with_its_map_is_accessible(page, civil_servant, town):
    _sign_in(page, civil_servant, "/cijfers/2025/")
    areas = page.locator("#map-reach a.map-area")
    assert areas.count() == len(town)
    assert areas.first.bounding_box()["width"] > 10  # drawn
    assert_accessible(page)
    # Keyboard: each neighbourhood is a link; following it lands on its table row.
    areas.first.focus()
    assert page.evaluate("document.activeElement.classList.contains('map-area')")
    page.keyboard.press("Enter")
    page.wait_for_url("**#reach-*")


def test_the_open_budget_page_with_its_map_is_accessible(page, town):
    page.goto("/wijkbudgetten/?jaar=2025")
    assert page.locator("#map-spent a.map-area").count() == len(town)
    assert page.locator("#map-spent .map-legend li").count() >= 2
    assert_accessible(page)
    page.locator(f'#map-spent a[href="/wijkbudgetten/{town[0].code}/2025/"]').click()
    page.wait_for_url(f"**/wijkbudgetten/{town[0].code}/2025/")


def test_a_click_on_the_map_filters_the_gallery(page, town):
    page.goto("/ideeen/")
    assert_accessible(page)
    page.locator(f'#map-gallery a[href="?wijk={town[1].code}"]').click()
    page.wait_for_url(f"**/ideeen/?wijk={town[1].code}")
    assert (
        page.locator(f'#map-gallery a[aria-current="true"][href="?wijk={town[1].code}"]').count()
        == 1
    )
    assert page.locator("#filter-wijk").input_value() == town[1].code
