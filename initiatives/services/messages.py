"""How a case talks to its initiator: the channel they prefer, the context of every
message, and the one way to queue a message for a case (the outbox)."""

import logging

from django.conf import settings

from messaging.constants import MessageChannel
from messaging.services import message_queue
from messaging.texts import render_message

from ..constants import (
    PreferredChannel,
)
from ..links import private_url
from ..models import (
    Initiative,
    Initiator,
)

logger = logging.getLogger(__name__)


def message_channel_for(initiator: Initiator) -> str:
    """E-mail when we have an address; otherwise a call or letter task for the broker."""
    if initiator.can_receive_email and initiator.preferred_channel != PreferredChannel.LETTER:
        return MessageChannel.EMAIL
    if initiator.preferred_channel == PreferredChannel.LETTER and initiator.address:
        return MessageChannel.LETTER_TASK
    if initiator.phone:
        return MessageChannel.PHONE_TASK
    if initiator.can_receive_email:
        return MessageChannel.EMAIL
    return MessageChannel.LETTER_TASK


def initiative_message_context(initiative: Initiative) -> dict:
    profile = getattr(initiative.broker, "broker_profile", None) if initiative.broker_id else None
    return {
        "initiative": initiative,
        "initiator": initiative.initiator,
        "broker": profile,
        "private_url": private_url(initiative),
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_phone": settings.MUNICIPALITY_PHONE,
        "first_contact_days": settings.FIRST_CONTACT_WORKING_DAYS,
    }


def initiative_message_queue(*, initiative: Initiative, kind: str, occasion: str, extra=None):
    """Queue a message to the initiator of a case, in the current transaction. None when
    the initiator was anonymised: there is nobody to reach, and a call or letter task
    to "(geanonimiseerd)" without an address would only sit on a broker's list."""
    if initiative.initiator.anonymised_at is not None:
        return None
    context = initiative_message_context(initiative) | (extra or {})
    subject, body = render_message(kind, context, language=initiative.initiator.language)
    initiator = initiative.initiator
    channel = message_channel_for(initiator)
    profile = context["broker"]
    return message_queue(
        key=f"initiative:{initiative.pk}:{kind}:{occasion}",
        kind=kind,
        channel=channel,
        subject=subject,
        body=body,
        to_email=initiator.email if channel == MessageChannel.EMAIL else "",
        reply_to=profile.reply_email if profile else "",
        initiative=initiative,
        sender=initiative.broker,
    )
