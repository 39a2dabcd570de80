"""Demo budgets for `make run`: a budget per neighbourhood for this and last year, grants
in every state, and funding lines, so the open budget pages and the figures have
something to show. Safe to run again: it only adds what is missing."""

from decimal import Decimal

from django.utils import timezone

from budgets.models import BudgetHolder, FundingSource, Grant, NeighbourhoodBudget
from budgets.services import (
    budget_save,
    funding_line_add,
    grant_account,
    grant_decide,
    grant_mark_paid,
    grant_request,
)
from initiatives.constants import Status
from initiatives.models import Initiative
from neighbourhoods.models import Neighbourhood

RULES = (
    "Het geld is voor ideeën die de buurt samen doet. U vraagt hooguit 2.500 euro per idee. "
    "Vertel na afloop kort wat het opleverde en wat u uitgaf. Wat over is, gaat terug."
)
PURPOSES = [
    ("Zaden, gereedschap en een regenton.", "De bewoners van de flat en de school."),
    ("Huur van de zaal en koffie.", "Ouderen die alleen wonen."),
    ("Een geluidsinstallatie voor het straatfeest.", "Iedereen in de straat."),
    ("Materiaal voor de repair-café-tafels.", "Buurtbewoners met kapotte spullen."),
    ("Verf en hout voor het bankje.", "Wandelaars in het park."),
    ("Drukwerk en een banner.", "Nieuwe vrijwilligers."),
]


def seed(*, rng, staff) -> None:
    coordinator = staff["coordinator@demo.local"]
    broker = staff["broker@demo.local"]
    this_year = timezone.localdate().year
    _budgets_seed(rng=rng, actor=coordinator, this_year=this_year)
    if Grant.objects.exists():
        return
    _grants_seed(rng=rng, actor=broker, this_year=this_year)
    _funding_lines_seed(actor=broker)


def _budgets_seed(*, rng, actor, this_year: int) -> None:
    """A budget per neighbourhood for last year and this one, some held by an association."""
    for hood in Neighbourhood.objects.order_by("code"):
        association = hood.code.endswith(("1", "7"))
        for year in (this_year - 1, this_year):
            if NeighbourhoodBudget.objects.filter(neighbourhood=hood, year=year).exists():
                continue
            budget_save(
                actor=actor,
                neighbourhood=hood,
                year=year,
                amount=Decimal(rng.choice([5000, 7500, 10000, 12500])),
                holder=BudgetHolder.ASSOCIATION if association else BudgetHolder.MUNICIPALITY,
                holder_name=f"Bewonersvereniging {hood.name}" if association else "",
                rules=RULES,
            )


def _grants_seed(*, rng, actor, this_year: int) -> None:
    candidates = list(
        Initiative.objects.filter(
            neighbourhood__isnull=False,
            status__in=[Status.IN_PROGRESS, Status.REALISED, Status.IN_CONVERSATION],
        ).order_by("pk")[:12]
    )
    # The states in turn: requested, approved, approved in part, declined, paid, accounted.
    for index, initiative in enumerate(candidates):
        budget = NeighbourhoodBudget.objects.get(
            neighbourhood=initiative.neighbourhood,
            year=timezone.localdate(initiative.submitted_at).year
            if timezone.localdate(initiative.submitted_at).year >= this_year - 1
            else this_year - 1,
        )
        purpose, beneficiaries = PURPOSES[index % len(PURPOSES)]
        amount = Decimal(rng.choice([250, 400, 750, 1200, 1800]))
        grant = grant_request(
            actor=actor,
            initiative=initiative,
            budget=budget,
            amount=amount,
            purpose=purpose,
            beneficiaries=beneficiaries,
        )
        _grant_walk(grant, step=index % 6, amount=amount, actor=actor)


def _grant_walk(grant, *, step: int, amount: Decimal, actor) -> None:
    """Step 0 stays requested; 1 approved, 2 approved in part, 3 declined, 4 paid, 5
    accounted for."""
    if step == 0:
        return
    if step == 3:
        grant_decide(
            actor=actor,
            grant=grant,
            decision="decline",
            reason="Dit valt buiten de regels van het wijkbudget: het is voor één huishouden.",
        )
        return
    if step == 2:
        grant = grant_decide(
            actor=actor,
            grant=grant,
            decision="approve_part",
            amount=amount / 2,
            reason="We betalen de helft; voor de rest kunt u een fonds vragen.",
        )
    else:
        grant = grant_decide(
            actor=actor, grant=grant, decision="approve", reason="Past goed bij de regels."
        )
    if step in (4, 5):
        grant = grant_mark_paid(actor=actor, grant=grant)
    if step == 5:
        grant_account(
            actor=actor,
            grant=grant,
            story="Er kwamen veel meer buren dan we dachten. Het gaat volgend jaar weer door.",
            actual_spend=grant.amount_approved - Decimal(50),
            story_public=True,
        )


def _funding_lines_seed(*, actor) -> None:
    realised = Initiative.objects.filter(status=Status.REALISED, funding_lines__isnull=True)
    for index, initiative in enumerate(realised.order_by("pk")):
        source = [
            FundingSource.NONE,
            FundingSource.NONE,
            FundingSource.IN_KIND,
            FundingSource.FUND,
        ][index % 4]
        funding_line_add(
            actor=actor,
            initiative=initiative,
            source=source,
            amount=Decimal(1500) if source == FundingSource.FUND else None,
        )
