from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def ballots_shuffle() -> int:
    """Beat, every few minutes: ballots lose the transaction id they share with their
    code's use (voting/services/ballots.py)."""
    return services.ballots_shuffle()
