"""The case file's action forms, written in Python: a case action and a message to the
initiator with or without a change of status (brokers/case_body.py prints them; the
tags {% case_action %} and {% case_message_form %} in brokers/templatetags/staff.py
print them from a template).

The case file prints eight of them on every request; through the templates (an
include each, its CSRF field, a loop over the fields and a dozen translations) they
cost some 2 ms. Same markup as the templates printed (kept beside
tests/brokers/test_case_markup.py, which renders both); every value is escaped as the
template's autoescape did (config.markup.escape), interface texts print as
{% translate %} and {% blocktranslate %} print them (the translation unescaped, its
values escaped). The fields print their own markup
(config.forms.AccessibleBoundField.html)."""

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.markup import escape


def _opening(form, action: str, view_query: str, csrf_field: str) -> str:
    url = escape(action) + escape(view_query)
    return (
        f'<form method="post" action="{url}" class="form" id="{escape(form.prefix)}-form" '
        f'novalidate\n      hx-post="{url}" hx-target="#case-body" hx-swap="outerHTML">'
        f"{csrf_field}\n  "
    )


def _summary(form, failed_form) -> str:
    """{% if failed_form == form %}{% include "forms/_error_summary.html" %}{% endif %}"""
    if failed_form is not form:
        return ""
    return get_template("forms/_error_summary.html").render({"form": form})


def action_form_html(
    form, *, action: str, label, view_query: str, csrf_field: str, failed_form
) -> SafeString:
    """One case action: a plain POST form, enhanced with htmx to swap the case body."""
    fields = "".join(field.html for field in form)
    return mark_safe(  # noqa: S308 (every value is escaped)
        "\n"
        + _opening(form, action, view_query, csrf_field)
        + f"{_summary(form, failed_form)}\n  {fields}\n"
        f'  <button type="submit" class="button">{escape(label)}</button>\n</form>\n'
    )


def message_form_html(
    form, *, action: str, view_query: str, csrf_field: str, failed_form, previewed, preview
) -> SafeString:
    """A message to the initiator, with a change of status (the transition form) or
    without (the message form): pick a standard text ("Tekst invoegen"), look at exactly
    what they will get ("Voorbeeld bekijken"), then send. Every button posts the one
    form; htmx swaps the case body. Works without JavaScript
    (brokers/views/case_messages.py)."""
    out = ["\n", _opening(form, action, view_query, csrf_field), _summary(form, failed_form)]
    out.append("\n  ")
    for field in form:
        out.append("\n    ")
        offers_texts = field.name == "standard_text" and len(field.field.choices) > 1
        if field.is_hidden:
            out.append(escape(field))
        elif field.name != "standard_text" or offers_texts:
            out.append(field.html)
        out.append("\n    ")
        if offers_texts:
            out.append(
                '\n    <p><button type="submit" name="insert" value="1" '
                f'class="button-secondary">{_("Tekst invoegen")}</button></p>\n    '
            )
        out.append("\n  ")
    out.append("\n  ")
    if previewed == form.prefix:
        out.append(_preview(form, preview))
    send = _("Versturen") if form.prefix == "message" else _("Opslaan en versturen")
    out.append(
        '\n  <div class="button-row">\n'
        '    <button type="submit" name="preview" value="1" class="button-secondary">'
        f"{_('Voorbeeld bekijken')}</button>\n"
        f'    <button type="submit" class="button">{send}</button>\n'
        "  </div>\n</form>\n"
    )
    return mark_safe("".join(out))  # noqa: S308 (every value is escaped)


def _preview(form, preview) -> str:
    """What the initiator will get, after "Voorbeeld bekijken"."""
    prefix = escape(form.prefix)
    out = [
        f'\n  <section class="message-preview" id="{prefix}-preview" '
        f'aria-labelledby="{prefix}-preview-heading" tabindex="-1" data-outcome>\n'
        f'    <h4 id="{prefix}-preview-heading">'
        f"{_('Voorbeeld: dit krijgt de initiatiefnemer')}</h4>\n    "
    ]
    if preview:
        to = {"to": escape(preview.recipient)}
        if preview.channel == "email":
            channel = _("Gaat per e-mail naar %(to)s.") % to
        elif preview.channel == "phone_task":
            channel = _("Geen e-mail: er komt een belopdracht. Bel %(to)s en lees dit voor.") % to
        else:
            channel = (
                _("Geen e-mail: er komt een briefopdracht. Stuur dit per post naar %(to)s.") % to
            )
        out.append(
            f'\n    <p class="message-channel">{channel}</p>\n'
            f"    <p><strong>{_('Onderwerp')}:</strong> {escape(preview.subject)}</p>\n"
            f'    <pre class="message-body">{escape(preview.body)}</pre>\n    '
        )
    else:
        out.append(
            f"\n    <p>{_('Bij deze wijziging krijgt de initiatiefnemer geen bericht.')}</p>\n    "
        )
    if form.prefix == "message":
        sent = _("Nog niets verstuurd. Klopt het? Klik dan op 'Versturen'.")
    else:
        sent = _("Nog niets verstuurd. Klopt het? Klik dan op 'Opslaan en versturen'.")
    out.append(f'\n    <p class="hint">{sent}</p>\n  </section>\n  ')
    return "".join(out)
