"""The initiator's answers to a survey or a check-in. (Tables named after the messaging
app, where they were first kept.)"""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import (
    ANSWER_LINK_DAYS,
)
from .case import Initiative


def _answer_deadline():
    return timezone.now() + timedelta(days=ANSWER_LINK_DAYS)


class Survey(models.Model):
    """A short satisfaction survey after a case closed: one answer, open 14 days."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="surveys")
    # The closing it is about (a case can be reopened and closed again).
    closed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_answer_deadline)
    score = models.PositiveSmallIntegerField(_("cijfer (1-5)"), null=True, blank=True)
    # Free text may hold personal data: blanked by the retention job.
    comment = models.TextField(_("toelichting"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(null=True, blank=True)
    # A low score flags the case for the coordinator until they mark it seen.
    flagged_at = models.DateTimeField(null=True, blank=True)
    flag_handled_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "messaging_survey"
        ordering = ["-created_at"]
        verbose_name = _("tevredenheidsvraag")
        verbose_name_plural = _("tevredenheidsvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "closed_at"], name="one_survey_per_closing"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="survey_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.initiative_id} ({self.closed_at:%Y-%m-%d})"


class CheckIn(models.Model):
    """ "How is it going, do you need anything?" at 4 and 12 weeks in progress."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="check_ins")
    week = models.PositiveSmallIntegerField(_("week"))
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_answer_deadline)
    # Free text: blanked by the retention job.
    answer = models.TextField(_("hoe gaat het?"), blank=True, max_length=2000)
    needs_help = models.BooleanField(_("wil hulp"), default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "messaging_checkin"
        ordering = ["initiative", "week"]
        verbose_name = _("tussentijdse vraag")
        verbose_name_plural = _("tussentijdse vragen")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "week"], name="one_check_in_per_week")
        ]

    def __str__(self):
        return f"{self.initiative_id} week {self.week}"
