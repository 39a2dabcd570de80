from decimal import Decimal

import factory
from django.utils import timezone

from budgets.models import (
    GRANT_EVENT_RETURNED,
    BudgetHolder,
    FundingLine,
    FundingSource,
    Grant,
    GrantDecision,
    GrantEvent,
    GrantReceipt,
    GrantStatus,
    NeighbourhoodBudget,
)
from tests.neighbourhoods.factories import NeighbourhoodFactory


class NeighbourhoodBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeighbourhoodBudget

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    amount = Decimal("10000.00")
    holder = BudgetHolder.MUNICIPALITY
    rules = "Voor iets dat de buurt samen doet. Hooguit 2.500 euro per idee."

    class Params:
        # Held by a recognised residents' association.
        association = factory.Trait(
            holder=BudgetHolder.ASSOCIATION, holder_name="Bewonersvereniging De Pierik"
        )


class GrantFactory(factory.django.DjangoModelFactory):
    """A grant request, or (traits) a grant in a later state. The states are rows as the
    services leave them, without their events and funding line: to test a decision,
    payment or accounting, drive it through budgets.services."""

    class Meta:
        model = Grant

    budget = factory.SubFactory(NeighbourhoodBudgetFactory)
    initiative = factory.SubFactory(
        "tests.initiatives.factories.InitiativeFactory",
        in_progress=True,
        neighbourhood=factory.SelfAttribute("..budget.neighbourhood"),
    )
    amount_requested = Decimal("500.00")
    purpose = "Zaden, gereedschap en een regenton."
    beneficiaries = "De bewoners van de flat en de kinderen van de school."

    class Params:
        approved = factory.Trait(
            status=GrantStatus.APPROVED,
            decision=GrantDecision.APPROVE,
            amount_approved=factory.SelfAttribute("amount_requested"),
            decision_reason="Past binnen de regels van het wijkbudget.",
            decided_at=factory.LazyFunction(timezone.now),
            decided_by=factory.SubFactory("tests.brokers.factories.StaffFactory"),
        )
        declined = factory.Trait(
            status=GrantStatus.DECLINED,
            decision=GrantDecision.DECLINE,
            decision_reason="Het budget voor dit jaar is op.",
            decided_at=factory.LazyFunction(timezone.now),
            decided_by=factory.SubFactory("tests.brokers.factories.StaffFactory"),
        )
        paid = factory.Trait(
            approved=True, status=GrantStatus.PAID, paid_at=factory.LazyFunction(timezone.now)
        )
        # Accounted for, with everything spent.
        accounted = factory.Trait(
            paid=True,
            status=GrantStatus.ACCOUNTED,
            accounted_at=factory.LazyFunction(timezone.now),
            story="Twintig buren hebben de moestuin aangelegd.",
            actual_spend=factory.SelfAttribute("amount_approved"),
        )


class GrantReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantReceipt

    grant = factory.SubFactory(GrantFactory, accounted=True)
    file = factory.django.FileField(data=b"%PDF-1.4\n%%EOF\n", filename="bon.pdf")


class GrantEventFactory(factory.django.DjangoModelFactory):
    """A line of a grant's history (the request, by default)."""

    class Meta:
        model = GrantEvent

    grant = factory.SubFactory(GrantFactory)
    status = GrantStatus.REQUESTED
    amount = factory.SelfAttribute("grant.amount_requested")

    class Params:
        approved = factory.Trait(
            grant=factory.SubFactory(GrantFactory, approved=True),
            status=GrantStatus.APPROVED,
            amount=factory.SelfAttribute("grant.amount_approved"),
            note="Past binnen de regels van het wijkbudget.",
            actor=factory.SelfAttribute("grant.decided_by"),
        )
        # Unspent money paid back to the budget.
        returned = factory.Trait(
            grant=factory.SubFactory(GrantFactory, accounted=True, actual_spend=Decimal("300.00")),
            status=GRANT_EVENT_RETURNED,
            amount=Decimal("200.00"),
        )


class FundingLineFactory(factory.django.DjangoModelFactory):
    """A line of an initiative's funding ledger: money from a fund, by default."""

    class Meta:
        model = FundingLine

    initiative = factory.SubFactory(
        "tests.initiatives.factories.InitiativeFactory", in_progress=True
    )
    source = FundingSource.FUND
    amount = Decimal("750.00")
    note = "Oranje Fonds"

    class Params:
        # Not financial support: no money needed, or help in kind only.
        no_money_needed = factory.Trait(source=FundingSource.NONE, amount=None, note="")
        in_kind = factory.Trait(
            source=FundingSource.IN_KIND, amount=None, note="Gereedschap van de buren"
        )
        # The line a grant approval writes.
        wijkbudget = factory.Trait(
            source=FundingSource.WIJKBUDGET,
            grant=factory.SubFactory(
                GrantFactory, approved=True, initiative=factory.SelfAttribute("..initiative")
            ),
            amount=factory.SelfAttribute("grant.amount_approved"),
            note="",
        )
