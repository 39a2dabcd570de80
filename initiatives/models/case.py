"""The case: an idea, its initiator, its reference, its status history and its named
broker's assignments."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.transitions import StatusChange

from ..constants import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ActorRole,
    Channel,
    InitiatorKind,
    Need,
    PreferredChannel,
    PublicationStatus,
    Status,
)
from .news_indexes import news_indexes

# A reference is a case's key and part of its links (/makelaar/ideeen/<reference>/): letters
# and digits, with single hyphens between them (2026-0023, ZW-2012-17). No slash, space or
# dot, which a link cannot carry as they are. The import and the admin (through the
# model) check every reference against it; the submission's own (2026-0023) fit it.
REFERENCE_PATTERN = r"[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*"
reference_validator = RegexValidator(
    rf"\A{REFERENCE_PATTERN}\Z",
    _("Een kenmerk bestaat alleen uit letters, cijfers en streepjes, zoals 2026-0023."),
    code="reference",
)


class Theme(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("naam"), max_length=100)
    name_en = models.CharField(_("naam (Engels)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self):
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class Initiator(models.Model):
    """The resident, group, business or organisation behind an idea.

    Everything here is personal data: only brokers see it, and it is anonymised by the
    retention job (the initiative stays, for the figures)."""

    kind = models.CharField(_("soort"), max_length=20, choices=InitiatorKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    preferred_channel = models.CharField(
        _("liefst contact via"), max_length=20, choices=PreferredChannel.choices
    )
    # The language of the messages to them: the one they used the form in.
    language = models.CharField(
        _("taal van de berichten"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    # One consent per purpose, with the moment it was given (None: not given).
    consent_contact_at = models.DateTimeField(_("toestemming contact"), null=True, blank=True)
    consent_matching_at = models.DateTimeField(
        _("toestemming gegevens delen bij koppeling"), null=True, blank=True
    )
    consent_publish_at = models.DateTimeField(
        _("toestemming idee openbaar tonen"), null=True, blank=True
    )
    erasure_requested_at = models.DateTimeField(_("verwijdering gevraagd"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd"), null=True, blank=True)
    # A keyed hash of the e-mail address or phone number (initiatives/contact_key.py):
    # not personal data by itself, kept through anonymisation, for first-time against
    # returning initiators in the figures.
    contact_key = models.CharField(
        _("herkenningssleutel"),
        max_length=64,
        blank=True,
        default="",
        # Raw inserts (bench/seed.py) leave it out.
        db_default="",
        db_index=True,
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("initiatiefnemer")
        verbose_name_plural = _("initiatiefnemers")

    def __str__(self):
        return self.name

    @property
    def can_receive_email(self) -> bool:
        return bool(self.email) and self.anonymised_at is None


class ReferenceCounter(models.Model):
    """Hands out the human reference numbers per year (2026-0001, 2026-0002, ...)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class InitiativeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)

    def public(self):
        """Ideas a broker published, whose initiators (still) allow it. Nothing is public
        before that review (initiatives.models.publication); the public pages read the
        publication's title and summary (`public_title`, `public_summary`), never the
        idea's own."""
        return (
            self.filter(
                publication__status=PublicationStatus.PUBLISHED,
                initiator__consent_publish_at__isnull=False,
                initiator__anonymised_at__isnull=True,
            )
            .exclude(status=Status.WITHDRAWN)
            .annotate(
                public_title=F("publication__title"), public_summary=F("publication__summary")
            )
        )


# The broker's queue, "Eerste deadline eerst": cases still awaiting their first contact
# (0) before the others (1), then by deadline. Ordering by first_contact_due alone put
# overdue cases behind long-contacted ones. The queue's index is built on this very
# expression (initiative_queue_order_idx), so a page is read from it in order.
AWAITING_FIRST_CONTACT_FIRST = Case(
    When(first_contact_at__isnull=True, status=Status.NEW.value, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)


class Initiative(models.Model):
    """A case: one idea and its whole journey."""

    reference = models.CharField(
        _("kenmerk"), max_length=12, unique=True, validators=[reference_validator]
    )
    # Unguessable id for the resident's private link; never the reference alone.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Incremented to revoke every private link handed out so far.
    link_version = models.PositiveIntegerField(default=1)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("wat wilt u doen, en voor wie?"), max_length=5000)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("thema")
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="initiatives",
        null=True,
        blank=True,
        verbose_name=_("wijk"),
    )
    initiator = models.ForeignKey(
        Initiator,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("initiatiefnemer"),
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    needs = ArrayField(
        models.CharField(max_length=20, choices=Need.choices),
        default=list,
        blank=True,
        verbose_name=_("gevraagde hulp"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    submitted_at = models.DateTimeField(_("ingediend op"))
    first_contact_due = models.DateField(_("eerste contact uiterlijk"))
    first_contact_at = models.DateTimeField(_("eerste contact op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
        verbose_name=_("ideeënmakelaar"),
    )
    outcome_message = models.TextField(_("bericht over de uitkomst"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="registered_initiatives",
        null=True,
        blank=True,
        help_text=_("De medewerker die het idee namens de bewoner registreerde."),
    )
    # Idempotency key from the submission form: a double click creates one initiative.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # "Waiting for the initiator" is a flag, not a status: the case stays open and keeps
    # its broker. Set and cleared by brokers.services.
    waiting_since = models.DateField(_("wacht op initiatiefnemer sinds"), null=True, blank=True)
    waiting_reason = models.CharField(
        _("waarop wacht u"), max_length=300, blank=True, default="", db_default=""
    )
    # Dutch full-text document over title, description and initiator name, kept up to date
    # by PostgreSQL triggers (migration 0008_search_document_trigger).
    search_document = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # When the initiator, or someone offering help, last added something a broker should
    # read (services/activity.py); the queue's "last activity" and unread mark.
    last_activity_at = models.DateTimeField(_("laatste activiteit"), null=True, blank=True)
    # Extra index words (compound parts, thesaurus tokens) made by initiatives.vocabulary
    # for the text whose md5 is in match_terms_of. A trigger clears them when the text
    # changes under them; NULL means "to be indexed" (initiative_index_pending).
    match_terms = models.TextField(null=True, blank=True, editable=False)
    match_terms_of = models.CharField(max_length=32, blank=True, default="", editable=False)
    # The Dutch document over title, description and match_terms (never a name), for
    # matching and for "similar ideas", kept by a PostgreSQL trigger (migration 0019) so
    # bulk-loaded rows have it too.
    match_document = SearchVectorField(null=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("idee")
        verbose_name_plural = _("ideeën")
        indexes = [
            models.Index(fields=["status", "first_contact_due"]),
            # Newest/oldest first, and the coordinator's first-contact figures from the
            # index alone (brokers.workbench.selectors.first_contact_figures_since).
            models.Index(
                fields=["submitted_at"],
                include=["first_contact_at", "first_contact_due", "status"],
                name="initiative_submitted_idx",
            ),
            models.Index(fields=["broker", "status"]),
            GinIndex(fields=["search_document"], name="initiative_search_gin"),
            # The broker's queue: open cases in its default order, read page by page.
            models.Index(
                AWAITING_FIRST_CONTACT_FIRST,
                F("first_contact_due"),
                F("submitted_at"),
                F("id"),
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="initiative_queue_order_idx",
            ),
            # The queue over every status (closed ones too), in the same order.
            models.Index(
                AWAITING_FIRST_CONTACT_FIRST,
                F("first_contact_due"),
                F("submitted_at"),
                F("id"),
                name="initiative_all_order_idx",
            ),
            # A view of one status (the queue filtered by it, the case file's previous and
            # next in such a view) in the same order: from the two above a page of
            # "in gesprek" was found by reading past every case of the other statuses.
            models.Index(
                F("status"),
                AWAITING_FIRST_CONTACT_FIRST,
                F("first_contact_due"),
                F("submitted_at"),
                F("id"),
                name="initiative_status_order_idx",
            ),
            # The queue sorted by last activity (most recent first).
            models.Index(
                F("last_activity_at").desc(nulls_last=True),
                F("id").desc(),
                name="initiative_activity_idx",
            ),
            # The queue sorted by title (either way), over every status or filtered.
            models.Index(F("title"), F("id"), name="initiative_title_idx"),
            # Filters a saved view can hold, counted from the index alone (with the status:
            # without a status filter the queue shows the open cases).
            models.Index(fields=["channel", "status"], name="initiative_channel_idx"),
            models.Index(fields=["theme", "status"], name="initiative_theme_idx"),
            models.Index(fields=["neighbourhood", "status"], name="initiative_hood_idx"),
            # "Gevraagde hulp" (needs @> ARRAY[...]).
            GinIndex(fields=["needs"], name="initiative_needs_gin"),
            # ... and the number of cases with a need, per status, from an index alone: a
            # GIN index cannot answer a count without reading every matching row (25,000
            # of the 100,000 ask for a location: 40-55 ms for the queue's count). One
            # small partial index per kind of help (there are seven).
            *(
                models.Index(
                    fields=["status"],
                    condition=Q(needs__contains=[need]),
                    name=f"initiative_need_{need}",
                )
                for need in Need.values
            ),
            # Counts and filters for "first contact overdue / due soon" and "waiting".
            models.Index(
                fields=["first_contact_due"],
                condition=Q(status=Status.NEW, first_contact_at__isnull=True),
                name="initiative_awaiting_idx",
            ),
            models.Index(
                fields=["waiting_since"],
                condition=Q(waiting_since__isnull=False),
                name="initiative_waiting_idx",
            ),
            # "Similar ideas" while a resident types: Dutch full-text search over the public
            # fields only (match_document). Not search_document, which holds the
            # initiator's name too.
            GinIndex(fields=["match_document"], name="initiative_similar_gin"),
            # Cases whose index words are still to be made (initiative_index_pending).
            models.Index(
                fields=["id"],
                condition=Q(match_terms__isnull=True),
                name="initiative_unindexed_idx",
            ),
            *news_indexes(AWAITING_FIRST_CONTACT_FIRST),  # the "unread" filter's views
        ]
        constraints = [
            models.CheckConstraint(
                # sorted: a frozenset's order changes per process, which would churn migrations.
                condition=Q(status__in=sorted(CLOSED_STATUSES), closed_at__isnull=False)
                | Q(status__in=sorted(OPEN_STATUSES), closed_at__isnull=True),
                name="closed_at_matches_status",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class InitiativeStatusChange(StatusChange):
    """Append-only history of every status change."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    actor_role = models.CharField(max_length=20, choices=ActorRole.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")

    def __str__(self):
        return f"{self.initiative_id}: {self.from_status or '-'} → {self.to_status}"


class InitiativeAssignment(models.Model):
    """Append-only history of who the named broker of a case was."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="assignments")
    broker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    previous_broker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")

    def __str__(self):
        return f"{self.initiative_id} → {self.broker_id}"
