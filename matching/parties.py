"""The two sides of a match: an initiative (its initiator) or an offer."""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from accounts.roles import is_broker, is_coordinator
from initiatives.constants import Status
from initiatives.services import message_channel_for
from messaging.constants import MessageChannel

from .constants import OfferStatus
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


def party_channel(party) -> str:
    """How we reach a party: e-mail when they have an address, else a call (or, for an
    initiator who asked for letters, a letter) that the broker makes."""
    if isinstance(party, Offer):
        return MessageChannel.EMAIL
    return message_channel_for(party.initiator)


def party_reachable(party) -> bool:
    """Whether both the question and the introduction can reach this party, and the
    other side can reach them afterwards: an e-mail address or a phone number (an
    address alone would leave the other side nobody to contact). Someone offering help
    needs e-mail: their call task would belong to no case."""
    if isinstance(party, Offer):
        return party.anonymised_at is None and bool(party.email)
    initiator = party.initiator
    return initiator.anonymised_at is None and bool(initiator.email or initiator.phone)


def party_withdrawn(party) -> bool:
    """The initiator withdrew their idea, or the offer is closed (the helper withdrew it,
    or it is no longer on offer). Both were told nothing more is done with it ("Wij doen
    er niets meer mee"): nobody is asked about it or introduced to it any more."""
    if isinstance(party, Offer):
        return party.status != OfferStatus.OPEN
    return party.status == Status.WITHDRAWN


def party_may_be_asked(party) -> bool:
    """Whether we may ask this party to meet the other: they allowed their details to be
    shared with a match, we can reach them (by e-mail, phone or letter), and their idea
    or offer was not withdrawn."""
    consented = (
        party.consent_matching_at
        if isinstance(party, Offer)
        else party.initiator.consent_matching_at
    )
    return consented is not None and party_reachable(party) and not party_withdrawn(party)


# A broker records the answer only of someone asked by a call or a letter; whoever was
# asked by e-mail answers through their own link.
RECORDED_CHANNELS = (MessageChannel.PHONE_TASK, MessageChannel.LETTER_TASK)


def answer_recordable_by(*, party, channel: str, actor) -> bool:
    """Whether `actor` may record this party's answer: a party asked by phone or letter,
    and the named broker of its case or a coordinator (a broker working an unassigned
    open case becomes its named broker). A recorded yes shares the party's details."""
    if not is_broker(actor) or channel not in RECORDED_CHANNELS or isinstance(party, Offer):
        return False
    if is_coordinator(actor) or party.broker_id == actor.pk:
        return True
    return party.broker_id is None and party.is_open


def message_sample_context() -> dict:
    """The other side of an introduction, made up for the preview of message texts in the
    admin (messaging.texts.SAMPLE_CONTEXTS)."""
    return {
        "other_title": "Gereedschapsbibliotheek in de wijk",
        "other_summary": "Buren lenen elkaar gereedschap uit via één kast in het buurthuis.",
        "other_name": "Ahmed Benali",
        "other_email": "ahmed@example.nl",
        "other_phone": "06 8765 4321",
        "offer_kind": "Tijd",
        "offer_description": "Ik kan op zaterdag helpen met tuinieren.",
        "offer_url": settings.SITE_URL + "/aanbod/voorbeeld-link/",
    }
