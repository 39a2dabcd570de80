from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least

from initiatives.models import Initiative

from .constants import COMMITTING_STATUSES, GrantStatus
from .models import FundingLine, Grant, NeighbourhoodBudget

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def committed_expression(prefix: str = ""):
    """What one grant takes from its budget, as SQL (Grant.committed): the approved
    amount, or once accounted for, the actual spend (never more than approved), but only
    when nothing is left to pay back: unspent money is free again once it came back."""
    approved = F(f"{prefix}amount_approved")
    spend = F(f"{prefix}actual_spend")
    settled = Q(**{f"{prefix}returned_at__isnull": False}) | Q(
        **{f"{prefix}actual_spend__gte": approved}
    )
    return Case(
        When(
            Q(**{f"{prefix}status": GrantStatus.ACCOUNTED, f"{prefix}actual_spend__isnull": False})
            & settled,
            then=Least(spend, approved),
        ),
        When(**{f"{prefix}status__in": COMMITTING_STATUSES}, then=approved),
        default=ZERO,
        output_field=MONEY,
    )


def budget_totals_annotations(prefix: str = "grants__") -> dict:
    """Approved (committed), paid and accounted totals of budgets, as aggregates over
    their grants (`prefix` is the path from the queried model to Grant)."""
    status = f"{prefix}status"
    approved = F(f"{prefix}amount_approved")

    def money(expression, condition=None):
        return Coalesce(Sum(expression, filter=condition), ZERO, output_field=MONEY)

    return {
        "approved": money(committed_expression(prefix)),
        # Paid out, less what came back.
        "paid": money(
            committed_expression(prefix),
            Q(**{f"{status}__in": [GrantStatus.PAID, GrantStatus.ACCOUNTED]}),
        ),
        "accounted": money(
            Least(F(f"{prefix}actual_spend"), approved), Q(**{status: GrantStatus.ACCOUNTED})
        ),
        "open_requests": Count(f"{prefix}pk", filter=Q(**{status: GrantStatus.REQUESTED})),
    }


def budget_list(*, year: int | None = None):
    """Budgets with their approved, paid and accounted totals: one query."""
    budgets = NeighbourhoodBudget.objects.select_related("neighbourhood")
    if year is not None:
        budgets = budgets.filter(year=year)
    return budgets.annotate(**budget_totals_annotations()).order_by("-year", "neighbourhood__name")


def budget_years() -> list[int]:
    return list(
        NeighbourhoodBudget.objects.order_by("-year").values_list("year", flat=True).distinct()
    )


def budget_get(*, code: str, year: int) -> NeighbourhoodBudget | None:
    return budget_list().filter(neighbourhood__code=code, year=year).first()


def budget_public_grants(*, budget: NeighbourhoodBudget):
    """The funded initiatives of a budget that a broker published (and whose initiators
    still allow it).

    Only what the open page shows: title, theme, amounts, state, and the story when the
    initiator allowed it. Never the initiator."""
    return (
        Grant.objects.filter(
            budget=budget,
            status__in=COMMITTING_STATUSES,
            initiative__in=Initiative.objects.public(),
        )
        # The language the idea was written in (its initiator's), for the lang marks.
        .annotate(
            written_in=F("initiative__initiator__language"),
            # The broker's reviewed public title, never the idea's own.
            public_title=F("initiative__publication__title"),
        )
        .select_related("initiative__theme")
        .only(
            "pk",
            "status",
            "amount_approved",
            "actual_spend",
            "story",
            "story_public",
            "decided_at",
            "initiative__reference",
            "initiative__theme__name",
            "initiative__theme__name_en",
        )
        .order_by("-decided_at", "-pk")
    )


def _budget_committed():
    """What the grant's budget has committed, over all its grants (a subquery)."""
    committed = (
        Grant.objects.filter(budget=OuterRef("budget"))
        .order_by()
        .values("budget")
        .annotate(total=Sum(committed_expression()))
        .values("total")
    )
    return Coalesce(Subquery(committed, output_field=MONEY), ZERO, output_field=MONEY)


def grant_list_for_initiative(initiative):
    """The case's grants (`initiative`: the case or its id), each with
    `budget_committed` (its budget's committed total): a decision shows what is left
    before and after, without another query."""
    return (
        Grant.objects.filter(initiative=initiative)
        .annotate(budget_committed=_budget_committed())
        .select_related("budget__neighbourhood", "decided_by__broker_profile")
        .prefetch_related("receipts")
        .order_by("-created_at", "-pk")
    )


def grant_list_open(*, limit: int = 200):
    """Requests waiting for a decision, grants waiting for payment or accounting, and
    accounted grants whose unspent money has not come back yet."""
    awaiting_return = Q(
        status=GrantStatus.ACCOUNTED,
        returned_at__isnull=True,
        actual_spend__lt=F("amount_approved"),
    )
    return (
        Grant.objects.filter(
            ~Q(status__in=[GrantStatus.DECLINED, GrantStatus.ACCOUNTED]) | awaiting_return
        )
        .select_related("budget__neighbourhood", "initiative")
        .order_by("created_at", "pk")[:limit]
    )


def funding_lines_for_initiative(initiative):
    """The case's funding lines (`initiative`: the case or its id)."""
    return (
        FundingLine.objects.filter(initiative=initiative)
        .select_related("grant")
        .order_by("created_at", "pk")
    )


def grant_with_budget_left(grant_id: int) -> Grant:
    """One grant with `budget_committed`, as grant_list_for_initiative gives them."""
    return (
        Grant.objects.annotate(budget_committed=_budget_committed())
        .select_related("budget__neighbourhood", "initiative")
        .get(pk=grant_id)
    )
