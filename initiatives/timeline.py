"""One timeline per case, merged from the append-only tables of every capability.

An app contributes entries by appending a source to SOURCES in its AppConfig.ready():
a BatchedSource, which names the querysets it reads and turns their rows into entries,
so that every source is read in one round trip (config.batch.fetch_many), or a plain
function (initiative) -> iterable of TimelineEntry that runs its own bounded queries.
Either way the timeline costs the same for a long case as for a short one."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.selectors import staff_display_name
from config.batch import ById, fetch_many
from messaging.constants import MessageChannel
from messaging.models import OutboundMessage

from .constants import RECEIVED_VIA, ActorRole, Status
from .models import InitiativeAssignment, InitiativeStatusChange


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # "status", "assignment", "message", "contact", "note", "referral", ...
    title: str
    text: str = ""
    actor: str = ""
    # Internal entries (notes, tasks) are never shown to the initiator.
    internal: bool = False
    # The text is in the initiator's language (Initiator.language): their own words, our
    # messages to them, notes made while they used the site. Otherwise it is staff's,
    # in the municipality's language. Pages in another language mark it with lang.
    in_initiator_language: bool = False
    extra: dict = field(default_factory=dict)
    # Staff-only text on an entry the initiator does see: what staff typed into an
    # "(intern)" field (the reason for a status change, the note on an assignment). The
    # event is the initiator's to know; the note is not. Never in `text`, so a page that
    # shows `text` cannot leak it.
    note: str = ""


@dataclass(frozen=True)
class BatchedSource:
    """A timeline source that reads only through the querysets it names."""

    # The case's id -> the querysets to read (no prefetch_related: name those querysets
    # too). Built from the id alone: their SQL is compiled once (config.batch.ById).
    querysets: Callable[[int], Sequence[QuerySet]]
    # (initiative, rows of the first queryset, rows of the second, ...) -> entries
    entries: Callable[..., Iterable[TimelineEntry]]
    compiled: ById = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "compiled", ById(self.querysets))

    def __call__(self, initiative):
        return self.entries(initiative, *(list(qs) for qs in self.querysets(initiative.pk)))


Source = Callable[[object], Iterable[TimelineEntry]]
SOURCES: list[Source] = []


def initiative_timeline(initiative, *, for_initiator: bool = False) -> list[TimelineEntry]:
    return initiative_timeline_with(initiative, for_initiator=for_initiator)[0]


def initiative_timeline_with(
    initiative,
    querysets: Sequence[QuerySet] = (),
    *,
    for_initiator: bool = False,
    plan_once: bool = False,
) -> tuple[list[TimelineEntry], list[list]]:
    """The timeline, and the rows of `querysets` (what else the page shows), all read in
    one round trip together with every batched source (two with plan_once: see
    config.batch.fetch_many)."""
    groups = {
        index: source.compiled(initiative.pk)
        for index, source in enumerate(SOURCES)
        if isinstance(source, BatchedSource)
    }
    flat = [queryset for group in groups.values() for queryset in group]
    rows = fetch_many([*flat, *querysets], plan_once=plan_once)
    source_rows, extra_rows = iter(rows[: len(flat)]), rows[len(flat) :]
    entries = []
    for index, source in enumerate(SOURCES):
        if index in groups:
            read = [next(source_rows) for _queryset in groups[index]]
            entries.extend(source.entries(initiative, *read))
        else:
            entries.extend(source(initiative))
    if for_initiator:
        entries = [replace(entry, note="") for entry in entries if not entry.internal]
    return sorted(entries, key=lambda entry: entry.at), extra_rows


def actor_name(user, role: str = "") -> str:
    """Who did it, as the timeline names them: the staff member's name, or "Initiatiefnemer"."""
    if user is None:
        return str(_("Initiatiefnemer")) if role == "initiator" else ""
    return staff_display_name(user)


def actor_fields(relation: str) -> tuple[str, ...]:
    """The columns actor_name_of reads for the user behind `relation`, for a source that
    reads `.values()` rows instead of model instances (a long case's timeline is
    hundreds of rows: instances of the row, its user and their profile cost the most)."""
    return (
        f"{relation}_id",
        f"{relation}__username",
        f"{relation}__broker_profile__id",
        f"{relation}__broker_profile__display_name",
    )


def actor_name_of(row: dict, relation: str) -> str:
    """actor_name() for a `.values()` row that has actor_fields(relation)."""
    if row[f"{relation}_id"] is None:
        return ""
    if row[f"{relation}__broker_profile__id"] is not None:
        return row[f"{relation}__broker_profile__display_name"]
    return row[f"{relation}__username"]


def _status_note_is_public(change) -> bool:
    """The initiator sees a status change's note only when it is theirs (the reason they
    gave for withdrawing) or the system's own words on receipt ("Idee ontvangen via ...").
    Anything staff typed ("Reden (intern)") or wrote on their behalf stays internal."""
    return change.actor_role == ActorRole.INITIATOR or change.from_status == ""


def _status_querysets(pk):
    return [
        InitiativeStatusChange.objects.filter(initiative_id=pk).select_related(
            "actor__broker_profile"
        )
    ]


def _labels(choices) -> dict:
    # Once per page, not per entry: get_FOO_display() builds its lookup on every call.
    return {value: str(label) for value, label in choices}


@lru_cache(maxsize=1)
def _receipt_texts() -> dict:
    """The receipt line as stored (in the language of whoever submitted, in Dutch since
    submissions store Dutch) -> the text to show in the reader's language."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.update({str(text): text for text in RECEIVED_VIA.values()})
    return texts


def _status_entries(initiative, changes):
    statuses = _labels(Status.choices)
    receipts = _receipt_texts()
    for change in changes:
        public = _status_note_is_public(change)
        # The system's own words on receipt: in the reader's language, not as stored.
        receipt = receipts.get(change.note) if change.from_status == "" else None
        yield TimelineEntry(
            at=change.created_at,
            kind="status",
            title=str(
                _("Status: %(status)s")
                % {"status": statuses.get(change.to_status, change.to_status)}
            ),
            text=str(receipt) if receipt else change.note if public else "",
            note="" if public else change.note,
            actor=actor_name(change.actor, change.actor_role),
            in_initiator_language=change.actor_role == ActorRole.INITIATOR and not receipt,
        )


def _assignment_querysets(pk):
    return [
        InitiativeAssignment.objects.filter(initiative_id=pk).select_related(
            "broker__broker_profile", "previous_broker__broker_profile", "actor__broker_profile"
        )
    ]


def _assignment_entries(initiative, rows):
    for row in rows:
        yield TimelineEntry(
            at=row.created_at,
            kind="assignment",
            title=str(_("Uw ideeënmakelaar is nu %(name)s") % {"name": actor_name(row.broker)}),
            # Typed into "Toelichting (intern)": staff only.
            note=row.note,
            actor=actor_name(row.actor),
        )


def _message_entries(initiative, messages):
    channels = _labels(MessageChannel.choices)
    for message in messages:
        yield TimelineEntry(
            at=message.sent_at or message.created_at,
            kind="message",
            title=message.subject,
            text=message.body,
            # A call or letter task is the broker's to-do until done; once done, the
            # initiator was called or written to, so it is theirs to see. (One closed
            # without being sent, its match having ended, stays the broker's; so does
            # an e-mail a newer one replaced before it went out.)
            internal=(message.is_task and message.sent_at is None)
            or message.cancelled_at is not None,
            # Written for them in their language (messaging.texts.render_message).
            in_initiator_language=True,
            extra={
                "channel": channels.get(message.channel, message.channel),
                "channel_code": message.channel,
                "sent": message.sent_at is not None,
                "replaced": message.cancelled_at is not None,
                "message_id": message.pk,
                "staff_text": message.body_for_staff,
            },
        )


status_entries = BatchedSource(_status_querysets, _status_entries)
assignment_entries = BatchedSource(_assignment_querysets, _assignment_entries)
message_entries = BatchedSource(
    lambda pk: [OutboundMessage.objects.filter(initiative_id=pk)], _message_entries
)

SOURCES.extend([status_entries, assignment_entries, message_entries])
