from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker
from config.http import private_page

from . import selectors, services
from .forms import CheckInForm, SurveyForm


@staff_required(is_broker)
def outbox_attention(request):
    return render(
        request,
        "messaging/staff_outbox.html",
        {
            "rows": selectors.outbox_attention_list(viewer=request.user),
            "flagged_surveys": selectors.survey_flagged_list(viewer=request.user),
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
    return redirect("messaging:outbox")


@staff_required(is_broker)
@require_POST
def message_retry(request, pk: int):
    message = selectors.outbox_attention_get(viewer=request.user, pk=pk)
    if message is None:
        raise Http404
    services.message_retry(message=message, actor=request.user)
    messages.success(request, _("Het bericht wordt opnieuw verstuurd."))
    return redirect("messaging:outbox")


@staff_required(is_broker)
@require_POST
def survey_flag_handled(request, pk: int):
    survey = selectors.survey_get_for_viewer(viewer=request.user, pk=pk)
    if survey is None:
        raise Http404
    services.survey_flag_handle(survey=survey, actor=request.user)
    return redirect("messaging:outbox")


def _answer_page(request, item, *, name: str, form_class, answer):
    """A resident's answer behind a private link (survey, check-in): once, before the
    link expires; `answer(item, cleaned_data)` stores it."""
    if item is None:
        raise Http404
    closed = item.answered_at is not None or item.expires_at < timezone.now()
    form = form_class(request.POST or None)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            answer(item, form.cleaned_data)
            return private_page(render(request, "messaging/thanks.html", {}))
        except services.AnswerClosed:
            closed = True
    context = {"form": form, "closed": closed, name: item}
    return private_page(render(request, f"messaging/{name}.html", context))


def survey(request, token: str):
    return _answer_page(
        request,
        services.survey_get_by_token(token),
        name="survey",
        form_class=SurveyForm,
        answer=lambda survey, data: services.survey_answer(
            survey=survey, score=data["score"], comment=data["comment"]
        ),
    )


def check_in(request, token: str):
    return _answer_page(
        request,
        services.check_in_get_by_token(token),
        name="check_in",
        form_class=CheckInForm,
        answer=lambda check_in, data: services.check_in_answer(
            check_in=check_in, answer=data["answer"], needs_help=data["needs_help"]
        ),
    )
