"""The broker's workbench in a real browser: sign-in lands on "My day", a tile leads to
the queue with its filter as a chip, a chip comes off, a shared saved view reaches a
colleague, and "all N in this view" assigns every matching case (not just the page).
axe is clean on My day, the queue and the coordinator's overview; at 320 px the queue
scrolls inside its own region, never the page."""

import pytest
from django.utils import timezone

from accounts.roles import Role
from brokers.models import SavedView
from initiatives.models import Initiative
from tests.accounts.factories import StaffFactory
from tests.browser.conftest import assert_accessible
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, user, next_url=""):
    page.goto("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("E-mailadres").fill(user.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()


def test_my_day_chips_and_a_shared_saved_view(page, broker):
    overdue = timezone.localdate() - timezone.timedelta(days=3)
    InitiativeFactory.create_batch(2, broker=broker, first_contact_due=overdue, title="Te laat")
    InitiativeFactory(broker=broker, title="Op tijd")
    _sign_in(page, broker)
    page.wait_for_url("**/makelaar/mijn-dag/")
    assert_accessible(page)

    page.get_by_role("link", name="2 Eerste contact te laat").click()
    page.wait_for_url("**/makelaar/?mine=true&overdue=true")
    chips = page.get_by_role("group", name="Actieve filters")
    assert chips.locator("a.chip").count() == 2
    assert page.locator("#queue-results tbody tr").count() == 2
    assert_accessible(page)

    page.get_by_text("Deze filters bewaren", exact=True).click()  # folded away
    page.get_by_label("Deze filters bewaren als").fill("Mijn te late")
    page.get_by_label("Delen met collega's").check()
    page.get_by_role("button", name="Weergave bewaren").click()
    page.get_by_text("Weergave ‘Mijn te late’ bewaard.").wait_for()
    assert SavedView.objects.get().shared

    chips.get_by_role("link", name="Eerste contact te laat (filter weghalen)").click()
    page.wait_for_url("**/makelaar/?mine=true")
    assert page.locator("#queue-results tbody tr").count() == 3

    colleague = StaffFactory(role=Role.BROKER)
    page.context.clear_cookies()
    _sign_in(page, colleague, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    page.get_by_role("link", name="Mijn te late").click()
    page.wait_for_url("**/makelaar/?*overdue=true*")
    # The colleague's own "mine" is not the owner's: the filter is what was saved.
    assert page.get_by_role("group", name="Actieve filters").locator("a.chip").count() == 2


def test_select_every_matching_case_and_assign_them(page, coordinator):
    InitiativeFactory.create_batch(55, title="Zonder makelaar")
    InitiativeFactory(broker=coordinator, title="Al van mij")
    colleague = StaffFactory(role=Role.BROKER, display_name="Anna de Vries")
    _sign_in(page, coordinator, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    page.get_by_role("link", name="Zonder makelaar: 55").click()
    page.wait_for_url("**/makelaar/?unassigned=true")
    assert page.locator("#queue-results tbody tr").count() == 50

    page.get_by_label("Alle ideeën op deze pagina kiezen").check()
    assert page.locator("input[data-pick]:checked").count() == 50
    page.get_by_label("Alle 55 ideeën in deze weergave (niet alleen deze pagina)").check()
    page.get_by_label("Toewijzen aan").select_option(label="Anna de Vries")
    page.get_by_role("button", name="Toewijzen", exact=True).click()
    page.get_by_text("55 ideeën toegewezen aan Anna de Vries.").wait_for()
    assert page.url.endswith("/makelaar/?unassigned=true")  # the view is kept
    assert Initiative.objects.filter(broker=colleague).count() == 55
    assert Initiative.objects.filter(broker=coordinator).count() == 1
    assert_accessible(page)

    page.goto("/makelaar/overzicht/")
    page.get_by_role("heading", name="Werkvoorraad per makelaar").wait_for()
    assert_accessible(page)


def test_the_queue_fits_a_phone(page, broker):
    InitiativeFactory.create_batch(3, broker=broker, title="Een heel lang idee " * 5)
    page.set_viewport_size({"width": 320, "height": 640})
    _sign_in(page, broker, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    region = page.get_by_role("region", name="Ideeën in de wachtrij")
    assert region.get_attribute("tabindex") == "0"


def test_the_sort_box_follows_the_order_of_an_htmx_search(page, broker):
    """A search swaps the results in place; the sort box (outside the results) comes
    along, so it shows the best match first, and sending the form again keeps it."""
    today = timezone.localdate()
    InitiativeFactory(
        title="Bankjes in het park",
        description="Ook een moestuin zou mooi zijn.",
        first_contact_due=today + timezone.timedelta(days=1),
    )
    InitiativeFactory(
        title="Moestuin voor de buurt",
        description="Een moestuin, een moestuin met de buren: moestuin.",
        first_contact_due=today + timezone.timedelta(days=6),
    )
    _sign_in(page, broker, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    sort_box = page.get_by_label("Sorteren")
    assert sort_box.input_value() == "deadline"
    assert sort_box.locator("option[value=relevance]").count() == 0
    page.get_by_label("Zoeken op kenmerk, titel, beschrijving of naam").fill("moestuin")
    page.get_by_label("Zoeken op kenmerk, titel, beschrijving of naam").press("Enter")
    page.wait_for_url("**/makelaar/?search_id=*")
    first_row = page.locator("#queue-results tbody tr").first
    assert "Moestuin voor de buurt" in first_row.inner_text()
    assert page.get_by_label("Sorteren").input_value() == "relevance"
    page.get_by_text("Filters en sorteren").click()
    page.get_by_role("button", name="Toon ideeën").last.click()
    page.wait_for_load_state("networkidle")
    assert "sort=" not in page.url
    assert "Moestuin voor de buurt" in first_row.inner_text()
    assert page.get_by_label("Sorteren").input_value() == "relevance"
    assert_accessible(page)
