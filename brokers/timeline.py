"""The broker's work in the case timeline. All internal: the initiator sees the status
changes and the messages, not the broker's notes on conversations or referrals."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.timeline import (
    BatchedSource,
    TimelineEntry,
    actor_fields,
    actor_name,
    actor_name_of,
)

from .constants import ContactChannel, InterventionType, NoteKind
from .models import CaseNote, ContactMoment, Referral


def _labels(choices) -> dict:
    # Once per page, not per entry: get_FOO_display() builds its lookup on every call.
    return {value: str(label) for value, label in choices}


def _contact_entries(initiative, moments):
    channels, interventions = _labels(ContactChannel.choices), _labels(InterventionType.choices)
    # Translated once per page, not per entry.
    title = _("Contactmoment (%(channel)s, %(minutes)s min): %(intervention)s")
    midday = time(12, 0)
    zone = timezone.get_current_timezone()  # as timezone.make_aware, looked up once
    for moment in moments:
        # Logged afterwards for a given day: place it on that day (midday), never in the future.
        at = min(moment["created_at"], datetime.combine(moment["happened_on"], midday, tzinfo=zone))
        yield TimelineEntry(
            at=at,
            kind="contact",
            title=title
            % {
                "channel": channels.get(moment["channel"], moment["channel"]),
                "minutes": moment["duration_minutes"],
                "intervention": interventions.get(moment["intervention"], moment["intervention"]),
            },
            text=moment["summary"],
            actor=actor_name_of(moment, "broker"),
            internal=True,
        )


def _note_entries(initiative, notes):
    titles = {
        NoteKind.NOTE: _("Interne notitie"),
        NoteKind.WAITING_SET: _("Wacht op initiatiefnemer"),
        NoteKind.WAITING_CLEARED: _("Wacht niet meer op initiatiefnemer"),
    }
    for note in notes:
        yield TimelineEntry(
            at=note["created_at"],
            kind="note",
            title=titles[note["kind"]],
            text=note["text"],
            actor=actor_name_of(note, "author"),
            internal=True,
        )


def _referral_entries(initiative, referrals):
    for referral in referrals:
        yield TimelineEntry(
            at=referral.created_at,
            kind="referral",
            title=_("Doorverwezen naar %(organisation)s") % {"organisation": referral.organisation},
            text=referral.reason,
            actor=actor_name(referral.broker),
            internal=True,
        )
        if referral.outcome_at:
            yield TimelineEntry(
                at=referral.outcome_at,
                kind="referral",
                title=_("Uitkomst doorverwijzing %(organisation)s: %(outcome)s")
                % {
                    "organisation": referral.organisation,
                    "outcome": referral.get_outcome_display(),
                },
                text=referral.outcome_note,
                internal=True,
            )


# Read as .values() rows: a long case has hundreds of notes and contact moments.
contact_entries = BatchedSource(
    lambda pk: [
        ContactMoment.objects.filter(initiative_id=pk).values(
            "created_at",
            "happened_on",
            "channel",
            "duration_minutes",
            "intervention",
            "summary",
            *actor_fields("broker"),
        )
    ],
    _contact_entries,
)
note_entries = BatchedSource(
    lambda pk: [
        CaseNote.objects.filter(initiative_id=pk).values(
            "created_at", "kind", "text", *actor_fields("author")
        )
    ],
    _note_entries,
)
referral_entries = BatchedSource(
    lambda pk: [
        Referral.objects.filter(initiative_id=pk).select_related(
            "organisation", "broker__broker_profile"
        )
    ],
    _referral_entries,
)
