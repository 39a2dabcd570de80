"""The case file and its actions. Every action is a plain POST form that works without
JavaScript; htmx swaps the case body in place. Both answer through the one responder
(initiatives.case_actions)."""

import re

from django.forms import Form
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker, is_coordinator
from config.forms import service_errors_on
from config.markup import escape
from initiatives.case_actions import case_action_response
from initiatives.case_file import case_panels, panel_querysets
from initiatives.constants import staff_need_labels
from initiatives.models import Initiative
from initiatives.services import initiative_assign
from initiatives.timeline import initiative_timeline_with
from messaging.models import OutboundMessage
from messaging.services import message_task_complete

from .. import services
from ..case_navigation import case_navigation, neighbours_queryset, with_view
from ..forms import (
    AssignForm,
    CaseMessageForm,
    ContactMomentForm,
    NoteForm,
    ReferralForm,
    ReferralOutcomeForm,
    TransitionForm,
    WaitingForm,
)
from ..models import Referral
from ..selectors import (
    case_file_querysets,
    case_get_for_viewer,
    message_task_get_for_viewer,
    referral_get_for_viewer,
)
from ..workbench.services import case_read_mark
from .case_channel import assigned_confirmation

broker_required = staff_required(is_broker)
# What django.utils.text.normalize_newlines replaces.
_NEWLINES = re.compile(r"\r\n|\r")

CASE_PAGE = "brokers/case_detail.html"
# What htmx swaps in (#case-body).
CASE_BODY = "brokers/_case_body.html"


def _case_or_404(request, reference: str) -> Initiative:
    try:
        return case_get_for_viewer(viewer=request.user, reference=reference, related=False)
    except Initiative.DoesNotExist:
        raise Http404 from None


def _fill_choices(form, name, objects) -> None:
    """Give a form's model choice its options from rows already read (config.batch):
    rendering then reads nothing; a posted value is still checked against the queryset."""
    field = form.fields.get(name)
    if field is not None:
        field.choices = [("", field.empty_label)] + [
            (obj.pk, field.label_from_instance(obj)) for obj in objects
        ]


def _case_context(request, initiative, forms=None) -> dict:
    forms = forms or {}
    extra = case_file_querysets(initiative=initiative)
    neighbours, window = neighbours_queryset(request)
    panels = panel_querysets(initiative, request)
    panel_sets = [queryset for querysets in panels.values() for queryset in querysets]
    # The reads by the case's id are planned once per connection (config.batch).
    timeline, rows = initiative_timeline_with(
        initiative, [*extra, neighbours, *panel_sets], plan_once=True
    )
    open_tasks, referrals, brokers, organisations, texts, references = rows[: len(extra) + 1]
    panel_rows, position = {}, len(extra) + 1
    for key, querysets in panels.items():
        panel_rows[key] = rows[position : position + len(querysets)]
        position += len(querysets)
    assign_form = forms.get("assign") or AssignForm(prefix="assign")
    transition_form = forms.get("transition") or TransitionForm(
        prefix="transition", initiative=initiative
    )
    referral_form = forms.get("referral") or ReferralForm(prefix="referral")
    _fill_choices(assign_form, "broker", brokers)
    _fill_choices(transition_form, "broker", brokers)
    _fill_choices(referral_form, "organisation", organisations)
    message_form = forms.get("message") or CaseMessageForm(prefix="message")
    # Each form offers the standard texts that suit it (StandardText.purpose, .outcome).
    transition_form.offer_texts(texts)
    message_form.offer_texts(texts)
    return {
        "initiative": initiative,
        "initiator": initiative.initiator,
        "needs": staff_need_labels(initiative.needs),
        "timeline": list(reversed(timeline)),
        "timeline_items": timeline_items(reversed(timeline)),
        "panels": case_panels(initiative, request, panel_rows),
        "open_tasks": open_tasks,
        "referrals": referrals,
        "navigation": case_navigation(initiative, list(references), window),
        "view_query": with_view("", request),
        "can_reopen": is_coordinator(request.user),
        # Only the named broker or a coordinator changes the status (the service checks;
        # the page says so instead of offering a form that will be refused).
        "can_transition": is_coordinator(request.user)
        or initiative.broker_id in (None, request.user.pk),
        "assign_form": assign_form,
        "contact_form": forms.get("contact") or ContactMomentForm(prefix="contact"),
        "transition_form": transition_form,
        "message_form": message_form,
        "note_form": forms.get("note") or NoteForm(prefix="note"),
        "waiting_form": forms.get("waiting") or WaitingForm(prefix="waiting"),
        "referral_form": referral_form,
        "outcome_forms": {
            r.pk: forms.get(f"outcome-{r.pk}") or ReferralOutcomeForm(prefix=f"outcome-{r.pk}")
            for r in referrals
        },
        "failed_form": next(iter(forms.values()), None),
    }


def _text(value) -> str:
    """What the template filter linebreaksbr prints for a plain string."""
    return escape(_NEWLINES.sub("\n", str(value))).replace("\n", "<br>")


def timeline_items(entries) -> SafeString:
    """The timeline's entries, each as its <li>, written in Python: a long case's 200
    entries through the template (eight variables, two date filters and a few
    translations each) were most of the case file's time, and a template loop printing
    them one by one still took 2 ms. Same markup as before (each entry followed by what
    the loop printed between them); every value is escaped here (config.markup.escape,
    as the template's autoescape)."""
    internal = f' <span class="badge">{escape(_("intern"))}</span>'
    note_badge = f'<span class="badge">{escape(_("intern"))}</span>'
    sent, unsent = escape(_("verstuurd")), escape(_("nog niet verstuurd"))
    replaced = escape(_("vervangen door een nieuwer bericht, niet verstuurd"))
    text_label = escape(_("Tekst"))
    months = {number: escape(str(name)) for number, name in MONTHS.items()}  # as "F" prints
    # timezone.localtime() for each aware time, the zone looked up once.
    zone = timezone.get_current_timezone()
    items = []
    for entry in entries:
        at = entry.at
        if at.utcoffset() is not None:
            at = at.astimezone(zone)
        extra = entry.extra or {}
        channel = ""
        if extra.get("channel"):
            state = replaced if extra.get("replaced") else sent if extra.get("sent") else unsent
            channel = f'<span class="badge">{escape(str(extra["channel"]))}: {state}</span>'
        body = ""
        if entry.text:
            if entry.kind == "message":
                staff_text = escape(str(extra.get("staff_text", "")))
                body = (
                    f"<details><summary>{text_label}</summary>"
                    f'<pre class="message-body">{staff_text}</pre></details>'
                )
            else:
                body = f"<p>{_text(entry.text)}</p>"
        note = (
            f'<p class="timeline-note">{note_badge} {_text(entry.note)}</p>' if entry.note else ""
        )
        actor = f" · {escape(str(entry.actor))}" if entry.actor else ""
        items.append(
            f'<li class="timeline-{escape(entry.kind)}">\n'
            f'<time datetime="{at.isoformat()}">'  # what the date filter's "c" prints
            f"{at.day} {months[at.month]} {at.year} {at:%H:%M}</time>\n"
            f"<strong>{escape(str(entry.title))}</strong>"
            f"{internal if entry.internal else ''}{actor}\n{channel}\n{body}\n{note}\n</li>\n  "
        )
    return mark_safe("".join(items))  # noqa: S308 (every value above is escaped)


def _case_page(request, initiative, *, template, forms=None, flash="", extra=None):
    context = _case_context(request, initiative, forms) | {"flash": flash} | (extra or {})
    return render(request, template, context)


@broker_required
def case_detail(request, reference: str):
    template = CASE_BODY if request.htmx else CASE_PAGE
    initiative = _case_or_404(request, reference)
    # Rendered first: the news panel says what is new since the previous visit.
    response = _case_page(request, initiative, template=template)
    if _seen(request):
        case_read_mark(initiative=initiative, actor=request.user)
    return response


def _seen(request) -> bool:
    """Whether the broker now sees the case file: its unread mark may go. A GET of the
    case file is that visit (the product's meaning of "read"). Not a HEAD, nor a page the
    browser fetches ahead in case it is opened (Sec-Purpose / Purpose: prefetch), nor
    the refreshed case after an action (the broker was already here)."""
    if request.method != "GET":
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    return "prefetch" not in purpose.lower()


def _case_action(request, reference, *, key, form, perform, success, anchor=""):
    """Validate `form` and run `perform(initiative, cleaned_data)`; the one responder
    answers: a redirect (or the fresh case body for htmx) on success, the case with the
    errors next to the form otherwise."""
    initiative = _case_or_404(request, reference)
    succeeded = False
    if form.is_valid():
        # A message may depend on the case as it was (where a message went, say).
        if callable(success):
            success = success(initiative, form.cleaned_data)
        with service_errors_on(form):
            perform(initiative, form.cleaned_data)
            succeeded = True
    forms = None if succeeded else {key: form}

    def body(*, notice, error):
        # The errors sit in the form; after a success the case has changed: read it again.
        shown = _case_or_404(request, reference) if succeeded else initiative
        return _case_page(request, shown, template=CASE_BODY, forms=forms, flash=notice)

    url = with_view(reverse("brokers:case", args=[initiative.reference]), request)
    return case_action_response(
        request,
        succeeded=succeeded,
        message=success if succeeded else "",
        fragment=body,
        page=lambda: _case_page(request, initiative, template=CASE_PAGE, forms=forms),
        back=f"{url}#{anchor}" if anchor else url,
    )


@broker_required
@require_POST
def case_claim(request, reference: str):
    return _case_action(
        request,
        reference,
        key="assign",
        form=AssignForm({"assign-broker": request.user.pk}, prefix="assign"),
        perform=lambda i, d: initiative_assign(
            initiative=i, broker=d["broker"], actor=request.user
        ),
        success=assigned_confirmation(_("U bent nu de ideeënmakelaar van dit idee.")),
    )


@broker_required
@require_POST
def case_assign(request, reference: str):
    return _case_action(
        request,
        reference,
        key="assign",
        form=AssignForm(request.POST, prefix="assign"),
        perform=lambda i, d: initiative_assign(
            initiative=i, broker=d["broker"], actor=request.user, note=d["note"]
        ),
        success=assigned_confirmation(_("Toegewezen.")),
    )


@broker_required
@require_POST
def case_contact(request, reference: str):
    return _case_action(
        request,
        reference,
        key="contact",
        form=ContactMomentForm(
            request.POST, prefix="contact", initiative=_case_or_404(request, reference)
        ),
        perform=lambda i, d: services.contact_moment_create(initiative=i, actor=request.user, **d),
        success=_("Contactmoment vastgelegd."),
        anchor="tijdlijn",
    )


@broker_required
@require_POST
def case_note(request, reference: str):
    return _case_action(
        request,
        reference,
        key="note",
        form=NoteForm(request.POST, prefix="note"),
        perform=lambda i, d: services.case_note_create(
            initiative=i, actor=request.user, text=d["text"]
        ),
        success=_("Notitie opgeslagen."),
        anchor="tijdlijn",
    )


@broker_required
@require_POST
def case_waiting(request, reference: str):
    if request.POST.get("clear"):
        return _case_action(
            request,
            reference,
            key="waiting",
            form=NoteForm({"text": "-"}),
            perform=lambda i, d: services.initiative_waiting_clear(
                initiative=i, actor=request.user
            ),
            success=_("Het idee wacht niet meer op de initiatiefnemer."),
        )
    return _case_action(
        request,
        reference,
        key="waiting",
        form=WaitingForm(request.POST, prefix="waiting"),
        perform=lambda i, d: services.initiative_waiting_set(
            initiative=i, actor=request.user, reason=d["reason"], since=d["since"]
        ),
        success=_("Gemarkeerd: wacht op de initiatiefnemer."),
    )


@broker_required
@require_POST
def case_referral(request, reference: str):
    return _case_action(
        request,
        reference,
        key="referral",
        form=ReferralForm(request.POST, prefix="referral"),
        perform=lambda i, d: services.referral_create(
            initiative=i, organisation=d["organisation"], actor=request.user, reason=d["reason"]
        ),
        success=_("Doorverwijzing vastgelegd."),
    )


@broker_required
@require_POST
def case_referral_outcome(request, reference: str, pk: int):
    initiative = _case_or_404(request, reference)
    try:
        referral = referral_get_for_viewer(viewer=request.user, pk=pk, initiative=initiative)
    except Referral.DoesNotExist:
        raise Http404 from None
    return _case_action(
        request,
        reference,
        key=f"outcome-{pk}",
        form=ReferralOutcomeForm(request.POST, prefix=f"outcome-{pk}"),
        perform=lambda i, d: services.referral_outcome_record(
            referral=referral, actor=request.user, outcome=d["outcome"], note=d["note"]
        ),
        success=_("Uitkomst van de doorverwijzing vastgelegd."),
    )


@broker_required
@require_POST
def case_task_done(request, reference: str, pk: int):
    initiative = _case_or_404(request, reference)
    try:
        task = message_task_get_for_viewer(viewer=request.user, pk=pk, initiative=initiative)
    except OutboundMessage.DoesNotExist:
        raise Http404 from None
    return _case_action(
        request,
        reference,
        key="task",
        form=Form({}),  # nothing to fill in: the click is the confirmation
        perform=lambda i, d: message_task_complete(message_id=task.pk, actor=request.user),
        success=_("Taak afgevinkt: de initiatiefnemer is gebeld of heeft een brief gekregen."),
    )
