import factory
from django.utils import timezone

from config.working_days import add_working_days
from initiatives.constants import THEME_SLUGS, Channel, InitiatorKind, PreferredChannel, Status
from initiatives.models import Initiative, Initiator, Theme
from tests.neighbourhoods.factories import NeighbourhoodFactory


def theme(slug="ontmoeting") -> Theme:
    """Themes come from a data migration; a transactional test flushes them, so recreate."""
    name, name_en = THEME_SLUGS[slug]
    return Theme.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})[0]


class InitiatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiator

    kind = InitiatorKind.RESIDENT
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"bewoner{n}@example.nl")
    phone = "06 1234 5678"
    postcode = "8011AB"
    preferred_channel = PreferredChannel.EMAIL
    consent_contact_at = factory.LazyFunction(timezone.now)

    class Params:
        no_email = factory.Trait(email="", preferred_channel=PreferredChannel.PHONE)
        matching_allowed = factory.Trait(consent_matching_at=factory.LazyFunction(timezone.now))
        public = factory.Trait(consent_publish_at=factory.LazyFunction(timezone.now))


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A case in a given state. Use the services to drive behaviour under test."""

    class Meta:
        model = Initiative

    reference = factory.Sequence(lambda n: f"2026-{n + 5000:04d}")
    title = "Buurtmoestuin achter de flat"
    description = "Wij willen met de buren een moestuin beginnen op het grasveld."
    theme = factory.LazyFunction(theme)
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    initiator = factory.SubFactory(InitiatorFactory)
    channel = Channel.WEB
    needs = factory.LazyFunction(lambda: ["thinking_along"])
    status = Status.NEW
    submitted_at = factory.LazyFunction(timezone.now)
    first_contact_due = factory.LazyAttribute(
        lambda o: add_working_days(timezone.localdate(o.submitted_at), 5)
    )

    class Params:
        in_conversation = factory.Trait(
            status=Status.IN_CONVERSATION, first_contact_at=factory.LazyFunction(timezone.now)
        )
        in_progress = factory.Trait(
            status=Status.IN_PROGRESS, first_contact_at=factory.LazyFunction(timezone.now)
        )
        realised = factory.Trait(
            status=Status.REALISED,
            first_contact_at=factory.LazyFunction(timezone.now),
            closed_at=factory.LazyFunction(timezone.now),
            outcome_message="Het is gelukt.",
        )
