from celery import shared_task

from .pending_uploads import pending_uploads_sweep as _sweep


@shared_task(ignore_result=True)
def pending_uploads_sweep() -> int:
    """Beat: remove files kept for forms that were never sent again."""
    return _sweep()
