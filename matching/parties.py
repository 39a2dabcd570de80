"""The two sides of a match: an initiative (its initiator) or an offer."""

from django.utils.functional import lazy
from django.utils.translation import gettext as _

from .models import Offer


def party_contact(party) -> dict:
    """Name and contact details of a party: used only in the introduction."""
    if isinstance(party, Offer):
        return {"name": party.name, "email": party.email, "phone": party.phone}
    initiator = party.initiator
    return {"name": initiator.name, "email": initiator.email, "phone": initiator.phone}


def party_language(party) -> str:
    """The language of messages to a party: the one they used the form in."""
    return party.language if isinstance(party, Offer) else party.initiator.language


def party_title(party) -> str:
    """The initiative's title, or "Aanbod: <kind>" for an offer: translated when it is
    shown (lazily), so a message reads it in its recipient's language."""
    if isinstance(party, Offer):
        return _offer_title(party)
    return party.title


def _offer_title_now(offer) -> str:
    return _("Aanbod: %(kind)s") % {"kind": offer.get_kind_display().lower()}


_offer_title = lazy(_offer_title_now, str)


def party_summary(party) -> str:
    text = party.description
    return text if len(text) <= 300 else text[:297] + "..."


def party_may_be_asked(party) -> bool:
    if isinstance(party, Offer):
        return bool(party.consent_matching_at and party.email and party.anonymised_at is None)
    initiator = party.initiator
    return bool(initiator.consent_matching_at and initiator.can_receive_email)
