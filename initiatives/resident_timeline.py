"""Timeline sources for what the initiator did: on their own page, and in answer to a
check-in or a survey. Registered in InitiativesConfig.ready()."""

from django.utils.translation import gettext as _

from .models import UpdateKind
from .timeline import TimelineEntry, actor_name


def update_entries(initiative):
    rows = initiative.updates.select_related("actor__broker_profile").prefetch_related(
        "attachments"
    )
    for row in rows:
        files = [attachment.original_name for attachment in row.attachments.all()]
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


def check_in_entries(initiative):
    for check_in in initiative.check_ins.filter(answered_at__isnull=False):
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


def survey_entries(initiative):
    for survey in initiative.surveys.filter(answered_at__isnull=False):
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
