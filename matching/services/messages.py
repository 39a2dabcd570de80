"""What the matching services share: the outbox keys of a match's messages, the
message to one side (an e-mail, or a call or letter task), and the consent link."""

from django.conf import settings
from django.core import signing

from initiatives.models import Initiative
from messaging.constants import MessageChannel
from messaging.services import message_queue
from messaging.texts import render_message

from ..models import MatchConsent
from ..parties import party_channel, party_contact, party_language

CONSENT_SALT = "matching.consent"


def consent_key(suggestion_id: int, side: str) -> str:
    """The outbox key of the consent question to one side ("a" or "b")."""
    return f"match:{suggestion_id}:consent:{side}"


def queue_to_party(*, party, kind: str, key: str, broker, context: dict):
    """An e-mail to the party, or, without an e-mail address, a call or letter task on
    the broker's list with the same text (the broker then records the answer)."""
    profile = getattr(broker, "broker_profile", None)
    contact = party_contact(party)
    channel = party_channel(party)
    subject, body = render_message(
        kind,
        {
            "recipient_name": contact["name"],
            "broker": profile,
            "municipality_name": settings.MUNICIPALITY_NAME,
            "municipality_phone": settings.MUNICIPALITY_PHONE,
            # Without e-mail the broker calls or writes: the text says how to answer. A
            # call's script has no answer link (the broker records the answer instead).
            "by_email": channel == MessageChannel.EMAIL,
            "by_phone": channel == MessageChannel.PHONE_TASK,
        }
        | context,
        language=party_language(party),
    )
    return message_queue(
        key=key,
        kind=kind,
        channel=channel,
        subject=subject,
        body=body,
        to_email=contact["email"] if channel == MessageChannel.EMAIL else "",
        reply_to=profile.reply_email if profile else "",
        initiative=party if isinstance(party, Initiative) else None,
        sender=broker,
    )


def consent_token(consent: MatchConsent) -> str:
    return signing.dumps(consent.pk, salt=CONSENT_SALT)
