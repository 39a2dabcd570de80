"""The case file's body (#case-body: the facts, the initiator, tasks, actions,
referrals, the panels and the timeline), written in Python.

Through the template it cost some 1 ms of every case file: some seventy translations,
twenty URLs, date filters and variable lookups. Same markup as the template printed
(tests/brokers/test_case_body.py renders both; the template as it was is kept beside
it); every value is escaped as the template's autoescape did (config.markup.escape),
interface texts print as {% translate %} and {% blocktranslate %} print them (the
translation unescaped, its values escaped), dates go through the same filter in the
current time zone. The panels' own templates and the small shared ones (deadline, error
summary) are rendered as the template included them, in its context."""

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from config.context_processors import tel_href
from config.markup import escape

from .case_body_actions import actions
from .case_markup import action_form_html
from .case_page import DASH as _DASH
from .case_page import CasePage, broker_name, include, printed_date


def case_body_html(context) -> SafeString:
    """The body for the case file's template context (brokers.views.case_file)."""
    page = CasePage(context)
    out = ['\n<div id="case-body" class="case-file">\n']
    flash = context.get("flash")
    if flash:
        out.append(
            '<p class="flash flash-success" role="status" id="case-flash" tabindex="-1">'
            f"{escape(flash)}</p>"
        )
    out.append("\n")
    failed = page.failed_form
    if failed and failed.errors:
        out.append(
            '<p class="flash flash-error" role="alert">'
            f"{_('Dat lukte niet. Bekijk de melding bij het formulier hieronder.')}</p>"
        )
    out.append("\n")
    out.append(_header(page))
    out.append('<div class="case-columns">\n<div class="case-main">\n')
    out.append(_idea_and_initiator(page))
    out.append(_tasks(page))
    out.append(actions(page))
    out.append(_referrals(page))
    for panel, panel_context in context.get("panels") or ():
        included = include(context, panel.template_name, panel_context=panel_context)
        out.append(
            f'\n<section class="panel case-panel" id="panel-{escape(panel.key)}">'
            f"{included}</section>\n"
        )
    out.append(
        "\n\n</div>\n"
        '<div class="case-side">\n'
        '<section aria-labelledby="timeline-heading" id="tijdlijn" class="case-timeline">\n'
        f'<h2 id="timeline-heading">{_("Tijdlijn")}</h2>\n'
        '<p class="hint">'
        + _("Nieuwste bovenaan. Items met 'intern' ziet de initiatiefnemer niet.")
        + "</p>\n"
        '<div class="timeline-scroll" role="region" aria-labelledby="timeline-heading" '
        'tabindex="0">\n'
        '<ol class="timeline">\n  \n'
        f"  {escape(context.get('timeline_items', ''))}\n"
        "</ol>\n</div>\n</section>\n</div>\n</div>\n</div>"
    )
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


def _header(page: CasePage) -> str:
    initiative, context = page.initiative, page.context
    waiting = ""
    if initiative.waiting_since:
        since = _("Wacht op initiatiefnemer sinds %(since)s") % {
            "since": printed_date(initiative.waiting_since, "j F Y")
        }
        waiting = f' · <span class="badge"><span aria-hidden="true">‖ </span>{since}</span>'
    contact = include(context, "brokers/_deadline.html")
    if initiative.first_contact_at:
        contact += f" ({printed_date(initiative.first_contact_at, 'j F Y')})"
    if initiative.broker:
        broker = escape(broker_name(initiative.broker))
    else:
        broker = f'<span class="badge">{_("Nog niemand")}</span>'
    registered = (
        f" ({_('geregistreerd door een medewerker')})" if initiative.registered_by_id else ""
    )
    needs = ", ".join(escape(need) for need in context.get("needs") or ()) or _DASH
    return (
        '<header class="case-header">\n'
        f"<h1>{escape(initiative.title)}</h1>\n"
        '<dl class="facts">\n'
        f"  <dt>{_('Kenmerk')}</dt><dd>{escape(initiative.reference)}</dd>\n"
        f"  <dt>{_('Status')}</dt><dd><strong>{escape(initiative.get_status_display())}"
        f"</strong>{waiting}</dd>\n"
        f"  <dt>{_('Eerste contact')}</dt><dd>{contact}</dd>\n"
        f"  <dt>{_('Ideeënmakelaar')}</dt><dd>{broker}</dd>\n"
        f"  <dt>{_('Thema')}</dt><dd>{escape(initiative.theme)}</dd>\n"
        f"  <dt>{_('Wijk')}</dt><dd>{escape(initiative.neighbourhood or _DASH)}</dd>\n"
        f"  <dt>{_('Binnengekomen')}</dt><dd>{printed_date(initiative.submitted_at, 'j F Y H:i')}, "
        f"{escape(initiative.get_channel_display())}{registered}</dd>\n"
        f"  <dt>{_('Gevraagde hulp')}</dt><dd>{needs}</dd>\n"
        "</dl>\n</header>\n"
    )


def _idea_and_initiator(page: CasePage) -> str:
    initiative, initiator = page.initiative, page.context["initiator"]
    out = [
        f"<h2>{_('Het idee')}</h2>\n"
        f"<p>{linebreaksbr(initiative.description, autoescape=True)}</p>\n"
    ]
    if initiative.outcome_message:
        out.append(
            f"\n<h2>{_('Bericht over de uitkomst')}</h2>\n"
            f"<p>{linebreaksbr(initiative.outcome_message, autoescape=True)}</p>\n"
        )
    phone = (
        f'<a href="{escape(tel_href(initiator.phone))}">{escape(initiator.phone)}</a>'
        if initiator.phone
        else _DASH
    )
    if initiator.address and initiator.postcode:
        address = f"{escape(initiator.address)}, {escape(initiator.postcode)}"
    else:
        address = escape(initiator.address or initiator.postcode or _DASH)
    matching = (
        _("koppelen aan anderen: ja")
        if initiator.consent_matching_at
        else _("koppelen aan anderen: nee")
    )
    public = _("openbaar tonen: ja") if initiator.consent_publish_at else _("openbaar tonen: nee")
    out.append(
        f"\n\n<h2>{_('Initiatiefnemer')}</h2>\n"
        '<dl class="facts">\n'
        f"  <dt>{_('Naam')}</dt><dd>{escape(initiator.name)} "
        f"({escape(initiator.get_kind_display())})</dd>\n"
        f"  <dt>{_('Liefst contact via')}</dt>"
        f"<dd>{escape(initiator.get_preferred_channel_display())}</dd>\n"
        f"  <dt>{_('Taal van de berichten')}</dt>"
        f"<dd>{escape(initiator.get_language_display())}</dd>\n"
        f"  <dt>{_('E-mail')}</dt><dd>{escape(initiator.email or _DASH)}</dd>\n"
        f"  <dt>{_('Telefoon')}</dt><dd>{phone}</dd>\n"
        f"  <dt>{_('Adres')}</dt><dd>{address}</dd>\n"
        f"  <dt>{_('Toestemming')}</dt><dd>{matching}; {public}</dd>\n"
        "</dl>\n\n"
    )
    return "".join(out)


def _tasks(page: CasePage) -> str:
    tasks = page.context.get("open_tasks")
    if not tasks:
        return "\n\n"
    items = []
    for task in tasks:
        items.append(
            f"\n    <li><strong>{escape(task.get_channel_display())}</strong>: "
            f"{escape(task.subject)}\n"
            f"      <details><summary>{_('Tekst van het bericht')}</summary>"
            f'<pre class="message-body">{escape(task.body_for_staff)}</pre></details>\n'
            "      "
            + page.post_form("brokers:case-task-done", task.pk, css="inline-form")
            + f'        <button type="submit" class="button-secondary">{_("Gedaan")}</button>\n'
            "      </form>\n    </li>\n  "
        )
    return (
        '\n<section aria-labelledby="tasks-heading" class="panel panel-tasks">\n'
        f'  <h2 id="tasks-heading">{_("Te doen: bellen of schrijven")}</h2>\n'
        "  <p>"
        + _("Deze initiatiefnemer krijgt geen e-mail. Geef het bericht door en vink het daarna af.")
        + "</p>\n  <ul>\n  "
        + "".join(items)
        + "\n  </ul>\n</section>\n\n\n"
    )


def _referrals(page: CasePage) -> str:
    referrals = page.context.get("referrals")
    if not referrals:
        return "\n\n"
    outcome_forms = page.context.get("outcome_forms") or {}
    items = []
    for referral in referrals:
        note = f" – {escape(referral.outcome_note)}" if referral.outcome_note else ""
        url = escape(reverse("brokers:organisation", args=[referral.organisation_id]))
        item = [
            f'\n  <li><a href="{url}">{escape(referral.organisation)}</a>,\n'
            f"    {printed_date(referral.created_at, 'j F Y')}: {escape(referral.reason)}<br>\n"
            f"    {_('Uitkomst')}: <strong>{escape(referral.get_outcome_display())}</strong>"
            f"{note}\n    "
        ]
        if referral.outcome == "pending":
            form = outcome_forms.get(referral.pk)
            item.append(
                "\n    \n    \n    "
                + action_form_html(
                    form,
                    action=page.url("brokers:case-referral-outcome", referral.pk),
                    label=_("Uitkomst opslaan"),
                    view_query=page.view_query,
                    csrf_field=page.csrf_field,
                    failed_form=page.failed_form,
                )
                + "\n    "
            )
        item.append("\n  </li>\n")
        items.append("".join(item))
    return (
        '\n<section aria-labelledby="referrals-heading">\n'
        f'<h2 id="referrals-heading">{_("Doorverwijzingen")}</h2>\n'
        '<ul class="referrals">\n' + "".join(items) + "\n</ul>\n</section>\n\n\n"
    )
