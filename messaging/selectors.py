from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.roles import is_coordinator

from .constants import MessageChannel
from .models import OutboundMessage


def outbox_attention_list(*, viewer, mine: bool = False, limit: int = 200):
    """`mine`: only what is the viewer's own (their cases, their staff messages)."""
    qs = _attention(viewer)
    if mine:
        qs = qs.filter(Q(initiative__broker=viewer) | Q(initiative__isnull=True, sender=viewer))
    return qs.select_related(
        "initiative__initiator", "initiative__broker__broker_profile"
    ).order_by("created_at", "pk")[:limit]


def outbox_attention_get(*, viewer, pk: int) -> OutboundMessage | None:
    return _attention(viewer).filter(pk=pk).first()


def _attention(viewer):
    """What staff must look at: e-mails that failed (for good, or are retrying) or are
    stuck unsent, and open call/letter tasks. A broker sees their own cases, cases
    without a broker yet (anyone may pick those up: an acknowledgement to call about,
    say, after registering an idea for a resident) and their staff messages; a
    coordinator sees everything."""
    stuck = timezone.now() - timedelta(minutes=10)
    qs = OutboundMessage.objects.filter(
        Q(channel=MessageChannel.EMAIL, sent_at__isnull=True, cancelled_at__isnull=True)
        & (Q(failed_at__isnull=False) | ~Q(last_error="") | Q(created_at__lt=stuck))
        | Q(
            channel__in=[MessageChannel.PHONE_TASK, MessageChannel.LETTER_TASK],
            sent_at__isnull=True,  # done (message_task_complete) or counted as sent
            done_at__isnull=True,  # done or cancelled (message_tasks_cancel)
        )
    )
    if not is_coordinator(viewer):
        qs = qs.filter(
            Q(initiative__broker=viewer)
            | Q(initiative__isnull=False, initiative__broker__isnull=True)
            | Q(initiative__isnull=True, sender=viewer)
        )
    return qs
