"""Writing to the initiator without changing the status (walkthrough, issue 16, defect
1), through the same preview-then-send mechanism as the status form; and standard texts
offered by their purpose and outcome."""

import re

import pytest
from django.urls import reverse

from brokers.constants import StandardTextPurpose
from initiatives.constants import Status
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from tests.brokers.factories import StaffFactory, StandardTextFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def case(broker):
    return InitiativeFactory(
        in_conversation=True,
        broker=broker,
        title="Moestuin achter de school",
        initiator=InitiatorFactory(name="Greet Mulder", email="greet@example.nl"),
    )


@pytest.fixture
def texts():
    return {
        "realised": StandardTextFactory(
            name="Gerealiseerd: bedankt", outcome=Status.REALISED, body="Gelukt, {naam}!"
        ),
        "no_demand": StandardTextFactory(
            name="Geprobeerd, geen vraag naar", outcome=Status.NO_DEMAND, body="Geprobeerd."
        ),
        "close": StandardTextFactory(name="Afsluiten algemeen", body="Wij sluiten af."),
        "update": StandardTextFactory(
            name="Even bijpraten",
            purpose=StandardTextPurpose.UPDATE,
            body="Ik wil graag weten hoe het gaat met '{titel}'.",
        ),
    }


def _url(case):
    return reverse("brokers:case-message", args=[case.reference])


def _options(page, form_id, field):
    form = page.split(f'id="{form_id}"')[1].split("</form>")[0]
    select = form.split(f'name="{field}"')[1].split("</select>")[0]
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_a_message_is_previewed_then_sent_without_changing_the_status(client, broker, case):
    client.force_login(broker)
    words = "Ik heb de wethouder gesproken; zij komt kijken."
    data = {"message-message": words, "message-key": "5f0c3f65-2d0e-4b8a-9d57-3a1c3c1d1f00"}
    page = client.post(_url(case), data | {"preview": "1"}, **HX).content.decode()
    assert "Voorbeeld: dit krijgt de initiatiefnemer" in page
    assert "Gaat per e-mail naar greet@example.nl." in page
    assert "Beste Greet Mulder" in page and words in page
    assert "De status is nu" not in page
    assert not OutboundMessage.objects.filter(initiative=case).exists()

    response = client.post(_url(case), data)
    assert response.status_code == 302
    message = OutboundMessage.objects.get(initiative=case)
    assert message.kind == MessageKind.BROKER_MESSAGE
    assert message.channel == MessageChannel.EMAIL and message.to_email == "greet@example.nl"
    assert words in message.body and message.subject in page
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION
    after = client.get(response["Location"]).content.decode()
    assert "Bericht per e-mail verstuurd aan greet@example.nl." in after
    # In the timeline, as every message to the initiator.
    timeline = after.split('id="tijdlijn"')[1]
    assert message.subject in timeline

    # Sent twice (a double click, a resent form): queued once.
    client.post(_url(case), data)
    assert OutboundMessage.objects.filter(initiative=case).count() == 1


def test_without_email_it_becomes_a_call_task(client, broker):
    case = InitiativeFactory(
        in_conversation=True, broker=broker, initiator=InitiatorFactory(no_email=True)
    )
    client.force_login(broker)
    data = {"message-message": "Ik bel u volgende week."}
    assert (
        "er komt een belopdracht"
        in client.post(_url(case), data | {"preview": "1"}).content.decode()
    )
    page = client.post(_url(case), data, **HX).content.decode()
    assert "Belopdracht aangemaakt" in page
    assert OutboundMessage.objects.get(initiative=case).channel == MessageChannel.PHONE_TASK


def test_an_empty_message_is_refused_next_to_the_field(client, broker, case):
    client.force_login(broker)
    page = client.post(_url(case), {"message-message": "  "}).content.decode()
    assert page.count("Schrijf het bericht aan de initiatiefnemer.") == 2  # summary, field
    assert not OutboundMessage.objects.filter(initiative=case).exists()


def test_only_the_named_broker_or_a_coordinator_writes(client, case, coordinator):
    colleague = StaffFactory(broker=True)
    client.force_login(colleague)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "Alleen die makelaar of een coördinator schrijft de initiatiefnemer." in page
    client.post(_url(case), {"message-message": "Hallo"})
    assert not OutboundMessage.objects.filter(initiative=case).exists()
    client.force_login(coordinator)
    client.post(_url(case), {"message-message": "Hallo"})
    assert OutboundMessage.objects.filter(initiative=case).count() == 1


def test_the_message_form_offers_update_texts_and_inserts_them(client, broker, case, texts):
    client.force_login(broker)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert _options(page, "message-form", "message-standard_text")[1:] == ["Even bijpraten"]
    page = client.post(
        _url(case), {"message-standard_text": texts["update"].pk, "insert": "1"}
    ).content.decode()
    assert "Ik wil graag weten hoe het gaat met &#x27;Moestuin achter de school&#x27;." in page
    # A closing text sent by hand (no JavaScript, an old page) is refused.
    page = client.post(
        _url(case), {"message-standard_text": texts["realised"].pk, "insert": "1"}
    ).content.decode()
    assert "Deze tekst past niet bij de gekozen status." in page


def test_closing_offers_the_texts_of_that_outcome_first(client, broker, case, texts):
    client.force_login(broker)
    url = reverse("brokers:case-transition", args=[case.reference])
    page = client.post(
        url, {"transition-to_status": Status.REALISED, "preview": "1"}
    ).content.decode()
    offered = _options(page, "transition-form", "transition-standard_text")[1:]
    assert offered == ["Gerealiseerd: bedankt", "Afsluiten algemeen"]
    # The walkthrough: "Gestopt" with "Even bijpraten" is refused, and not offered.
    page = client.post(
        url,
        {
            "transition-to_status": Status.STOPPED,
            "transition-standard_text": texts["update"].pk,
            "insert": "1",
        },
    ).content.decode()
    assert "Deze tekst past niet bij de gekozen status." in page
    offered = _options(page, "transition-form", "transition-standard_text")[1:]
    assert offered == ["Afsluiten algemeen"]


def test_a_new_case_is_never_offered_realised_texts(client, broker, texts):
    case = InitiativeFactory(broker=broker)
    assert case.status == Status.NEW
    client.force_login(broker)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    offered = _options(page, "transition-form", "transition-standard_text")
    assert "Gerealiseerd: bedankt" not in offered
    assert "Geprobeerd, geen vraag naar" not in offered
    # Each option says which statuses it suits, for the script that filters the list.
    assert f'value="{texts["update"].pk}" data-statuses="in_conversation"' in page
    assert f'value="{texts["close"].pk}" data-statuses="withdrawn"' in page
