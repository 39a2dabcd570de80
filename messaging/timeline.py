"""The initiator's answers land in the case file's timeline."""

from django.utils.translation import gettext as _

from initiatives.timeline import TimelineEntry


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
