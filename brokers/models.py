from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.constants import CLOSED_STATUSES

from .constants import (
    CLOSING_OUTCOMES,
    ContactChannel,
    InterventionType,
    NoteKind,
    OrganisationKind,
    ReferralOutcome,
    StandardTextPurpose,
)


class Organisation(models.Model):
    """A partner in the broker's network."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    description = models.TextField(_("wat doen zij"), blank=True)
    themes = models.ManyToManyField("initiatives.Theme", blank=True, verbose_name=_("thema's"))
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood", blank=True, verbose_name=_("werkgebied")
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerkpartner")
        verbose_name_plural = _("netwerkpartners")

    def __str__(self):
        return self.name


class ContactMoment(models.Model):
    """A logged conversation or intervention by a broker. Appended, never edited."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="contact_moments"
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ideeënmakelaar"),
    )
    happened_on = models.DateField(_("datum"))
    channel = models.CharField(_("hoe"), max_length=20, choices=ContactChannel.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("duur in minuten"))
    intervention = models.CharField(
        _("wat heeft u gedaan"), max_length=20, choices=InterventionType.choices
    )
    summary = models.TextField(_("korte samenvatting"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["happened_on", "created_at", "pk"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self):
        return f"{self.initiative_id} {self.happened_on} {self.channel}"


class CaseNote(models.Model):
    """An internal note on a case, never shown to the initiator. Appended, never edited."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=NoteKind.choices, default=NoteKind.NOTE)
    text = models.TextField(_("notitie"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")

    def __str__(self):
        return f"{self.initiative_id} {self.kind}"


class Referral(models.Model):
    """A case handed to an organisation in the network, with what came of it."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="referrals"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("netwerkpartner"),
    )
    broker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("waarom doorverwijzen"), max_length=2000)
    outcome = models.CharField(
        _("uitkomst"),
        max_length=20,
        choices=ReferralOutcome.choices,
        default=ReferralOutcome.PENDING,
    )
    outcome_note = models.TextField(_("toelichting op de uitkomst"), blank=True)
    outcome_at = models.DateTimeField(_("uitkomst vastgelegd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")

    def __str__(self):
        return f"{self.initiative_id} → {self.organisation_id}"


class CaseRead(models.Model):
    """When a broker last opened a case file: a case whose last activity is later is
    unread for them (the queue's mark, "My day"'s count). One row per broker and case."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        verbose_name = _("gelezen idee")
        verbose_name_plural = _("gelezen ideeën")
        constraints = [
            models.UniqueConstraint(fields=["user", "initiative"], name="case_read_once"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.initiative_id}"


class SavedView(models.Model):
    """A named set of queue filters a broker keeps, and may share with colleagues.
    `query` is the queue's query string without the search term (which may hold a name)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    name = models.CharField(_("naam van de weergave"), max_length=80)
    query = models.CharField(max_length=1000, blank=True)
    shared = models.BooleanField(_("delen met collega's"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("opgeslagen weergave")
        verbose_name_plural = _("opgeslagen weergaven")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="saved_view_name_per_owner"),
        ]

    def __str__(self):
        return self.name


class StandardText(models.Model):
    """A reusable text for messages to initiators ("standaardtekst"), kept by
    administrators. The broker picks one when closing a case or writing to its
    initiator; placeholders such as {naam} are filled in for the case (see
    brokers.services.standard_text_render) and the broker can still change the words."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    purpose = models.CharField(
        _("gebruiken"),
        max_length=10,
        choices=StandardTextPurpose.choices,
        default=StandardTextPurpose.ANY,
    )
    # A closing text may belong to one outcome ("Gerealiseerd: bedankt"): the status form
    # then offers it only when closing with that outcome. Blank: any outcome.
    outcome = models.CharField(
        _("bij uitkomst"),
        max_length=20,
        blank=True,
        choices=CLOSING_OUTCOMES,
        help_text=_("Alleen bij afsluiten. Leeg: past bij elke uitkomst."),
    )
    body = models.TextField(
        _("tekst"),
        max_length=3000,
        help_text=_(
            "Gewone taal (B1). Mogelijk: {naam}, {titel}, {kenmerk}, {makelaar}, {gemeente}."
        ),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("standaardtekst")
        verbose_name_plural = _("standaardteksten")

    def __str__(self):
        return self.name

    def fits(self, to_status: str | None) -> bool:
        """Whether this text suits a message with a change to `to_status`: closing
        texts (of that outcome, or of any) when it closes, update texts otherwise (None:
        a message without a status change)."""
        if to_status in CLOSED_STATUSES:
            return self.purpose != StandardTextPurpose.UPDATE and self.outcome in ("", to_status)
        return self.purpose != StandardTextPurpose.CLOSE
