"""The case file's matching panel ("Mogelijke koppelingen"), written in Python.

Through the template every suggestion cost some 1.5 ms (two forms each with their URLs,
CSRF field and an included select, filters and translations): most of the panel's time
on a case file that lists a handful. Same markup as templates/matching/_case_panel.html
printed; every value is escaped as the template's autoescape did (config.markup.escape),
the interface texts print as {% translate %} and {% blocktranslate %} print them (the
translation itself unescaped, its values escaped)."""

from django.template.defaultfilters import floatformat, truncatewords
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.markup import escape

from .reasons import reasons_shown

# What each of the panel's forms asks htmx to do: replace the panel with the answer's.
_HTMX = 'hx-target="#koppelingen" hx-select="#koppelingen" hx-swap="outerHTML"'
_CONSENT_RECORD = ' class="consent-record"'


def case_panel_html(panel_context: dict, *, csrf_field: str) -> SafeString:
    """The panel for the context of matching.selectors.case_panel_context (with
    `panel_error` / `panel_notice` after a decision). `csrf_field`: the page's
    {% csrf_token %} input."""
    initiative = panel_context["initiative"]
    suggestions = panel_context["suggestions"]
    error, notice = panel_context.get("panel_error"), panel_context.get("panel_notice")
    out = [
        '\n\n<section id="koppelingen" aria-labelledby="koppelingen-title">\n'
        f'  <h2 id="koppelingen-title">{_("Mogelijke koppelingen")}</h2>\n  \n  '
    ]
    # After an htmx decision the panel is replaced: the case page moves focus to its
    # outcome (data-outcome), so keyboard and screen-reader users hear what happened.
    if error:
        out.append(
            '<p class="flash flash-error" role="alert" tabindex="-1" data-outcome>'
            f"{escape(error)}</p>\n  "
        )
    elif notice:
        out.append(
            '<p class="flash flash-success" role="status" tabindex="-1" data-outcome>'
            f"{escape(notice)}</p>"
        )
    out.append("\n  ")
    if suggestions:
        hidden = (
            f'{csrf_field}<input type="hidden" name="initiative" value="{escape(initiative.pk)}">'
            f'<input type="hidden" name="next" value="{escape(panel_context["next"])}">'
        )
        labels = _Labels(panel_context["dismiss_reasons"])
        out.append('\n  <ul class="match-list">\n    ')
        for row in suggestions:
            out.append(_suggestion(row, hidden, labels))
        out.append("\n  </ul>\n  ")
    else:
        out.append(f"\n  <p>{_('Nog geen koppelingen gevonden.')}</p>\n  ")
    out.append("\n</section>\n")
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


class _Labels:
    """The panel's fixed texts, translated once per panel rather than per suggestion."""

    def __init__(self, dismiss_reasons):
        self.offer = _("Aanbod")
        self.why = _("Waarom")
        self.score = _("score")
        self.cannot_ask = _(
            "Voorstellen aan elkaar kan niet: geen toestemming om gegevens te delen, "
            "of niet te bereiken, bij"
        )
        self.not_suitable = _("Niet passend")
        self.introduce = _("Voorstellen aan elkaar (toestemming vragen)")
        self.waiting = _("Wij wachten op het antwoord van beide kanten. Er is nog niets gedeeld.")
        self.why_not = _("Waarom niet?")
        self.reasons = "".join(
            f'<option value="{escape(value)}">{escape(label)}</option>'
            for value, label in dismiss_reasons
        )


def _dismiss_reason(pk, labels: _Labels) -> str:
    """What templates/matching/_dismiss_reason.html printed."""
    return (
        f'\n<label for="reden-{pk}">{labels.why_not}</label>\n'
        f'<select id="reden-{pk}" name="reason">\n  {labels.reasons}\n</select>\n'
    )


def _form(url: str, extra: str = "") -> str:
    return f'<form method="post" action="{url}" hx-post="{url}" {_HTMX}{extra}>'


def _suggestion(row: dict, hidden: str, labels: _Labels) -> str:
    suggestion, other = row["suggestion"], row["other"]
    pk = escape(suggestion.pk)
    if row["other_kind"] == "offer":
        description = escape(truncatewords(other.description, 25))
        party = (
            f"<strong>{labels.offer}:</strong> {escape(other.get_kind_display())}: "
            f"{description}\n        "
        )
    else:
        # The other case opens from here: a broker reads it before introducing anyone.
        href = escape(reverse("brokers:case", args=[other.reference]))
        party = (
            f'<a href="{href}"><strong>{escape(other.reference)}</strong> {escape(other.title)}</a>'
        )
        if other.neighbourhood:
            party += f" ({escape(other.neighbourhood)})"
    reasons = "; ".join(escape(reason) for reason in reasons_shown(suggestion.reasons))
    out = [
        f'\n    <li class="match" id="koppeling-{pk}">\n      <p>\n        {party}\n      </p>\n'
        f'      <p class="hint">{labels.why}: {reasons} · {labels.score} '
        f"{floatformat(suggestion.score, 2)}</p>\n"
        f'      <p><span class="badge">{escape(suggestion.get_status_display())}</span></p>\n      '
    ]
    if suggestion.status == "suggested" and row["cannot_ask"]:
        dismiss = reverse("matching:dismiss", args=[suggestion.pk])
        cannot_ask = ", ".join(escape(title) for title in row["cannot_ask"])
        out.append(
            f'\n      <p class="hint">{labels.cannot_ask} {cannot_ask}.</p>\n'
            f"      {_form(dismiss)}\n        {hidden}\n"
            f"{_dismiss_reason(pk, labels)}\n"
            f'        <button type="submit" class="button-secondary">{labels.not_suitable}'
            "</button>\n      </form>\n      "
        )
    elif suggestion.status == "suggested":
        accept = reverse("matching:accept", args=[suggestion.pk])
        dismiss = reverse("matching:dismiss", args=[suggestion.pk])
        out.append(
            '\n      <div class="actions">\n'
            f"        {_form(accept)}\n          {hidden}\n"
            f'          <button type="submit" class="button">{labels.introduce}</button>\n'
            "        </form>\n"
            f"        {_form(dismiss)}\n          {hidden}\n"
            f"          {_dismiss_reason(pk, labels)}\n"
            '          <button type="submit" class="button button-secondary">'
            f"{labels.not_suitable}</button>\n        </form>\n      </div>\n      "
        )
    elif suggestion.status == "accepted":
        out.append(f'\n      <p class="hint">{labels.waiting}</p>\n      ')
    out.append("\n      ")
    if row["consents"]:
        out.append('\n      <ul class="consent-list">\n        ')
        for item in row["consents"]:
            out.append(_consent(item, hidden))
        out.append("\n      </ul>\n      ")
    out.append("\n    </li>\n    ")
    return "".join(out)


def _consent(item: dict, hidden: str) -> str:
    consent = item["consent"]
    title = escape(item["title"])
    who = _("Deze initiatiefnemer") if item["this_case"] else title
    if consent.agreed is True:
        answer = _("ja")
    elif consent.agreed is False:
        answer = _("nee")
    elif item["expired"]:
        answer = _("geen antwoord, verlopen")
    else:
        answer = _("nog geen antwoord")
    if consent.recorded_by:
        recorder = consent.recorded_by
        profile = getattr(recorder, "broker_profile", None)
        name = (profile.display_name if profile is not None else "") or recorder.get_username()
        answer += " · " + _("vastgelegd door %(name)s") % {"name": escape(name)}
    out = [
        f"\n        <li>\n          <strong>{who}</strong>\n"
        f"          ({_('gevraagd')} {escape(item['asked_by'])}):\n"
        f"          {answer}\n          "
    ]
    if item["open"]:
        url = reverse("matching:record_answer", args=[consent.pk])
        if item["this_case"]:
            legend = _(
                "Antwoord van deze initiatiefnemer vastleggen (per telefoon, brief of gesprek)"
            )
            party = _("deze initiatiefnemer")
        else:
            legend = _("Antwoord van '%(title)s' vastleggen (per telefoon, brief of gesprek)") % {
                "title": title
            }
            party = title
        out.append(
            f"\n          {_form(url, _CONSENT_RECORD)}\n"
            f"            {hidden}\n            <fieldset>\n"
            f"              <legend>{legend}</legend>\n"
            '              <button type="submit" name="answer" value="yes" class="button">'
            f"{_('Ja, gegevens mogen gedeeld worden')}"
            f'<span class="visually-hidden"> ({party})</span></button>\n'
            '              <button type="submit" name="answer" value="no" '
            f'class="button button-secondary">{_("Nee")}'
            f'<span class="visually-hidden"> ({party})</span></button>\n'
            "            </fieldset>\n          </form>\n          "
        )
    elif item["recorder"]:
        recorder = _(
            "Het antwoord legt %(name)s vast, de makelaar van dit idee (of een coördinator)."
        ) % {"name": escape(item["recorder"])}
        out.append(f'\n          <p class="hint">{recorder}</p>\n          ')
    out.append("\n        </li>\n        ")
    return "".join(out)
