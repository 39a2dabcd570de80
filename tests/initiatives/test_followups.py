"""Every follow-up message: when it is created, that it is created once, what it says."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from initiatives.constants import Status
from initiatives.models import CheckIn, InitiativeStatusChange, Survey
from initiatives.services import followups, initiative_assign, initiative_transition
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import (
    InitiativeFactory,
    InitiativeStatusChangeFactory,
    InitiatorFactory,
)
from tests.messaging.factories import MessageTemplateFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)


def _messages(kind):
    return list(OutboundMessage.objects.filter(kind=kind).order_by("pk"))


def _assigned(broker, **kwargs):
    initiative = InitiativeFactory(**kwargs)
    initiative_assign(initiative=initiative, broker=broker, actor=broker)
    initiative.refresh_from_db()
    return initiative


# --- reminder while the broker waits for the initiator ----------------------------------


def test_waiting_reminder_after_n_working_days_once_per_waiting_period(broker, settings):
    settings.WAITING_REMINDER_WORKING_DAYS = 5
    initiative = _assigned(broker, in_conversation=True)
    initiative.waiting_since = MONDAY
    initiative.save(update_fields=["waiting_since"])

    # Four working days later: too early.
    assert followups.waiting_reminders_queue(today=MONDAY + timedelta(days=4)) == 0
    # Five working days (the next Monday): reminded, once however often the job runs.
    assert followups.waiting_reminders_queue(today=MONDAY + timedelta(days=7)) == 1
    assert followups.waiting_reminders_queue(today=MONDAY + timedelta(days=8)) == 0
    (message,) = _messages(MessageKind.WAITING_REMINDER)
    assert message.to_email == initiative.initiator.email
    assert message.reply_to == broker.broker_profile.reply_email
    assert message.sender == broker
    assert broker.broker_profile.display_name in message.subject
    assert initiative.title in message.body
    assert "Beantwoord dan deze e-mail" in message.body

    # A new waiting period is a new occasion.
    initiative.waiting_since = MONDAY + timedelta(days=14)
    initiative.save(update_fields=["waiting_since"])
    assert followups.waiting_reminders_queue(today=MONDAY + timedelta(days=21)) == 1


def test_no_reminder_when_not_waiting_or_closed(broker):
    _assigned(broker, in_conversation=True)  # not waiting
    closed = InitiativeFactory(realised=True, waiting_since=MONDAY)
    assert closed.status == Status.REALISED
    assert followups.waiting_reminders_queue(today=MONDAY + timedelta(days=30)) == 0


def test_reminder_without_email_is_a_call_task_for_the_broker(broker):
    initiative = _assigned(broker, in_conversation=True, initiator=InitiatorFactory(no_email=True))
    initiative.waiting_since = MONDAY
    initiative.save(update_fields=["waiting_since"])
    followups.waiting_reminders_queue(today=MONDAY + timedelta(days=10))
    (message,) = _messages(MessageKind.WAITING_REMINDER)
    assert message.channel == MessageChannel.PHONE_TASK
    assert message.to_email == ""


# --- satisfaction survey --------------------------------------------------------------


def _close(initiative, broker, status=Status.REALISED):
    return initiative_transition(
        initiative=initiative, to_status=status, actor=broker, outcome_message="Het is gelukt."
    )


def test_survey_goes_out_days_after_closing_once(broker, settings):
    settings.SURVEY_DELAY_DAYS = 2
    initiative = _assigned(broker, in_progress=True)
    _close(initiative, broker)
    assert followups.surveys_queue() == 0  # too soon after the outcome message
    later = timezone.now() + timedelta(days=3)
    assert followups.surveys_queue(now=later) == 1
    assert followups.surveys_queue(now=later) == 0
    (survey,) = Survey.objects.all()
    (message,) = _messages(MessageKind.SURVEY)
    assert message.subject.startswith("Hoe vond u onze hulp?")
    assert "/tevredenheid/" in message.body
    assert "cijfer van 1 tot 5" in message.body
    assert abs(survey.expires_at - survey.created_at - timedelta(days=14)) < timedelta(minutes=1)


def test_no_survey_after_withdrawal(broker):
    from initiatives.services import initiative_withdraw

    initiative = InitiativeFactory()
    initiative_withdraw(initiative=initiative)
    assert followups.surveys_queue(now=timezone.now() + timedelta(days=3)) == 0


def test_survey_answer_once_and_low_score_flags_the_case(broker):
    initiative = _assigned(broker, in_progress=True)
    _close(initiative, broker)
    followups.surveys_queue(now=timezone.now() + timedelta(days=3))
    survey = Survey.objects.get()
    answered = followups.survey_answer(survey=survey, score=2, comment="Duurde lang.")
    assert answered.flagged_at is not None
    with pytest.raises(followups.AnswerClosed):
        followups.survey_answer(survey=survey, score=5)
    survey.refresh_from_db()
    assert survey.score == 2


def test_survey_high_score_is_not_flagged_and_expired_link_is_closed(broker):
    initiative = _assigned(broker, in_progress=True)
    _close(initiative, broker)
    followups.surveys_queue(now=timezone.now() + timedelta(days=3))
    survey = Survey.objects.get()
    assert followups.survey_answer(survey=survey, score=4).flagged_at is None
    initiative2 = _assigned(broker, in_progress=True)
    _close(initiative2, broker)
    followups.surveys_queue(now=timezone.now() + timedelta(days=3))
    survey2 = Survey.objects.get(initiative=initiative2)
    Survey.objects.filter(pk=survey2.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(followups.AnswerClosed):
        followups.survey_answer(survey=survey2, score=4)


# --- check-ins at 4 and 12 weeks ---------------------------------------------------------


def test_check_ins_at_4_and_12_weeks_in_progress(broker):
    initiative = _assigned(broker, in_conversation=True)
    initiative_transition(initiative=initiative, to_status=Status.IN_PROGRESS, actor=broker)
    now = timezone.now()
    assert followups.check_ins_queue(now=now + timedelta(weeks=3)) == 0
    assert followups.check_ins_queue(now=now + timedelta(weeks=4, hours=1)) == 1
    assert followups.check_ins_queue(now=now + timedelta(weeks=5)) == 0
    assert followups.check_ins_queue(now=now + timedelta(weeks=12, hours=1)) == 1
    assert followups.check_ins_queue(now=now + timedelta(weeks=20)) == 0
    assert sorted(CheckIn.objects.values_list("week", flat=True)) == [4, 12]
    first, second = _messages(MessageKind.CHECK_IN)
    assert "4 weken" in first.body and "12 weken" in second.body
    assert "Heeft u nog iets nodig?" in first.body
    assert "/hoe-gaat-het/" in first.body


def test_check_in_answer_lands_in_the_case_timeline(broker):
    from initiatives.timeline import initiative_timeline

    initiative = _assigned(broker, in_progress=True)
    InitiativeStatusChangeFactory(
        initiative=initiative, from_status="in_conversation", to_status="in_progress"
    )
    InitiativeStatusChange.objects.filter(initiative=initiative).update(
        created_at=timezone.now() - timedelta(weeks=5)
    )
    followups.check_ins_queue()
    check_in = CheckIn.objects.get()
    followups.check_in_answer(
        check_in=check_in, answer="Goed, we zoeken nog een zaal.", needs_help=True
    )
    entries = [e for e in initiative_timeline(initiative) if e.kind == "check_in"]
    assert len(entries) == 1
    assert "we zoeken nog een zaal" in entries[0].text
    assert entries[0].extra["needs_help"] is True
    with pytest.raises(followups.AnswerClosed):
        followups.check_in_answer(check_in=check_in, answer="nog eens", needs_help=False)


def test_no_check_in_when_not_in_progress(broker):
    _assigned(broker, in_conversation=True)
    assert followups.check_ins_queue(now=timezone.now() + timedelta(weeks=13)) == 0


# --- broker digest -----------------------------------------------------------------------


def test_digest_on_working_day_mornings_once_per_broker_per_day(broker):
    other = StaffFactory(role=Role.BROKER)
    new = _assigned(broker)
    overdue = _assigned(broker)
    type(overdue).objects.filter(pk=overdue.pk).update(
        first_contact_due=timezone.localdate() - timedelta(days=3),
        submitted_at=timezone.now() - timedelta(days=10),
    )
    today = timezone.localdate()
    while today.weekday() >= 5 or today in (date(2026, 12, 25), date(2026, 12, 26)):
        today += timedelta(days=1)
    assert followups.broker_digests_queue(today=today) == 1  # the other broker has nothing
    assert followups.broker_digests_queue(today=today) == 0  # same key: still one message
    (message,) = _messages(MessageKind.BROKER_DIGEST)
    assert message.initiative is None
    assert message.to_email == broker.broker_profile.reply_email
    assert overdue.reference in message.body and "te laat" in message.body
    assert new.reference in message.body
    # No personal data of initiators in a staff e-mail.
    assert new.initiator.name not in message.body
    assert not OutboundMessage.objects.filter(to_email=other.broker_profile.reply_email).exists()


def test_unassigned_cases_are_in_every_brokers_digest(broker, coordinator):
    other = StaffFactory(role=Role.BROKER)
    overdue = InitiativeFactory(
        first_contact_due=timezone.localdate() - timedelta(days=3),
        submitted_at=timezone.now() - timedelta(days=10),
    )
    later = InitiativeFactory(  # not new, not due soon: not yet worth a line
        first_contact_due=timezone.localdate() + timedelta(days=20),
        submitted_at=timezone.now() - timedelta(days=10),
    )
    today = timezone.localdate()
    while today.weekday() >= 5 or today in (date(2026, 12, 25), date(2026, 12, 26)):
        today += timedelta(days=1)
    # Someone who has left gets no digest (and could not pick a case up anyway); their
    # case not yet handed over is everyone's, like an unassigned one.
    left = StaffFactory(role=Role.BROKER)
    left.broker_profile.active_to = today - timedelta(days=1)
    left.broker_profile.save()
    orphan = InitiativeFactory(
        broker=left,
        first_contact_due=timezone.localdate() - timedelta(days=2),
        submitted_at=timezone.now() - timedelta(days=10),
    )
    assert followups.broker_digests_queue(today=today) == 3
    for user in (broker, other, coordinator):
        (message,) = OutboundMessage.objects.filter(
            kind=MessageKind.BROKER_DIGEST, to_email=user.broker_profile.reply_email
        )
        assert "Nog zonder makelaar" in message.body
        assert f"{overdue.reference} {overdue.title} (te laat)" in message.body
        assert f"{orphan.reference} {orphan.title} (te laat)" in message.body
        assert later.reference not in message.body


def test_no_digest_on_weekends_and_public_holidays(broker):
    _assigned(broker)
    assert followups.broker_digests_queue(today=date(2026, 11, 28)) == 0  # Saturday
    assert followups.broker_digests_queue(today=date(2026, 12, 25)) == 0  # Christmas


def test_a_digest_names_each_section_in_its_order(broker, settings):
    from config.working_days import add_working_days

    today = timezone.localdate()
    while today.weekday() >= 5 or today in (date(2026, 12, 25), date(2026, 12, 26)):
        today += timedelta(days=1)
    earlier = timezone.now() - timedelta(days=10)
    new = _assigned(broker)
    soon = _assigned(broker, submitted_at=earlier)
    overdue = _assigned(broker, submitted_at=earlier)
    type(soon).objects.filter(pk=soon.pk).update(first_contact_due=add_working_days(today, 1))
    type(overdue).objects.filter(pk=overdue.pk).update(first_contact_due=today - timedelta(days=3))
    answered = _assigned(broker, in_progress=True, submitted_at=earlier)
    CheckIn.objects.create(
        initiative=answered, week=4, answer="Goed", needs_help=True, answered_at=timezone.now()
    )
    nobodys = InitiativeFactory(first_contact_due=today - timedelta(days=1), submitted_at=earlier)

    assert followups.broker_digests_queue(today=today) == 1

    (message,) = _messages(MessageKind.BROKER_DIGEST)
    lines = message.body.splitlines()
    start = lines.index("Dit staat vandaag voor u klaar.") + 1
    assert [line for line in lines[start:] if line] == [
        "Nieuw (1):",
        f"- {new.reference} {new.title}",
        "Eerste contact binnenkort (1):",
        f"- {soon.reference} {soon.title}",
        "Eerste contact te laat (1):",
        f"- {overdue.reference} {overdue.title}",
        "Antwoord op 'hoe gaat het?' (1):",
        f"- {answered.reference} {answered.title} (wil hulp)",
        "Nog zonder makelaar (pak er een op) (1):",
        f"- {nobodys.reference} {nobodys.title} (te laat)",
        f"Uw wachtrij: {settings.SITE_URL}/makelaar/",
    ]


# --- escalation --------------------------------------------------------------------------


def test_escalation_when_first_contact_twice_overdue(broker, coordinator, settings):
    settings.FIRST_CONTACT_WORKING_DAYS = 5
    initiative = _assigned(broker)
    type(initiative).objects.filter(pk=initiative.pk).update(first_contact_due=MONDAY)
    # Overdue, but not yet twice: four working days past due.
    assert followups.escalations_queue(today=MONDAY + timedelta(days=4)) == 0
    # Five working days past due: the promised term has passed twice.
    assert followups.escalations_queue(today=MONDAY + timedelta(days=7)) == 1
    assert followups.escalations_queue(today=MONDAY + timedelta(days=8)) == 0
    (message,) = _messages(MessageKind.ESCALATION)
    assert message.to_email == coordinator.broker_profile.reply_email
    assert message.initiative is None  # never on the resident's page
    assert initiative.reference in message.subject
    assert broker.broker_profile.display_name in message.body


def test_no_escalation_once_contacted(broker, coordinator):
    initiative = _assigned(broker, in_conversation=True)
    type(initiative).objects.filter(pk=initiative.pk).update(first_contact_due=MONDAY)
    assert followups.escalations_queue(today=MONDAY + timedelta(days=30)) == 0


# --- templates ---------------------------------------------------------------------------


def test_administrator_template_wins_over_the_default(broker):
    MessageTemplateFactory(
        kind=MessageKind.BROKER_ASSIGNED,
        subject="Nieuw: {{ broker.display_name }}",
        body="Hallo {{ initiator.name }}, groet van {{ broker.display_name }}.",
    )
    initiative = _assigned(broker)
    (message,) = _messages(MessageKind.BROKER_ASSIGNED)
    assert message.subject == f"Nieuw: {broker.broker_profile.display_name}"
    assert message.body.startswith(f"Hallo {initiative.initiator.name}, groet van")


def test_a_subject_longer_than_the_outbox_keeps_is_shortened():
    from messaging.texts import render_message, sample_context

    context = sample_context() | {"other_title": "Moestuin " * 30}
    subject, _body = render_message(MessageKind.INTRODUCTION, context)
    assert len(subject) == OutboundMessage._meta.get_field("subject").max_length
    assert subject.startswith("Kennismaking: Moestuin") and subject.endswith("…")


def test_custom_texts_are_read_once_and_a_change_applies_once_committed(
    broker, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from messaging.texts import render_message, sample_context

    context = sample_context()
    render_message(MessageKind.SURVEY, context)  # reads the custom texts (none yet)
    with django_assert_num_queries(0):
        assert render_message(MessageKind.SURVEY, context)[0].startswith("Hoe vond u onze hulp?")
    with django_capture_on_commit_callbacks(execute=True):
        template = MessageTemplateFactory(kind=MessageKind.SURVEY, subject="Eerst", body="x")
    assert render_message(MessageKind.SURVEY, context)[0] == "Eerst"
    template.subject = "Daarna"
    with django_capture_on_commit_callbacks(execute=True):
        template.save()
    assert render_message(MessageKind.SURVEY, context)[0] == "Daarna"
    with django_capture_on_commit_callbacks(execute=True):
        template.delete()
    assert render_message(MessageKind.SURVEY, context)[0].startswith("Hoe vond u onze hulp?")


@pytest.mark.parametrize("kind", [k.value for k in MessageKind])
def test_every_default_renders_against_the_sample_case(kind):
    from messaging.texts import default_text, render_template_text, sample_context

    subject, body = render_template_text(*default_text(kind), sample_context())
    assert subject and "{{" not in subject and "{%" not in body
    assert len(body) > 40


# --- the recipient's language --------------------------------------------------------

STAFF_ONLY = {MessageKind.BROKER_DIGEST, MessageKind.ESCALATION}


@pytest.mark.parametrize("kind", [k.value for k in MessageKind if k not in STAFF_ONLY])
def test_every_message_to_residents_has_an_english_text(kind):
    from messaging.texts import render_message, sample_context

    dutch = render_message(kind, sample_context())
    english = render_message(kind, sample_context(), language="en")
    assert english != dutch
    assert "Kind regards" in english[1] and "{{" not in english[0] + english[1]


def test_staff_messages_and_unknown_languages_stay_dutch():
    from messaging.texts import render_message, sample_context

    context = sample_context()
    assert render_message(MessageKind.ESCALATION, context, language="en") == render_message(
        MessageKind.ESCALATION, context
    )
    assert render_message(MessageKind.SURVEY, context, language="xx")[0].startswith("Hoe vond")


def test_dates_in_an_english_message_are_english():
    from messaging.texts import render_message, sample_context

    context = sample_context()
    context["initiative"].first_contact_due = date(2026, 12, 3)
    subject, body = render_message(MessageKind.ACKNOWLEDGEMENT, context, language="en")
    assert subject.startswith("We have received your idea")
    assert "Thursday 3 December 2026" in body


def test_an_administrators_text_is_dutch_and_english_readers_get_the_shipped_one(
    django_capture_on_commit_callbacks,
):
    from messaging.texts import render_message, sample_context

    with django_capture_on_commit_callbacks(execute=True):
        template = MessageTemplateFactory(kind=MessageKind.SURVEY, subject="Eigen tekst", body="x")
    context = sample_context()
    try:
        assert render_message(MessageKind.SURVEY, context)[0] == "Eigen tekst"
        english = render_message(MessageKind.SURVEY, context, language="en")
        assert english[0].startswith("What did you think of our help?")
    finally:
        with django_capture_on_commit_callbacks(execute=True):
            template.delete()  # the texts are held per process: forget this one again
