"""What the broker reads after a case action that writes to the initiator: where the
message went (an e-mail to this address, a call or letter task), so nobody has to look
it up in the timeline."""

from django.utils.translation import gettext as _

from initiatives.services import message_channel_for
from messaging.constants import MessageChannel


def channel_sentence(initiative) -> str:
    """Where a message to the initiator went (or that there is nobody to reach)."""
    initiator = initiative.initiator
    channel = message_channel_for(initiator)
    if channel == MessageChannel.EMAIL:
        return _("Bericht per e-mail verstuurd aan %(email)s.") % {"email": initiator.email}
    if channel == MessageChannel.PHONE_TASK:
        return _(
            "Belopdracht aangemaakt: bel %(name)s (%(phone)s) en lees het bericht voor. "
            "De opdracht staat bij 'Te doen' en in 'Berichten en taken'."
        ) % {"name": initiator.name, "phone": initiator.phone}
    return _(
        "Briefopdracht aangemaakt: stuur het bericht per post aan %(name)s. "
        "De opdracht staat bij 'Te doen' en in 'Berichten en taken'."
    ) % {"name": initiator.name}


def assigned_confirmation(done: str):
    """The success message of an assignment (or a claim), read from the case as it was:
    `done`, then where "Uw ideeënmakelaar is ..." went. Nothing is sent when the broker
    stays the same or the initiator's data were erased."""

    def confirmation(initiative, data) -> str:
        if initiative.broker_id == data["broker"].pk:
            return done
        if initiative.initiator.anonymised_at is not None:
            return f"{done} {_('De initiatiefnemer krijgt hierover geen bericht.')}"
        return f"{done} {channel_sentence(initiative)}"

    return confirmation
