"""Messages to a case's initiator, with or without a change of status: pick a standard
text ("Tekst invoegen"), see exactly what the initiator will get (the real rendering
through the outbox texts, by the channel it will take), then send; the confirmation
names that channel. One mechanism for both forms (MessageAction); plain POST forms that
work without JavaScript; htmx swaps the case body in place."""

import copy
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from initiatives.services import (
    initiative_message_preview,
    transition_message_plan,
)
from messaging.constants import MessageKind

from .. import services
from ..case_navigation import with_view
from ..forms import CaseMessageForm, TransitionForm
from ..models import StandardText
from .case_channel import channel_sentence
from .case_file import CASE_BODY, CASE_PAGE, _case_action, _case_or_404, _case_page, broker_required


@dataclass(frozen=True)
class MessageAction:
    """One form that writes to the initiator. `plan(initiative, data)`: the message it
    sends, as (kind, its variables), or None; `after(initiative, data)`: the case as it
    will be when the message is written; `perform(request, initiative, data)`: the
    change; `done`: what the broker reads first after it."""

    key: str  # the form's prefix, and its key among the case file's forms
    form_class: type
    plan: Callable
    after: Callable
    perform: Callable
    done: str  # lazy: read in the language of the request

    def form(self, initiative, data=None, **kwargs):
        if self.form_class is TransitionForm:
            kwargs["initiative"] = initiative
        return self.form_class(data, prefix=self.key, **kwargs)


def sent_confirmation(action, initiative, data) -> str:
    """What the broker reads after the change: where the message to the initiator went."""
    plan = action.plan(initiative, data)
    if plan is None or initiative.initiator.anonymised_at is not None:
        silent = _("De initiatiefnemer krijgt hierover geen bericht.")
        return f"{action.done} {silent}".strip()
    return f"{action.done} {channel_sentence(initiative)}".strip()


def _case_after(initiative, request, *, to_status=None, broker=None):
    """The case as it will be once the change is made (the message is written then)."""
    after = copy.copy(initiative)
    if to_status:
        after.status = to_status
    if initiative.is_open and initiative.broker_id is None:
        after.broker = request.user  # whoever works an unassigned case becomes its broker
    elif broker:
        after.broker = broker
    return after


TRANSITION = MessageAction(
    key="transition",
    form_class=TransitionForm,
    plan=lambda i, d: transition_message_plan(
        from_status=i.status, to_status=d["to_status"], words=d["outcome_message"]
    ),
    after=lambda i, d, request: _case_after(
        i, request, to_status=d["to_status"], broker=d.get("broker")
    ),
    perform=lambda request, i, d: services.case_transition(
        initiative=i,
        to_status=d["to_status"],
        actor=request.user,
        note=d["note"],
        outcome_message=d["outcome_message"],
        broker=d.get("broker"),
    ),
    done=gettext_lazy("Status gewijzigd."),
)

MESSAGE = MessageAction(
    key="message",
    form_class=CaseMessageForm,
    plan=lambda i, d: (MessageKind.BROKER_MESSAGE, {"update_message": d["message"]}),
    after=lambda i, d, request: _case_after(i, request),
    perform=lambda request, i, d: services.case_message_send(
        initiative=i, actor=request.user, message=d["message"], key=d.get("key")
    ),
    done="",
)


def _message_action(request, reference: str, action: MessageAction):
    initiative = _case_or_404(request, reference)
    form = action.form(initiative, request.POST)
    if "insert" in request.POST:
        return _insert_standard_text(request, initiative, form, action)
    if "preview" in request.POST:
        return _preview(request, initiative, form, action)
    return _case_action(
        request,
        reference,
        key=action.key,
        form=form,
        perform=lambda i, d: action.perform(request, i, d),
        success=lambda i, d: sent_confirmation(action, i, d),
    )


@broker_required
@require_POST
def case_transition(request, reference: str):
    return _message_action(request, reference, TRANSITION)


@broker_required
@require_POST
def case_message(request, reference: str):
    return _message_action(request, reference, MESSAGE)


def _draft(initiative, data, action):
    """The form again, unbound, holding what the broker had typed (no error marks)."""
    prefix = action.key
    initial = {name: data.get(f"{prefix}-{name}", "") for name in action.form_class.base_fields}
    if f"{prefix}-broker" in data:
        initial["broker"] = data.get(f"{prefix}-broker")
    return action.form(initiative, initial=initial)


def _answer(request, initiative, form, action, extra=None):
    template = CASE_BODY if request.htmx else CASE_PAGE
    return _case_page(request, initiative, template=template, forms={action.key: form}, extra=extra)


def _insert_standard_text(request, initiative, form, action):
    data = request.POST.copy()
    prefix = action.key
    chosen = data.get(f"{prefix}-standard_text", "")
    # A choice that is not a row id (a hand-made request) is no choice: never a 500.
    text = (
        StandardText.objects.filter(is_active=True, pk=int(chosen)).first()
        if chosen.isascii() and chosen.isdigit() and len(chosen) < 19
        else None
    )
    error = None
    if text is None:
        error = _("Kies eerst een standaardtekst.")
    elif not form.text_fits(text):
        # Offered only where it suits; without JavaScript the list may still hold it.
        error = _(
            "Deze tekst past niet bij de gekozen status. Kies een tekst die erbij past, "
            "of schrijf zelf."
        )
    if error:
        form.is_valid()  # fills errors in; the one that matters is added below
        form.errors.clear()
        form.add_error("standard_text", error)
        return _answer(request, initiative, form, action)
    words = services.standard_text_render(text=text, initiative=initiative)
    field = f"{prefix}-{form.text_field}"
    typed = data.get(field, "").strip()
    data[field] = f"{typed}\n\n{words}" if typed else words
    draft = _draft(initiative, data, action)
    # The broker goes on in the message (static/js/casefile.js focuses [data-outcome]):
    # without it, focus was lost in the htmx swap.
    draft.fields[form.text_field].widget.attrs["data-outcome"] = ""
    return _answer(request, initiative, draft, action)


def _preview(request, initiative, form, action):
    if not form.is_valid():
        return _answer(request, initiative, form, action)
    data = form.cleaned_data
    plan = action.plan(initiative, data)
    preview = None
    if plan is not None:
        kind, extra = plan
        after = action.after(initiative, data, request)
        preview = initiative_message_preview(initiative=after, kind=kind, extra=extra)
    url = with_view(reverse("brokers:case", args=[initiative.reference]), request)
    return _answer(
        request,
        initiative,
        _draft(initiative, request.POST, action),
        action,
        extra={"preview": preview, "previewed": action.key, "case_url": url},
    )
