from datetime import timedelta

import factory
from django.utils import timezone

from messaging.constants import MAX_ATTEMPTS, MessageChannel, MessageKind
from messaging.models import MessageTemplate, OutboundMessage


def _yesterday():
    return timezone.now() - timedelta(days=1)


class OutboundMessageFactory(factory.django.DjangoModelFactory):
    """An outbox row as a service writes it (an e-mail to the initiator, not yet sent).
    Sending, retrying and marking a task done go through messaging.services."""

    class Meta:
        model = OutboundMessage

    key = factory.Sequence(lambda n: f"test:{n}")
    kind = MessageKind.ACKNOWLEDGEMENT
    channel = MessageChannel.EMAIL
    initiative = factory.SubFactory("tests.initiatives.factories.InitiativeFactory")
    # Tasks (a call or a letter) have no address.
    to_email = factory.LazyAttribute(
        lambda o: (
            o.initiative.initiator.email
            if o.initiative and o.channel == MessageChannel.EMAIL
            else ""
        )
    )
    subject = "We hebben uw idee ontvangen"
    body = "Beste bewoner,\n\nWe hebben uw idee ontvangen.\n"

    class Params:
        sent = factory.Trait(attempts=1, sent_at=factory.LazyFunction(timezone.now))
        # Failed for good: the last attempt was refused.
        failed = factory.Trait(
            attempts=MAX_ATTEMPTS,
            failed_at=factory.LazyFunction(timezone.now),
            last_error="SMTPRecipientsRefused: 550 no such user",
        )
        # A call for a broker (initiator without e-mail); `letter` for a letter.
        task = factory.Trait(channel=MessageChannel.PHONE_TASK)
        letter = factory.Trait(channel=MessageChannel.LETTER_TASK)
        # A task a broker marked done.
        done = factory.Trait(
            task=True,
            done_at=factory.LazyFunction(timezone.now),
            done_by=factory.SubFactory("tests.brokers.factories.StaffFactory"),
        )


class MessageTemplateFactory(factory.django.DjangoModelFactory):
    """An administrator's text for one kind (one per kind). Wrap its creation in
    `django_capture_on_commit_callbacks(execute=True)` where the texts were read before:
    they are held per process until a change commits."""

    class Meta:
        model = MessageTemplate

    kind = MessageKind.ACKNOWLEDGEMENT
    subject = "Ontvangen: {{ initiative.title }}"
    body = "Beste {{ initiator.name }},\n\nWe hebben uw idee ontvangen.\n"

    class Params:
        updated = factory.Trait(
            updated_by=factory.SubFactory("tests.brokers.factories.StaffFactory")
        )
