from decimal import Decimal

import factory
from django.utils import timezone

from budgets.models import BudgetHolder, Grant, NeighbourhoodBudget
from tests.neighbourhoods.factories import NeighbourhoodFactory


class NeighbourhoodBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeighbourhoodBudget

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    amount = Decimal("10000.00")
    holder = BudgetHolder.MUNICIPALITY
    rules = "Voor iets dat de buurt samen doet. Hooguit 2.500 euro per idee."


class GrantFactory(factory.django.DjangoModelFactory):
    """A grant request; drive decisions through the services."""

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
