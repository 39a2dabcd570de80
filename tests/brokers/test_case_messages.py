"""Messages to initiators from the case file: standard texts with placeholders, a
preview of exactly what the initiator gets, and a confirmation naming the channel."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brokers.models import StandardText
from brokers.services import standard_text_save
from initiatives.constants import Status
from messaging.constants import MessageChannel
from messaging.models import OutboundMessage
from tests.brokers.factories import StandardTextFactory
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


def _url(case):
    return reverse("brokers:case-transition", args=[case.reference])


def test_inserting_a_standard_text_fills_in_its_placeholders_without_javascript(
    client, broker, case
):
    text = StandardTextFactory(body="Beste {naam}, uw idee {titel} ({kenmerk}) is gelukt.")
    client.force_login(broker)
    response = client.post(
        _url(case),
        {
            "transition-to_status": Status.REALISED,
            "transition-standard_text": text.pk,
            "transition-note": "intern",
            "insert": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Beste Greet Mulder, uw idee Moestuin achter de school ({case.reference})" in page
    assert "intern" in page  # what was typed stays
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION
    assert not OutboundMessage.objects.filter(initiative=case, kind="outcome").exists()


def test_insert_without_a_choice_says_so_next_to_the_field(client, broker, case):
    StandardTextFactory()
    client.force_login(broker)
    page = client.post(
        _url(case), {"transition-to_status": Status.REALISED, "insert": "1"}
    ).content.decode()
    assert "Kies eerst een standaardtekst." in page
    assert page.count("Kies eerst een standaardtekst.") == 2  # summary and field


def test_preview_shows_exactly_what_is_sent_and_sends_nothing(client, broker, case):
    client.force_login(broker)
    words = "Het is gelukt: de moestuin is open."
    data = {"transition-to_status": Status.REALISED, "transition-outcome_message": words}
    page = client.post(_url(case), data | {"preview": "1"}, **HX).content.decode()
    assert "Voorbeeld: dit krijgt de initiatiefnemer" in page
    assert "Gaat per e-mail naar greet@example.nl." in page
    assert not OutboundMessage.objects.filter(initiative=case, kind="outcome").exists()
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION

    response = client.post(_url(case), data)
    assert response.status_code == 302
    message = OutboundMessage.objects.get(initiative=case, kind="outcome")
    # The preview was the real rendering: subject and body as queued (the status too).
    assert message.subject in page
    for line in message.body_for_staff.strip().splitlines():
        assert line.replace('"', "&quot;") in page, line
    assert "/mijn-idee/[afgeschermd]/" in page.split('id="transition-preview"')[1]  # shielded
    flash = client.get(response["Location"]).content.decode()
    assert "Bericht per e-mail verstuurd aan greet@example.nl." in flash


def test_a_resident_without_email_gets_a_call_task_and_the_broker_is_told(client, broker):
    case = InitiativeFactory(
        in_conversation=True, broker=broker, initiator=InitiatorFactory(no_email=True)
    )
    client.force_login(broker)
    data = {"transition-to_status": Status.STOPPED, "transition-outcome_message": "Gestopt."}
    preview = client.post(_url(case), data | {"preview": "1"}).content.decode()
    assert "er komt een belopdracht" in preview
    response = client.post(_url(case), data, **HX)
    assert "Belopdracht aangemaakt" in response.content.decode()
    assert OutboundMessage.objects.get(initiative=case).channel == MessageChannel.PHONE_TASK


def test_a_change_without_words_tells_that_no_message_goes_out(client, broker, case):
    client.force_login(broker)
    data = {"transition-to_status": Status.IN_PROGRESS}
    preview = client.post(_url(case), data | {"preview": "1"}).content.decode()
    assert "krijgt de initiatiefnemer geen bericht" in preview
    response = client.post(_url(case), data, **HX)
    assert "De initiatiefnemer krijgt hierover geen bericht." in response.content.decode()


def test_standard_texts_are_saved_through_the_service_and_checked(admin_user):
    text = StandardText(name="Gestopt", body="Beste {naam}, jammer.")
    standard_text_save(text=text, actor=admin_user)
    assert text.updated_by == admin_user
    with pytest.raises(ValidationError):
        standard_text_save(
            text=StandardText(name="Fout", body="Beste {voornaam}"), actor=admin_user
        )


def test_the_admin_refuses_an_unknown_placeholder(admin_client):
    add = reverse("admin:brokers_standardtext_add")
    response = admin_client.post(
        add, {"name": "Fout", "purpose": "close", "body": "Dag {voornaam}", "is_active": "on"}
    )
    assert "Onbekend: {voornaam}" in response.content.decode()
    admin_client.post(
        add, {"name": "Goed", "purpose": "close", "body": "Dag {naam}", "is_active": "on"}
    )
    assert StandardText.objects.get(name="Goed").body == "Dag {naam}"
