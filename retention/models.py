from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    """One run of the retention job, with what it did (counts only)."""

    started_at = models.DateTimeField(_("gestart"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    cutoff = models.DateTimeField(_("afgesloten vóór"))
    initiators_anonymised = models.PositiveIntegerField(_("initiatiefnemers"), default=0)
    erasure_requests_done = models.PositiveIntegerField(_("verwijderverzoeken"), default=0)
    offers_anonymised = models.PositiveIntegerField(_("aanbod"), default=0)
    survey_answers_anonymised = models.PositiveIntegerField(_("tevredenheidsantwoorden"), default=0)
    check_in_answers_anonymised = models.PositiveIntegerField(
        _("tussentijdse antwoorden"), default=0
    )
    messages_blanked = models.PositiveIntegerField(_("berichten"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("bewaartermijn-run")
        verbose_name_plural = _("bewaartermijn-runs")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"
