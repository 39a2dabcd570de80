"""The budget panel is written in Python (budgets/markup.py): it prints what its
template printed, for grants in every step, funding lines, forms with errors, and a
viewer who may not act. The template as it was is kept beside this file
(budget_panel_as_it_was.html); both are rendered for each state."""

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from budgets.case_panel import case_panel_context
from budgets.forms import FundingLineForm, GrantAccountForm, GrantDecisionForm, GrantRequestForm
from tests.budgets.factories import (
    FundingLineFactory,
    GrantFactory,
    GrantReceiptFactory,
    NeighbourhoodBudgetFactory,
)
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

TEMPLATE_AS_IT_WAS = (Path(__file__).parent / "budget_panel_as_it_was.html").read_text()
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _same(rf, viewer, initiative, forms=None, **extra) -> str:
    request = rf.get("/makelaar/ideeen/x/?view=status%3Dnew&a=<b>")
    request.user = viewer
    context = case_panel_context(initiative, request, forms=forms) | extra
    before = engines["django"].from_string(TEMPLATE_AS_IT_WAS).render(context, request)
    now = render_to_string("budgets/_budget_panel.html", context, request)
    before, now = _CSRF.sub("CSRF", before), _CSRF.sub("CSRF", now)
    assert now == before
    return now


def test_nothing_yet_and_no_budget_for_the_neighbourhood(rf, broker, civil_servant):
    case = InitiativeFactory(in_progress=True)
    html = _same(rf, broker, case)
    assert "Nog geen aanvragen." in html and "Er is geen wijkbudget" in html
    _same(rf, civil_servant, case)  # sees, may not act


@pytest.mark.parametrize("language", ["nl", "en"])
def test_grants_in_every_step_with_funding_lines(rf, broker, language):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("600.00"))
    case = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    common = {"initiative": case, "budget": budget}
    GrantFactory(**common, amount_requested=Decimal("700.00"), purpose="Regel 1\n<b>2</b>")
    GrantFactory(**common, approved=True)
    GrantFactory(**common, declined=True)
    GrantFactory(**common, paid=True)
    GrantReceiptFactory(grant=GrantFactory(**common, accounted=True))
    GrantFactory(**common, accounted=True, actual_spend=Decimal("300.00"), story="Zo & zo <i>")
    GrantFactory(
        **common,
        accounted=True,
        actual_spend=Decimal("100.00"),
        returned_at=timezone.now() - timedelta(days=3),
    )
    FundingLineFactory(initiative=case, note="Fonds <x> & co")
    FundingLineFactory(initiative=case, no_money_needed=True)
    FundingLineFactory(initiative=case, in_kind=True)
    with translation.override(language):
        html = _same(rf, broker, case, panel_notice="Klaar & <b>")
        _same(rf, broker, case, panel_error="Mis <i>")
    assert "te weinig" in html or "too little" in html or language == "en"
    assert "&lt;b&gt;2&lt;/b&gt;" in html and "Fonds &lt;x&gt; &amp; co" in html


def test_forms_with_errors_come_back_open_with_their_summary(rf, broker):
    budget = NeighbourhoodBudgetFactory()
    case = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    requested = GrantFactory(initiative=case, budget=budget)
    paid = GrantFactory(initiative=case, budget=budget, paid=True)
    forms = {
        f"grant-{requested.pk}": GrantDecisionForm({}, prefix=f"grant-{requested.pk}"),
        f"grant-{paid.pk}": GrantAccountForm({}, prefix=f"grant-{paid.pk}"),
        "request": GrantRequestForm({}, prefix="request", budgets=case_budgets(case)),
        "funding": FundingLineForm({}, prefix="funding"),
    }
    html = _same(rf, broker, case, forms=forms)
    assert html.count('class="error-summary"') == 4 and "<details open>" in html


def case_budgets(case):
    from budgets.case_panel import _available_budgets

    return _available_budgets(case)
