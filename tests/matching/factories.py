from datetime import timedelta

import factory
from django.utils import timezone

from matching.constants import CONSENT_DAYS, OfferKind, OfferStatus, SuggestionStatus
from matching.models import (
    Introduction,
    MatchConsent,
    MatchSuggestion,
    MatchSuggestionStatusChange,
    MatchWeights,
    Offer,
    OfferStatusChange,
    TermFrequency,
)
from messaging.constants import MessageChannel


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    kind = OfferKind.SPACE
    description = "Onze kantine is op zaterdag vrij voor activiteiten in de buurt."
    in_return = "Een vermelding op de website."
    name = "Bakkerij De Korenschoof"
    email = factory.Sequence(lambda n: f"aanbod{n}@example.nl")
    phone = "038 111 22 33"
    consent_contact_at = factory.LazyFunction(timezone.now)
    consent_matching_at = factory.LazyFunction(timezone.now)

    class Params:
        closed = factory.Trait(status=OfferStatus.CLOSED)
        # Contact only, no sharing of details with a match.
        no_matching = factory.Trait(consent_matching_at=None)


class MatchSuggestionFactory(factory.django.DjangoModelFactory):
    """Two initiatives worth introducing (the lower id is stored first, as the matching
    service does); `with_offer` for an initiative and an offer."""

    class Meta:
        model = MatchSuggestion

    initiative = factory.SubFactory("tests.initiatives.factories.InitiativeFactory")
    other_initiative = factory.SubFactory("tests.initiatives.factories.InitiativeFactory")
    score = 0.8
    reasons = factory.LazyFunction(lambda: [{"code": "theme"}, {"code": "neighbourhood"}])

    class Params:
        with_offer = factory.Trait(other_initiative=None, offer=factory.SubFactory(OfferFactory))
        # A broker accepted it: both sides are asked for consent.
        accepted = factory.Trait(
            status=SuggestionStatus.ACCEPTED,
            decided_at=factory.LazyFunction(timezone.now),
            decided_by=factory.SubFactory("tests.brokers.factories.StaffFactory"),
        )
        introduced = factory.Trait(accepted=True, status=SuggestionStatus.INTRODUCED)
        dismissed = factory.Trait(
            status=SuggestionStatus.DISMISSED,
            decided_at=factory.LazyFunction(timezone.now),
            decided_by=factory.SubFactory("tests.brokers.factories.StaffFactory"),
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        first, other = kwargs["initiative"], kwargs.get("other_initiative")
        if other is not None and other.pk < first.pk:
            kwargs["initiative"], kwargs["other_initiative"] = other, first
        return super()._create(model_class, *args, **kwargs)


class MatchConsentFactory(factory.django.DjangoModelFactory):
    """The question to side "a" (the suggestion's initiative), by e-mail, not answered."""

    class Meta:
        model = MatchConsent

    suggestion = factory.SubFactory(MatchSuggestionFactory, accepted=True)
    initiative = factory.SelfAttribute("suggestion.initiative")
    channel = MessageChannel.EMAIL
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=CONSENT_DAYS))

    class Params:
        agreed_to = factory.Trait(agreed=True, answered_at=factory.LazyFunction(timezone.now))
        refused = factory.Trait(agreed=False, answered_at=factory.LazyFunction(timezone.now))
        # Asked by phone; the broker recorded the yes.
        by_phone = factory.Trait(
            channel=MessageChannel.PHONE_TASK,
            agreed=True,
            answered_at=factory.LazyFunction(timezone.now),
            recorded_by=factory.SubFactory("tests.brokers.factories.StaffFactory"),
        )
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
        )


class IntroductionFactory(factory.django.DjangoModelFactory):
    """An introduction made: both sides agreed."""

    class Meta:
        model = Introduction

    suggestion = factory.SubFactory(MatchSuggestionFactory, introduced=True)


class OfferStatusChangeFactory(factory.django.DjangoModelFactory):
    """A history row as offer_status_change writes it; drive changes through the service."""

    class Meta:
        model = OfferStatusChange

    offer = factory.SubFactory(OfferFactory, status=OfferStatus.CLOSED)
    from_status = OfferStatus.OPEN
    to_status = OfferStatus.CLOSED
    actor = factory.SubFactory("tests.accounts.factories.StaffFactory", role="broker")


class MatchSuggestionStatusChangeFactory(factory.django.DjangoModelFactory):
    """A history row as the suggestion's state machine writes it (a broker accepted);
    drive changes through matching.services."""

    class Meta:
        model = MatchSuggestionStatusChange

    suggestion = factory.SubFactory(MatchSuggestionFactory, accepted=True)
    from_status = SuggestionStatus.SUGGESTED
    to_status = SuggestionStatus.ACCEPTED
    actor = factory.SelfAttribute("suggestion.decided_by")

    class Params:
        # The questions ran out: the nightly job ended the match (no actor).
        expired = factory.Trait(
            suggestion=factory.SubFactory(
                MatchSuggestionFactory, accepted=True, status=SuggestionStatus.DECLINED
            ),
            from_status=SuggestionStatus.ACCEPTED,
            to_status=SuggestionStatus.DECLINED,
            actor=None,
            note="De vraag om toestemming is verlopen zonder antwoord.",
        )


class MatchWeightsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchWeights

    text, title, theme, neighbourhood, needs, minimum = 0.7, 0.15, 0.1, 0.1, 0.03, 0.5
    decisions = 40
    precision_before, recall_before, precision_after, recall_after = 0.7, 0.6, 0.8, 0.7


class TermFrequencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermFrequency
        django_get_or_create = ("term",)

    term = factory.Sequence(lambda n: f"woord{n}")
    documents = 3
