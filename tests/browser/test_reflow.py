"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide (1280 px zoomed to 400 %) a resident's
page must not scroll sideways. Long links, e-mail addresses and file names wrap; a data
table scrolls inside its own region, not the whole page."""

from decimal import Decimal

import pytest

from budgets.models import GrantStatus
from initiatives.links import confirmation_token, private_token
from tests.browser.conftest import assert_accessible
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme
from tests.initiatives.files import PDF
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def narrow(page):
    page.set_viewport_size(NARROW)
    return page


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_confirmation_with_the_private_link_fits(narrow):
    initiative = InitiativeFactory(initiator=InitiatorFactory(no_email=True))
    narrow.goto(f"/idee-indienen/ontvangen/{confirmation_token(initiative)}/")
    link = narrow.locator("main a[href*='/mijn-idee/']")
    assert link.count() == 1
    assert page_width(narrow) <= 320


def test_my_idea_page_fits(narrow, broker):
    initiative = InitiativeFactory(broker=broker)
    narrow.goto(f"/mijn-idee/{private_token(initiative)}/")
    assert broker.email in narrow.locator(".facts").inner_text()
    assert page_width(narrow) <= 320


def test_form_with_a_long_kept_file_name_fits(narrow, tmp_path):
    theme("ontmoeting")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory())
    # Underscores give the browser no place to break the line.
    drawing = tmp_path / ("Plattegrond_buurthuis_met_tuin_" * 4 + "definitief.pdf")
    drawing.write_bytes(PDF)
    narrow.goto("/idee-indienen/")
    narrow.set_input_files("#id_attachments", str(drawing))
    narrow.fill("#id_title", "Straatfeest")
    with narrow.expect_navigation():
        narrow.click("button[data-once]")
    assert narrow.locator(".error-summary").is_visible()
    assert drawing.name in narrow.locator("label[for=kept_0]").inner_text()
    assert page_width(narrow) <= 320


def test_budget_tables_scroll_in_their_own_region(narrow):
    budget = NeighbourhoodBudgetFactory(
        amount=Decimal("1250000"),
        neighbourhood=NeighbourhoodFactory(name="Stadshagen-Westenholte-Schellerhoek"),
    )
    GrantFactory(
        budget=budget,
        initiative=InitiativeFactory(
            in_progress=True,
            neighbourhood=budget.neighbourhood,
            published=True,
            initiator=InitiatorFactory(public=True),
            title="Speeltuin met klimrek, schommels en een zandbak voor de kinderen",
        ),
        status=GrantStatus.APPROVED,
        amount_approved=Decimal("2500"),
    )
    narrow.goto("/wijkbudgetten/")
    assert page_width(narrow) <= 320
    region = narrow.get_by_role("region", name="Wijkbudgetten")
    assert region.locator("table").count() == 1
    # The table is wider than the screen; its region scrolls, by keyboard too.
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert region.get_attribute("tabindex") == "0"
    assert_accessible(narrow)

    narrow.goto(f"/wijkbudgetten/{budget.neighbourhood.code}/{budget.year}/")
    assert page_width(narrow) <= 320
    region = narrow.get_by_role("region", name="Toekenningen uit dit budget")
    assert "Speeltuin met klimrek" in region.inner_text()
    assert_accessible(narrow)


# A phone of 375 px zoomed to 200 %: the smallest width residents reach the file
# chooser at.
ZOOMED_PHONE = {"width": 188, "height": 640}


def test_forms_with_a_file_chooser_fit_a_phone_zoomed_to_200_percent(page, broker):
    """The browser's own file chooser is about 290 px wide: it made the idea form and the
    "add information" form on Mijn idee scroll sideways."""
    theme("ontmoeting")
    page.set_viewport_size(ZOOMED_PHONE)
    page.goto("/idee-indienen/")
    assert page.locator("#id_attachments").is_visible()
    assert page_width(page) <= ZOOMED_PHONE["width"]

    initiative = InitiativeFactory(broker=broker)
    page.goto(f"/mijn-idee/{private_token(initiative)}/")
    assert page.locator("#info_attachments").is_visible()
    assert page_width(page) <= ZOOMED_PHONE["width"]
