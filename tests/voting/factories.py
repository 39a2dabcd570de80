from datetime import timedelta

import factory
from django.utils import timezone

from tests.accounts.factories import StaffFactory
from tests.budgets.factories import NeighbourhoodBudgetFactory
from voting.codes import address_digest, code_digest, code_new
from voting.constants import (
    BallotRule,
    Channel,
    CodeStatus,
    CountingMethod,
    PlanStatus,
    RoundStatus,
)
from voting.models import (
    Ballot,
    Heading,
    LetterBatch,
    PaperBallotEntry,
    Plan,
    RoundStatusChange,
    VoterCode,
    VoteRound,
)


def _day(offset):
    return factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=offset))


class VoteRoundFactory(factory.django.DjangoModelFactory):
    """A round in its first phase (traits: later phases, as rows; drive a phase change
    through voting.services.round_advance)."""

    class Meta:
        model = VoteRound

    title = factory.Sequence(lambda n: f"Assendorp Begroot {n}")
    intro = "Bewoners kiezen zelf welke plannen het wijkbudget krijgen."
    help_sessions = "Dinsdag 14.00-16.00 in buurthuis De Pierik."
    plans_until = _day(-30)
    feasibility_until = _day(-10)
    ballot_opens = _day(-1)
    ballot_closes = _day(14)
    results_on = _day(21)
    ballot_rule = BallotRule.APPROVAL
    min_choices = 1
    max_choices = 3
    method = CountingMethod.GREEDY

    class Params:
        feasibility = factory.Trait(status=RoundStatus.FEASIBILITY)
        ballot_open = factory.Trait(status=RoundStatus.BALLOT_OPEN)
        counting = factory.Trait(status=RoundStatus.COUNTING)
        knapsack = factory.Trait(ballot_rule=BallotRule.KNAPSACK, max_choices=None)
        equal_shares = factory.Trait(method=CountingMethod.EQUAL_SHARES)


class RoundStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundStatusChange

    round = factory.SubFactory(VoteRoundFactory, feasibility=True)
    from_status = RoundStatus.PLANS_IN
    to_status = RoundStatus.FEASIBILITY


class HeadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Heading

    round = factory.SubFactory(VoteRoundFactory)
    budget = factory.SubFactory(NeighbourhoodBudgetFactory)
    amount = 10000


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    heading = factory.SubFactory(HeadingFactory)
    initiative = factory.SubFactory(
        "tests.initiatives.factories.InitiativeFactory",
        in_progress=True,
        neighbourhood=factory.SelfAttribute("..heading.budget.neighbourhood"),
    )
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Plan {n}")
    summary = "Bankjes en een picknicktafel op het grasveld."
    cost = 2500

    class Params:
        feasible = factory.Trait(status=PlanStatus.FEASIBLE)
        left_out = factory.Trait(status=PlanStatus.LEFT_OUT, reason="Geen plek.")


class VoterCodeFactory(factory.django.DjangoModelFactory):
    """An issued code; the plain code is on the instance as `plain` (never stored)."""

    class Meta:
        model = VoterCode

    heading = factory.SubFactory(HeadingFactory)
    plain = factory.LazyFunction(code_new)
    digest = factory.LazyAttribute(lambda o: code_digest(o.plain))
    address_digest = factory.Sequence(lambda n: address_digest(0, f"Straat {n}", "8011 AB"))
    status = CodeStatus.ISSUED

    class Params:
        used = factory.Trait(status=CodeStatus.USED, channel=Channel.ONLINE)
        revoked = factory.Trait(status=CodeStatus.REVOKED, reason="Brief kwijt.")

    @classmethod
    def _create(cls, model_class, *args, plain, **kwargs):
        code = super()._create(model_class, *args, **kwargs)
        code.plain = plain
        return code


class BallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ballot

    heading = factory.SubFactory(HeadingFactory)
    plans = factory.LazyFunction(list)
    channel = Channel.ONLINE
    cast_on = factory.LazyFunction(timezone.localdate)


class PaperBallotEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaperBallotEntry

    code = factory.SubFactory(VoterCodeFactory)
    plans = factory.LazyFunction(list)
    entered_by = factory.SubFactory(StaffFactory)


class LetterBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterBatch

    round = factory.SubFactory(VoteRoundFactory, feasibility=True)
    codes = 10
