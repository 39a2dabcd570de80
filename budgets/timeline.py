"""Grant events in the case timeline (request, decision, payment, accounting)."""

from django.db.models import F
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from initiatives.timeline import BatchedSource, TimelineEntry, actor_name

from .constants import GRANT_EVENT_RETURNED, RETURNED_NOTE, GrantStatus
from .models import GrantEvent

TITLES = {
    GrantStatus.REQUESTED: _("Wijkbudget aangevraagd: € %(amount)s"),
    GrantStatus.APPROVED: _("Wijkbudget toegekend: € %(amount)s"),
    GrantStatus.DECLINED: _("Aanvraag wijkbudget afgewezen"),
    GrantStatus.PAID: _("Wijkbudget uitbetaald: € %(amount)s"),
    GrantStatus.ACCOUNTED: _("Verantwoording ontvangen: € %(amount)s uitgegeven"),
    GRANT_EVENT_RETURNED: _("Niet uitgegeven geld terugbetaald: € %(amount)s"),
}


def _amount(value) -> str:
    # Shown now, in the reader's language, like the amounts in the budget panel beside it
    # (the stored notes are Dutch: budgets.money.euros).
    return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def _grant_querysets(pk):
    return [
        GrantEvent.objects.filter(grant__initiative_id=pk)
        .select_related("actor__broker_profile")
        .annotate(approved=F("grant__amount_approved"))
    ]


def _note(event) -> str:
    """An accounting's note is the system's (budgets.services._returned_note): written
    anew in the reader's language and notation, from the amounts it was made of."""
    if event.status == GrantStatus.ACCOUNTED and event.note and event.amount is not None:
        unspent = max((event.approved or 0) - event.amount, 0)
        if unspent:
            return str(RETURNED_NOTE) % {"returned": _amount(unspent)}
    return event.note


def _grant_entries(initiative, events):
    for event in events:
        yield TimelineEntry(
            at=event.created_at,
            kind="grant",
            title=str(
                TITLES[event.status]
                % {"amount": _amount(event.amount) if event.amount is not None else ""}
            ),
            text=_note(event),
            actor=actor_name(event.actor),
            extra={"grant_id": event.grant_id},
        )


grant_entries = BatchedSource(_grant_querysets, _grant_entries)
