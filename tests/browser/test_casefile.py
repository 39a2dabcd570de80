"""The case file, tasks and handover in a real browser: keyboard-only shortcuts, two
columns at 1,024 px, preview then send, and axe on each page."""

import pytest

from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.browser.conftest import assert_accessible
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db(transaction=True)

VIEW = "?view=status%3Din_conversation%26sort%3Doldest"


def _sign_in(page, user, path):
    page.goto(f"/accounts/login/?next={path}")
    page.get_by_label("E-mailadres").fill(user.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**{path.split('?')[0]}*")


def _cases(broker, count=3):
    return [
        InitiativeFactory(in_conversation=True, broker=broker, title=f"Idee nummer {n}")
        for n in range(count)
    ]


def test_shortcuts_work_from_the_keyboard_and_never_while_typing(page, broker):
    first, second, third = _cases(broker)
    _sign_in(page, broker, f"/makelaar/ideeen/{first.reference}/{VIEW}")
    assert not page.locator("#shortcuts").evaluate("el => el.open")
    page.keyboard.press("?")
    assert page.locator("#shortcuts").evaluate("el => el.open")
    assert page.locator("#shortcuts").inner_text().count("j") >= 1

    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "case-search"
    page.keyboard.type("jk")  # typing in a field: letters, not shortcuts
    assert page.locator("#case-search").input_value() == "jk"
    assert first.reference in page.url

    page.keyboard.press("Tab")  # out of the field, onto its button
    page.keyboard.press("j")
    page.wait_for_url(f"**/makelaar/ideeen/{second.reference}/*")
    page.keyboard.press("j")
    page.wait_for_url(f"**/makelaar/ideeen/{third.reference}/*")
    page.keyboard.press("k")
    page.wait_for_url(f"**/makelaar/ideeen/{second.reference}/*")


def test_two_columns_from_1024_px_one_below(page, broker):
    (case,) = _cases(broker, 1)
    page.set_viewport_size({"width": 1024, "height": 768})
    _sign_in(page, broker, f"/makelaar/ideeen/{case.reference}/")
    main = page.locator(".case-main").bounding_box()
    side = page.locator(".case-side").bounding_box()
    assert side["x"] >= main["x"] + main["width"] - 1  # the timeline beside the actions
    assert abs(side["y"] - main["y"]) < 5
    assert page.locator("#contact").is_visible() and page.locator("#note").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    assert_accessible(page)

    page.set_viewport_size({"width": 800, "height": 900})
    main = page.locator(".case-main").bounding_box()
    side = page.locator(".case-side").bounding_box()
    assert side["y"] >= main["y"] + main["height"] - 1  # below, one column


def test_preview_then_send(page, broker):
    case = InitiativeFactory(
        in_conversation=True,
        broker=broker,
        initiator=InitiatorFactory(name="Greet Mulder", email="greet@example.nl"),
    )
    _sign_in(page, broker, f"/makelaar/ideeen/{case.reference}/")
    page.locator("#id_transition-to_status").select_option("realised")
    page.locator("#id_transition-outcome_message").fill("De moestuin is open. Dank u!")
    page.locator("#transition-form").get_by_role("button", name="Voorbeeld bekijken").click()
    preview = page.locator("#transition-preview")
    preview.wait_for()
    assert "Gaat per e-mail naar greet@example.nl." in preview.inner_text()
    assert "Beste Greet Mulder" in preview.inner_text()
    assert not OutboundMessage.objects.filter(initiative=case, kind="outcome").exists()
    assert_accessible(page)

    page.get_by_role("button", name="Opslaan en versturen").click()
    page.get_by_text("Bericht per e-mail verstuurd aan greet@example.nl.").wait_for()
    sent = OutboundMessage.objects.get(initiative=case, kind="outcome")
    assert "De moestuin is open. Dank u!" in sent.body


def test_tasks_and_handover_pages_are_accessible(page, coordinator):
    from messaging.constants import MessageChannel, MessageKind
    from messaging.services import message_queue

    leaving = StaffFactory(role="broker", display_name="Bram Vertrekt")
    successor = StaffFactory(role="broker", display_name="Sara Blijft")
    case = InitiativeFactory(broker=leaving, initiator=InitiatorFactory(no_email=True))
    for n in range(2):
        message_queue(
            key=f"browser-{n}",
            kind=MessageKind.STATUS_UPDATE,
            channel=MessageChannel.PHONE_TASK,
            subject=f"Nieuws {n}",
            body="Tekst",
            initiative=case,
        )
    _sign_in(page, coordinator, "/makelaar/berichten/")
    page.get_by_role("button", name="Alles gedaan (2 berichten)").wait_for()
    assert_accessible(page)

    page.goto("/makelaar/overdracht/")
    page.locator("#id_from_broker").select_option(str(leaving.pk))
    page.locator("#id_to_broker").select_option(str(successor.pk))
    page.get_by_role("button", name="Alles overdragen").click()
    page.get_by_role("heading", name="Overdracht bevestigen").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, alles overdragen").click()
    page.get_by_text("1 open idee overgedragen.").wait_for()
    assert_accessible(page)
