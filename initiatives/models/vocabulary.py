"""The brokers' thesaurus: groups of words that mean the same thing for matching and
search ("zwerfafval, prikactie, schoonmaakdag"), their history, and the background
rebuild that brings the stored documents up to date after a change
(initiatives.vocabulary, initiatives.services.vocabulary)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SynonymGroup(models.Model):
    """Words that mean the same thing here. `stems` are the words as the Dutch stemmer
    makes them, kept by the service (synonym_group_save) from `words`."""

    words = ArrayField(
        models.CharField(max_length=60),
        verbose_name=_("woorden"),
        help_text=_("Eén woord per regel, zoals mensen het schrijven."),
    )
    stems = ArrayField(models.CharField(max_length=60), default=list, blank=True, editable=False)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    active = models.BooleanField(_("in gebruik"), default=True)
    # Who or where, not what: "jongeren, tieners", "buurthuis, wijkcentrum". Matching
    # weighs such a group as one word, not as a subject two ideas share.
    setting = models.BooleanField(
        _("wie of waar"),
        default=False,
        help_text=_(
            "Aan als de woorden zeggen voor wie of waar een idee is (jongeren, buurthuis), "
            "niet waarover: zo'n groep telt bij het koppelen als één woord."
        ),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        ordering = ["words"]
        verbose_name = _("woordgroep")
        verbose_name_plural = _("woordgroepen (thesaurus)")

    def __str__(self):
        return ", ".join(self.words)


class SynonymGroupChange(models.Model):
    """Append-only history of a group: who changed its words, from what to what; a change
    a migration made has its `reason` and no actor."""

    group = models.ForeignKey(
        SynonymGroup,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("woordgroep"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    words_before = ArrayField(
        models.CharField(max_length=60), default=list, blank=True, verbose_name=_("woorden ervoor")
    )
    words_after = ArrayField(
        models.CharField(max_length=60), default=list, verbose_name=_("woorden erna")
    )
    active_after = models.BooleanField(_("in gebruik"), default=True)
    setting_after = models.BooleanField(_("wie of waar"), default=False)
    # Why, for a change the platform made (a migration extending the starter thesaurus:
    # initiatives.starter_thesaurus.starter_groups_sync); empty for a broker's change.
    reason = models.CharField(_("aanleiding"), max_length=200, blank=True, default="")
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("wijziging van een woordgroep")
        verbose_name_plural = _("wijzigingen van woordgroepen")

    def __str__(self):
        return f"{self.group_id}: {', '.join(self.words_after)}"


class DocumentRebuild(models.Model):
    """One run of the background rebuild of the cases' index words (after a thesaurus
    change, or by hand). Resumable: `last_id` is the last case done."""

    reason = models.CharField(_("aanleiding"), max_length=200)
    total = models.PositiveIntegerField(_("aantal ideeën"), default=0)
    done = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    last_id = models.BigIntegerField(default=0)
    started_at = models.DateTimeField(_("gestart"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("herbouw van de zoekdocumenten")
        verbose_name_plural = _("herbouw van de zoekdocumenten")

    def __str__(self):
        return f"{self.reason} ({self.done}/{self.total})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))
