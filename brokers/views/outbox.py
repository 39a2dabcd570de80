"""The brokers' list of messages and tasks that need a person: failed e-mails, calls and
letters to do, and low survey scores for the coordinator."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker
from initiatives.selectors import survey_flagged_list, survey_get_for_viewer
from initiatives.services import followups
from messaging import selectors, services


@staff_required(is_broker)
def outbox_attention(request):
    return render(
        request,
        "brokers/outbox.html",
        {
            "rows": selectors.outbox_attention_list(viewer=request.user),
            "flagged_surveys": survey_flagged_list(viewer=request.user),
        },
    )


@staff_required(is_broker)
@require_POST
def task_done(request, pk: int):
    message = selectors.outbox_attention_get(viewer=request.user, pk=pk)
    if message is None:
        raise Http404
    if message.is_task:
        services.message_task_complete(message_id=message.pk, actor=request.user)
        messages.success(request, _("Gemarkeerd als gedaan."))
    return redirect("brokers:outbox")


@staff_required(is_broker)
@require_POST
def message_retry(request, pk: int):
    message = selectors.outbox_attention_get(viewer=request.user, pk=pk)
    if message is None:
        raise Http404
    services.message_retry(message=message, actor=request.user)
    messages.success(request, _("Het bericht wordt opnieuw verstuurd."))
    return redirect("brokers:outbox")


@staff_required(is_broker)
@require_POST
def survey_flag_handled(request, pk: int):
    survey = survey_get_for_viewer(viewer=request.user, pk=pk)
    if survey is None:
        raise Http404
    followups.survey_flag_handle(survey=survey, actor=request.user)
    return redirect("brokers:outbox")
