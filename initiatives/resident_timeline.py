"""Timeline sources for what the initiator did: on their own page, and in answer to a
check-in or a survey. Registered in InitiativesConfig.ready()."""

from django.utils.translation import gettext as _

from .models import CheckIn, InitiatorUpdate, Survey, UpdateKind
from .timeline import BatchedSource, TimelineEntry, actor_name


def _update_querysets(pk):
    return [
        InitiatorUpdate.objects.filter(initiative_id=pk).select_related("actor__broker_profile"),
        # The files of each update (a many-to-many): read with the rest, not prefetched.
        InitiatorUpdate.attachments.through.objects.filter(initiatorupdate__initiative_id=pk)
        .order_by("initiativeattachment__created_at", "initiativeattachment_id")
        .values_list("initiatorupdate_id", "initiativeattachment__original_name"),
    ]


def _update_entries(initiative, rows, files_of_updates):
    names = {}
    for update_id, name in files_of_updates:
        names.setdefault(update_id, []).append(name)
    for row in rows:
        files = names.get(row.pk, [])
        text = row.text
        if files:
            text = "\n".join(filter(None, [text, _("Bestanden: %s") % ", ".join(files)]))
        yield TimelineEntry(
            at=row.created_at,
            kind="initiator_update",
            title=UpdateKind(row.kind).label,
            text=text,
            # Staff who corrected the details in the admin, else the initiator themselves.
            actor=actor_name(row.actor) if row.actor_id else _("Initiatiefnemer"),
            in_initiator_language=row.actor_id is None,
        )


def _check_in_entries(initiative, check_ins):
    for check_in in check_ins:
        yield TimelineEntry(
            at=check_in.answered_at,
            kind="check_in",
            title=_("Antwoord op 'hoe gaat het?' (week %(week)s)") % {"week": check_in.week},
            text=check_in.answer
            + ("\n" + _("Wil graag contact met de makelaar.") if check_in.needs_help else ""),
            actor=_("Initiatiefnemer"),
            in_initiator_language=True,
            extra={"needs_help": check_in.needs_help},
        )


def _survey_entries(initiative, surveys):
    for survey in surveys:
        yield TimelineEntry(
            at=survey.answered_at,
            kind="survey",
            title=_("Tevredenheid: %(score)s van 5") % {"score": survey.score},
            text=survey.comment,
            actor=_("Initiatiefnemer"),
            in_initiator_language=True,
            # Staff read scores; the initiator's own page need not repeat them.
            internal=True,
            extra={"flagged": survey.flagged_at is not None},
        )


update_entries = BatchedSource(_update_querysets, _update_entries)
check_in_entries = BatchedSource(
    lambda pk: [CheckIn.objects.filter(initiative_id=pk, answered_at__isnull=False)],
    _check_in_entries,
)
survey_entries = BatchedSource(
    lambda pk: [Survey.objects.filter(initiative_id=pk, answered_at__isnull=False)],
    _survey_entries,
)
