"""The case core's figures for /metrics (config/metrics.py), read when Prometheus scrapes."""

from config.metrics import gauge_register

from .models import SubmissionFollowUp


def followups_waiting() -> int:
    """New submissions no worker has followed up yet (acknowledgement, matching)."""
    return SubmissionFollowUp.objects.filter(failed_at__isnull=True).count()


def followups_failed() -> int:
    return SubmissionFollowUp.objects.filter(failed_at__isnull=False).count()


def register() -> None:
    gauge_register(
        "ideeen_submission_followups_waiting",
        "New submissions waiting for their follow-up (acknowledgement, matching).",
        followups_waiting,
    )
    gauge_register(
        "ideeen_submission_followups_failed",
        "Submission follow-ups that failed and wait for an administrator.",
        followups_failed,
    )
