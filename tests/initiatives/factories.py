from datetime import timedelta

import factory
from django.utils import timezone

from config.working_days import add_working_days
from initiatives.constants import (
    THEME_SLUGS,
    ActorRole,
    Channel,
    InitiatorKind,
    PreferredChannel,
    PublicationStatus,
    Status,
)
from initiatives.contact_key import initiator_contact_key
from initiatives.models import (
    CheckIn,
    DocumentRebuild,
    Initiative,
    InitiativeAssignment,
    InitiativeAttachment,
    InitiativeStatusChange,
    Initiator,
    InitiatorUpdate,
    Publication,
    PublicationStatusChange,
    ReferenceCounter,
    SubmissionFollowUp,
    Survey,
    SynonymGroup,
    SynonymGroupChange,
    Theme,
    UpdateKind,
)
from tests.initiatives.files import PDF
from tests.neighbourhoods.factories import NeighbourhoodFactory


def theme(slug="ontmoeting") -> Theme:
    """Themes come from a data migration; a transactional test flushes them, so recreate."""
    name, name_en = THEME_SLUGS[slug]
    return Theme.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})[0]


class ThemeFactory(factory.django.DjangoModelFactory):
    """A theme beyond the data migration's (use `theme(slug)` for those)."""

    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    order = 50


class ReferenceCounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferenceCounter
        django_get_or_create = ["year"]

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    last_number = 0


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
    # As the submission stores it (initiatives/contact_key.py).
    contact_key = factory.LazyAttribute(
        lambda o: initiator_contact_key(email=o.email, phone=o.phone)
    )

    class Params:
        no_email = factory.Trait(email="", preferred_channel=PreferredChannel.PHONE)
        matching_allowed = factory.Trait(consent_matching_at=factory.LazyFunction(timezone.now))
        public = factory.Trait(consent_publish_at=factory.LazyFunction(timezone.now))


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A case in a given state. Use the services to drive behaviour under test."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

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
        # Withdrawn by the initiator before anyone spoke to them.
        withdrawn = factory.Trait(
            status=Status.WITHDRAWN,
            closed_at=factory.LazyFunction(timezone.now),
            outcome_message="Ik wil toch niet verder.",
        )
        # Open, and the broker waits for the initiator.
        waiting = factory.Trait(
            in_conversation=True,
            waiting_since=factory.LazyFunction(timezone.localdate),
            waiting_reason="Een tekening van de plek.",
        )

    @factory.post_generation
    def published(obj, create, extracted, **kwargs):
        """`published=True`: the initiator allowed it and a broker published the idea's
        own title and description (what initiative_publish would write)."""
        if not extracted or not create:
            return
        if obj.initiator.consent_publish_at is None:
            obj.initiator.consent_publish_at = timezone.now()
            obj.initiator.save(update_fields=["consent_publish_at"])
        PublicationFactory(
            initiative=obj, published=True, title=obj.title, summary=obj.description[:600]
        )


class InitiativeStatusChangeFactory(factory.django.DjangoModelFactory):
    """A line of the status history, as initiative_transition appends it. The history
    is append-only: a test that needs an older line moves `created_at` with an update."""

    class Meta:
        model = InitiativeStatusChange

    initiative = factory.SubFactory(InitiativeFactory, in_progress=True)
    from_status = Status.IN_CONVERSATION
    to_status = Status.IN_PROGRESS
    actor_role = ActorRole.STAFF

    class Params:
        # The first line: the idea came in.
        submitted = factory.Trait(
            initiative=factory.SubFactory(InitiativeFactory),
            from_status="",
            to_status=Status.NEW,
            actor_role=ActorRole.INITIATOR,
        )
        by_broker = factory.Trait(actor=factory.SubFactory("tests.brokers.factories.StaffFactory"))


class SubmissionFollowUpFactory(factory.django.DjangoModelFactory):
    """A submission whose acknowledgement and matching no worker has started yet."""

    class Meta:
        model = SubmissionFollowUp

    initiative = factory.SubFactory(InitiativeFactory)

    class Params:
        failed = factory.Trait(failed_at=factory.LazyFunction(timezone.now))


class InitiativeAssignmentFactory(factory.django.DjangoModelFactory):
    """A line of the assignment history (initiative_assign appends it and sets the
    case's broker; this factory sets both too)."""

    class Meta:
        model = InitiativeAssignment

    initiative = factory.SubFactory(InitiativeFactory, broker=factory.SelfAttribute("..broker"))
    broker = factory.SubFactory("tests.brokers.factories.StaffFactory")
    actor = factory.SelfAttribute("broker")
    note = "Ik bel u deze week."

    class Params:
        # Handed over from a colleague.
        reassigned = factory.Trait(
            previous_broker=factory.SubFactory("tests.brokers.factories.StaffFactory")
        )


class InitiativeAttachmentFactory(factory.django.DjangoModelFactory):
    """A PDF added to an idea (a random file name in MEDIA_ROOT)."""

    class Meta:
        model = InitiativeAttachment

    initiative = factory.SubFactory(InitiativeFactory)
    extension = ".pdf"
    file = factory.django.FileField(data=PDF, filename="tekening.pdf")
    original_name = "tekening.pdf"
    content_type = "application/pdf"
    size = len(PDF)

    class Params:
        by_staff = factory.Trait(
            uploaded_by=factory.SubFactory("tests.brokers.factories.StaffFactory")
        )


class InitiatorUpdateFactory(factory.django.DjangoModelFactory):
    """What the initiator did on their own page (information added, by default)."""

    class Meta:
        model = InitiatorUpdate
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    kind = UpdateKind.INFORMATION
    text = "Wij zijn met zes buren."

    class Params:
        preferences = factory.Trait(kind=UpdateKind.PREFERENCES, text="Liever per telefoon.")
        new_link = factory.Trait(kind=UpdateKind.NEW_LINK, text="")
        erasure = factory.Trait(kind=UpdateKind.ERASURE, text="")

    @factory.post_generation
    def attachments(self, create, extracted, **kwargs):
        """`attachments=[attachment, ...]`: the files added with this update."""
        if create and extracted:
            self.attachments.add(*extracted)


def _yesterday():
    return timezone.now() - timedelta(days=1)


class SurveyFactory(factory.django.DjangoModelFactory):
    """The satisfaction survey after a closing, not answered yet."""

    class Meta:
        model = Survey

    initiative = factory.SubFactory("tests.initiatives.factories.InitiativeFactory", realised=True)
    closed_at = factory.LazyAttribute(lambda o: o.initiative.closed_at or timezone.now())

    class Params:
        answered = factory.Trait(
            score=4, comment="Fijne hulp.", answered_at=factory.LazyFunction(timezone.now)
        )
        # A score of 2 or lower flags the case for the coordinator.
        low_score = factory.Trait(
            score=1,
            comment="Niemand belde terug.",
            answered_at=factory.LazyFunction(timezone.now),
            flagged_at=factory.LazyFunction(timezone.now),
        )
        expired = factory.Trait(expires_at=factory.LazyFunction(_yesterday))


class CheckInFactory(factory.django.DjangoModelFactory):
    """ "How is it going?" at 4 weeks in progress, not answered yet."""

    class Meta:
        model = CheckIn

    initiative = factory.SubFactory(
        "tests.initiatives.factories.InitiativeFactory", in_progress=True
    )
    week = 4

    class Params:
        answered = factory.Trait(
            answer="Goed, we zoeken nog een zaal.", answered_at=factory.LazyFunction(timezone.now)
        )
        asks_for_help = factory.Trait(
            answer="We lopen vast op de vergunning.",
            needs_help=True,
            answered_at=factory.LazyFunction(timezone.now),
        )
        expired = factory.Trait(expires_at=factory.LazyFunction(_yesterday))


class SynonymGroupFactory(factory.django.DjangoModelFactory):
    """A thesaurus group; its stems are made by the service (synonym_group_save), so
    arrange real groups through the service and use this for rows only."""

    class Meta:
        model = SynonymGroup

    words = factory.LazyFunction(lambda: ["fietsenmaker", "fietsreparatie"])
    stems = factory.LazyFunction(lambda: ["fietsenmaker", "fietsreparatie"])
    note = "test"


class SynonymGroupChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SynonymGroupChange

    group = factory.SubFactory(SynonymGroupFactory)
    words_before = factory.LazyFunction(list)
    words_after = factory.LazyFunction(lambda: ["fietsenmaker", "fietsreparatie"])


class DocumentRebuildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentRebuild

    reason = "test"


class PublicationFactory(factory.django.DjangoModelFactory):
    """An idea whose initiator allowed publication, waiting for a broker's review (as
    publication_request leaves it); `published`: a broker published it."""

    class Meta:
        model = Publication

    initiative = factory.SubFactory(InitiativeFactory, initiator__public=True)
    status = PublicationStatus.TO_REVIEW

    class Params:
        published = factory.Trait(
            status=PublicationStatus.PUBLISHED,
            title="Samen een moestuin",
            summary="Buren beginnen samen een moestuin op het grasveld.",
            published_at=factory.LazyFunction(timezone.now),
        )
        unpublished = factory.Trait(
            status=PublicationStatus.UNPUBLISHED, reason="Staat een adres in."
        )


class PublicationStatusChangeFactory(factory.django.DjangoModelFactory):
    """A line of a publication's history, as the publication services append it."""

    class Meta:
        model = PublicationStatusChange

    publication = factory.SubFactory(PublicationFactory, published=True)
    from_status = PublicationStatus.TO_REVIEW
    to_status = PublicationStatus.PUBLISHED
    actor_role = ActorRole.STAFF
    title = "Samen een moestuin"
    summary = "Buren beginnen samen een moestuin op het grasveld."
