"""A broker's day in a real browser: sign in, find a new idea by a word from its
description, claim it, log a phone call, close it as `no_demand` with a message; the
resident's private page then shows the outcome and the message."""

import pytest
from django.conf import settings

from initiatives.constants import Status
from initiatives.links import private_url
from initiatives.models import Initiative
from initiatives.services import InitiatorData, initiative_submit
from tests.browser.conftest import assert_accessible, case_file_url
from tests.initiatives.factories import InitiativeFactory, theme

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGE = "We hielden een avond in het buurthuis, maar er kwam niemand. U heeft het geprobeerd!"


def _new_idea():
    InitiativeFactory.create_batch(3)  # other work in the queue
    return initiative_submit(
        actor=None,
        title="Bloemenperk bij de ingang",
        description="Wij willen zonnebloemen planten langs het fietspad bij de school.",
        theme=theme("groen-leefomgeving"),
        neighbourhood=None,
        initiator=InitiatorData(kind="resident", name="Sanne Visser", email="sanne@example.nl"),
        channel="web",
        needs=["location"],
    )


def test_broker_works_a_case_from_search_to_outcome(page, broker, live_server):
    idea = _new_idea()

    page.goto("/makelaar/")
    assert "/accounts/login/" in page.url
    page.get_by_label("E-mailadres").fill(broker.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/makelaar/")
    assert_accessible(page)

    page.get_by_label("Zoeken op kenmerk, titel, beschrijving of naam").fill("zonnebloemen")
    page.get_by_role("button", name="Toon ideeën").click()
    page.wait_for_function(
        "() => document.querySelectorAll('#queue-results tbody tr').length === 1"
    )
    page.get_by_role("link", name="Bloemenperk bij de ingang").click()
    page.wait_for_url(case_file_url(idea.reference))
    assert "Sanne Visser" in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Dit idee oppakken").click()
    page.get_by_text("U bent nu de ideeënmakelaar van dit idee.").wait_for()

    page.locator("#id_contact-channel").select_option("phone")
    page.locator("#id_contact-duration_minutes").fill("20")
    page.locator("#id_contact-intervention").select_option("meeting")
    page.locator("#id_contact-summary").fill("Gebeld: zij wil een informatieavond houden.")
    page.get_by_role("button", name="Contactmoment opslaan").click()
    page.get_by_text("Contactmoment vastgelegd.").wait_for()
    assert Initiative.objects.get(pk=idea.pk).status == Status.IN_CONVERSATION

    page.locator("#id_transition-to_status").select_option("no_demand")
    page.locator("#id_transition-outcome_message").fill(MESSAGE)
    page.get_by_role("button", name="Opslaan en versturen").click()
    page.get_by_text("Status gewijzigd.").wait_for()
    assert_accessible(page)

    idea.refresh_from_db()
    assert idea.status == Status.NO_DEMAND
    page.goto(private_url(idea).replace(settings.SITE_URL, ""))
    body = page.locator("main").inner_text()
    assert "Geprobeerd, maar er was geen vraag naar" in body
    assert MESSAGE in body


def test_network_page_is_accessible(page, broker):
    page.goto("/accounts/login/?next=/makelaar/netwerk/")
    page.get_by_label("E-mailadres").fill(broker.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/makelaar/netwerk/")
    assert_accessible(page)


def test_lockout_page_is_clear_and_accessible(page, broker):
    page.goto("/accounts/login/")
    for _ in range(5):
        page.get_by_label("E-mailadres").fill(broker.username)
        page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
    page.get_by_role("heading", name="Inloggen tijdelijk geblokkeerd").wait_for()
    assert_accessible(page)


def test_broker_introduces_a_resident_without_email_by_phone(page, broker):
    """A resident registered by phone is matched with one who has e-mail: the broker
    accepts in the case file, the e-mail side answers through its link, the broker
    records the phone side's yes, and both are introduced."""
    from matching import services as matching
    from matching.models import MatchConsent, MatchSuggestion
    from messaging.constants import MessageChannel, MessageKind
    from messaging.models import OutboundMessage
    from tests.initiatives.factories import InitiatorFactory

    with_email = InitiativeFactory(
        title="Repair café in het buurthuis",
        description="Kapotte spullen repareren met vrijwilligers: lampen, fietsen, kleding.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(matching_allowed=True, name="Anna Aalders"),
    )
    by_phone = InitiativeFactory(
        title="Fietsen repareren met jongeren",
        description="Jongeren leren kapotte fietsen repareren in een werkplaats.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(
            matching_allowed=True,
            name="Gerrit Jansen",
            email="",
            phone="038 421 00 00",
            preferred_channel="phone",
        ),
    )
    matching.match_find(initiative_id=by_phone.pk)

    page.goto(f"/accounts/login/?next=/makelaar/ideeen/{by_phone.reference}/")
    page.get_by_label("E-mailadres").fill(broker.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(case_file_url(by_phone.reference))
    page.get_by_role("button", name="Voorstellen aan elkaar (toestemming vragen)").click()
    page.get_by_text("gevraagd per telefoon").wait_for()
    call = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, initiative=by_phone)
    assert call.channel == MessageChannel.PHONE_TASK and "Anna" not in call.body

    suggestion = MatchSuggestion.objects.get()
    matching.match_consent_answer(
        consent=MatchConsent.objects.get(suggestion=suggestion, initiative=with_email),
        agreed=True,
    )
    page.reload()
    assert_accessible(page)
    page.get_by_role(
        "button", name="Ja, gegevens mogen gedeeld worden (deze initiatiefnemer)"
    ).click()
    page.get_by_text("vastgelegd door").wait_for()
    # Focus moves to the outcome, not lost with the replaced panel.
    page.wait_for_function(
        "() => document.activeElement.textContent.trim() === 'Antwoord vastgelegd.'"
    )

    suggestion.refresh_from_db()
    assert suggestion.status == "introduced"
    intro = OutboundMessage.objects.get(kind=MessageKind.INTRODUCTION, initiative=with_email)
    assert "038 421 00 00" in intro.body
    assert_accessible(page)
