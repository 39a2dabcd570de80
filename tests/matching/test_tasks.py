import pytest

from initiatives.constants import Channel, InitiatorKind
from initiatives.services import InitiatorData, initiative_submit
from matching import tasks
from matching.models import MatchSuggestion
from matching.services import offer_submit
from tests.initiatives.factories import InitiativeFactory, theme

pytestmark = pytest.mark.django_db


def test_submission_followups_send_the_acknowledgement_and_enqueue_matching(
    monkeypatch, django_capture_on_commit_callbacks
):
    from config.celery import app
    from initiatives.tasks import submissions_follow_up
    from messaging.models import OutboundMessage

    calls, sends = [], []
    monkeypatch.setattr(
        app,
        "send_task",
        lambda name, args: calls.extend(args) if name == "matching.tasks.match_find" else None,
    )
    monkeypatch.setattr("messaging.tasks.message_send.delay", lambda pk: sends.append(pk))
    initiative = initiative_submit(
        actor=None,
        title="Repair café",
        description="Samen repareren.",
        theme=theme("duurzaamheid"),
        neighbourhood=None,
        initiator=InitiatorData(kind=InitiatorKind.RESIDENT, name="A", email="a@example.nl"),
        channel=Channel.WEB,
        needs=[],
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert submissions_follow_up() == 1  # the beat task, as a worker runs it
    acknowledgement = OutboundMessage.objects.get(initiative=initiative)
    assert sends == [acknowledgement.pk]
    assert calls == [initiative.pk]


def test_a_followup_task_queued_by_an_earlier_version_still_runs(monkeypatch):
    from config.celery import app
    from initiatives.tasks import initiative_submitted

    calls = []
    monkeypatch.setattr(
        app,
        "send_task",
        lambda name, args: calls.extend(args) if name == "matching.tasks.match_find" else None,
    )
    initiative = InitiativeFactory()
    initiative_submitted(initiative.pk, [])
    assert calls == [initiative.pk]


def test_offer_enqueues_matching_once_after_commit(monkeypatch, django_capture_on_commit_callbacks):
    calls = []
    monkeypatch.setattr(tasks.match_find_for_offer, "delay", lambda pk: calls.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_submit(actor=None, kind="time", description="Ik help", name="B", phone="06")
    assert calls == [offer.pk]


def test_tasks_as_plain_functions_are_idempotent():
    a = InitiativeFactory(title="Repair café", description="Kapotte fietsen en lampen repareren.")
    InitiativeFactory(title="Fietsen repareren", description="Kapotte fietsen repareren.")
    assert tasks.match_find(a.pk) == 1
    assert tasks.match_find(a.pk) == 0
    assert tasks.match_find(999_999) == 0  # gone: nothing to do
    assert tasks.match_nightly()["initiatives"] == 2
    assert MatchSuggestion.objects.count() == 1
