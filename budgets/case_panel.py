"""The budget panel in the broker's case file: its context, and the querysets the case
file reads for it in its one round trip (initiatives.case_file.CasePanel.querysets)."""

from django.utils import timezone

from accounts.roles import is_broker
from config.batch import ById, ByKey, prefetched_in_place

from .constants import GrantStatus
from .forms import FundingLineForm, GrantAccountForm, GrantDecisionForm, GrantRequestForm
from .models import GrantReceipt, NeighbourhoodBudget
from .selectors import funding_lines_for_initiative, grant_list_for_initiative


def _available_budgets(initiative):
    """Budgets a request can draw on: this and next year's, the idea's own area first."""
    return _budgets_for(timezone.localdate().year, initiative.neighbourhood_id)


# _budgets_for's query per year and area, built once; never read itself (each caller
# gets a copy): the request form's choices are checked against it on every case file.
_BUILT: dict[tuple, object] = {}


def _budgets_for(this_year: int, neighbourhood_id: int | None):
    key = (this_year, neighbourhood_id)
    built = _BUILT.get(key)
    if built is None:
        if len(_BUILT) >= 256:
            _BUILT.clear()
        budgets = NeighbourhoodBudget.objects.filter(year__gte=this_year - 1).select_related(
            "neighbourhood"
        )
        if neighbourhood_id:
            budgets = budgets.filter(neighbourhood_id=neighbourhood_id)
        built = _BUILT[key] = budgets.order_by("-year", "neighbourhood__name")
    return built.all()


# _available_budgets for the case file's round trip: compiled once per year and area.
_budgets_read = ByKey(lambda year, area: [_budgets_for(year, area)])


# What the panel reads of case `pk`, its SQL compiled once (config.batch.ById): grants
# (with their budget's committed total), their receipts, funding lines.
_case_reads = ById(
    lambda pk: [
        grant_list_for_initiative(pk).prefetch_related(None),
        GrantReceipt.objects.filter(grant__initiative_id=pk).order_by("pk"),
        funding_lines_for_initiative(pk),
    ]
)


def case_panel_querysets(initiative, request) -> list:
    """What the panel reads, for the case file's one round trip: _case_reads, and the
    budgets to ask from (_available_budgets)."""
    year = timezone.localdate().year
    return [*_case_reads(initiative.pk), *_budgets_read(year, initiative.neighbourhood_id)]


def case_panel_context(initiative, request, *, forms=None, rows=None) -> dict:
    """The context of templates/budgets/_budget_panel.html (a few queries, whatever
    the number of grants; none with `rows`, read by the case file)."""
    forms = forms or {}
    if rows is not None:
        grant_rows, receipts, funding_lines, budgets = rows
        grants = prefetched_in_place(list(grant_rows), receipts, "receipts")
    else:
        grants = list(grant_list_for_initiative(initiative))
        funding_lines = list(funding_lines_for_initiative(initiative))
        budgets = None
    for grant in grants:
        key = f"grant-{grant.pk}"
        # Before a decision: what the budget has left now, and after granting the request.
        grant.budget_left = grant.budget.amount - grant.budget_committed
        grant.budget_left_after = grant.budget_left - grant.amount_requested
        # Too little left is said as what is short ("€ 51.200,00 te weinig"), not a minus.
        grant.budget_short = max(-grant.budget_left_after, 0)
        # A posted form comes back only onto the step it was for: a decision posted from a
        # stale page on a grant a colleague has paid meanwhile is not the accounting form.
        step_form = {GrantStatus.REQUESTED: GrantDecisionForm, GrantStatus.PAID: GrantAccountForm}
        form_class = step_form.get(grant.status)
        if form_class is not None:
            posted = forms.get(key)
            grant.form = posted if isinstance(posted, form_class) else form_class(prefix=key)
    request_form = forms.get("request") or GrantRequestForm(
        prefix="request", budgets=_available_budgets(initiative), budget_rows=budgets
    )
    return {
        "initiative": initiative,
        "grants": grants,
        "funding_lines": funding_lines,
        "request_form": request_form,
        "has_budgets": bool(budgets) if budgets is not None else None,
        "funding_form": forms.get("funding") or FundingLineForm(prefix="funding"),
        "can_act": is_broker(getattr(request, "user", None)),
    }
