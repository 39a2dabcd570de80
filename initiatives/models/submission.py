"""The inbox of new submissions still to be followed up."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Initiative


class SubmissionFollowUp(models.Model):
    """A new submission whose follow-ups (writing and sending the acknowledgement,
    matching) no worker has started yet. Written in the submission's own transaction; a
    worker takes it a few seconds later (initiatives.tasks.submissions_follow_up, run by
    beat) and removes it.

    An inbox in the database rather than a task published after commit, for two reasons:
    the resident's request does only what the answer needs (publishing a task and
    writing the acknowledgement took about a quarter of a submission's CPU), and a
    submission whose web process stops between commit and publish, or that arrives while
    Redis is away, is still followed up."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when following up failed (logged as submission_followup_failed); the worker
    # leaves the row alone until an administrator tries again.
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nog op te volgen inzending")
        verbose_name_plural = _("nog op te volgen inzendingen")

    def __str__(self):
        return str(self.initiative_id)
