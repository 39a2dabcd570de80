"""Offers of help in the case timeline (the offerer's details stay with the broker)."""

from django.utils.translation import gettext as _

from initiatives.timeline import BatchedSource, TimelineEntry

from .models import Offer


def _offer_entries(initiative, offers):
    # The offerer's name and contact details stay with the broker (matching).
    for offer in offers:
        yield TimelineEntry(
            at=offer.created_at,
            kind="offer",
            title=_("Iemand wil helpen: %(kind)s") % {"kind": offer.get_kind_display()},
            extra={"offer_id": offer.pk},
        )


offer_entries = BatchedSource(lambda pk: [Offer.objects.filter(initiative_id=pk)], _offer_entries)
