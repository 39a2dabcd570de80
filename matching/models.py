from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config.transitions import StatusChange
from messaging.constants import MessageChannel

from .constants import DismissReason, OfferKind, OfferStatus, SuggestionStatus


class Offer(models.Model):
    """Time, skills, space or materials someone offers, with what they would like in
    return (as on an exchange floor). Contact details are personal data."""

    kind = models.CharField(_("wat biedt u aan"), max_length=20, choices=OfferKind.choices)
    description = models.TextField(_("omschrijving"), max_length=2000)
    in_return = models.TextField(_("wat zou u graag terug willen"), max_length=1000, blank=True)
    # Offered to one idea (from the gallery's "I want to help"), or to anyone.
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="offers",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        "brokers.Organisation", on_delete=models.SET_NULL, null=True, blank=True
    )
    theme = models.ForeignKey("initiatives.Theme", on_delete=models.SET_NULL, null=True, blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", on_delete=models.SET_NULL, null=True, blank=True
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    # The language of the messages to them: the one they used the form in.
    language = models.CharField(
        _("taal van de berichten"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    consent_contact_at = models.DateTimeField(null=True, blank=True)
    consent_matching_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # From the form, as an idea's: a double click or a resubmitted form makes one offer.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:50]}"


class OfferStatusChange(StatusChange):
    """Append-only history of an offer's status: who opened or closed it, and when."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=OfferStatus.choices)
    to_status = models.CharField(max_length=10, choices=OfferStatus.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("statuswijziging van aanbod")
        verbose_name_plural = _("statuswijzigingen van aanbod")

    def __str__(self):
        return f"{self.offer_id}: {self.from_status} → {self.to_status}"


class MatchSuggestion(models.Model):
    """Two initiatives, or an initiative and an offer, that may be worth introducing.

    A pair of initiatives is stored once, lower id first, and shown in both case files."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="match_suggestions"
    )
    other_initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="match_suggestions_as_other",
        null=True,
        blank=True,
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="match_suggestions", null=True, blank=True
    )
    score = models.FloatField(_("score"))
    # What each reason is, a code and its parameters (matching.reasons): written in the
    # reader's language when shown.
    reasons = models.JSONField(default=list, blank=True, verbose_name=_("waarom"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.SUGGESTED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Why the broker set it aside (DismissReason), and the engine's signals when it was
    # found (matching.engine.Candidate.features): the history tune_matching learns from.
    decision_reason = models.CharField(
        _("reden"), max_length=20, choices=DismissReason.choices, blank=True, default=""
    )
    features = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-score"]
        verbose_name = _("koppelingsvoorstel")
        verbose_name_plural = _("koppelingsvoorstellen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(other_initiative__isnull=False) & Q(offer__isnull=True))
                | (Q(other_initiative__isnull=True) & Q(offer__isnull=False)),
                name="suggestion_has_one_other",
            ),
            models.CheckConstraint(
                condition=Q(other_initiative__isnull=True)
                | Q(initiative_id__lt=models.F("other_initiative_id")),
                name="suggestion_pair_ordered",
            ),
            models.UniqueConstraint(
                fields=["initiative", "other_initiative"], name="one_suggestion_per_pair"
            ),
            models.UniqueConstraint(
                fields=["initiative", "offer"], name="one_suggestion_per_offer"
            ),
        ]
        indexes = [models.Index(fields=["other_initiative", "status"])]

    def __str__(self):
        other = f"offer {self.offer_id}" if self.offer_id else self.other_initiative_id
        return f"{self.initiative_id} ↔ {other} ({self.score:.2f})"

    def party(self, side: str):
        """Side "a" is the initiative; side "b" the other initiative or the offer."""
        if side == "a":
            return self.initiative
        return self.other_initiative or self.offer

    def side_of(self, consent) -> str:
        """The side ("a" or "b") one of this suggestion's consents asks."""
        mine_is_a = consent.offer_id is None and consent.initiative_id == self.initiative_id
        return "a" if mine_is_a else "b"


class MatchSuggestionStatusChange(StatusChange):
    """Append-only history of a suggestion's status: who accepted, dismissed or ended it,
    and when (no actor: the party answered through its link, or the nightly expiry)."""

    suggestion = models.ForeignKey(
        MatchSuggestion, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=12, choices=SuggestionStatus.choices)
    to_status = models.CharField(max_length=12, choices=SuggestionStatus.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("statuswijziging van koppelingsvoorstel")
        verbose_name_plural = _("statuswijzigingen van koppelingsvoorstellen")

    def __str__(self):
        return f"{self.suggestion_id}: {self.from_status} → {self.to_status}"


class MatchConsent(models.Model):
    """One side's answer to "may we share your contact details with the other?"."""

    suggestion = models.ForeignKey(
        MatchSuggestion, on_delete=models.CASCADE, related_name="consents"
    )
    # The party asked: an initiative's initiator, or the person behind an offer.
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, null=True, blank=True)
    # How the question went out: an e-mail with a link, or (no e-mail address) a call or
    # letter task for the broker, who then records the answer.
    channel = models.CharField(
        _("gevraagd via"), max_length=12, choices=MessageChannel.choices, default="email"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    agreed = models.BooleanField(null=True)
    # The broker who recorded an answer given by phone, letter or in person; empty when
    # the party answered through the link themselves.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("toestemming voor kennismaking")
        verbose_name_plural = _("toestemmingen voor kennismaking")
        constraints = [
            models.CheckConstraint(
                condition=Q(initiative__isnull=False) | Q(offer__isnull=False),
                name="consent_has_a_party",
            ),
        ]

    def __str__(self):
        return f"{self.suggestion_id}: {self.agreed}"


class Introduction(models.Model):
    """An introduction made (both sides agreed). Counted in the figures; holds no
    personal data."""

    suggestion = models.OneToOneField(
        MatchSuggestion, on_delete=models.PROTECT, related_name="introduction"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kennismaking")
        verbose_name_plural = _("kennismakingen")

    def __str__(self):
        return f"{self.suggestion_id} ({self.created_at:%Y-%m-%d})"


class MatchWeights(models.Model):
    """The engine's weights, as `manage.py tune_matching --apply` learnt them from the
    brokers' decisions. Appended, never edited: the newest row is in force, the older
    ones are its history."""

    text = models.FloatField()
    title = models.FloatField()
    theme = models.FloatField()
    neighbourhood = models.FloatField()
    needs = models.FloatField()
    minimum = models.FloatField()
    decisions = models.PositiveIntegerField(_("beslissingen gebruikt"))
    precision_before = models.FloatField()
    recall_before = models.FloatField()
    precision_after = models.FloatField()
    recall_after = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("gewichten van de koppelingen")
        verbose_name_plural = _("gewichten van de koppelingen")

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d}: p {self.precision_after:.2f}, r {self.recall_after:.2f}"
        )


class TermFrequency(models.Model):
    """In how many cases' documents a word (a stem, a compound's part, a thesaurus
    group's token) occurs: how telling a shared word is (matching.engine weighs a word
    that half the ideas use less than one only a few use). Made from the stored
    documents by matching.services.match_term_stats_refresh (a beat job); the row with
    the empty term holds the number of documents counted."""

    term = models.CharField(max_length=255, primary_key=True)
    documents = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("woordfrequentie")
        verbose_name_plural = _("woordfrequenties")

    def __str__(self):
        return f"{self.term}: {self.documents}"
