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


def test_the_intake_names_similar_ideas_in_plain_dutch(client, broker):
    # The heading screen readers hear above the similar ideas read "Lijkende ideeën",
    # which is not Dutch.
    client.force_login(broker)
    page = client.get(reverse("initiatives:intake")).content.decode()
    assert "Ideeën die hierop lijken" in page
    assert "Lijkende" not in page


def test_a_task_counted_as_sent_or_cancelled_is_nowhere_open(client, broker):
    """One meaning of an open call task everywhere: neither done (sent_at, as the demo
    marks long-past messages) nor cancelled (done_at alone). Before: the task page and
    My day showed the first kind for ever ("Alles gedaan" said "2 taken afgevinkt" and
    they stayed), the case file's "Te doen" the second."""
    from django.utils import timezone

    from tests.messaging.factories import OutboundMessageFactory

    case = InitiativeFactory(in_conversation=True, broker=broker, title="Bankje")
    task = {"initiative": case, "channel": MessageChannel.PHONE_TASK}
    OutboundMessageFactory(**task, subject="Verstuurd", sent_at=timezone.now())
    OutboundMessageFactory(**task, subject="Vervallen", done_at=timezone.now())
    OutboundMessageFactory(**task, subject="Nog te bellen")
    client.force_login(broker)
    outbox = client.get(reverse("brokers:outbox")).content.decode()
    case_file = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    to_do = case_file.split('id="tasks-heading"')[1].split("</section>")[0]
    for page in (outbox, to_do):
        assert "Nog te bellen" in page
        assert "Verstuurd" not in page
        assert "Vervallen" not in page
    day = client.get(reverse("brokers:day"))
    assert day.context["day"].open_tasks == 1
