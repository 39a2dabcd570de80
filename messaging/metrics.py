"""The outbox's figures for /metrics (config/metrics.py), read when Prometheus scrapes."""

from django.db.models import Min
from django.utils import timezone

from config.metrics import gauge_register

from .constants import MessageChannel
from .models import OutboundMessage


def _unsent_email():
    # Not sent, not given up on and not replaced by a newer one (messaging.superseding:
    # never sent): what the workers still have to send (the partial index
    # outbox_unsent_idx covers it). Phone and letter tasks wait for a person.
    return OutboundMessage.objects.filter(
        channel=MessageChannel.EMAIL,
        sent_at__isnull=True,
        failed_at__isnull=True,
        cancelled_at__isnull=True,
    )


def outbox_backlog() -> int:
    return _unsent_email().count()


def outbox_oldest_unsent_age_seconds() -> float:
    oldest = _unsent_email().aggregate(oldest=Min("created_at"))["oldest"]
    return (timezone.now() - oldest).total_seconds() if oldest else 0.0


def outbox_tasks_open() -> int:
    tasks = OutboundMessage.objects.exclude(channel=MessageChannel.EMAIL)
    return tasks.filter(sent_at__isnull=True, failed_at__isnull=True).count()


def outbox_failed() -> int:
    # One a newer message replaced is nothing to act on (the outbox list leaves it too).
    return OutboundMessage.objects.filter(
        sent_at__isnull=True, failed_at__isnull=False, cancelled_at__isnull=True
    ).count()


def register() -> None:
    gauge_register("ideeen_outbox_backlog", "E-mails waiting to be sent.", outbox_backlog)
    gauge_register(
        "ideeen_outbox_oldest_unsent_age_seconds",
        "Age of the oldest e-mail waiting to be sent (0 when none waits).",
        outbox_oldest_unsent_age_seconds,
    )
    gauge_register(
        "ideeen_outbox_tasks_open",
        "Phone and letter tasks waiting for a broker.",
        outbox_tasks_open,
    )
    gauge_register(
        "ideeen_outbox_failed", "Messages given up on, waiting for a person.", outbox_failed
    )
