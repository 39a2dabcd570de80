"""Walkthrough defects 2 and 4 (issue 16): a refused bulk action or saved view keeps
what the broker ticked, typed and chose, with the error next to the field."""

import pytest

from brokers.models import SavedView
from tests.browser.conftest import assert_accessible
from tests.initiatives.factories import InitiativeFactory

from .test_walk import _search_in_place, _sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_refused_bulk_action_keeps_everything_and_says_why(page, broker):
    cases = InitiativeFactory.create_batch(3, broker=broker, title="Moestuin")
    InitiativeFactory(broker=broker, title="Bankje", description="Een bank bij de vijver.")
    _sign_in(page, broker, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    _search_in_place(page, "Moestuin")  # htmx: the results swap in place
    page.get_by_text("3 ideeën gevonden").wait_for()

    page.get_by_label(f"Kies {cases[0].reference}").check()
    page.get_by_label("Wacht op initiatiefnemer; waarop").fill("De tekening")
    page.get_by_label("Bericht aan elke initiatiefnemer").fill("Tot ziens")
    page.get_by_role("button", name="Status wijzigen").click()

    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "Kies de nieuwe status." in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#id_bulk_to_status-error").inner_text().endswith("Kies de nieuwe status.")
    assert page.get_by_label(f"Kies {cases[0].reference}").is_checked()
    assert not page.get_by_label(f"Kies {cases[1].reference}").is_checked()
    assert page.get_by_label("Wacht op initiatiefnemer; waarop").input_value() == "De tekening"
    assert page.get_by_label("Bericht aan elke initiatiefnemer").input_value() == "Tot ziens"
    assert page.locator("#queue-results tbody tr").count() == 3  # the same view
    assert_accessible(page)

    # Now choose the status: the action goes ahead on the ticked case only.
    page.get_by_label("Nieuwe status").select_option("in_conversation")
    page.get_by_role("button", name="Status wijzigen").click()
    page.get_by_text("Bij 1 idee de status gewijzigd.").wait_for()


def test_a_saved_view_name_in_use_is_asked_about(page, broker):
    SavedView.objects.create(owner=broker, name="Moestuinen", query="", shared=True)
    InitiativeFactory(broker=broker, title="Moestuin")
    _sign_in(page, broker, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    _search_in_place(page, "Moestuin")
    page.get_by_text("Deze filters bewaren", exact=True).click()  # folded away
    page.get_by_label("Deze filters bewaren als").fill("Moestuinen")
    page.get_by_role("button", name="Weergave bewaren").click()
    page.locator("#id_view_name-error").wait_for()
    assert "Collega's gebruiken deze weergave nu ook" in page.inner_text("#id_view_name-error")
    assert page.get_by_label("Deze filters bewaren als").input_value() == "Moestuinen"
    assert_accessible(page)
    page.get_by_label("Delen met collega's").check()
    page.get_by_role("button", name="Vervangen").click()
    page.get_by_text("Weergave ‘Moestuinen’ bewaard.").wait_for()
    view = SavedView.objects.get()
    assert (view.search, view.shared) == ("Moestuin", True)
    assert page.locator("#queue-results tbody tr").count() == 1
