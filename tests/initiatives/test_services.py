import re
import threading
import uuid
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.celery import app as celery_app
from initiatives.constants import Channel, InitiatorKind, PreferredChannel, Status
from initiatives.models import (
    Initiative,
    InitiativeAssignment,
    InitiativeStatusChange,
    Initiator,
    SubmissionFollowUp,
)
from initiatives.services import (
    InitiatorData,
    initiative_assign,
    initiative_submit,
    initiative_transition,
    initiative_withdraw,
    reference_next,
    submission_followups_retry,
    submission_followups_start,
)
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory, theme
from tests.neighbourhoods.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def _submit(**overrides):
    data = {
        "actor": None,
        "title": "Speeltuin opknappen",
        "description": "De speeltuin aan de Beukenlaan is kapot. Wij willen hem samen opknappen.",
        "theme": theme("groen-leefomgeving"),
        "neighbourhood": NeighbourhoodFactory(),
        "initiator": InitiatorData(
            kind=InitiatorKind.RESIDENT, name="Anna de Vries", email="anna@example.nl"
        ),
        "channel": Channel.WEB,
        "needs": ["volunteers", "funding"],
    }
    return initiative_submit(**(data | overrides))


def test_submit_creates_case_history_and_acknowledgement():
    initiative = _submit()
    assert not OutboundMessage.objects.exists()  # written by the worker, a moment later
    submission_followups_start()

    assert initiative.status == Status.NEW
    assert initiative.reference.startswith(f"{initiative.submitted_at.year}-")
    assert initiative.first_contact_due > initiative.submitted_at.date()
    change = InitiativeStatusChange.objects.get(initiative=initiative)
    assert (change.from_status, change.to_status, change.actor_role) == ("", "new", "initiator")
    message = OutboundMessage.objects.get(initiative=initiative)
    assert message.kind == MessageKind.ACKNOWLEDGEMENT
    assert message.channel == MessageChannel.EMAIL
    assert message.to_email == "anna@example.nl"
    assert initiative.reference in message.subject
    assert "/mijn-idee/" in message.body
    assert message.sent_at is None


def test_references_count_up_per_year():
    first, second = _submit(), _submit()
    n1 = int(first.reference.split("-")[1])
    assert second.reference == f"{first.reference[:4]}-{n1 + 1:04d}"


def test_same_submission_key_creates_one_initiative():
    key = uuid.uuid4()
    first = _submit(submission_key=key)
    second = _submit(submission_key=key)
    submission_followups_start()
    assert first.pk == second.pk
    assert Initiative.objects.count() == 1
    assert OutboundMessage.objects.count() == 1
    # The repeat rolled back whole: no second initiator. (It may have used up a
    # reference number: see reference_next.)
    assert Initiator.objects.count() == 1


def test_submission_without_any_contact_is_refused():
    with pytest.raises(ValidationError):
        _submit(initiator=InitiatorData(kind=InitiatorKind.RESIDENT, name="Piet"))
    assert Initiative.objects.count() == 0


def test_staff_registers_idea_for_resident_without_email(broker):
    initiative = _submit(
        actor=broker,
        channel=Channel.PHONE,
        initiator=InitiatorData(
            kind=InitiatorKind.RESIDENT,
            name="Gerrit Jansen",
            phone="038 421 00 00",
            preferred_channel=PreferredChannel.PHONE,
        ),
    )
    assert initiative.registered_by == broker
    change = initiative.status_changes.get()
    assert change.actor_role == "staff"
    assert change.note == "Idee ontvangen via de telefoon."
    submission_followups_start()
    message = OutboundMessage.objects.get(initiative=initiative)
    assert message.channel == MessageChannel.PHONE_TASK
    assert message.to_email == ""


def _record_handovers(monkeypatch):
    calls = []
    monkeypatch.setattr("messaging.tasks.message_send.delay", lambda pk: calls.append(("send", pk)))
    monkeypatch.setattr(celery_app, "send_task", lambda name, args: calls.append(("match", *args)))
    return calls


def test_submission_publishes_nothing_and_leaves_its_followups_in_the_inbox(
    django_capture_on_commit_callbacks, monkeypatch
):
    calls = _record_handovers(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        initiative = _submit()
    assert calls == []  # nothing in the resident's request waits for Redis
    assert SubmissionFollowUp.objects.filter(initiative=initiative).exists()


def test_followups_hand_the_acknowledgement_and_matching_over_once(
    django_capture_on_commit_callbacks, monkeypatch
):
    first, second = _submit(), _submit(title="Bankje bij de vijver")
    calls = _record_handovers(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        assert submission_followups_start() == 2
    acknowledgements = dict(
        OutboundMessage.objects.filter(kind=MessageKind.ACKNOWLEDGEMENT).values_list(
            "initiative_id", "pk"
        )
    )
    assert calls == [
        ("send", acknowledgements[first.pk]),
        ("match", first.pk),
        ("send", acknowledgements[second.pk]),
        ("match", second.pk),
    ]
    assert not SubmissionFollowUp.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert submission_followups_start() == 0
    assert len(calls) == 4


def test_followups_take_every_waiting_submission_in_batches(
    django_capture_on_commit_callbacks, monkeypatch
):
    submitted = [_submit(title=f"Idee {number}") for number in range(5)]
    calls = _record_handovers(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        assert submission_followups_start(batch=2) == 5
    assert [pk for kind, pk in calls if kind == "match"] == [i.pk for i in submitted]


def test_followups_of_a_resident_without_email_only_start_matching(
    django_capture_on_commit_callbacks, monkeypatch
):
    initiative = _submit(
        initiator=InitiatorData(kind=InitiatorKind.RESIDENT, name="Kees", phone="0612345678")
    )
    calls = _record_handovers(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        submission_followups_start()
    # The phone call is a task on the broker's list, not an e-mail for the outbox sender.
    assert calls == [("match", initiative.pk)]


@pytest.mark.django_db(transaction=True)
def test_a_submission_another_run_holds_is_left_to_that_run(monkeypatch):
    initiative = _submit()
    calls = _record_handovers(monkeypatch)
    locked, release = threading.Event(), threading.Event()

    def other_run():  # another worker, on a connection of its own, mid-run
        try:
            with transaction.atomic():
                list(SubmissionFollowUp.objects.select_for_update().filter(initiative=initiative))
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_run)
    thread.start()
    try:
        assert locked.wait(10)
        assert submission_followups_start() == 0  # skipped, not waited for
    finally:
        release.set()
        thread.join()
    assert submission_followups_start() == 1
    assert ("match", initiative.pk) in calls


def test_one_failing_followup_is_set_aside_and_the_others_go_on(monkeypatch, broker):
    first, second = _submit(), _submit(title="Bankje bij de vijver")
    from initiatives.services import after_submit

    original = after_submit.acknowledgement_queue

    def template_that_does_not_fit(initiative):
        if initiative.pk == first.pk:
            raise ValueError("a message template that does not fit this idea")
        original(initiative)

    monkeypatch.setattr(after_submit, "acknowledgement_queue", template_that_does_not_fit)
    assert submission_followups_start() == 1
    assert SubmissionFollowUp.objects.get().initiative_id == first.pk
    assert SubmissionFollowUp.objects.get().failed_at is not None
    assert list(OutboundMessage.objects.values_list("initiative_id", flat=True)) == [second.pk]
    assert submission_followups_start() == 0  # left alone until someone looks

    monkeypatch.setattr(after_submit, "acknowledgement_queue", original)  # the template fixed
    assert submission_followups_retry(initiative_ids=[first.pk], actor=broker) == 1
    assert submission_followups_start() == 1
    assert OutboundMessage.objects.filter(initiative=first).exists()
    assert not SubmissionFollowUp.objects.exists()


def test_an_idea_withdrawn_before_the_worker_came_gets_no_acknowledgement():
    initiative = _submit()
    initiative_withdraw(initiative=initiative)
    submission_followups_start()
    assert not OutboundMessage.objects.filter(kind=MessageKind.ACKNOWLEDGEMENT).exists()
    assert not SubmissionFollowUp.objects.exists()


def test_staff_intake_writes_the_acknowledgement_at_once_and_the_worker_no_second(broker):
    initiative = _submit(
        actor=broker,
        channel=Channel.PHONE,
        initiator=InitiatorData(kind=InitiatorKind.RESIDENT, name="Kees", phone="0612345678"),
    )
    assert OutboundMessage.objects.filter(initiative=initiative).count() == 1
    assert submission_followups_start() == 1
    assert OutboundMessage.objects.filter(initiative=initiative).count() == 1


def test_first_contact_is_recorded_once(broker):
    case = InitiativeFactory()
    case = initiative_transition(initiative=case, to_status=Status.IN_CONVERSATION, actor=broker)
    first = case.first_contact_at
    assert first is not None
    case = initiative_transition(initiative=case, to_status=Status.IN_PROGRESS, actor=broker)
    assert case.first_contact_at == first


def test_closing_requires_a_message_and_sends_it(broker):
    case = InitiativeFactory(in_progress=True)
    with pytest.raises(ValidationError):
        initiative_transition(initiative=case, to_status=Status.NO_DEMAND, actor=broker)

    closed = initiative_transition(
        initiative=case,
        to_status=Status.NO_DEMAND,
        actor=broker,
        outcome_message="Er kwam niemand op de avond. Dat is ook een uitkomst.",
    )
    assert closed.closed_at is not None
    outcome = OutboundMessage.objects.get(initiative=case, kind=MessageKind.OUTCOME)
    assert "Er kwam niemand op de avond" in outcome.body


def test_civil_servant_cannot_change_status(civil_servant):
    case = InitiativeFactory()
    with pytest.raises(PermissionDenied):
        initiative_transition(
            initiative=case, to_status=Status.IN_CONVERSATION, actor=civil_servant
        )


def test_initiator_withdraws_with_explanation():
    case = InitiativeFactory()
    withdrawn = initiative_withdraw(initiative=case, reason="Geen tijd meer")
    assert withdrawn.status == Status.WITHDRAWN
    assert withdrawn.outcome_message
    assert withdrawn.status_changes.get().actor_role == "initiator"


def test_assign_and_reassign_tell_the_initiator(broker, coordinator):
    other = StaffFactory(role="broker", display_name="Karin Bos")
    case = InitiativeFactory()
    initiative_assign(initiative=case, broker=broker, actor=broker)
    initiative_assign(initiative=case, broker=other, actor=coordinator, note="Verlof")

    case.refresh_from_db()
    assert case.broker == other
    assignments = list(InitiativeAssignment.objects.filter(initiative=case))
    assert [(a.previous_broker, a.broker) for a in assignments] == [(None, broker), (broker, other)]
    messages = OutboundMessage.objects.filter(initiative=case, kind=MessageKind.BROKER_ASSIGNED)
    assert messages.count() == 2
    assert "Karin Bos" in messages.last().body


def test_broker_cannot_take_a_colleagues_case(broker):
    colleague = StaffFactory(role="broker")
    case = InitiativeFactory(broker=colleague)
    with pytest.raises(PermissionDenied):
        initiative_assign(initiative=case, broker=broker, actor=broker)


def test_working_days_skip_weekends_and_dutch_holidays():
    from config.working_days import add_working_days, working_days_between

    # Friday 24 April 2026 + 5 working days: Mon 27 April is King's Day.
    assert add_working_days(date(2026, 4, 24), 5) == date(2026, 5, 4)
    # Christmas week 2026: 25 and 26 December are holidays.
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert working_days_between(date(2026, 4, 24), date(2026, 5, 4)) == 5
    # The Algemene termijnenwet counts 5 May every year (the library only every fifth)
    # and Good Friday: Thursday 30 April 2026 + 5 working days skips Tuesday 5 May.
    assert add_working_days(date(2026, 4, 30), 5) == date(2026, 5, 8)
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)  # Good Friday, Easter Monday


def test_days_the_office_is_closed_do_not_count(settings):
    from config.working_days import add_working_days, is_working_day

    # Ascension Day 2026 is Thursday 14 May; the Friday after is often a closing day.
    assert add_working_days(date(2026, 5, 13), 2) == date(2026, 5, 18)
    settings.CLOSED_DAYS = [date(2026, 5, 15)]
    assert not is_working_day(date(2026, 5, 15))
    assert add_working_days(date(2026, 5, 13), 2) == date(2026, 5, 19)


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_reference_of_its_own_commits_without_waiting_for_the_disk():
    # The counter's short transaction does not wait for a flush (see reference_next);
    # the setting ends with it, so the submission's own commit waits as it must.
    with CaptureQueriesContext(connection) as queries:
        reference = reference_next(2031)
    assert reference == "2031-0001"
    (query,) = queries
    assert "set_config('synchronous_commit', 'off', true)" in query["sql"]
    assert _synchronous_commit() == "on"


def test_a_reference_inside_a_callers_transaction_leaves_its_commit_alone():
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        reference_next(2031)
        assert _synchronous_commit() == "on"
    assert not any("set_config" in q["sql"] for q in queries)


def test_the_admin_lists_failed_followups_and_sends_them_again(admin_client):
    initiative = _submit()
    SubmissionFollowUp.objects.filter(initiative=initiative).update(failed_at=timezone.now())
    url = "/admin/initiatives/submissionfollowup/"

    assert initiative.reference in admin_client.get(url).content.decode()
    response = admin_client.post(
        url, {"action": "retry", "_selected_action": [initiative.pk]}, follow=True
    )

    assert "1 inzending gaat opnieuw naar de worker." in response.content.decode()
    assert SubmissionFollowUp.objects.get().failed_at is None
    assert submission_followups_start() == 1


def test_the_submission_keeps_generic_plans_for_its_inserts():
    # Connections plan each call anew (config/settings/base.py); the submission's own
    # transaction lets PostgreSQL keep one plan for its INSERTs (they plan the same
    # whatever the values). In the test's own transaction the setting is still visible.
    from django.db import connection

    def plan_cache_mode():
        with connection.cursor() as cursor:
            cursor.execute("SHOW plan_cache_mode")
            return cursor.fetchone()[0]

    assert plan_cache_mode() == "force_custom_plan"
    _submit()
    assert plan_cache_mode() == "auto"


@pytest.mark.parametrize("channel", [c.value for c in Channel])
def test_the_receipt_line_reads_well_for_every_channel(channel, broker):
    from initiatives.models import InitiativeStatusChange

    initiative = initiative_submit(
        actor=broker,
        title="Bankje",
        description="Een bankje bij de bushalte.",
        theme=theme(),
        neighbourhood=None,
        initiator=InitiatorData(kind="resident", name="Kees", phone="06 1234 5678"),
        channel=channel,
        needs=[],
    )
    note = InitiativeStatusChange.objects.get(initiative=initiative).note
    # One sentence per channel, each naming it once in lower case ("Idee ontvangen via
    # Via een netwerkpartner." was the old label pasted in).
    assert re.fullmatch(r"Idee ontvangen (via|per|op|bij) [a-zë -]+\.", note), note
    assert "via via" not in note.lower()


def test_withdrawal_without_a_broker_names_the_municipalitys_phone(settings):
    from initiatives.services import initiative_withdraw

    initiative = InitiativeFactory()
    initiative_withdraw(initiative=initiative)
    initiative.refresh_from_db()
    assert "uw ideeënmakelaar" not in initiative.outcome_message
    assert settings.MUNICIPALITY_PHONE in initiative.outcome_message
    assert initiative.reference in initiative.outcome_message


def test_withdrawal_with_a_broker_points_to_them(broker):
    from initiatives.services import initiative_withdraw

    initiative = InitiativeFactory(broker=broker)
    initiative_withdraw(initiative=initiative)
    initiative.refresh_from_db()
    assert "Neem dan contact op met uw ideeënmakelaar." in initiative.outcome_message


def test_claiming_a_case_a_colleague_just_claimed_is_refused(broker):
    """Two brokers press "oppakken" at once: the second works from a page that still
    shows the case unassigned, and must not silently take it over."""
    from accounts.roles import Role
    from config.errors import NotAllowed
    from initiatives.services import initiative_assign
    from tests.accounts.factories import StaffFactory

    colleague = StaffFactory(role=Role.BROKER)
    stale = InitiativeFactory()
    initiative_assign(initiative=Initiative.objects.get(pk=stale.pk), broker=broker, actor=broker)
    with pytest.raises(NotAllowed):
        initiative_assign(initiative=stale, broker=colleague, actor=colleague)
    stale.refresh_from_db()
    assert stale.broker == broker
