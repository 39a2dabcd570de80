"""The budget panel ("Geld en wijkbudget") of the case file and its own page, written in
Python.

Through the template the panel was the case file's costliest part after the timeline
(some 3 ms for one grant: URLs, CSRF fields, filters and translations around its three
forms). Same markup as templates/budgets/_budget_panel.html printed; every value is
escaped as the template's autoescape did (config.markup.escape), dates and amounts go
through the same filters, interface texts print as {% translate %} and
{% blocktranslate %} print them (the translation unescaped, its values escaped). The
form fields print their own markup (config.forms.AccessibleBoundField.html)."""

from django.template.defaultfilters import date, floatformat, linebreaksbr
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.markup import escape

from .constants import GrantStatus

_HTMX = 'hx-target="#budget-panel" hx-swap="outerHTML"'


def _amount(value) -> str:
    """{{ value|floatformat:"2g" }}"""
    return floatformat(value, "2g")


def _day(value) -> str:
    """{{ value|date:"j F Y" }}: in the current time zone, as the template shows it."""
    return escape(date(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y"))


def _fields(form) -> tuple[str, str]:
    """{% include "forms/_error_summary.html" %} and {% for field in form %}{{ field.html }}."""
    # Without errors the summary's template prints its last line's end alone.
    summary = (
        get_template("forms/_error_summary.html").render({"form": form}) if form.errors else "\n"
    )
    return summary, "".join(field.html for field in form)


def budget_panel_html(context, *, csrf_field: str, full_path: str) -> SafeString:
    """The panel for a template context holding what budgets.case_panel.case_panel_context
    gives (initiative, grants, funding_lines, request_form, funding_form, can_act,
    has_budgets), with `panel_error` / `panel_notice` after an action. `full_path`: the
    page the forms return to without htmx."""
    error, notice = context.get("panel_error"), context.get("panel_notice")
    can_act = context.get("can_act")
    funding_lines = context.get("funding_lines")
    grants = context.get("grants") or []
    next_field = f'<input type="hidden" name="next" value="{escape(full_path)}">'
    out = [
        '<section id="budget-panel" class="case-panel" aria-labelledby="budget-panel-title">\n'
        f'  <h2 id="budget-panel-title">{_("Geld en wijkbudget")}</h2>\n  '
    ]
    if error:
        out.append(
            '<p class="flash flash-error" role="alert" tabindex="-1" data-outcome>'
            f"{escape(error)}</p>"
        )
    out.append("\n  ")
    if notice:
        out.append(
            '<p class="flash flash-success" role="status" tabindex="-1" data-outcome>'
            f"{escape(notice)}</p>"
        )
    out.append(f"\n\n  <h3>{_('Financiering')}</h3>\n  ")
    if funding_lines:
        lines = []
        for line in funding_lines:
            amount = f": € {_amount(line.amount)}" if line.amount else ""
            note = f" – {escape(line.note)}" if line.note else ""
            lines.append(f"<li>{escape(line.get_source_display())}{amount}{note}</li>")
        out.append(f'\n  <ul class="funding-lines">\n    {"".join(lines)}\n  </ul>\n  ')
    else:
        out.append(f"<p>{_('Nog niets vastgelegd.')}</p>")
    out.append(f"\n\n  <h3>{_('Aanvragen wijkbudget')}</h3>\n  ")
    for grant in grants:
        out.append(_grant(grant, can_act, csrf_field, next_field))
    if not grants:
        out.append(f"\n  <p>{_('Nog geen aanvragen.')}</p>\n  ")
    out.append("\n\n  ")
    if can_act:
        out.append(_new_forms(context, csrf_field, next_field))
    out.append("\n</section>")  # the template's own line ends it
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


def _grant(grant, can_act, csrf_field: str, next_field: str) -> str:
    budget = grant.budget
    place, year = escape(budget.neighbourhood.name), escape(budget.year)
    facts = [
        f"<dt>{_('Waarvoor')}</dt><dd>{linebreaksbr(grant.purpose, autoescape=True)}</dd>\n      "
        f"<dt>{_('Voor wie')}</dt><dd>{linebreaksbr(grant.beneficiaries, autoescape=True)}</dd>"
        "\n      "
    ]
    if grant.decision:
        approved = f": € {_amount(grant.amount_approved)}" if grant.amount_approved else ""
        facts.append(
            f"<dt>{_('Besluit')}</dt><dd>{escape(grant.get_decision_display())}{approved} – "
            f"{escape(grant.decision_reason)}</dd>"
        )
    facts.append("\n      ")
    if grant.paid_at:
        facts.append(f"<dt>{_('Uitbetaald')}</dt><dd>{_day(grant.paid_at)}</dd>")
    facts.append("\n      ")
    if grant.accounted_at:
        receipts = "".join(
            f' <a href="{reverse("budgets:receipt", args=[receipt.pk])}">{_("bon")} {number}</a>'
            for number, receipt in enumerate(grant.receipts.all(), start=1)
        )
        facts.append(
            f"<dt>{_('Verantwoord')}</dt><dd>€ {_amount(grant.actual_spend)} "
            f"{_('uitgegeven')}. {escape(grant.story)}{receipts}</dd>"
        )
    facts.append("\n      ")
    unspent = grant.unspent
    if unspent:
        if grant.returned_at:
            back = _("terugbetaald op %(date)s") % {"date": _day(grant.returned_at)}
        else:
            back = _(
                "moet nog terug naar het wijkbudget. Tot dan is het niet vrij voor andere "
                "aanvragen."
            )
        facts.append(f"<dt>{_('Niet uitgegeven')}</dt><dd>€ {_amount(unspent)}: {back}</dd>")
    out = [
        f'\n  <article class="grant" id="grant-{escape(grant.pk)}">\n'
        f"    <h4>€ {_amount(grant.amount_requested)} {_('uit')} {place} {year} "
        f'<span class="badge">{escape(grant.get_status_display())}</span></h4>\n'
        f'    <dl class="facts">\n      {"".join(facts)}\n    </dl>\n    '
    ]
    if can_act:
        out.append(_grant_action(grant, unspent, place, year, csrf_field, next_field))
    out.append("\n  </article>\n  ")
    return "".join(out)


def _grant_action(grant, unspent, place: str, year: str, csrf_field: str, next_field: str):
    """The grant's next step for a broker: decide, mark paid, record a payback, account."""
    if grant.status == GrantStatus.REQUESTED:
        url = reverse("budgets:grant-decide", args=[grant.pk])
        summary, fields = _fields(grant.form)
        free = _("Nu vrij in wijkbudget %(budget)s %(year)s") % {"budget": place, "year": year}
        short = grant.budget_short
        after = (
            f'<strong class="badge badge-overdue">€ {_amount(short)} '
            f"{_('te weinig: ken deels toe of wijs af')}</strong>"
            if short
            else f"€ {_amount(grant.budget_left_after)}"
        )
        return (
            f'\n    \n    <form method="post" action="{url}" class="form" hx-post="{url}" '
            f"{_HTMX} novalidate>{csrf_field}\n      {next_field}\n      {summary}\n"
            '      <dl class="facts budget-left">\n'
            f"        <dt>{free}</dt><dd>€ {_amount(grant.budget_left)}</dd>\n"
            f"        <dt>{_('Vrij na toekennen van het gevraagde bedrag')}</dt>"
            f"<dd>{after}</dd>\n      </dl>\n"
            f"      {fields}\n"
            f'      <button type="submit" class="button">{_("Besluit vastleggen")}</button>\n'
            "    </form>\n    \n    "
        )
    if grant.status == GrantStatus.APPROVED:
        url = reverse("budgets:grant-paid", args=[grant.pk])
        return _button_form(url, _("Uitbetaald"), csrf_field, next_field)
    if unspent and not grant.returned_at:
        url = reverse("budgets:grant-returned", args=[grant.pk])
        returned = _("€ %(amount)s is terugbetaald") % {"amount": _amount(unspent)}
        return _button_form(url, returned, csrf_field, next_field)
    if grant.status == GrantStatus.PAID:
        url = reverse("budgets:grant-account", args=[grant.pk])
        summary, fields = _fields(grant.form)
        return (
            '\n    \n    <form method="post" enctype="multipart/form-data" '
            f'action="{url}" class="form" novalidate>{csrf_field}\n'
            f"      {next_field}\n      {summary}\n      {fields}\n"
            '      <button type="submit" class="button">'
            f"{_('Verantwoording vastleggen')}</button>\n    </form>\n    \n    "
        )
    return ""


def _new_forms(context, csrf_field: str, next_field: str) -> str:
    """A new request for the neighbourhood budget, and other funding."""
    initiative, request_form = context.get("initiative"), context.get("request_form")
    funding_form, has_budgets = context.get("funding_form"), context.get("has_budgets")
    out = []
    for form, url_name, summary_text, button in (
        (
            request_form,
            "budgets:grant-request",
            _("Nieuwe aanvraag voor het wijkbudget"),
            _("Aanvraag vastleggen"),
        ),
        (funding_form, "budgets:funding-add", _("Andere financiering vastleggen"), _("Vastleggen")),
    ):
        url = reverse(url_name, args=[initiative.pk])
        summary, fields = _fields(form)
        if form is request_form:
            none = has_budgets is False or (
                has_budgets is None and not form.fields["budget"].queryset.exists()
            )
            hint = _("Er is geen wijkbudget voor de wijk van dit idee.")
            summary += f'\n      <p class="hint">{hint}</p>' if none else "\n      "
        out.append(
            f"\n  <details{' open' if form.errors else ''}>\n"
            f"    <summary>{summary_text}</summary>\n    \n"
            f'    <form method="post" action="{url}" class="form" hx-post="{url}" {_HTMX} '
            f"novalidate>{csrf_field}\n      {next_field}\n      {summary}\n      {fields}\n"
            f'      <button type="submit" class="button">{button}</button>\n'
            "    </form>\n    \n  </details>"
        )
    return "".join(out) + "\n  "


def _button_form(url: str, label: str, csrf_field: str, next_field: str) -> str:
    """A grant step that is one button (paid, paid back)."""
    return (
        f'\n    <form method="post" action="{url}" hx-post="{url}" {_HTMX}>{csrf_field}\n'
        f"      {next_field}\n"
        f'      <button type="submit" class="button-secondary">{label}</button>\n'
        "    </form>\n    "
    )
