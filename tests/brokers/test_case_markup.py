"""The case file's action forms are written in Python (brokers/case_markup.py): they
print what their templates printed, for every form of the case file, without and with
errors, standard texts and a preview on each channel, in both languages. The templates
as they were are kept beside this file (action_as_it_was.html,
message_form_as_it_was.html); both are rendered for each state."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import translation

from brokers.forms import (
    AssignForm,
    CaseMessageForm,
    ContactMomentForm,
    NoteForm,
    ReferralForm,
    ReferralOutcomeForm,
    TransitionForm,
    WaitingForm,
)
from brokers.models import StandardText
from initiatives.constants import Status
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent
ACTION_AS_IT_WAS = (HERE / "action_as_it_was.html").read_text()
MESSAGE_FORM_AS_IT_WAS = (HERE / "message_form_as_it_was.html").read_text()
ACTION_NOW = "{% load staff %}{% case_action form action label %}"
MESSAGE_FORM_NOW = "{% load staff %}{% case_message_form form action %}"
# What a case file's URLs may hold: a view with characters to escape.
ACTION = "/makelaar/ideeen/2026-0001/contact/"
VIEW_QUERY = "?view=status%3Dnew&a=<b>"


def _same(before: str, now: str, context: dict, rf) -> str:
    request = rf.get("/")
    context = {"action": ACTION, "view_query": VIEW_QUERY, "csrf_token": "T<K>N"} | context
    engine = engines["django"]
    was = engine.from_string(before).render(context, request)
    is_now = engine.from_string(now).render(context, request)
    assert is_now == was
    assert 'value="T&lt;K&gt;N"' in is_now  # the page's CSRF field
    return is_now


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("failed", [False, True])
def test_each_case_action_prints_what_its_template_printed(rf, language, failed):
    forms = [
        AssignForm(prefix="assign"),
        ContactMomentForm(prefix="contact"),
        NoteForm(prefix="note"),
        WaitingForm(prefix="waiting"),
        ReferralForm(prefix="referral"),
        ReferralOutcomeForm(prefix="outcome-7"),
    ]
    with translation.override(language):
        for form in forms:
            if failed:
                form = type(form)({f"{form.prefix}-note": "<i>"}, prefix=form.prefix)
                assert not form.is_valid()
            context = {"form": form, "label": "Opslaan & <verder>"}
            if failed:
                context["failed_form"] = form
            html = _same(ACTION_AS_IT_WAS, ACTION_NOW, context, rf)
            assert ("error-summary" in html) is failed


def _message_forms(texts: int):
    case = InitiativeFactory(status=Status.IN_CONVERSATION)
    for number in range(texts):
        StandardText.objects.create(name=f"Tekst {number}", body="Hallo", outcome="")
    rows = list(StandardText.objects.filter(is_active=True))
    transition = TransitionForm(prefix="transition", initiative=case)
    message = CaseMessageForm(prefix="message")
    for form in (transition, message):
        form.offer_texts(rows)
    return transition, message


PREVIEWS = [
    None,
    SimpleNamespace(channel="email", recipient="a&b@example.org", subject="Re: <x>", body="1\n2"),
    SimpleNamespace(channel="phone_task", recipient="06 <1>", subject="Over", body="Bel"),
    SimpleNamespace(channel="letter", recipient="Straat 1 & 2", subject="Brief", body="Post"),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("texts", [0, 2])
def test_each_message_form_prints_what_its_template_printed(rf, language, texts):
    with translation.override(language):
        for form in _message_forms(texts):
            _same(MESSAGE_FORM_AS_IT_WAS, MESSAGE_FORM_NOW, {"form": form}, rf)
            for preview in PREVIEWS:
                context = {"form": form, "previewed": form.prefix, "preview": preview}
                html = _same(MESSAGE_FORM_AS_IT_WAS, MESSAGE_FORM_NOW, context, rf)
                assert "message-preview" in html
            # Previewed on the other form: nothing here.
            context = {"form": form, "previewed": "elsewhere", "preview": PREVIEWS[1]}
            assert "message-preview" not in _same(
                MESSAGE_FORM_AS_IT_WAS, MESSAGE_FORM_NOW, context, rf
            )


def test_a_failed_message_form_prints_its_errors_as_its_template_did(rf):
    case = InitiativeFactory(status=Status.IN_CONVERSATION)
    for form in (
        TransitionForm({"transition-to_status": "onzin"}, prefix="transition", initiative=case),
        CaseMessageForm({"message-message": ""}, prefix="message"),
    ):
        form.offer_texts([])
        assert not form.is_valid()
        context = {"form": form, "failed_form": form}
        html = _same(MESSAGE_FORM_AS_IT_WAS, MESSAGE_FORM_NOW, context, rf)
        assert "error-summary" in html
