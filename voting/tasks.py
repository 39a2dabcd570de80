from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def ballots_shuffle() -> int:
    """Beat, every few minutes: ballots lose the transaction id they share with their
    code's use (voting/services/ballots.py)."""
    return services.ballots_shuffle()


# Drawing 50,000 letters takes about half a minute, longer on a busy worker: more than
# the default time limits (config/settings/celery.py).
@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=540,
    time_limit=570,
)
def letters_render(batch_id: int) -> bool:
    """The PDF of one batch of letters (voting/services/codes.py: letters_render)."""
    return services.letters_render(batch_id=batch_id)


@shared_task
def letters_render_resume() -> int:
    """Beat: queue again the letters no worker is drawing (the broker was away at the
    upload, or a worker died while drawing)."""
    unfinished = services.letters_render_unfinished()
    for batch_id in unfinished:
        letters_render.delay(batch_id)
    return len(unfinished)
