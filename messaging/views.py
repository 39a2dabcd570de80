from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brokers.roles import is_broker
from config.http import private_page

from . import selectors, services
from .forms import CheckInForm, SurveyForm
from .models import Survey


def _staff(request):
    if not is_broker(request.user):
        raise PermissionDenied


@login_required
def outbox_attention(request):
    _staff(request)
    return render(
        request,
        "messaging/staff_outbox.html",
        {
            "rows": selectors.outbox_attention_list(viewer=request.user),
            "flagged_surveys": selectors.survey_flagged_list(viewer=request.user),
        },
    )


@login_required
@require_POST
def task_done(request, pk: int):
    _staff(request)
    message = selectors.outbox_attention_get(viewer=request.user, pk=pk)
    if message is None:
        raise Http404
    if message.is_task:
        services.message_task_complete(message_id=message.pk, actor=request.user)
        messages.success(request, _("Gemarkeerd als gedaan."))
    return redirect("messaging:outbox")


@login_required
@require_POST
def message_retry(request, pk: int):
    _staff(request)
    message = selectors.outbox_attention_get(viewer=request.user, pk=pk)
    if message is None:
        raise Http404
    services.message_retry(message=message, actor=request.user)
    messages.success(request, _("Het bericht wordt opnieuw verstuurd."))
    return redirect("messaging:outbox")


@login_required
@require_POST
def survey_flag_handled(request, pk: int):
    _staff(request)
    survey = get_object_or_404(Survey, pk=pk)
    services.survey_flag_handle(survey=survey, actor=request.user)
    return redirect("messaging:outbox")


def survey(request, token: str):
    survey = services.survey_get_by_token(token)
    if survey is None:
        raise Http404
    closed = survey.answered_at is not None or survey.expires_at < timezone.now()
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            services.survey_answer(
                survey=survey,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
            return private_page(render(request, "messaging/thanks.html", {}))
        except services.AnswerClosed:
            closed = True
    return private_page(
        render(request, "messaging/survey.html", {"form": form, "closed": closed, "survey": survey})
    )


def check_in(request, token: str):
    check_in = services.check_in_get_by_token(token)
    if check_in is None:
        raise Http404
    closed = check_in.answered_at is not None or check_in.expires_at < timezone.now()
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            services.check_in_answer(
                check_in=check_in,
                answer=form.cleaned_data["answer"],
                needs_help=form.cleaned_data["needs_help"],
            )
            return private_page(render(request, "messaging/thanks.html", {}))
        except services.AnswerClosed:
            closed = True
    return private_page(
        render(
            request,
            "messaging/check_in.html",
            {"form": form, "closed": closed, "check_in": check_in},
        )
    )
