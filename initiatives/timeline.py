"""One timeline per case, merged from the append-only tables of every capability.

An app contributes entries by appending a source to SOURCES in its AppConfig.ready():
a function (initiative) -> iterable of TimelineEntry. Each source runs a bounded number
of queries, so the whole timeline costs the same for a long case as for a short one."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from accounts.selectors import staff_display_name

from .constants import ActorRole


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


Source = Callable[[object], Iterable[TimelineEntry]]
SOURCES: list[Source] = []


def initiative_timeline(initiative, *, for_initiator: bool = False) -> list[TimelineEntry]:
    entries = [entry for source in SOURCES for entry in source(initiative)]
    if for_initiator:
        entries = [replace(entry, note="") for entry in entries if not entry.internal]
    return sorted(entries, key=lambda entry: entry.at)


def actor_name(user, role: str = "") -> str:
    """Who did it, as the timeline names them: the staff member's name, or "Initiatiefnemer"."""
    if user is None:
        return str(_("Initiatiefnemer")) if role == "initiator" else ""
    return staff_display_name(user)


def _status_note_is_public(change) -> bool:
    """The initiator sees a status change's note only when it is theirs (the reason they
    gave for withdrawing) or the system's own words on receipt ("Idee ontvangen via ...").
    Anything staff typed ("Reden (intern)") or wrote on their behalf stays internal."""
    return change.actor_role == ActorRole.INITIATOR or change.from_status == ""


def status_entries(initiative):
    changes = initiative.status_changes.select_related("actor__broker_profile")
    for change in changes:
        public = _status_note_is_public(change)
        yield TimelineEntry(
            at=change.created_at,
            kind="status",
            title=str(_("Status: %(status)s") % {"status": change.get_to_status_display()}),
            text=change.note if public else "",
            note="" if public else change.note,
            actor=actor_name(change.actor, change.actor_role),
            in_initiator_language=change.actor_role == ActorRole.INITIATOR,
        )


def assignment_entries(initiative):
    rows = initiative.assignments.select_related(
        "broker__broker_profile", "previous_broker__broker_profile", "actor__broker_profile"
    )
    for row in rows:
        yield TimelineEntry(
            at=row.created_at,
            kind="assignment",
            title=str(_("Uw ideeënmakelaar is nu %(name)s") % {"name": actor_name(row.broker)}),
            # Typed into "Toelichting (intern)": staff only.
            note=row.note,
            actor=actor_name(row.actor),
        )


def message_entries(initiative):
    for message in initiative.messages.all():
        yield TimelineEntry(
            at=message.sent_at or message.created_at,
            kind="message",
            title=message.subject,
            text=message.body,
            # A call or letter task is the broker's to-do until done; once done, the
            # initiator was called or written to, so it is theirs to see. (One closed
            # without being sent, its match having ended, stays the broker's.)
            internal=message.is_task and message.sent_at is None,
            # Written for them in their language (messaging.texts.render_message).
            in_initiator_language=True,
            extra={
                "channel": message.get_channel_display(),
                "sent": message.sent_at is not None,
                "message_id": message.pk,
                "staff_text": message.body_for_staff,
            },
        )


SOURCES.extend([status_entries, assignment_entries, message_entries])
