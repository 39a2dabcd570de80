"""What a broker reads after deciding on a grant: what was decided, and what its budget
has left before and after."""

from decimal import Decimal

from django.utils.translation import gettext as _

from .constants import GrantStatus
from .money import euros
from .selectors import grant_with_budget_left


def budget_left(grant_id: int) -> Decimal:
    grant = grant_with_budget_left(grant_id)
    return grant.budget.amount - grant.budget_committed


def decision_confirmation(*, grant_id: int, before: Decimal) -> str:
    """What was decided, and what the budget has left before and after."""
    grant = grant_with_budget_left(grant_id)
    after = grant.budget.amount - grant.budget_committed
    budget = f"{grant.budget.neighbourhood.name} {grant.budget.year}"
    if grant.status == GrantStatus.DECLINED:
        decided = _("Besluit vastgelegd: de aanvraag is afgewezen.")
    else:
        decided = _("Besluit vastgelegd: € %(amount)s toegekend.") % {
            "amount": euros(grant.amount_approved)
        }
    left = _("Nog vrij in wijkbudget %(budget)s: € %(after)s (was € %(before)s).") % {
        "budget": budget,
        "after": euros(after),
        "before": euros(before),
    }
    told = _("De initiatiefnemer krijgt bericht.")
    return f"{decided} {left} {told}"
