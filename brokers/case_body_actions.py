"""The "Acties" section of the case file's body, written in Python (brokers.case_body):
the broker, a contact moment, a message, the status, waiting, a note and a referral.
Same markup as the case body's template printed (see brokers.case_body)."""

from django.utils.translation import gettext as _

from config.markup import escape

from .case_page import CasePage, broker_name, include, printed_date


def actions(page: CasePage) -> str:
    context, initiative = page.context, page.initiative
    out = [
        '<section aria-labelledby="actions-heading" class="case-actions">\n'
        f'<h2 id="actions-heading">{_("Acties")}</h2>\n\n'
    ]
    if initiative.is_open:
        out.append(_assign(page))
    out.append("\n\n")
    out.append(_contact(page))
    out.append(_message(page))
    if context["transition_form"].fields["to_status"].choices:
        out.append(_transition(page))
    out.append("\n\n")
    if initiative.is_open:
        out.append(_waiting(page))
    out.append(
        "\n\n"
        + _open_panel(
            "note",
            _("Interne notitie"),
            "\n  \n  "
            + page.action(context["note_form"], "brokers:case-note", _("Notitie opslaan")),
        )
        + "\n"
    )
    referral_form = context["referral_form"]
    opened = " open" if page.failed_form is referral_form else ""
    out.append(
        f'<details class="panel" id="referral"{opened}>\n'
        f"  <summary>{_('Doorverwijzen naar een netwerkpartner')}</summary>\n  \n  \n  "
        + page.action(referral_form, "brokers:case-referral", _("Doorverwijzing opslaan"))
        + "\n</details>\n</section>\n\n"
    )
    return "".join(out)


def _assign(page: CasePage) -> str:
    context, initiative = page.context, page.initiative
    form = context["assign_form"]
    opened = " open" if page.failed_form is form or not initiative.broker else ""
    claim = ""
    if initiative.broker_id != context["request"].user.pk:
        claim = (
            "\n  "
            + page.post_form("brokers:case-claim", css="form")
            + f'    <button type="submit" class="button">{_("Dit idee oppakken")}</button>\n'
            "  </form>\n  "
        )
    return (
        f'\n<details class="panel" id="assign"{opened}>\n'
        f"  <summary>{_('Makelaar')}</summary>\n  {claim}\n  \n  \n  "
        + page.action(form, "brokers:case-assign", _("Toewijzen"))
        + "\n</details>\n"
    )


def _contact(page: CasePage) -> str:
    context, initiative = page.context, page.initiative
    hint = ""
    if initiative.status == "new":
        if context.get("can_transition") or not initiative.broker:
            said = _("Het eerste contact zet het idee op 'In gesprek'.")
        else:
            said = _(
                "Het contact wordt vastgelegd als eerste contact. De status blijft staan: "
                "die zet de makelaar van dit idee."
            )
        hint = f'<p class="hint">{said}</p>'
    action = page.action(
        context["contact_form"], "brokers:case-contact", _("Contactmoment opslaan")
    )
    body = f"{hint}\n  \n  \n  {action}"
    return _open_panel("contact", _("Contactmoment vastleggen"), body) + "\n"


def _summary_if_failed(page: CasePage, form) -> str:
    """{% if failed_form == form %}{% include "forms/_error_summary.html" with form=form %}"""
    if page.failed_form is not form:
        return ""
    return include(page.context, "forms/_error_summary.html", form=form)


def _owner(page: CasePage) -> dict:
    return {"name": escape(broker_name(page.initiative.broker))}


def _message(page: CasePage) -> str:
    context, initiative = page.context, page.initiative
    form = context["message_form"]
    if initiative.initiator.anonymised_at:
        said = _("De gegevens van de initiatiefnemer zijn gewist: er is niemand te bereiken.")
        body = f"\n  <p>{said}</p>\n  "
    elif not context.get("can_transition"):
        said = _(
            "Dit idee is van %(name)s. Alleen die makelaar of een coördinator schrijft de "
            "initiatiefnemer."
        ) % _owner(page)
        body = f"\n  {_summary_if_failed(page, form)}\n  <p>{said}</p>\n  "
    else:
        said = _("De status blijft zoals hij is. Het bericht komt in de tijdlijn.")
        body = (
            f'\n  <p class="hint">{said}</p>\n  \n  '
            + page.message(form, "brokers:case-message")
            + "\n  "
        )
    return _open_panel("message", _("Bericht aan de initiatiefnemer"), body) + "\n"


def _transition(page: CasePage) -> str:
    context, initiative = page.context, page.initiative
    form = context["transition_form"]
    heading = _("Status wijzigen of afsluiten") if initiative.is_open else _("Heropenen")
    if initiative.is_open and not context.get("can_transition"):
        said = _(
            "Dit idee is van %(name)s. Alleen die makelaar of een coördinator kan de status "
            "wijzigen."
        ) % _owner(page)
        body = f"\n  {_summary_if_failed(page, form)}\n  <p>{said}</p>\n  "
    elif initiative.is_open or context.get("can_reopen"):
        body = "\n  \n  " + page.message(form, "brokers:case-transition") + "\n  "
    else:
        body = f"\n  <p>{_('Alleen een coördinator kan een afgesloten idee heropenen.')}</p>\n  "
    return "\n" + _open_panel("transition", heading, body)


def _waiting(page: CasePage) -> str:
    context, initiative = page.context, page.initiative
    form = context["waiting_form"]
    opened = " open" if page.failed_form is form else ""
    if initiative.waiting_since:
        since = _("Sinds %(since)s: %(reason)s") % {
            "since": printed_date(initiative.waiting_since, "j F Y"),
            "reason": escape(initiative.waiting_reason),
        }
        body = (
            f"\n  <p>{since}</p>\n  "
            + page.post_form("brokers:case-waiting", css="form")
            + '    <input type="hidden" name="clear" value="1">\n'
            f'    <button type="submit" class="button-secondary">{_("Wacht niet meer")}</button>\n'
            "  </form>\n  "
        )
    else:
        body = "\n  \n  \n  " + page.action(form, "brokers:case-waiting", _("Markeren")) + "\n  "
    return (
        f'\n<details class="panel" id="waiting"{opened}>\n'
        f"  <summary>{_('Wacht op initiatiefnemer')}</summary>\n"
        f"  {body}\n</details>\n"
    )


def _open_panel(key: str, heading: str, body: str) -> str:
    """An action panel shown open: its heading, then `body` (markup, already escaped)."""
    return (
        f'<section class="panel panel-open" id="{key}" aria-labelledby="{key}-heading">\n'
        f'  <h3 id="{key}-heading">{heading}</h3>\n'
        f"  {body}\n</section>\n"
    )
