"""The initiator's answer to a survey or a check-in (a private link in a message)."""

import logging

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from config.http import private_page

from ..forms import (
    CheckInForm,
    SurveyForm,
)
from ..services import (
    followups,
)

logger = logging.getLogger(__name__)


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
            return private_page(render(request, "initiatives/answer_thanks.html", {}))
        except followups.AnswerClosed:
            closed = True
    context = {"form": form, "closed": closed, name: item}
    return private_page(render(request, f"initiatives/{name}.html", context))


def survey(request, token: str):
    return _answer_page(
        request,
        followups.survey_get_by_token(token),
        name="survey",
        form_class=SurveyForm,
        answer=lambda survey, data: followups.survey_answer(
            survey=survey, score=data["score"], comment=data["comment"]
        ),
    )


def check_in(request, token: str):
    return _answer_page(
        request,
        followups.check_in_get_by_token(token),
        name="check_in",
        form_class=CheckInForm,
        answer=lambda check_in, data: followups.check_in_answer(
            check_in=check_in, answer=data["answer"], needs_help=data["needs_help"]
        ),
    )
