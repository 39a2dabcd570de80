"""How a case talks to its initiator: the channel they prefer, the context of every
message, and the one way to queue a message for a case (the outbox)."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from messaging.constants import MessageChannel
from messaging.models import OutboundMessage
from messaging.services import message_queue
from messaging.texts import render_message

from ..constants import PreferredChannel, Status
from ..links import private_url
from ..models import Initiative, Initiator, Theme

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
        join_open_task=True,
    )


@dataclass(frozen=True)
class MessagePreview:
    """Exactly what the initiator would get: the text through the outbox texts, and how."""

    channel: str  # messaging.constants.MessageChannel
    recipient: str  # the e-mail address, phone number or postal address
    subject: str
    body: str

    @property
    def is_task(self) -> bool:
        return self.channel != MessageChannel.EMAIL


def initiative_message_preview(
    *, initiative: Initiative, kind: str, extra=None
) -> MessagePreview | None:
    """The message initiative_message_queue would queue, without queueing it. None when
    nobody can be reached (an anonymised initiator)."""
    initiator = initiative.initiator
    if initiator.anonymised_at is not None:
        return None
    context = initiative_message_context(initiative) | (extra or {})
    subject, body = render_message(kind, context, language=initiator.language)
    channel = message_channel_for(initiator)
    recipient = {
        MessageChannel.EMAIL: initiator.email,
        MessageChannel.PHONE_TASK: initiator.phone,
    }.get(channel, " ".join(filter(None, [initiator.address, initiator.postcode])))
    # As staff see any message: the resident's private link shielded (OutboundMessage).
    shown = OutboundMessage(channel=channel, body=body).body_for_staff
    return MessagePreview(channel=channel, recipient=recipient, subject=subject, body=shown)


def message_sample_context() -> dict:
    """A made-up case for the preview of message texts in the admin
    (messaging.texts.SAMPLE_CONTEXTS): every case variable a message uses."""

    class SampleBroker:
        display_name = "Marieke de Vries"
        direct_phone = "038 498 12 34"
        reply_email = "m.devries@gemeente.example"

    initiator = Initiator(name="Sanne Jansen", email="sanne@example.nl", phone="06 1234 5678")
    initiative = Initiative(
        reference="2026-0042",
        title="Repair café in het buurthuis",
        description="Eén keer per maand samen kapotte spullen repareren.",
        theme=Theme(name="Duurzaamheid"),
        initiator=initiator,
        status=Status.REALISED,
        submitted_at=timezone.now(),
        first_contact_due=timezone.localdate() + timedelta(days=7),
    )
    return {
        "initiative": initiative,
        "initiator": initiator,
        "broker": SampleBroker(),
        "previous_broker": None,
        "outcome_message": "Het repair café draait sinds maart elke eerste zaterdag.",
        "update_message": "De gemeente denkt mee over een plek in het buurthuis.",
        "week": 4,
        "waiting_days": 5,
        "by_email": True,
        "by_phone": False,
        "old_links_revoked": True,
        "sections": [],
        "overdue_working_days": 10,
    }
