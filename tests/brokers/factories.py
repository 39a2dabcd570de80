import factory
from django.utils import timezone

from brokers.constants import (
    ContactChannel,
    InterventionType,
    NoteKind,
    OrganisationKind,
    ReferralOutcome,
    StandardTextPurpose,
)
from brokers.models import (
    CaseNote,
    CaseRead,
    ContactMoment,
    Organisation,
    Referral,
    SavedView,
    StandardText,
)
from tests.accounts.factories import StaffFactory


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


class CaseReadFactory(factory.django.DjangoModelFactory):
    """A broker opened a case file (brokers.workbench.services.case_read_mark)."""

    class Meta:
        model = CaseRead

    user = factory.SubFactory(StaffFactory)
    initiative = factory.SubFactory("tests.initiatives.factories.InitiativeFactory")
    read_at = factory.LazyFunction(timezone.now)


class SavedViewFactory(factory.django.DjangoModelFactory):
    """A broker's own queue view (brokers.services.saved_view_save)."""

    class Meta:
        model = SavedView

    owner = factory.SubFactory(StaffFactory)
    name = factory.Sequence(lambda n: f"Mijn weergave {n}")
    query = "overdue=true"

    class Params:
        shared_with_colleagues = factory.Trait(shared=True)


class StandardTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardText

    name = factory.Sequence(lambda n: f"Afsluiten: gerealiseerd {n}")
    purpose = StandardTextPurpose.CLOSE
    body = "Beste {naam}, uw idee {titel} ({kenmerk}) is gelukt. Groet, {makelaar}."

    class Params:
        inactive = factory.Trait(is_active=False)
