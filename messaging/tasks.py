from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def message_send(message_id: int) -> bool:
    return services.message_send(message_id=message_id)


@shared_task
def outbox_sweep() -> int:
    """Beat job: hand every overdue unsent message to a worker again."""
    ids = services.outbox_due_ids()
    for message_id in ids:
        message_send.delay(message_id)
    return len(ids)
