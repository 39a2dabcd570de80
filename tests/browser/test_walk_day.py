"""A broker's and a coordinator's working day, walked in Chromium against the demo
(issue 16): what they stumbled over, kept fixed."""

import pytest

from tests.browser.test_casefile import VIEW, _sign_in
from tests.browser.test_walk import widest_queue_rows
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_j_on_a_published_case_goes_on_without_asking(page, broker):
    # A published idea's case file shows the saved public summary in its form. Before,
    # the guard for unsaved text took that for typed text: j and k asked first, and any
    # link away from the case made the browser ask "leave this site?".
    first = InitiativeFactory(in_conversation=True, broker=broker, published=True)
    second = InitiativeFactory(in_conversation=True, broker=broker)
    _sign_in(page, broker, f"/makelaar/ideeen/{first.reference}/{VIEW}")
    assert page.locator("#id_publish-summary").input_value() != ""
    page.keyboard.press("j")
    page.wait_for_url(f"**/makelaar/ideeen/{second.reference}/*")
    assert page.locator("#unsaved-note").is_hidden()


def test_a_changed_public_summary_still_counts_as_unsaved(page, broker):
    first = InitiativeFactory(in_conversation=True, broker=broker, published=True)
    InitiativeFactory(in_conversation=True, broker=broker)
    _sign_in(page, broker, f"/makelaar/ideeen/{first.reference}/{VIEW}")
    page.locator("#id_publish-summary").fill("Een andere samenvatting.")
    page.keyboard.press("Tab")  # out of the field
    page.keyboard.press("j")
    note = page.locator("#unsaved-note")
    note.wait_for()
    assert "Openbare samenvatting" in note.inner_text()
    assert first.reference in page.url


def test_counters_keep_counting_after_an_action_swapped_the_case_file(page, broker):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    _sign_in(page, broker, f"/makelaar/ideeen/{case.reference}/")
    page.locator("#id_note-text").fill("Gebeld.")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Notitie opslaan").click()
    page.get_by_text("Notitie opgeslagen.").wait_for()
    # Before: every counter in the swapped case file kept the text for a page without
    # JavaScript ("U kunt hoogstens 3000 tekens gebruiken.") and stopped counting.
    page.locator("#id_message-message").fill("Hallo")
    assert page.locator("#id_message-message-count").inner_text() == (
        "U heeft nog 2995 tekens over."
    )


def test_every_queue_column_is_in_view_at_1024_px(page, broker):
    from django.utils import timezone

    # The widest values of the demo (as the 1,280 px test), with a recent activity.
    # Before: the table was 1,141 px wide in a 992 px region at 1,024 px, "Laatste
    # activiteit" and "Ingediend" behind a sideways scroll.
    widest_queue_rows(broker, last_activity_at=timezone.now())
    page.set_viewport_size({"width": 1024, "height": 768})
    _sign_in(page, broker, "/makelaar/")
    region = page.locator("#queue-results .table-scroll")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), region.evaluate(
        "el => [el.scrollWidth, el.clientWidth]"
    )
    # The words stay whole: a status and its badge, each on a line of its own at most.
    status = page.locator("#queue-results tbody tr").first.locator("td").nth(3)
    assert status.locator(".badge").evaluate("b => b.getClientRects().length") == 1


def test_a_cut_title_opens_its_case_with_one_click(page, broker):
    # The title cell shows the whole title wrapped while its link has the keyboard focus.
    # Before, a mouse press focused the link too: the row grew under the pointer and the
    # click often missed (3 of 6 cut titles at 1,024 px did not open their case).
    from django.utils import timezone

    case = InitiativeFactory(
        broker=broker,
        title="Voetbaltoernooi voor jongeren uit de hele wijk en daarbuiten",
        last_activity_at=timezone.now(),  # unread: "Nieuws" before the title
    )
    page.set_viewport_size({"width": 1024, "height": 768})
    _sign_in(page, broker, "/makelaar/")
    cell = page.locator("#queue-results td.title").first
    assert "Nieuws" in cell.inner_text()
    assert cell.evaluate("td => td.scrollWidth > td.clientWidth")  # cut
    cell.locator("a").click()
    page.wait_for_url(f"**/makelaar/ideeen/{case.reference}/*")

    page.go_back()
    page.locator(f"#pick-{case.pk}").focus()
    page.keyboard.press("Tab")  # from the keyboard: the whole title shows
    cell = page.locator("#queue-results td.title").first
    assert cell.evaluate("td => td.scrollWidth <= td.clientWidth")  # wrapped, not cut
