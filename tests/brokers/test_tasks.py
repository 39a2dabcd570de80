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
    # The group links its case once; a line names its case only in a group of several.
    assert page.count(f'href="{reverse("brokers:case", args=[case.reference])}"') == 1
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


@pytest.mark.parametrize("letter", [False, True])
def test_a_newer_broker_named_replaces_the_open_call_or_letter(broker, coordinator, letter):
    """A reassignment and its undo: the broker passes on only who the broker is now."""
    from initiatives.services import initiative_assign

    other = StaffFactory(role="broker")
    initiator = (
        InitiatorFactory(no_email=True, preferred_channel="letter", address="Dorpsstraat 2")
        if letter
        else InitiatorFactory(no_email=True)
    )
    case = InitiativeFactory(broker=broker, initiator=initiator)
    initiative_assign(initiative=case, broker=other, actor=coordinator)
    initiative_assign(initiative=case, broker=broker, actor=coordinator)
    task = OutboundMessage.objects.get(initiative=case, kind=MessageKind.BROKER_ASSIGNED)
    assert task.channel == (MessageChannel.LETTER_TASK if letter else MessageChannel.PHONE_TASK)
    name = broker.broker_profile.display_name
    assert task.subject.startswith(f"Uw ideeënmakelaar is {name}")
    assert other.broker_profile.display_name not in task.body.split("\n\n")[0]
    assert "Later bijgekomen" not in task.body


def test_older_tasks_of_a_replaced_kind_are_marked_and_closed_with_the_rest(client, broker):
    """Tasks written apart (before replacing existed): the older one is shown as replaced,
    not to be passed on, and goes with "Gedaan". Each line gives the reference once."""
    case = InitiativeFactory(broker=broker, initiator=InitiatorFactory(no_email=True))
    for n, name in enumerate(["Youssef El Amrani", "Mirjam Hoekstra"]):
        message_queue(
            key=f"old-{n}",
            kind=MessageKind.BROKER_ASSIGNED,
            channel=MessageChannel.PHONE_TASK,
            subject=f"Uw ideeënmakelaar is {name} ({case.reference})",
            body=f"Uw ideeënmakelaar is {name}.",
            initiative=case,
        )
    client.force_login(broker)
    page = client.get(reverse("brokers:outbox")).content.decode()
    assert "<li>Uw ideeënmakelaar is Mirjam Hoekstra (" in page
    assert "Vervangen door een nieuwer bericht hierboven" in page
    assert "<s>Uw ideeënmakelaar is Youssef El Amrani</s>" in page
    assert "Alleen dit bericht gedaan" not in page  # one current message
    assert page.count(case.reference) == 2  # the "Idee" link: reference and its href
    tasks = [m.pk for m in OutboundMessage.objects.filter(initiative=case)]
    assert all(f'name="task" value="{pk}"' in page for pk in tasks)
    client.post(reverse("brokers:tasks_done"), {"task": tasks})
    assert not OutboundMessage.objects.filter(initiative=case, done_at__isnull=True).exists()
