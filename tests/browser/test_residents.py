"""A resident in real Chromium: submits an idea with a file using only the keyboard,
follows the private link from the e-mail, adds information and withdraws; another one
makes mistakes and keeps everything typed. axe-core checks every page on the way."""

from urllib.parse import urlparse

import pytest
from django.core import mail

from initiatives.constants import Status
from initiatives.models import Initiative
from initiatives.services import submission_followups_start
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from messaging.services import message_send
from tests.browser.conftest import assert_accessible
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme
from tests.initiatives.files import PDF
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def places():
    for slug in ("groen-leefomgeving", "ontmoeting", "sport"):
        theme(slug)
    hood = NeighbourhoodFactory(code="WK019300", name="Binnenstad")
    PostcodeRangeFactory(neighbourhood=hood)
    return hood


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_file_with_keyboard(page, path):
    """Space opens the focused file input's chooser; on a busy machine the first press is
    sometimes not taken, so try Enter (which also opens it) once more."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for key in ("Space", "Enter"):
        try:
            with page.expect_file_chooser(timeout=5_000) as chooser:
                page.keyboard.press(key)
        except PlaywrightTimeout:
            continue
        chooser.value.set_files(str(path))
        return
    raise AssertionError("the file chooser did not open from the keyboard")


def test_keyboard_only_submission_with_attachment_then_follow_the_private_link(
    page, places, tmp_path
):
    drawing = tmp_path / "tekening.pdf"
    drawing.write_bytes(PDF)
    page.goto("/idee-indienen/")
    assert_accessible(page)

    tab_to(page, "#id_title")
    page.keyboard.type("Buurtmoestuin achter de flat")
    tab_to(page, "#id_description")
    page.keyboard.type("Met de buren groente kweken. Voor iedereen in de straat.")
    tab_to(page, "#id_theme")
    page.keyboard.type("Groen")
    tab_to(page, "#id_postcode")
    page.keyboard.type("8011 AB")
    tab_to(page, "#id_needs_5")
    page.keyboard.press("Space")
    tab_to(page, "#id_attachments")
    choose_file_with_keyboard(page, drawing)
    tab_to(page, "#id_initiator_kind_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_name")
    page.keyboard.type("Anna de Vries")
    tab_to(page, "#id_email")
    page.keyboard.type("anna@example.nl")
    tab_to(page, "#id_preferred_channel_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_consent_contact")
    page.keyboard.press("Space")
    tab_to(page, "#id_consent_publish")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit][data-once]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/idee-indienen/ontvangen/**")
    initiative = Initiative.objects.get()
    assert initiative.reference in page.locator("main").inner_text()
    assert initiative.neighbourhood == places
    assert initiative.needs == ["volunteers"]
    assert initiative.attachments.get().original_name == "tekening.pdf"
    assert_accessible(page)

    # The worker writes the acknowledgement and sends it; its link opens the resident's
    # own page.
    submission_followups_start()
    ack = OutboundMessage.objects.get(initiative=initiative, kind=MessageKind.ACKNOWLEDGEMENT)
    assert message_send(message_id=ack.pk)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/mijn-idee/" in line)
    page.goto(urlparse(link.strip()).path)
    assert "Buurtmoestuin achter de flat" in page.locator("h1").inner_text()
    assert "Nieuw" in page.locator(".facts").inner_text()
    assert "tekening.pdf" in page.locator("main").inner_text()
    assert_accessible(page)

    tab_to(page, "#info_text")
    page.keyboard.type("Wij zijn al met zes buren.")
    tab_to(page, "#add-information ~ form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Wij zijn al met zes buren." in page.locator(".timeline").inner_text()

    tab_to(page, "#withdraw_reason")
    page.keyboard.type("Geen tijd meer.")
    tab_to(page, "#withdraw_confirm")
    page.keyboard.press("Space")
    tab_to(page, "#withdraw ~ form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Uw idee is ingetrokken." in page.locator(".flash-messages").inner_text()
    initiative.refresh_from_db()
    assert initiative.status == Status.WITHDRAWN
    assert_accessible(page)


def test_wrong_input_keeps_everything_typed(page, places, tmp_path):
    drawing = tmp_path / "plattegrond.pdf"
    drawing.write_bytes(PDF)
    page.goto("/idee-indienen/")
    page.set_input_files("#id_attachments", str(drawing))
    page.fill("#id_title", "<b>Straatfeest</b>")
    page.fill("#id_description", "Een feest met de hele straat, met muziek en eten.")
    page.select_option("#id_theme", "ontmoeting")
    page.fill("#id_postcode", "9999 ZZ")
    page.check("#id_needs_0")
    page.fill("#id_name", "Piet Jansen")
    page.fill("#id_email", "piet-at-example")
    page.fill("#id_phone", "06 12345678")
    page.check("#id_preferred_channel_1")
    page.check("#id_consent_matching")
    with page.expect_navigation():
        page.click("button[data-once]")

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    # Focus starts at the summary; its links lead to the fields.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert summary.locator('a[href="#id_title"]').count() == 1
    assert summary.locator('a[href="#id_neighbourhood"]').count() == 1
    assert summary.locator('a[href="#id_email"]').count() == 1
    assert summary.locator('a[href="#id_consent_contact"]').count() == 1
    assert page.get_attribute("#id_title", "aria-invalid") == "true"
    assert "id_title-error" in page.get_attribute("#id_title", "aria-describedby")
    assert page.input_value("#id_title") == "<b>Straatfeest</b>"
    assert page.input_value("#id_description").startswith("Een feest met de hele straat")
    assert page.input_value("#id_theme") == "ontmoeting"
    assert page.input_value("#id_postcode") == "9999 ZZ"
    assert page.is_checked("#id_needs_0")
    assert page.input_value("#id_name") == "Piet Jansen"
    assert page.input_value("#id_email") == "piet-at-example"
    assert page.input_value("#id_phone") == "06 12345678"
    assert page.is_checked("#id_preferred_channel_1")
    assert page.is_checked("#id_consent_matching")
    # The file is kept: no need to choose it again.
    assert page.is_checked("#kept_0")
    assert "plattegrond.pdf" in page.locator("label[for=kept_0]").inner_text()
    assert_accessible(page)

    summary.locator('a[href="#id_title"]').click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert not Initiative.objects.exists()


def test_similar_ideas_appear_while_typing(page, places):
    InitiativeFactory(
        title="Repair café in het buurthuis",
        published=True,
        initiator=InitiatorFactory(public=True),
    )
    page.goto("/idee-indienen/")
    page.locator("#id_title").press_sequentially("Repair café")
    page.wait_for_selector("#similar-ideas li")
    assert "Repair café in het buurthuis" in page.locator("#similar-ideas").inner_text()
    assert_accessible(page)


def test_gallery_is_accessible_and_offers_help(page, places):
    initiative = InitiativeFactory(
        title="Koffieochtend voor ouderen",
        neighbourhood=places,
        published=True,
        initiator=InitiatorFactory(public=True, name="Geheime Naam"),
    )
    page.goto("/ideeen/")
    assert "Koffieochtend voor ouderen" in page.locator("main").inner_text()
    assert "Geheime Naam" not in page.content()
    assert_accessible(page)

    page.click("text=Koffieochtend voor ouderen")
    assert_accessible(page)
    page.check("#id_kind_0")
    page.fill("#id_description", "Ik kan elke dinsdag koffie zetten.")
    page.fill("#id_name", "Kees")
    page.fill("#id_email", "kees@example.nl")
    page.check("#id_consent_contact")
    with page.expect_navigation():
        page.click("button[data-once]")
    assert "Dank u wel voor uw aanbod" in page.locator(".flash-messages").inner_text()
    assert initiative.offers.count() == 1


def test_broker_registers_a_phone_idea_for_a_resident_without_email(page, places, broker, client):
    # Sign the broker in through the session cookie (the login page is not under test).
    client.force_login(broker)
    page.goto("/")
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": page.url,
            }
        ]
    )
    page.goto("/makelaar/nieuw-idee/")
    assert_accessible(page)
    page.check("#id_channel_0")
    page.fill("#id_title", "Bankje bij de bushalte")
    page.fill("#id_description", "Mevrouw belde: bij de bushalte staat geen bank.")
    page.select_option("#id_theme", "groen-leefomgeving")
    page.fill("#id_postcode", "8011AB")
    page.check("#id_initiator_kind_0")
    page.fill("#id_name", "Mevrouw Jansen")
    page.fill("#id_phone", "038 123 45 67")
    page.check("#id_preferred_channel_1")
    page.check("#id_consent_contact")
    with page.expect_navigation():
        page.click("button[data-once]")

    initiative = Initiative.objects.get()
    assert initiative.channel == "phone"
    assert initiative.registered_by == broker
    flash = page.locator(".flash-messages").inner_text()
    assert initiative.reference in flash
    assert "Bellen" in flash
    assert_accessible(page)
