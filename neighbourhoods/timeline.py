"""Grant events in the case timeline (request, decision, payment, accounting)."""

from django.utils.translation import gettext_lazy as _

from initiatives.timeline import TimelineEntry, _actor_name

from .models import GRANT_EVENT_RETURNED, GrantEvent, GrantStatus
from .money import euros

TITLES = {
    GrantStatus.REQUESTED: _("Wijkbudget aangevraagd: € %(amount)s"),
    GrantStatus.APPROVED: _("Wijkbudget toegekend: € %(amount)s"),
    GrantStatus.DECLINED: _("Aanvraag wijkbudget afgewezen"),
    GrantStatus.PAID: _("Wijkbudget uitbetaald: € %(amount)s"),
    GrantStatus.ACCOUNTED: _("Verantwoording ontvangen: € %(amount)s uitgegeven"),
    GRANT_EVENT_RETURNED: _("Niet uitgegeven geld terugbetaald: € %(amount)s"),
}


def grant_entries(initiative):
    events = GrantEvent.objects.filter(grant__initiative=initiative).select_related(
        "actor__broker_profile"
    )
    for event in events:
        yield TimelineEntry(
            at=event.created_at,
            kind="grant",
            title=str(
                TITLES[event.status]
                % {"amount": euros(event.amount) if event.amount is not None else ""}
            ),
            text=event.note,
            actor=_actor_name(event.actor),
            extra={"grant_id": event.grant_id},
        )
