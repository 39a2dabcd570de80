import logging

from celery import shared_task
from django.db import OperationalError

from . import services
from .pending_uploads import pending_uploads_sweep as _sweep
from .services import followups

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def submissions_follow_up() -> int:
    """Beat, every few seconds: new ideas' acknowledgements to their senders, then
    matching (initiatives.models.SubmissionFollowUp)."""
    return services.submission_followups_start()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def initiative_submitted(initiative_id: int, message_ids: list[int]) -> None:
    """One idea's follow-ups. Web processes of earlier versions published this task after
    every submission; it stays for the ones still queued while such a version is replaced."""
    services.initiative_submitted_followups(initiative_id=initiative_id, message_ids=message_ids)


@shared_task(ignore_result=True)
def pending_uploads_sweep() -> int:
    """Beat: remove files kept for forms that were never sent again."""
    return _sweep()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def followups_queue() -> dict:
    """Beat job: reminders, check-ins, surveys and escalations that are due."""
    counts = {
        "waiting_reminders": followups.waiting_reminders_queue(),
        "check_ins": followups.check_ins_queue(),
        "surveys": followups.surveys_queue(),
        "escalations": followups.escalations_queue(),
    }
    logger.info("event=followups_queued %s", " ".join(f"{k}={v}" for k, v in counts.items()))
    return counts


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def broker_digests_queue() -> int:
    count = followups.broker_digests_queue()
    logger.info("event=broker_digests_queued count=%s", count)
    return count


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def index_pending() -> int:
    """Beat: index words for cases that have none yet (new, edited, loaded by SQL)."""
    return services.initiative_index_pending()


@shared_task(
    autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, ignore_result=True
)
def documents_rebuild(rebuild_id: int) -> None:
    """One batch of a documents rebuild, then the next as a new task (short tasks: a
    worker restart loses one batch at most, and beat resumes it)."""
    if services.documents_rebuild_step(rebuild_id=rebuild_id):
        documents_rebuild.delay(rebuild_id)


@shared_task(ignore_result=True)
def documents_rebuild_resume() -> int:
    """Beat: continue rebuilds whose chain of tasks broke off (a worker died)."""
    unfinished = services.documents_rebuild_unfinished()
    for rebuild_id in unfinished:
        documents_rebuild.delay(rebuild_id)
    return len(unfinished)
