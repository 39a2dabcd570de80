from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import Role
from brokers.constants import (
    ContactChannel,
    InterventionType,
    NoteKind,
    OrganisationKind,
    ReferralOutcome,
)
from brokers.models import BrokerProfile, CaseNote, ContactMoment, Organisation, Referral
from brokers.services import staff_account_save


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff account with one role, made through the same service as `add_staff`."""

    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"staff{n}@gemeente.example")
    role = "broker"
    password = "correct-horse-battery"
    display_name = factory.Sequence(lambda n: f"Makelaar {n}")

    @classmethod
    def _create(cls, model_class, *args, email, role, password, display_name, **kwargs):
        user, _ = staff_account_save(
            email=email,
            role=role,
            password=password,
            display_name=display_name,
            phone="038 123 45 67",
        )
        return user


class BrokerProfileFactory(factory.django.DjangoModelFactory):
    """A broker's profile. The account and its profile come from StaffFactory (the
    add_staff service); the fields given here are then set on that profile."""

    class Meta:
        model = BrokerProfile

    user = factory.SubFactory(StaffFactory, role=Role.BROKER)
    display_name = factory.Sequence(lambda n: f"Makelaar {n}")
    direct_phone = "038 123 45 67"

    class Params:
        # Replies go to this address instead of the account's.
        own_reply_address = factory.Trait(
            direct_email=factory.Sequence(lambda n: f"makelaar{n}@gemeente.example")
        )
        # No longer at work since yesterday.
        departed = factory.Trait(
            active_to=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
        )

    @classmethod
    def _create(cls, model_class, *args, user, **fields):
        profile, _ = model_class.objects.update_or_create(user=user, defaults=fields)
        return profile


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stichting Welzijn {n}")
    kind = OrganisationKind.WELFARE
    contact_name = "Fatima de Groot"
    contact_email = factory.Sequence(lambda n: f"contact{n}@partner.example")

    class Params:
        social_team = factory.Trait(
            kind=OrganisationKind.SOCIAL_TEAM,
            name=factory.Sequence(lambda n: f"Sociaal wijkteam {n}"),
        )
        inactive = factory.Trait(is_active=False)


class ContactMomentFactory(factory.django.DjangoModelFactory):
    """A logged phone call by the case's broker. The service that logs one also moves
    a new case on (brokers.services.contact_moment_create): drive that through it."""

    class Meta:
        model = ContactMoment

    broker = factory.SubFactory(StaffFactory)
    initiative = factory.SubFactory(
        "tests.initiatives.factories.InitiativeFactory",
        in_conversation=True,
        broker=factory.SelfAttribute("..broker"),
    )
    happened_on = factory.LazyFunction(timezone.localdate)
    channel = ContactChannel.PHONE
    duration_minutes = 15
    intervention = InterventionType.THINKING_ALONG
    summary = "Gebeld over de plek en de buren."

    class Params:
        home_visit = factory.Trait(
            channel=ContactChannel.HOME_VISIT,
            duration_minutes=60,
            intervention=InterventionType.LOCATION,
        )


class CaseNoteFactory(factory.django.DjangoModelFactory):
    """An internal note, never shown to the initiator."""

    class Meta:
        model = CaseNote

    author = factory.SubFactory(StaffFactory)
    initiative = factory.SubFactory(
        "tests.initiatives.factories.InitiativeFactory",
        in_conversation=True,
        broker=factory.SelfAttribute("..author"),
    )
    kind = NoteKind.NOTE
    text = "Wethouder is enthousiast, vergunning nog nodig."

    class Params:
        waiting_set = factory.Trait(kind=NoteKind.WAITING_SET, text="Een tekening van de plek.")
        waiting_cleared = factory.Trait(
            kind=NoteKind.WAITING_CLEARED, text="Het wachten is voorbij."
        )


class ReferralFactory(factory.django.DjangoModelFactory):
    """A case handed to a partner, outcome still pending."""

    class Meta:
        model = Referral

    broker = factory.SubFactory(StaffFactory)
    initiative = factory.SubFactory(
        "tests.initiatives.factories.InitiativeFactory",
        in_conversation=True,
        broker=factory.SelfAttribute("..broker"),
    )
    organisation = factory.SubFactory(OrganisationFactory)
    reason = "Een zorgvraag die de bewoner niet zelf kan regelen."

    class Params:
        helped = factory.Trait(
            outcome=ReferralOutcome.HELPED,
            outcome_note="Het wijkteam helpt met de aanvraag.",
            outcome_at=factory.LazyFunction(timezone.now),
        )
        not_taken_up = factory.Trait(
            outcome=ReferralOutcome.NOT_TAKEN_UP,
            outcome_note="Geen plek tot na de zomer.",
            outcome_at=factory.LazyFunction(timezone.now),
        )
