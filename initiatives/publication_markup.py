"""The publication panel ("Openbaar tonen") of the case file and of its own page,
written in Python (templates/initiatives/case_panel_publication.html prints it).

Through the template the panel cost some 1 ms of every case file (its two forms with
their CSRF fields, error summaries and URLs, and a dozen translations). Same markup as
the template printed (tests/initiatives/test_publication_markup.py renders both; the
template as it was is kept beside it); every value is escaped as the template's
autoescape did (config.markup.escape), interface texts print as {% translate %} prints
them. The form fields print their own markup (config.forms.AccessibleBoundField.html)."""

from django.template.defaultfilters import linebreaksbr
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.markup import escape

from .constants import PublicationStatus

_HTMX = 'hx-target="#publicatie" hx-select="#publicatie" hx-swap="outerHTML"'


def _summary(form) -> str:
    """{% include "forms/_error_summary.html" with form=form %}: without errors the
    template prints its last line's end alone."""
    if not form.errors:
        return "\n"
    return get_template("forms/_error_summary.html").render({"form": form})


def publication_panel_html(c: dict, *, csrf_field: str) -> SafeString:
    """The panel for the context of initiatives.views.publication.publication_panel_context."""
    initiative, publication = c["initiative"], c["publication"]
    status = publication.status if publication else None
    out = ['\n\n<div id="publicatie">\n', f"<h2>{_('Openbaar tonen')}</h2>\n"]
    if c.get("panel_error"):
        out.append(
            '<p class="flash flash-error" role="alert" tabindex="-1" data-outcome>'
            f"{escape(c['panel_error'])}</p>\n"
        )
    elif c.get("panel_notice"):
        out.append(
            '<p class="flash flash-success" role="status" tabindex="-1" data-outcome>'
            f"{escape(c['panel_notice'])}</p>"
        )
    consent = _("ja, het idee mag openbaar") if c["consent"] else _("nee")
    shown = escape(publication.get_status_display()) if publication else _("Niet gevraagd")
    reason = f" ({escape(publication.reason)})" if publication and publication.reason else ""
    out.append(
        '\n<dl class="facts">\n'
        f"  <dt>{_('Toestemming initiatiefnemer')}</dt><dd>{consent}</dd>\n"
        f"  <dt>{_('Publicatie')}</dt><dd><strong>{shown}</strong>{reason}</dd>\n"
        "</dl>\n"
    )
    if status == PublicationStatus.PUBLISHED:
        url = escape(reverse("matching:gallery_detail", args=[initiative.reference]))
        out.append(
            '\n<div class="public-preview">\n'
            f'  <p class="hint">{_("Dit ziet iedereen")} (<a href="{url}">'
            f"{_('openbare pagina')}</a>):</p>\n"
            f"  <p><strong>{escape(publication.title)}</strong></p>\n"
            f"  <p>{linebreaksbr(publication.summary, autoescape=True)}</p>\n"
            "</div>\n"
        )
    out.append("\n")
    if c["consent"] and publication:
        out.append(_publish_form(c, initiative, status, csrf_field))
    elif not c["consent"]:
        out.append(
            '\n<p class="hint">'
            + _(
                "De initiatiefnemer gaf geen toestemming om dit idee openbaar te tonen. "
                "Het staat nergens openbaar."
            )
            + "</p>\n"
        )
    out.append("\n")
    if publication and status != PublicationStatus.UNPUBLISHED:
        url = escape(reverse("initiatives:publication_unpublish", args=[initiative.reference]))
        form = c["unpublish_form"]
        if status == PublicationStatus.PUBLISHED:
            button = _("Niet meer openbaar tonen")
        else:
            button = _("Niet publiceren")
        out.append(
            f'\n\n<form method="post" action="{url}" hx-post="{url}" {_HTMX} class="form" '
            f"novalidate>\n  {csrf_field}\n  {_summary(form)}\n  {form['reason'].html}\n"
            f'  <button type="submit" class="button-secondary">{button}</button>\n</form>\n'
        )
    out.append("\n</div>\n")
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


def _publish_form(c: dict, initiative, status, csrf_field: str) -> str:
    """The original as the initiator wrote it, and the form that makes it public."""
    url = escape(reverse("initiatives:publication_publish", args=[initiative.reference]))
    form = c["publish_form"]
    opened = " open" if status == PublicationStatus.TO_REVIEW else ""
    if status == PublicationStatus.PUBLISHED:
        button = _("Wijziging publiceren")
    else:
        button = _("Openbaar maken")
    return (
        f'\n<details class="original"{opened}>\n'
        f"  <summary>{_('Het idee zoals de initiatiefnemer het schreef')}</summary>\n"
        f"  <p><strong>{escape(initiative.title)}</strong></p>\n"
        f"  <p>{linebreaksbr(initiative.description, autoescape=True)}</p>\n"
        "</details>\n\n"
        f'<form method="post" action="{url}" hx-post="{url}" {_HTMX} class="form" novalidate>\n'
        f"  {csrf_field}\n  {_summary(form)}\n  {form['title'].html}\n"
        f"  {form['summary'].html}\n"
        f'  <button type="submit" class="button">{button}</button>\n</form>\n'
    )
