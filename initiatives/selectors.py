import re
import uuid

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q

from accounts.roles import is_broker, is_coordinator
from config.batch import ById
from config.reference_data import ReferenceData

from .constants import PublicationStatus, Status
from .links import read_confirmation_token, read_private_token
from .models import Initiative, InitiativeAttachment, Survey, Theme


def theme_list():
    return Theme.objects.order_by("order", "name")


# Every submission names a theme: reference data, kept in memory per process
# (config/reference_data.py). Treat the instances as read-only.
THEMES = ReferenceData(
    lambda: {theme.slug: theme for theme in Theme.objects.all()}, models=["initiatives.Theme"]
)


def theme_by_slug(slug: str) -> Theme | None:
    return THEMES.get().get(slug)


def initiative_get_by_submission_key(key: uuid.UUID | None) -> Initiative | None:
    """The initiative a form or API submission with this key already created, if any:
    a double click or a resubmitted form gets the first one back."""
    if key is None:
        return None
    return Initiative.objects.filter(submission_key=key).first()


def initiative_get_by_token(token: str) -> Initiative | None:
    """The initiative behind a private link, if the link is genuine and not revoked."""
    parsed = read_private_token(token)
    if parsed is None:
        return None
    public_hex, version = parsed
    try:
        public_id = uuid.UUID(hex=public_hex)
    except ValueError:
        return None
    return (
        Initiative.objects.select_related(
            "theme", "neighbourhood", "initiator", "broker__broker_profile", "publication"
        )
        .filter(public_id=public_id, link_version=version)
        .first()
    )


def initiative_get_for_staff(*, viewer, pk: int | None) -> Initiative | None:
    """A case by its id, for brokers (and coordinators) only."""
    if pk is None or not is_broker(viewer):
        return None
    return Initiative.objects.filter(pk=pk).first()


def initiative_counts_by_status() -> dict[str, int]:
    from django.db.models import Count

    rows = Initiative.objects.values("status").annotate(n=Count("pk"))
    counts = {status.value: 0 for status in Status}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


# --- The resident's side ---

GALLERY_PAGE_SIZE = 24
SIMILAR_LIMIT = 5
SIMILAR_CANDIDATES = 300
_WORD = re.compile(r"[^\W_]{3,}", re.UNICODE)


# The language the initiator used the form in: the language their idea is written in.
WRITTEN_IN = F("initiator__language")


# What the initiator wrote stays in the case file: the public pages never load it (a
# template that reached for it would cost a query per row, which the tests count).
UNPUBLISHED_FIELDS = ("title", "description", "outcome_message", "waiting_reason")


def initiative_public_list(*, neighbourhood_code: str = "", theme_slug: str = ""):
    """Ideas a broker published (Initiative.objects.public), with their public title
    and summary (`public_title`, `public_summary`); never the idea's own text, never
    initiator data (only the language the idea was written in, `written_in`, for the
    page's lang marks)."""
    qs = (
        Initiative.objects.public()
        .annotate(written_in=WRITTEN_IN)
        .select_related("theme", "neighbourhood")
        .defer(*UNPUBLISHED_FIELDS)
        .order_by("-submitted_at", "-pk")
    )
    if neighbourhood_code:
        qs = qs.filter(neighbourhood__code=neighbourhood_code)
    if theme_slug:
        qs = qs.filter(theme__slug=theme_slug)
    return qs


def initiative_public_get(*, reference: str) -> Initiative | None:
    return (
        Initiative.objects.public()
        .annotate(written_in=WRITTEN_IN)
        .select_related("theme", "neighbourhood")
        .defer(*UNPUBLISHED_FIELDS)
        .filter(reference=reference)
        .first()
    )


def initiative_similar(
    *, title: str = "", description: str = "", limit: int = SIMILAR_LIMIT
) -> list[Initiative]:
    """Public ideas like the one being typed (Dutch full-text search with prefixes on
    match_document, title and description, and its GIN index). Every word of the title
    must occur; before a title is typed, any of the three longest words of the
    description will do."""
    words = _words(title)[:6]
    operator = " & "
    if not words:
        words = sorted(_words(description), key=len, reverse=True)[:3]
        operator = " | "
    if not words:
        return []
    # Only letters and digits reach the raw tsquery, so the input cannot break its syntax.
    query = SearchQuery(
        operator.join(f"{word}:*" for word in words), config="dutch", search_type="raw"
    )
    # Ranked among the most recent matches only: a common word ("willen", "buurt") can
    # match most ideas, and ranking them all took most of a second on 100,000.
    candidates = (
        Initiative.objects.public()
        .filter(match_document=query)
        .order_by("-submitted_at")
        .values("pk")[:SIMILAR_CANDIDATES]
    )
    return list(
        Initiative.objects.filter(pk__in=candidates)
        .annotate(
            rank=SearchRank(F("match_document"), query),
            written_in=WRITTEN_IN,
            public_title=F("publication__title"),
        )
        .select_related("theme", "neighbourhood")
        .only(
            "reference",
            "status",
            "theme__name",
            "theme__name_en",
            "neighbourhood__name",
        )
        .order_by("-rank", "-submitted_at")[:limit]
    )


def _words(text: str) -> list[str]:
    return list(dict.fromkeys(word.lower() for word in _WORD.findall(text or "")))


def attachment_list(*, initiative: Initiative):
    return initiative.attachments.order_by("created_at", "pk")


# attachment_list's read for the case file's panel, its SQL compiled once (config.batch).
_attachment_reads = ById(
    lambda pk: [InitiativeAttachment.objects.filter(initiative_id=pk).order_by("created_at", "pk")]
)


def attachment_querysets(*, initiative: Initiative) -> list:
    """What attachment_list reads, for the case file's one round trip (config.batch.ById)."""
    return _attachment_reads(initiative.pk)


def attachment_get_for_initiative(*, initiative: Initiative, pk: int):
    return initiative.attachments.filter(pk=pk).first()


def attachment_get_for_staff(*, viewer, pk: int):
    """Brokers (and coordinators) download any case's files; nobody else."""
    if not is_broker(viewer):
        return None
    return InitiativeAttachment.objects.select_related("initiative").filter(pk=pk).first()


class ConfirmationOfAnotherBrowser(Exception):
    """The confirmation page was asked for by another browser than the one that sent the
    idea (a shared computer's next visitor, through the history)."""


def initiative_get_by_confirmation(token: str, *, browser: str = "") -> Initiative | None:
    """The idea of a confirmation page, or None. Raises ConfirmationOfAnotherBrowser when
    the page is bound to another browser than `browser` (its sender cookie)."""
    read = read_confirmation_token(token, browser=browser)
    if read is None:
        return None
    public_hex, version, same_browser = read
    if not same_browser:
        raise ConfirmationOfAnotherBrowser
    try:
        public_id = uuid.UUID(hex=public_hex)
    except ValueError:
        return None
    return (
        Initiative.objects.select_related("initiator", "theme")
        .filter(public_id=public_id, link_version=version)
        .first()
    )


def survey_flagged_list(*, viewer):
    if not is_coordinator(viewer):
        return Survey.objects.none()
    return (
        Survey.objects.filter(flagged_at__isnull=False, flag_handled_at__isnull=True)
        .select_related("initiative__broker__broker_profile")
        .order_by("-answered_at")
    )


def survey_get_for_viewer(*, viewer, pk: int) -> Survey | None:
    if not is_broker(viewer):
        return None
    return Survey.objects.filter(pk=pk).first()


def publication_to_review_q() -> Q:
    """Ideas whose publication waits for a broker's review (the queue's task filter)."""
    return Q(
        publication__status=PublicationStatus.TO_REVIEW,
        initiator__consent_publish_at__isnull=False,
        initiator__anonymised_at__isnull=True,
    )


def publication_of(initiative: Initiative):
    """The idea's publication, or None when publication was never asked for (no query
    when the case was read with select_related("publication"))."""
    try:
        return initiative.publication
    except Initiative.publication.RelatedObjectDoesNotExist:
        return None
