"""A real Celery worker process against the real Redis sends the acknowledgement."""

import pytest

from initiatives.constants import Channel, InitiatorKind
from initiatives.services import InitiatorData, initiative_submit
from messaging.models import OutboundMessage
from tests.conftest import wait_for
from tests.initiatives.factories import theme

pytestmark = pytest.mark.worker


def test_submission_acknowledgement_is_sent_by_a_real_worker(celery_worker_process):
    initiative = initiative_submit(
        actor=None,
        title="Repair café in het buurthuis",
        description="Eén keer per maand samen spullen repareren.",
        theme=theme("duurzaamheid"),
        neighbourhood=None,
        initiator=InitiatorData(
            kind=InitiatorKind.RESIDENT, name="Sanne Smit", email="sanne@example.nl"
        ),
        channel=Channel.WEB,
        needs=["location"],
    )
    message = OutboundMessage.objects.get(initiative=initiative)

    assert wait_for(lambda: OutboundMessage.objects.get(pk=message.pk).sent_at is not None)
    mails = celery_worker_process.sent_mails()
    assert len(mails) == 1
    assert "To: sanne@example.nl" in mails[0]
    assert initiative.reference in mails[0]
