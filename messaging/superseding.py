"""An e-mail that a newer message makes wrong is not sent (messaging.services.message_queue).

Of the SUPERSEDING_KINDS ("Uw ideeënmakelaar is ..."), a newer message for the same case
cancels the older e-mails of its kind that have not gone out: a case handed over again
before the first e-mail left gives the initiator one e-mail, the true one, not two that
contradict each other. The older row stays, cancelled and pointing at the newer one, so
the case's timeline says it was replaced.

Exactly once still holds. The cancelling UPDATE takes only rows no worker has claimed
(claimed_until empty: never handed to a mail server, or its attempt failed); a worker
claims only rows not cancelled (services._unsent), under the row lock, so each row is
either sent or cancelled, never both. A row a worker holds (or held, and may have sent)
goes as it would have: the newer e-mail follows it. One already sent stays as it was."""

import logging

from django.utils import timezone

from .constants import MessageChannel
from .models import OutboundMessage

logger = logging.getLogger("messaging.services")


def emails_supersede(message: OutboundMessage) -> int:
    """Cancel the unsent e-mails `message` replaces (same case, same kind, older). Call
    it in the transaction that queued `message`. Returns how many were cancelled."""
    if message.initiative_id is None:
        return 0
    cancelled = (
        OutboundMessage.objects.filter(
            initiative_id=message.initiative_id,
            kind=message.kind,
            channel=MessageChannel.EMAIL,
            sent_at__isnull=True,
            cancelled_at__isnull=True,
            claimed_until__isnull=True,
        )
        .exclude(pk=message.pk)
        .update(cancelled_at=timezone.now(), replaced_by=message, next_attempt_at=None)
    )
    if cancelled:
        logger.info(
            "event=message_superseded message_id=%s kind=%s cancelled=%s",
            message.pk,
            message.kind,
            cancelled,
        )
    return cancelled
