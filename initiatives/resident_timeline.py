"""Timeline sources for what the initiator did on their own page and for offers of help
from the public gallery. Registered in InitiativesConfig.ready()."""

from django.utils.translation import gettext as _

from .models import UpdateKind
from .timeline import TimelineEntry, _actor_name


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
            actor=_actor_name(row.actor) if row.actor_id else _("Initiatiefnemer"),
            in_initiator_language=row.actor_id is None,
        )


def offer_entries(initiative):
    # The offerer's name and contact details stay with the broker (matching).
    for offer in initiative.offers.all():
        yield TimelineEntry(
            at=offer.created_at,
            kind="offer",
            title=_("Iemand wil helpen: %(kind)s") % {"kind": offer.get_kind_display()},
            extra={"offer_id": offer.pk},
        )
