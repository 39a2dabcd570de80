"""A broker's and a coordinator's working day, walked against the demo (issue 16): what
they stumbled over, checked without a browser."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from messaging.constants import MessageChannel
from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def test_assigning_a_case_says_where_the_initiator_is_told(client, coordinator, broker):
    # Before: "De initiatiefnemer krijgt bericht", also when that meant a call task the
    # coordinator did not know about.
    case = InitiativeFactory(
        in_conversation=True,
        broker=broker,
        initiator=InitiatorFactory(name="Joost Mulder", phone="06 58309773", no_email=True),
    )
    colleague = StaffFactory(role=Role.BROKER)
    client.force_login(coordinator)
    url = reverse("brokers:case-assign", args=[case.reference])
    flash = client.post(url, {"assign-broker": colleague.pk}, **HX).content.decode()
    assert "Toegewezen. Belopdracht aangemaakt: bel Joost Mulder (06 58309773)" in flash
    assert OutboundMessage.objects.get(initiative=case).channel == MessageChannel.PHONE_TASK


def test_claiming_a_case_says_the_email_went_out(client, broker):
    case = InitiativeFactory(initiator=InitiatorFactory(email="greet@example.nl"))
    client.force_login(broker)
    url = reverse("brokers:case-claim", args=[case.reference])
    flash = client.post(url, **HX).content.decode()
    assert (
        "U bent nu de ideeënmakelaar van dit idee. Bericht per e-mail verstuurd aan "
        "greet@example.nl." in flash
    )


def test_assigning_the_same_broker_again_tells_nothing_is_sent(client, coordinator, broker):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(coordinator)
    url = reverse("brokers:case-assign", args=[case.reference])
    flash = client.post(url, {"assign-broker": broker.pk}, **HX).content.decode()
    assert "Toegewezen." in flash
    assert "verstuurd aan" not in flash
    assert not OutboundMessage.objects.filter(initiative=case).exists()
