"""Walk every (from, to) pair and prove exactly the mapping is allowed."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied

from config.errors import TransitionNotAllowed
from initiatives.constants import ALLOWED_TRANSITIONS, CLOSED_STATUSES, OPEN_STATUSES, Status
from initiatives.models import Initiative, InitiativeStatusChange
from initiatives.services import initiative_transition
from tests.initiatives.factories import InitiativeFactory

PAIRS = [(a, b) for a, b in itertools.product(Status.values, Status.values) if a != b]


def _case_in(status, broker=None):
    if status == Status.NEW:
        return InitiativeFactory(broker=broker)
    if status in OPEN_STATUSES:
        return InitiativeFactory(status=status, first_contact_at="2026-01-05T10:00Z", broker=broker)
    return InitiativeFactory(
        status=status,
        broker=broker,
        first_contact_at="2026-01-05T10:00Z",
        closed_at="2026-02-05T10:00Z",
        outcome_message="Afgesloten.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), PAIRS)
def test_every_pair_follows_the_mapping(from_status, to_status, coordinator):
    # A closed case had a broker; reopening keeps them when they are still active.
    case = _case_in(from_status, broker=coordinator if from_status in CLOSED_STATUSES else None)
    allowed = to_status in ALLOWED_TRANSITIONS[from_status]

    if allowed:
        result = initiative_transition(
            initiative=case, to_status=to_status, actor=coordinator, outcome_message="Uitleg."
        )
        assert result.status == to_status
        change = InitiativeStatusChange.objects.get(initiative=case, to_status=to_status)
        assert (change.from_status, change.actor) == (from_status, coordinator)
        case.refresh_from_db()
        assert (case.closed_at is not None) == (to_status in CLOSED_STATUSES)
    else:
        with pytest.raises(TransitionNotAllowed):
            initiative_transition(
                initiative=case, to_status=to_status, actor=coordinator, outcome_message="Uitleg."
            )
        assert Initiative.objects.get(pk=case.pk).status == from_status
        assert not InitiativeStatusChange.objects.filter(initiative=case).exists()


def test_mapping_covers_every_status():
    assert set(ALLOWED_TRANSITIONS) == set(Status.values)
    for targets in ALLOWED_TRANSITIONS.values():
        assert targets <= set(Status.values)


@pytest.mark.django_db
@pytest.mark.parametrize("closed", sorted(CLOSED_STATUSES))
def test_only_a_coordinator_reopens(closed, broker, coordinator):
    case = _case_in(closed, broker=broker)
    with pytest.raises(PermissionDenied):
        initiative_transition(initiative=case, to_status=Status.IN_PROGRESS, actor=broker)

    reopened = initiative_transition(
        initiative=case, to_status=Status.IN_PROGRESS, actor=coordinator, note="Toch verder."
    )
    assert reopened.status == Status.IN_PROGRESS and reopened.closed_at is None
    assert InitiativeStatusChange.objects.filter(
        initiative=case, from_status=closed, to_status=Status.IN_PROGRESS, note="Toch verder."
    ).exists()


# --- who may change a case's status (only its named broker, or a coordinator) ----------


@pytest.mark.django_db
def test_a_broker_cannot_close_a_colleagues_case(broker):
    from tests.accounts.factories import StaffFactory

    colleague = StaffFactory(role="broker", display_name="Karin Collega")
    case = _case_in(Status.IN_CONVERSATION, broker=colleague)
    with pytest.raises(PermissionDenied) as refused:
        initiative_transition(
            initiative=case, to_status=Status.STOPPED, actor=broker, outcome_message="Weg."
        )
    assert "Karin Collega" in str(refused.value)
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION
    assert not case.status_changes.exists()
    assert not case.messages.exists()


@pytest.mark.django_db
def test_the_named_broker_and_a_coordinator_may(broker, coordinator):
    case = _case_in(Status.IN_CONVERSATION, broker=broker)
    initiative_transition(initiative=case, to_status=Status.IN_PROGRESS, actor=broker)
    initiative_transition(
        initiative=case, to_status=Status.REALISED, actor=coordinator, outcome_message="Gelukt."
    )
    case.refresh_from_db()
    assert case.status == Status.REALISED
    # The coordinator closed it; the named broker is still the sender of the outcome.
    outcome = case.messages.get(kind="outcome")
    assert outcome.sender == broker


@pytest.mark.django_db
def test_a_broker_working_an_unassigned_case_becomes_its_broker_first(broker):
    case = _case_in(Status.NEW)
    initiative_transition(initiative=case, to_status=Status.IN_CONVERSATION, actor=broker)
    case.refresh_from_db()
    assert case.broker == broker
    assert case.assignments.get().broker == broker


# --- reopening and closing --------------------------------------------------------------


@pytest.mark.django_db
def test_reopening_tells_the_initiator_and_clears_the_old_outcome(broker, coordinator):
    case = _case_in(Status.STOPPED, broker=broker)
    reopened = initiative_transition(
        initiative=case, to_status=Status.IN_PROGRESS, actor=coordinator
    )
    assert reopened.outcome_message == ""
    case.refresh_from_db()
    assert case.outcome_message == "" and case.broker == broker
    message = case.messages.get(kind="reopened")
    assert message.sender == broker
    assert case.reference in message.subject
    assert "weer geopend" in message.body


@pytest.mark.django_db
@pytest.mark.parametrize("former", ["none", "deactivated", "ended"])
def test_reopening_needs_an_active_named_broker(former, broker, coordinator):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from tests.accounts.factories import StaffFactory

    leaver = StaffFactory(role="broker", display_name="Vera Vertrokken")
    if former == "deactivated":
        leaver.is_active = False
        leaver.save()
    elif former == "ended":
        leaver.broker_profile.active_to = timezone.localdate() - timedelta(days=1)
        leaver.broker_profile.save()
    case = _case_in(Status.NO_DEMAND, broker=None if former == "none" else leaver)

    with pytest.raises(ValidationError) as refused:
        initiative_transition(initiative=case, to_status=Status.IN_PROGRESS, actor=coordinator)
    assert "broker" in refused.value.message_dict
    case.refresh_from_db()
    assert case.status == Status.NO_DEMAND

    initiative_transition(
        initiative=case, to_status=Status.IN_PROGRESS, actor=coordinator, broker=broker
    )
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and case.broker == broker
    assignment = case.assignments.get()
    assert (assignment.broker, assignment.actor) == (broker, coordinator)
    # One message, naming the new broker (no separate "new broker" message).
    assert [m.kind for m in case.messages.all()] == ["reopened"]
    assert broker.broker_profile.display_name in case.messages.get().body


@pytest.mark.django_db
def test_reopening_a_case_that_never_had_contact_records_no_first_contact(broker, coordinator):
    from initiatives.services import initiative_withdraw

    case = InitiativeFactory(broker=broker)
    initiative_withdraw(initiative=case)
    initiative_transition(initiative=case, to_status=Status.IN_CONVERSATION, actor=coordinator)
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION
    assert case.first_contact_at is None


@pytest.mark.django_db
def test_closing_clears_the_waiting_flag(broker):
    from brokers.services import initiative_waiting_set
    from initiatives.services.followups import waiting_reminders_queue

    case = _case_in(Status.IN_CONVERSATION, broker=broker)
    initiative_waiting_set(initiative=case, actor=broker, reason="Begroting gevraagd")
    initiative_transition(
        initiative=case, to_status=Status.STOPPED, actor=broker, outcome_message="Gestopt."
    )
    case.refresh_from_db()
    assert case.waiting_since is None and case.waiting_reason == ""
    from datetime import timedelta

    from django.utils import timezone

    assert waiting_reminders_queue(today=timezone.localdate() + timedelta(days=30)) == 0


@pytest.mark.django_db
def test_a_message_with_a_change_that_does_not_close_reaches_the_initiator(broker):
    """A review found the message field on a status change silently dropped unless the
    case closed, while its hint said it goes to the initiator."""
    case = _case_in(Status.IN_CONVERSATION, broker=broker)
    initiative_transition(
        initiative=case,
        to_status=Status.IN_PROGRESS,
        actor=broker,
        outcome_message="De gemeente denkt mee over een plek in het buurthuis.",
    )
    message = case.messages.get(kind="status_update")
    assert "De gemeente denkt mee over een plek in het buurthuis." in message.body
    assert message.sender == broker
    # Without a message, no message.
    other = _case_in(Status.IN_CONVERSATION, broker=broker)
    initiative_transition(initiative=other, to_status=Status.IN_PROGRESS, actor=broker)
    assert not other.messages.filter(kind="status_update").exists()


@pytest.mark.django_db
def test_the_brokers_words_survive_an_administrators_text_without_them(broker, coordinator):
    from tests.messaging.factories import MessageTemplateFactory

    MessageTemplateFactory(
        kind="reopened",
        subject="Weer open ({{ initiative.reference }})",
        body="Beste {{ initiator.name }}, uw idee is weer open.",
    )
    case = _case_in(Status.STOPPED, broker=broker)
    initiative_transition(
        initiative=case,
        to_status=Status.IN_PROGRESS,
        actor=coordinator,
        outcome_message="Er is toch een plek gevonden.",
    )
    body = case.messages.get(kind="reopened").body
    assert "uw idee is weer open." in body
    assert "Er is toch een plek gevonden." in body
