"""The open budget pages (everyone), the budget management page (coordinators) and the
grant actions from the case file (brokers and coordinators).

The grant actions are plain POST forms: with htmx they answer with the refreshed case
panel; without it they redirect back (or show the form again with the errors and what
was typed)."""

from functools import cache

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker, is_coordinator
from config.errors import REFUSALS, refusal_messages
from config.forms import service_errors_on
from initiatives.attachments import detect_type, file_response
from initiatives.case_actions import case_action_response
from initiatives.models import Initiative

from .case_panel import _available_budgets, case_panel_context
from .decisions import budget_left, decision_confirmation
from .forms import (
    BudgetForm,
    FundingLineForm,
    GrantAccountForm,
    GrantDecisionForm,
    GrantRequestForm,
)
from .maps import spent_map
from .models import RECEIPT_TYPES, Grant, GrantReceipt, NeighbourhoodBudget
from .selectors import (
    budget_get,
    budget_list,
    budget_public_grants,
    budget_years,
    grant_list_open,
)
from .services import (
    budget_save,
    funding_line_add,
    grant_account,
    grant_decide,
    grant_mark_paid,
    grant_mark_returned,
    grant_request,
)

# --- Open pages ----------------------------------------------------------------------


def budget_overview(request):
    years = budget_years()
    year = _int(request.GET.get("jaar")) or (years[0] if years else timezone.localdate().year)
    budgets = list(budget_list(year=year))
    return render(
        request,
        "budgets/budget_overview.html",
        {
            "budgets": budgets,
            "year": year,
            "years": years,
            "spent_map": spent_map(budgets, year),
        },
    )


def budget_detail(request, code: str, year: int):
    budget = budget_get(code=code, year=year)
    if budget is None:
        raise Http404
    return render(
        request,
        "budgets/budget_detail.html",
        {
            "budget": budget,
            "available": budget.amount - budget.approved,
            "grants": budget_public_grants(budget=budget),
        },
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- Coordinators --------------------------------------------------------------------


@staff_required(is_coordinator)
def budget_manage(request):
    years = budget_years()
    year = _int(request.GET.get("jaar")) or timezone.localdate().year
    initial = {"year": year}
    editing = NeighbourhoodBudget.objects.filter(pk=_int(request.GET.get("budget")) or 0).first()
    if editing is not None:
        initial = {
            "neighbourhood": editing.neighbourhood_id,
            "year": editing.year,
            "amount": editing.amount,
            "holder": editing.holder,
            "holder_name": editing.holder_name,
            "rules": editing.rules,
        }
    form = BudgetForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            with service_errors_on(form):
                budget = budget_save(
                    actor=request.user,
                    neighbourhood=data["neighbourhood"],
                    year=data["year"],
                    amount=data["amount"],
                    holder=data["holder"],
                    holder_name=data["holder_name"],
                    rules=data["rules"],
                )
                messages.success(request, _("Het wijkbudget is opgeslagen."))
                return redirect(f"{reverse('budgets:manage')}?jaar={budget.year}")
        status = 400
    return render(
        request,
        "budgets/budget_manage.html",
        {
            "form": form,
            "year": year,
            "years": sorted(set(years) | {year}, reverse=True),
            "budgets": budget_list(year=year),
            "open_grants": grant_list_open(),
        },
        status=status,
    )


# --- Case file: grants and funding (the panel: budgets/case_panel.py) ----------------


def _initiative(initiative_id: int) -> Initiative:
    return get_object_or_404(
        Initiative.objects.select_related("neighbourhood", "initiator", "broker__broker_profile"),
        pk=initiative_id,
    )


@staff_required(is_broker)
def case_budget(request, initiative_id: int):
    """The grants and funding of one case, as a page of its own (the case file shows the
    same panel)."""
    initiative = _initiative(initiative_id)
    return render(
        request,
        "budgets/case_budget.html",
        case_panel_context(initiative, request),
    )


def _shown(context, form_key, form) -> bool:
    """Whether the panel shows `form` (with its errors): a grant's form only while the
    grant is in the state the form is for."""
    if form_key in ("request", "funding"):
        return True
    return any(getattr(grant, "form", None) is form for grant in context["grants"])


def _panel_answer(
    request, initiative, *, form_key=None, form=None, done: str = "", error: str = ""
):
    """Answer a grant action through the one responder (initiatives/case_actions.py).
    htmx: the refreshed panel. Otherwise: back where the broker came from on success, or
    the page again with the errors (status 400) and the typed values.

    A refusal the panel has no form for (`error`, or the errors of a form on a grant that
    has moved on, e.g. decided by a colleague meanwhile) is said above the panel (htmx)
    or as a message after the redirect."""
    failed = form is not None and bool(form.errors)
    forms = {form_key: form} if failed else None
    # Built only when an answer shows the panel: not for a redirect after success.
    context = cache(lambda: case_panel_context(initiative, request, forms=forms))
    if failed and not _shown(context(), form_key, form):
        error = " ".join(message for errors in form.errors.values() for message in errors)
        failed = False
    succeeded = not (failed or error)
    return case_action_response(
        request,
        succeeded=succeeded,
        # On failure only a refusal the panel has no form for; errors sit in their form.
        message=done if succeeded else error,
        # What was done, or a refusal, is said above the refreshed panel.
        fragment=lambda notice, error: render(
            request,
            "budgets/_budget_panel.html",
            context() | {"panel_error": error, "panel_notice": notice},
        ),
        page=(lambda: render(request, "budgets/case_budget.html", context(), status=400))
        if failed
        else None,
        back=reverse("budgets:case", args=[initiative.pk]),
    )


@require_POST
@staff_required(is_broker)
def grant_request_view(request, initiative_id: int):
    initiative = _initiative(initiative_id)
    form = GrantRequestForm(request.POST, prefix="request", budgets=_available_budgets(initiative))
    if form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            grant_request(
                actor=request.user,
                initiative=initiative,
                budget=data["budget"],
                amount=data["amount_requested"],
                purpose=data["purpose"],
                beneficiaries=data["beneficiaries"],
            )
    return _panel_answer(
        request, initiative, form_key="request", form=form, done=_("De aanvraag is vastgelegd.")
    )


def _grant(grant_id: int) -> Grant:
    return get_object_or_404(Grant.objects.select_related("initiative"), pk=grant_id)


def _grant_form_action(request, grant_id: int, form_class, perform, done: str):
    """A broker's form on one grant: validate, run `perform(grant, cleaned_data)`, and
    answer with the case's budget panel (errors, typed values and all)."""
    grant = _grant(grant_id)
    key = f"grant-{grant.pk}"
    form = form_class(request.POST, request.FILES, prefix=key)
    if form.is_valid():
        with service_errors_on(form):
            perform(grant, form.cleaned_data)
            done = done(grant) if callable(done) else done
    return _panel_answer(
        request, _initiative(grant.initiative_id), form_key=key, form=form, done=done
    )


@require_POST
@staff_required(is_broker)
def grant_decide_view(request, grant_id: int):
    before = budget_left(grant_id)
    return _grant_form_action(
        request,
        grant_id,
        GrantDecisionForm,
        lambda grant, data: grant_decide(
            actor=request.user,
            grant=grant,
            decision=data["decision"],
            reason=data["reason"],
            amount=data["amount"],
        ),
        done=lambda grant: decision_confirmation(grant_id=grant.pk, before=before),
    )


def _grant_step(request, grant_id: int, service, done: str):
    """A one-button step on a grant (paid, paid back): run `service(actor, grant)` and
    answer with the case's budget panel."""
    grant = _grant(grant_id)
    error = ""
    try:
        service(actor=request.user, grant=grant)
    except REFUSALS as exc:
        error = " ".join(refusal_messages(exc))
    return _panel_answer(request, _initiative(grant.initiative_id), done=done, error=error)


@require_POST
@staff_required(is_broker)
def grant_paid_view(request, grant_id: int):
    return _grant_step(request, grant_id, grant_mark_paid, _("Uitbetaling vastgelegd."))


@require_POST
@staff_required(is_broker)
def grant_returned_view(request, grant_id: int):
    return _grant_step(request, grant_id, grant_mark_returned, _("Terugbetaling vastgelegd."))


@require_POST
@staff_required(is_broker)
def grant_account_view(request, grant_id: int):
    return _grant_form_action(
        request,
        grant_id,
        GrantAccountForm,
        lambda grant, data: grant_account(
            actor=request.user,
            grant=grant,
            story=data["story"],
            actual_spend=data["actual_spend"],
            story_public=data["story_public"],
            receipts=data["receipts"],
        ),
        done=_("De verantwoording is vastgelegd."),
    )


@require_POST
@staff_required(is_broker)
def funding_line_view(request, initiative_id: int):
    initiative = _initiative(initiative_id)
    form = FundingLineForm(request.POST, prefix="funding")
    if form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            funding_line_add(
                actor=request.user,
                initiative=initiative,
                source=data["source"],
                amount=data["amount"],
                note=data["note"],
            )
    return _panel_answer(
        request, initiative, form_key="funding", form=form, done=_("De financiering is bijgewerkt.")
    )


@staff_required(is_broker)
def grant_receipt_download(request, receipt_id: int):
    """Receipts can hold names and addresses: brokers only, never a public media URL."""
    receipt = get_object_or_404(
        GrantReceipt.objects.select_related("grant__initiative"), pk=receipt_id
    )
    content_type, extension = receipt.content_type, receipt.extension
    if not content_type:
        # Stored before the type was kept: judge it by its content, as it was on upload.
        with receipt.file.storage.open(receipt.file.name, "rb") as file:
            content_type, extension = detect_type(file, RECEIPT_TYPES) or (
                "application/octet-stream",
                "",
            )
    response = file_response(
        receipt.file,
        content_type=content_type,
        filename=f"{receipt.grant.initiative.reference}-bon-{receipt.pk}{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    return response
