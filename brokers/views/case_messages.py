"""Changing a case's status with a message to its initiator: pick a standard text, see
exactly what the initiator will get (the real rendering through the outbox texts, by
the channel it will take), then send; the confirmation names that channel. Plain POST
forms that work without JavaScript; htmx swaps the case body in place."""

import copy

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.services import (
    initiative_message_preview,
    message_channel_for,
    transition_message_plan,
)
from messaging.constants import MessageChannel

from .. import services
from ..case_navigation import with_view
from ..forms import TransitionForm
from ..models import StandardText
from .case_file import CASE_BODY, CASE_PAGE, _case_action, _case_or_404, _case_page, broker_required

PREFIX = "transition"


def sent_confirmation(initiative, data) -> str:
    """What the broker reads after the change: where the message to the initiator went."""
    done = _("Status gewijzigd.")
    plan = transition_message_plan(
        from_status=initiative.status, to_status=data["to_status"], words=data["outcome_message"]
    )
    initiator = initiative.initiator
    if plan is None or initiator.anonymised_at is not None:
        silent = _("De initiatiefnemer krijgt hierover geen bericht.")
        return f"{done} {silent}"
    channel = message_channel_for(initiator)
    if channel == MessageChannel.EMAIL:
        sent = _("Bericht per e-mail verstuurd aan %(email)s.") % {"email": initiator.email}
    elif channel == MessageChannel.PHONE_TASK:
        sent = _(
            "Belopdracht aangemaakt: bel %(name)s (%(phone)s) en lees het bericht voor. "
            "De opdracht staat bij 'Te doen' en in 'Berichten en taken'."
        ) % {"name": initiator.name, "phone": initiator.phone}
    else:
        sent = _(
            "Briefopdracht aangemaakt: stuur het bericht per post aan %(name)s. "
            "De opdracht staat bij 'Te doen' en in 'Berichten en taken'."
        ) % {"name": initiator.name}
    return f"{done} {sent}"


@broker_required
@require_POST
def case_transition(request, reference: str):
    initiative = _case_or_404(request, reference)
    form = TransitionForm(request.POST, prefix=PREFIX, initiative=initiative)
    if "insert" in request.POST:
        return _insert_standard_text(request, initiative, form)
    if "preview" in request.POST:
        return _preview(request, initiative, form)
    return _case_action(
        request,
        reference,
        key="transition",
        form=form,
        perform=lambda i, d: services.case_transition(
            initiative=i,
            to_status=d["to_status"],
            actor=request.user,
            note=d["note"],
            outcome_message=d["outcome_message"],
            broker=d.get("broker"),
        ),
        success=sent_confirmation,
    )


def _draft(initiative, data) -> TransitionForm:
    """The form again, unbound, holding what the broker had typed (no error marks)."""
    initial = {name: data.get(f"{PREFIX}-{name}", "") for name in TransitionForm.base_fields}
    if "broker" in data:
        initial["broker"] = data.get(f"{PREFIX}-broker")
    return TransitionForm(prefix=PREFIX, initiative=initiative, initial=initial)


def _answer(request, initiative, form, extra=None):
    template = CASE_BODY if request.htmx else CASE_PAGE
    return _case_page(
        request, initiative, template=template, forms={"transition": form}, extra=extra
    )


def _insert_standard_text(request, initiative, form):
    data = request.POST.copy()
    chosen = data.get(f"{PREFIX}-standard_text", "")
    # A choice that is not a row id (a hand-made request) is no choice: never a 500.
    text = (
        StandardText.objects.filter(is_active=True, pk=int(chosen)).first()
        if chosen.isascii() and chosen.isdigit() and len(chosen) < 19
        else None
    )
    if text is None:
        form.is_valid()  # fills errors in; the one that matters is added below
        form.errors.clear()
        form.add_error("standard_text", _("Kies eerst een standaardtekst."))
        return _answer(request, initiative, form)
    words = services.standard_text_render(text=text, initiative=initiative)
    typed = data.get(f"{PREFIX}-outcome_message", "").strip()
    data[f"{PREFIX}-outcome_message"] = f"{typed}\n\n{words}" if typed else words
    draft = _draft(initiative, data)
    # The broker goes on in the message (static/js/casefile.js focuses [data-outcome]):
    # without it, focus was lost in the htmx swap.
    draft.fields["outcome_message"].widget.attrs["data-outcome"] = ""
    return _answer(request, initiative, draft)


def _preview(request, initiative, form):
    if not form.is_valid():
        return _answer(request, initiative, form)
    data = form.cleaned_data
    plan = transition_message_plan(
        from_status=initiative.status, to_status=data["to_status"], words=data["outcome_message"]
    )
    preview = None
    if plan is not None:
        kind, extra = plan
        # The message is written once the change is made: the case as it will be then.
        after = copy.copy(initiative)
        after.status = data["to_status"]
        if initiative.is_open and initiative.broker_id is None:
            after.broker = request.user  # whoever works an unassigned case becomes its broker
        elif data.get("broker"):
            after.broker = data["broker"]
        preview = initiative_message_preview(initiative=after, kind=kind, extra=extra)
    url = with_view(reverse("brokers:case", args=[initiative.reference]), request)
    return _answer(
        request,
        initiative,
        _draft(initiative, request.POST),
        extra={"preview": preview, "previewed": True, "case_url": url},
    )
