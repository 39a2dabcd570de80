"""Thin tasks: ids in, one service call, idempotent (the outbox key and `sent_at` make a
second run a no-op)."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services

logger = logging.getLogger(__name__)


# A retry after the database went away mid-send finds the note the first attempt left
# (services._mark_sent) and records the message as sent, without sending it again.
@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def message_send(message_id: int) -> bool:
    return services.message_send(message_id=message_id)


@shared_task
def outbox_sweep() -> int:
    """Beat job: hand every overdue unsent message to a worker again."""
    ids = services.outbox_due_ids()
    for message_id in ids:
        message_send.delay(message_id)
    if ids:
        logger.info("event=outbox_sweep count=%s", len(ids))
    return len(ids)
