"""'Berichten en taken': each task links to its case, one resident's tasks form one
group (and a new message for the same reason joins the open task), "my tasks"."""

import pytest
from django.db import transaction
from django.urls import reverse

from initiatives.services import initiative_message_queue
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from messaging.services import message_queue
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db


def _task(initiative, kind, occasion, body="Tekst"):
    with transaction.atomic():
        return initiative_message_queue(
            initiative=initiative,
            kind=kind,
            occasion=occasion,
            extra={"update_message": body, "outcome_message": body},
        )


def test_a_new_message_for_the_same_reason_joins_the_open_call_task(broker):
    case = InitiativeFactory(broker=broker, initiator=InitiatorFactory(no_email=True))
    first = _task(case, MessageKind.STATUS_UPDATE, "one", body="Eerste nieuws")
    second = _task(case, MessageKind.STATUS_UPDATE, "two", body="Tweede nieuws")
    assert first.pk == second.pk and first.channel == MessageChannel.PHONE_TASK
    task = OutboundMessage.objects.get(pk=first.pk)
    assert "Eerste nieuws" in task.body and "Tweede nieuws" in task.body
    assert "Later bijgekomen" in task.body
    # The same occasion again changes nothing (idempotent).
    _task(case, MessageKind.STATUS_UPDATE, "two", body="Tweede nieuws")
    assert OutboundMessage.objects.get(pk=first.pk).body == task.body
    # Another reason is another task; a done task is not joined.
    other = _task(case, MessageKind.BROKER_ASSIGNED, "x")
    assert other.pk != first.pk
    OutboundMessage.objects.filter(pk=first.pk).update(
        done_at=task.created_at, sent_at=task.created_at
    )
    assert _task(case, MessageKind.STATUS_UPDATE, "three").pk != first.pk


def _separate_tasks(case, count):
    for n in range(count):
        message_queue(
            key=f"legacy-{case.pk}-{n}",
            kind=MessageKind.STATUS_UPDATE,
            channel=MessageChannel.PHONE_TASK,
            subject=f"Nieuws {n}",
            body=f"Bericht {n}",
            initiative=case,
        )


def test_tasks_for_one_resident_are_one_group_with_links_to_the_case(
    client, broker, django_assert_max_num_queries
):
    resident = InitiatorFactory(no_email=True, name="Greet Mulder")
    case = InitiativeFactory(broker=broker, initiator=resident)
    _separate_tasks(case, 3)
    for _ in range(3):
        _separate_tasks(
            InitiativeFactory(broker=broker, initiator=InitiatorFactory(no_email=True)), 2
        )
    client.force_login(broker)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("brokers:outbox")).content.decode()
    assert page.count("<h3>Greet Mulder") == 1
    assert page.count(f'href="{reverse("brokers:case", args=[case.reference])}"') >= 4
    assert "Alles gedaan (3 berichten)" in page
    response = client.post(
        reverse("brokers:tasks_done"),
        {"task": [m.pk for m in OutboundMessage.objects.filter(initiative=case)]},
    )
    assert response.status_code == 302
    assert not OutboundMessage.objects.filter(initiative=case, done_at__isnull=True).exists()
    after = client.get(response["Location"]).content.decode()
    assert after.count("3 taken afgevinkt.") == 1  # the flash once, not twice
    assert "<h3>Greet Mulder" not in after


def test_my_tasks_leaves_out_unassigned_cases(client, broker):
    mine = InitiativeFactory(
        broker=broker, initiator=InitiatorFactory(no_email=True, name="Mijn Bewoner")
    )
    unassigned = InitiativeFactory(
        initiator=InitiatorFactory(no_email=True, name="Niemands Bewoner")
    )
    theirs = InitiativeFactory(
        broker=StaffFactory(role="broker"),
        initiator=InitiatorFactory(no_email=True, name="Andermans Bewoner"),
    )
    for case in (mine, unassigned, theirs):
        _separate_tasks(case, 1)
    client.force_login(broker)
    everything = client.get(reverse("brokers:outbox")).content.decode()
    assert "Mijn Bewoner" in everything and "Niemands Bewoner" in everything
    assert "Andermans Bewoner" not in everything
    only_mine = client.get(reverse("brokers:outbox"), {"mine": "1"}).content.decode()
    assert "Mijn Bewoner" in only_mine and "Niemands Bewoner" not in only_mine


def test_someone_elses_task_cannot_be_ticked_off(client, broker):
    theirs = InitiativeFactory(
        broker=StaffFactory(role="broker"), initiator=InitiatorFactory(no_email=True)
    )
    _separate_tasks(theirs, 1)
    task = OutboundMessage.objects.get(initiative=theirs)
    client.force_login(broker)
    client.post(reverse("brokers:tasks_done"), {"task": [task.pk, "x"]})
    task.refresh_from_db()
    assert task.done_at is None
