"""The case file from the keyboard (walkthrough, issue 16): "?" opens the shortcuts where
the broker is and gives focus back; j/k never throw typed text away; a message to the
initiator without a change of status, previewed then sent."""

import pytest
from playwright.sync_api import expect

from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from tests.brokers.factories import StandardTextFactory
from tests.browser.conftest import assert_accessible
from tests.browser.test_casefile import VIEW, _cases, _sign_in
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _settled_scroll(page):
    """window.scrollY once a (smooth) keyboard scroll has come to rest."""
    last = None
    for _attempt in range(50):
        now = page.evaluate("window.scrollY")
        if now == last:
            return now
        last = now
        page.wait_for_timeout(150)
    return last


def test_the_shortcut_list_opens_where_the_broker_is(page, broker):
    first, _second, _third = _cases(broker)
    _sign_in(page, broker, f"/makelaar/ideeen/{first.reference}/{VIEW}")
    page.keyboard.press("/")
    page.keyboard.press("Tab")  # onto the search button
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    before = _settled_scroll(page)
    assert before > 0
    page.keyboard.press("?")
    dialog = page.locator("#shortcuts")
    assert dialog.evaluate("el => el.open")
    box = dialog.bounding_box()
    height = page.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height  # in view, not at the end
    assert _settled_scroll(page) == before
    assert_accessible(page)

    page.keyboard.press("?")  # again: closed, still here, focus back where it was
    assert not dialog.evaluate("el => el.open")
    assert _settled_scroll(page) == before
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zoeken"

    page.keyboard.press("?")
    page.keyboard.press("Escape")
    assert not dialog.evaluate("el => el.open")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zoeken"
    assert _settled_scroll(page) == before


def test_j_and_k_do_not_throw_typed_text_away(page, broker):
    first, second, _third = _cases(broker)
    _sign_in(page, broker, f"/makelaar/ideeen/{first.reference}/{VIEW}")
    page.locator("#id_note-text").focus()
    page.keyboard.type("Gebeld met de school, zij bellen terug.")
    page.keyboard.press("Tab")  # out of the field
    page.keyboard.press("j")
    note = page.locator("#unsaved-note")
    note.wait_for()
    assert "Interne notitie" in note.inner_text()
    assert "druk nogmaals op j" in note.inner_text().lower()
    assert first.reference in page.url
    assert page.locator("#id_note-text").input_value().startswith("Gebeld met de school")

    page.keyboard.press("j")  # again: the broker chose to go on
    page.wait_for_url(f"**/makelaar/ideeen/{second.reference}/*")

    # Leaving by a link (or closing the tab) with typed text: the browser asks first.
    page.locator("#id_contact-summary").focus()
    page.keyboard.type("Kort overleg")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.locator('[data-shortcut="previous"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert second.reference in page.url


def test_saving_the_text_is_not_stopped_by_the_guard(page, broker):
    first, second, _third = _cases(broker)
    _sign_in(page, broker, f"/makelaar/ideeen/{first.reference}/{VIEW}")
    page.locator("#id_note-text").focus()
    page.keyboard.type("Opgeslagen notitie")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Notitie opslaan"
    page.get_by_text("Notitie opgeslagen.").wait_for()
    page.keyboard.press("j")  # saved: nothing to lose, no question
    page.wait_for_url(f"**/makelaar/ideeen/{second.reference}/*")


def test_a_message_to_the_initiator_without_changing_the_status(page, broker):
    case = InitiativeFactory(
        in_conversation=True,
        broker=broker,
        title="Moestuin achter de school",
        initiator=InitiatorFactory(name="Greet Mulder", email="greet@example.nl"),
    )
    StandardTextFactory(name="Even bijpraten", purpose="update", body="Hoe gaat het met {titel}?")
    StandardTextFactory(name="Gerealiseerd: bedankt", outcome="realised", body="Gelukt!")
    _sign_in(page, broker, f"/makelaar/ideeen/{case.reference}/")
    form = page.locator("#message-form")
    texts = form.locator("#id_message-standard_text option")
    assert texts.all_inner_texts() == ["Geen: zelf schrijven", "Even bijpraten"]
    form.locator("#id_message-standard_text").select_option(label="Even bijpraten")
    form.get_by_role("button", name="Tekst invoegen").click()
    message = page.locator("#id_message-message")
    expect(message).to_be_focused()
    assert message.input_value() == "Hoe gaat het met Moestuin achter de school?"
    page.keyboard.press("End")
    page.keyboard.type(" Ik bel u dinsdag.")
    page.locator("#message-form").get_by_role("button", name="Voorbeeld bekijken").click()
    preview = page.locator("#message-preview")
    preview.wait_for()
    assert "Gaat per e-mail naar greet@example.nl." in preview.inner_text()
    assert "Ik bel u dinsdag." in preview.inner_text()
    assert not OutboundMessage.objects.filter(initiative=case).exists()
    assert_accessible(page)

    page.locator("#message-form").get_by_role("button", name="Versturen").click()
    page.get_by_text("Bericht per e-mail verstuurd aan greet@example.nl.").wait_for()
    sent = OutboundMessage.objects.get(initiative=case)
    assert sent.kind == MessageKind.BROKER_MESSAGE and "Ik bel u dinsdag." in sent.body
    case.refresh_from_db()
    assert case.status == "in_conversation"
    assert page.locator("#message-form #id_message-message").input_value() == ""


def test_the_status_form_shows_only_texts_that_suit_the_chosen_status(page, broker):
    (case,) = _cases(broker, 1)
    StandardTextFactory(name="Even bijpraten", purpose="update", body="Hoe gaat het?")
    StandardTextFactory(name="Gerealiseerd: bedankt", outcome="realised", body="Gelukt!")
    StandardTextFactory(name="Geprobeerd, geen vraag naar", outcome="no_demand", body="Jammer.")
    _sign_in(page, broker, f"/makelaar/ideeen/{case.reference}/")
    status = page.locator("#id_transition-to_status")
    texts = page.locator("#id_transition-standard_text option:not([hidden])")
    status.select_option("stopped")
    assert texts.all_inner_texts() == ["Geen: zelf schrijven"]
    status.select_option("realised")
    assert texts.all_inner_texts() == ["Geen: zelf schrijven", "Gerealiseerd: bedankt"]
    status.select_option("in_progress")
    assert texts.all_inner_texts() == ["Geen: zelf schrijven", "Even bijpraten"]
