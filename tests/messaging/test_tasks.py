import pytest
from django.urls import reverse

from messaging.constants import MessageKind
from messaging.models import MessageTemplate, OutboundMessage
from retention.models import RetentionRun
from retention.tasks import retention_run
from tests.accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_beat_tasks_run_as_plain_functions():
    from initiatives import tasks as followup_tasks

    counts = followup_tasks.followups_queue()
    assert set(counts) == {"waiting_reminders", "check_ins", "surveys", "escalations"}
    assert followup_tasks.broker_digests_queue() >= 0
    run_id = retention_run()
    assert RetentionRun.objects.filter(pk=run_id, finished_at__isnull=False).exists()


def test_admin_template_preview_and_syntax_check(client):
    admin = StaffFactory(role="superuser")
    client.force_login(admin)
    add = reverse("admin:messaging_messagetemplate_add") + "?kind=survey"
    response = client.get(add)
    assert "Hoe vond u onze hulp?" in response.content.decode()  # the default, to edit
    response = client.post(
        reverse("admin:messaging_messagetemplate_add"),
        {"kind": "survey", "subject": "Vraag {% if x %}", "body": "x"},
    )
    assert "Fout in de templatetaal" in response.content.decode()
    assert not MessageTemplate.objects.exists()
    client.post(
        reverse("admin:messaging_messagetemplate_add"),
        {"kind": "survey", "subject": "Vraag over {{ initiative.reference }}", "body": "Hoi"},
    )
    template = MessageTemplate.objects.get(kind=MessageKind.SURVEY)
    page = client.get(reverse("admin:messaging_messagetemplate_change", args=[template.pk]))
    assert "Vraag over 2026-0042" in page.content.decode()  # preview on the sample case


def test_retry_from_the_staff_page(client, coordinator, monkeypatch):
    from django.utils import timezone

    from messaging.services import message_queue

    message = message_queue(
        key="r", kind="outcome", channel="email", subject="S", body="B", to_email="x@example.nl"
    )
    OutboundMessage.objects.filter(pk=message.pk).update(
        failed_at=timezone.now(), attempts=10, last_error="boom"
    )
    client.force_login(coordinator)
    client.post(reverse("brokers:retry", args=[message.pk]))
    message.refresh_from_db()
    assert message.failed_at is None and message.attempts == 0
