"""A broker's and a coordinator's working day, walked in Chromium against the demo
(issue 16): what they stumbled over, kept fixed."""

import pytest

from tests.browser.test_casefile import VIEW, _sign_in
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
