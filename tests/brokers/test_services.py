from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import Role
from brokers.constants import ContactChannel, InterventionType, NoteKind, ReferralOutcome
from brokers.selectors import search_query
from brokers.services import (
    broker_handover,
    case_note_create,
    contact_moment_create,
    initiative_bulk_assign,
    initiative_waiting_clear,
    initiative_waiting_set,
    referral_create,
    referral_outcome_record,
)
from config.errors import NotAllowed
from initiatives.constants import PreferredChannel, Status
from initiatives.models import Initiative
from initiatives.services import (
    InitiatorData,
    initiative_submit,
    initiative_transition,
)
from initiatives.timeline import initiative_timeline
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from messaging.services import message_task_complete
from tests.accounts.factories import StaffFactory
from tests.brokers.factories import OrganisationFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme

pytestmark = pytest.mark.django_db


def _contact(initiative, actor, **overrides):
    values = {
        "happened_on": timezone.localdate(),
        "channel": ContactChannel.PHONE,
        "duration_minutes": 20,
        "intervention": InterventionType.THINKING_ALONG,
        "summary": "Gebeld over de moestuin.",
    }
    return contact_moment_create(initiative=initiative, actor=actor, **(values | overrides))


def test_first_contact_moves_new_case_to_in_conversation_and_names_a_broker(broker):
    initiative = InitiativeFactory()
    moment = _contact(initiative, broker)

    initiative.refresh_from_db()
    assert moment.broker == broker
    assert initiative.status == Status.IN_CONVERSATION
    assert initiative.first_contact_at is not None
    # An unassigned case becomes the broker's, and the initiator is told.
    assert initiative.broker == broker
    assert OutboundMessage.objects.filter(
        initiative=initiative, kind=MessageKind.BROKER_ASSIGNED
    ).exists()
    change = initiative.status_changes.get(to_status=Status.IN_CONVERSATION)
    assert change.actor == broker


def test_later_contact_moments_leave_the_status_alone(broker):
    initiative = InitiativeFactory(in_progress=True, broker=broker)
    first_contact = initiative.first_contact_at
    _contact(initiative, broker, intervention=InterventionType.FUNDING_ADVICE)
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_PROGRESS
    assert initiative.first_contact_at == first_contact
    assert initiative.contact_moments.count() == 1


def test_contact_moment_validates_every_field(broker):
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError) as error:
        _contact(
            initiative,
            broker,
            happened_on=timezone.localdate() + timedelta(days=1),
            duration_minutes=0,
            summary="  ",
            channel="pigeon",
            intervention="magic",
        )
    assert set(error.value.message_dict) == {
        "happened_on",
        "duration_minutes",
        "summary",
        "channel",
        "intervention",
    }
    initiative.refresh_from_db()
    assert initiative.status == Status.NEW
    assert initiative.contact_moments.count() == 0


def test_civil_servant_cannot_do_broker_work(civil_servant):
    initiative = InitiativeFactory()
    organisation = OrganisationFactory()
    with pytest.raises(NotAllowed):
        _contact(initiative, civil_servant)
    with pytest.raises(NotAllowed):
        case_note_create(initiative=initiative, actor=civil_servant, text="x")
    with pytest.raises(NotAllowed):
        initiative_waiting_set(initiative=initiative, actor=civil_servant, reason="x")
    with pytest.raises(NotAllowed):
        referral_create(
            initiative=initiative, organisation=organisation, actor=civil_servant, reason="x"
        )


def test_notes_are_internal_and_never_in_the_initiators_timeline(broker):
    initiative = InitiativeFactory()
    case_note_create(initiative=initiative, actor=broker, text="Lastige buurman, let op.")
    with pytest.raises(ValidationError):
        case_note_create(initiative=initiative, actor=broker, text=" ")

    staff_view = initiative_timeline(initiative)
    resident_view = initiative_timeline(initiative, for_initiator=True)
    assert any(e.text == "Lastige buurman, let op." and e.internal for e in staff_view)
    assert all("Lastige buurman" not in e.text for e in resident_view)


def test_waiting_flag_is_set_and_cleared_without_changing_the_status(broker):
    initiative = InitiativeFactory(in_conversation=True, broker=broker)
    initiative_waiting_set(initiative=initiative, actor=broker, reason="Begroting gevraagd")
    initiative.refresh_from_db()
    assert initiative.waiting_since == timezone.localdate()
    assert initiative.waiting_reason == "Begroting gevraagd"
    assert initiative.status == Status.IN_CONVERSATION

    initiative_waiting_clear(initiative=initiative, actor=broker)
    initiative.refresh_from_db()
    assert initiative.waiting_since is None
    assert initiative.waiting_reason == ""
    kinds = list(initiative.notes.values_list("kind", flat=True))
    assert kinds == [NoteKind.WAITING_SET, NoteKind.WAITING_CLEARED]


def test_waiting_flag_needs_a_reason_and_an_open_case(broker):
    with pytest.raises(ValidationError):
        initiative_waiting_set(initiative=InitiativeFactory(), actor=broker, reason="")
    with pytest.raises(ValidationError):
        initiative_waiting_set(
            initiative=InitiativeFactory(realised=True), actor=broker, reason="Foto's"
        )


def test_referral_and_its_outcome(broker):
    initiative = InitiativeFactory(in_conversation=True, broker=broker)
    organisation = OrganisationFactory()
    referral = referral_create(
        initiative=initiative, organisation=organisation, actor=broker, reason="Zorgvraag"
    )
    assert referral.outcome == ReferralOutcome.PENDING

    with pytest.raises(ValidationError):
        referral_outcome_record(referral=referral, actor=broker, outcome=ReferralOutcome.PENDING)
    referral = referral_outcome_record(
        referral=referral, actor=broker, outcome=ReferralOutcome.HELPED, note="Wijkteam helpt"
    )
    assert referral.outcome == ReferralOutcome.HELPED
    assert referral.outcome_at is not None
    titles = [e.title for e in initiative_timeline(initiative) if e.kind == "referral"]
    assert len(titles) == 2


def test_referral_to_an_inactive_organisation_is_refused(broker):
    with pytest.raises(ValidationError):
        referral_create(
            initiative=InitiativeFactory(),
            organisation=OrganisationFactory(is_active=False),
            actor=broker,
            reason="x",
        )


def test_bulk_assign_is_all_or_nothing(broker):
    colleague = StaffFactory(role=Role.BROKER)
    free = InitiativeFactory()
    taken = InitiativeFactory(broker=colleague)
    with pytest.raises(NotAllowed):
        initiative_bulk_assign(initiative_ids=[free.pk, taken.pk], broker=broker, actor=broker)
    free.refresh_from_db()
    assert free.broker is None

    assert initiative_bulk_assign(initiative_ids=[free.pk], broker=broker, actor=broker) == 1


def test_coordinator_bulk_assigns_colleagues_cases(coordinator, broker):
    cases = InitiativeFactory.create_batch(3, broker=StaffFactory(role=Role.BROKER))
    changed = initiative_bulk_assign(
        initiative_ids=[c.pk for c in cases], broker=broker, actor=coordinator
    )
    assert changed == 3
    assert Initiative.objects.filter(broker=broker).count() == 3


def test_handover_moves_every_open_case_and_tells_each_initiator(coordinator, broker):
    leaving = StaffFactory(role=Role.BROKER)
    open_cases = [
        InitiativeFactory(broker=leaving),
        InitiativeFactory(in_progress=True, broker=leaving),
    ]
    closed = InitiativeFactory(realised=True, broker=leaving)

    assert broker_handover(from_broker=leaving, to_broker=broker, actor=coordinator) == 2

    for case in open_cases:
        case.refresh_from_db()
        assert case.broker == broker
        message = OutboundMessage.objects.get(initiative=case, kind=MessageKind.BROKER_ASSIGNED)
        assert "nieuwe ideeënmakelaar" in message.body
    closed.refresh_from_db()
    assert closed.broker == leaving
    assert not Initiative.objects.open().filter(broker=leaving).exists()


def test_only_a_coordinator_hands_over(broker):
    leaving = StaffFactory(role=Role.BROKER)
    InitiativeFactory(broker=leaving)
    with pytest.raises(NotAllowed):
        broker_handover(from_broker=leaving, to_broker=broker, actor=broker)


def _submit(**initiator):
    data = InitiatorData(kind="resident", name="Henk de Vries", email="henk@example.nl")
    return initiative_submit(
        actor=None,
        title="Moestuin bij de school",
        description="Samen groenten kweken met kinderen uit de buurt.",
        theme=theme(),
        neighbourhood=None,
        initiator=data,
        channel="web",
        needs=["location"],
    )


def test_submit_builds_a_dutch_search_document():
    initiative = _submit()
    found = Initiative.objects.filter(search_document=search_query("groente"))  # stemmed: groenten
    assert list(found) == [initiative]
    assert Initiative.objects.filter(search_document=search_query("Vries")).exists()
    assert not Initiative.objects.filter(search_document=search_query("zwembad")).exists()


def test_search_document_follows_a_name_change():
    initiative = _submit()
    initiative.initiator.name = "Anouk Bakker"
    initiative.initiator.save()
    assert Initiative.objects.filter(search_document=search_query("Bakker")).exists()
    assert not Initiative.objects.filter(search_document=search_query("Vries")).exists()


def test_search_document_survives_a_full_save_of_a_stale_instance():
    # create() does not read the document back: the instance holds None. A later full
    # save() writes that None, and the trigger builds the document again.
    initiative = InitiativeFactory(title="Buurtmoestuin")
    assert initiative.search_document is None
    initiative.status = Status.IN_CONVERSATION
    initiative.save()
    assert Initiative.objects.filter(search_document=search_query("moestuin")).exists()


def test_search_document_follows_a_bulk_update_of_the_title():
    initiative = InitiativeFactory(title="Bankje")
    Initiative.objects.filter(pk=initiative.pk).update(title="Jeu de boules-baan")
    assert Initiative.objects.filter(search_document=search_query("boules")).exists()
    assert not Initiative.objects.filter(search_document=search_query("bankje")).exists()


def test_closing_without_email_makes_a_phone_task_the_broker_marks_done(broker):
    initiator = InitiatorFactory(no_email=True)
    assert initiator.preferred_channel == PreferredChannel.PHONE
    initiative = InitiativeFactory(in_conversation=True, broker=broker, initiator=initiator)
    initiative_transition(
        initiative=initiative,
        to_status=Status.NO_DEMAND,
        actor=broker,
        outcome_message="Er kwam niemand op de avond.",
    )
    task = OutboundMessage.objects.get(initiative=initiative, kind=MessageKind.OUTCOME)
    assert task.channel == MessageChannel.PHONE_TASK
    assert task.sent_at is None

    message_task_complete(message_id=task.pk, actor=broker)
    task.refresh_from_db()
    assert task.sent_at is not None


def test_an_email_cannot_be_marked_done_by_hand(broker):
    initiative = InitiativeFactory(in_conversation=True, broker=broker)
    initiative_transition(
        initiative=initiative, to_status=Status.STOPPED, actor=broker, outcome_message="Gestopt."
    )
    mail = OutboundMessage.objects.get(initiative=initiative, kind=MessageKind.OUTCOME)
    with pytest.raises(ValueError):
        message_task_complete(message_id=mail.pk, actor=broker)


def test_only_a_coordinator_reopens(broker, coordinator):
    initiative = InitiativeFactory(realised=True, broker=broker)
    with pytest.raises(NotAllowed):
        initiative_transition(initiative=initiative, to_status=Status.IN_PROGRESS, actor=broker)
    initiative_transition(initiative=initiative, to_status=Status.IN_PROGRESS, actor=coordinator)
    initiative.refresh_from_db()
    assert initiative.status == Status.IN_PROGRESS
    assert initiative.closed_at is None


def test_working_an_unassigned_case_makes_the_actor_its_broker(broker):
    from brokers.services import case_transition

    initiative = InitiativeFactory(in_conversation=True)
    case_transition(initiative=initiative, to_status=Status.IN_PROGRESS, actor=broker)
    initiative.refresh_from_db()
    assert initiative.broker == broker
    assert initiative.status == Status.IN_PROGRESS
    assert OutboundMessage.objects.filter(
        initiative=initiative, kind=MessageKind.BROKER_ASSIGNED
    ).exists()


def test_case_transition_keeps_the_workflow_rules(broker):
    from brokers.services import case_transition
    from config.errors import TransitionNotAllowed

    initiative = InitiativeFactory(broker=broker)
    with pytest.raises(TransitionNotAllowed):
        case_transition(
            initiative=initiative, to_status=Status.REALISED, actor=broker, outcome_message="x"
        )
    initiative.refresh_from_db()
    assert initiative.status == Status.NEW


def test_first_contact_is_when_the_contact_took_place_not_when_it_was_logged(broker):
    from figures.selectors import figures_for_year

    # Due three days ago; the call was the day before that, logged only today: on time.
    today = timezone.localdate()
    due = today - timedelta(days=3)
    submitted = timezone.now() - timedelta(days=10)
    initiative = InitiativeFactory(submitted_at=submitted, first_contact_due=due)
    _contact(initiative, broker, happened_on=due - timedelta(days=1))
    initiative.refresh_from_db()
    assert timezone.localdate(initiative.first_contact_at) == due - timedelta(days=1)
    figures = figures_for_year(timezone.localdate(submitted).year)
    assert figures["first_contact"]["within_target"] == 1


def test_an_earlier_contact_logged_later_becomes_the_first_contact(broker):
    initiative = InitiativeFactory(broker=broker, submitted_at=timezone.now() - timedelta(days=7))
    _contact(initiative, broker)
    _contact(initiative, broker, happened_on=timezone.localdate() - timedelta(days=3))
    initiative.refresh_from_db()
    assert timezone.localdate(initiative.first_contact_at) == timezone.localdate() - timedelta(
        days=3
    )


def test_a_colleague_logs_a_contact_on_a_new_case_without_taking_it_over(broker):
    """Standing in for the named broker: the contact and the first-contact moment are
    kept; moving the case on stays the named broker's (or a coordinator's) decision."""
    colleague = StaffFactory(role=Role.BROKER)
    initiative = InitiativeFactory(broker=broker)
    moment = _contact(initiative, colleague)
    initiative.refresh_from_db()
    assert moment.pk is not None
    assert initiative.status == Status.NEW
    assert initiative.broker == broker
    assert initiative.first_contact_at is not None


def test_a_contact_cannot_predate_the_idea(broker):
    initiative = InitiativeFactory(submitted_at=timezone.now() - timedelta(days=2))
    with pytest.raises(ValidationError) as exc:
        _contact(initiative, broker, happened_on=timezone.localdate() - timedelta(days=30))
    assert "voor de dag waarop het idee binnenkwam" in exc.value.message_dict["happened_on"][0]


def test_a_contact_after_withdrawal_is_no_first_contact(broker):
    from initiatives.services import initiative_withdraw

    initiative = InitiativeFactory(broker=broker)
    initiative_withdraw(initiative=initiative)
    _contact(initiative, broker)
    initiative.refresh_from_db()
    assert initiative.first_contact_at is None
