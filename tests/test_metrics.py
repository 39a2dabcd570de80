"""/metrics (config/metrics.py): guarded by a bearer token and/or networks, request
latency by view (never the path: a private link's token would be a label), and the state
of the work read from PostgreSQL and Redis at scrape time."""

from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from config.metrics import celery_queue_lengths
from initiatives.constants import Status
from initiatives.models import Initiative, SubmissionFollowUp
from messaging.constants import MessageChannel
from messaging.models import OutboundMessage
from tests.initiatives.factories import InitiativeFactory, SubmissionFollowUpFactory
from tests.messaging.factories import OutboundMessageFactory

pytestmark = pytest.mark.django_db

TOKEN = "scrape-token-0123456789"


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = []

    def get():
        response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200, response.content
        families = text_string_to_metric_families(response.content.decode())
        return {
            s.name + repr(sorted(s.labels.items())): s.value for f in families for s in f.samples
        }

    return get


def test_off_without_a_token_or_network(client, settings):
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_NETWORKS = "", []
    assert client.get("/metrics").status_code == 404


def test_a_wrong_or_missing_token_is_refused(client, settings):
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_NETWORKS = TOKEN, []
    assert client.get("/metrics").status_code == 401
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"ideeen_" not in response.content


def test_networks_rule(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.2.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 403
    # Both set: both must match.
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics", REMOTE_ADDR="10.2.3.4").status_code == 401
    ok = client.get("/metrics", REMOTE_ADDR="10.2.3.4", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert ok.status_code == 200


def test_request_latency_by_view_name_not_path(client, scrape):
    idea = InitiativeFactory()
    client.get("/")
    client.get(f"/mijn-idee/{'x' * 40}/")
    before = scrape()
    client.get("/")
    after = scrape()
    labels = [("method", "GET"), ("status", "200"), ("view", "initiatives:home")]
    key = f"ideeen_http_request_duration_seconds_count{labels!r}"
    assert after[key] == before[key] + 1
    text = "".join(after)
    assert "initiatives:mine" in text
    assert "mijn-idee" not in text and "x" * 40 not in text
    assert idea.reference not in text


def test_the_state_of_the_work(scrape, settings):
    now = timezone.now()
    old = OutboundMessageFactory(channel=MessageChannel.EMAIL)
    OutboundMessage.objects.filter(pk=old.pk).update(created_at=now - timedelta(hours=2))
    OutboundMessageFactory(channel=MessageChannel.EMAIL)
    OutboundMessageFactory(channel=MessageChannel.EMAIL, sent_at=now)
    OutboundMessageFactory(channel=MessageChannel.PHONE_TASK)
    overdue, on_time = InitiativeFactory.create_batch(2, status=Status.NEW)
    Initiative.objects.filter(pk=overdue.pk).update(
        first_contact_due=timezone.localdate() - timedelta(days=3)
    )
    Initiative.objects.filter(pk=on_time.pk).update(
        first_contact_due=timezone.localdate() + timedelta(days=3)
    )
    SubmissionFollowUpFactory()

    figures = scrape()
    assert figures["ideeen_outbox_backlog[]"] == 2
    assert 7150 < figures["ideeen_outbox_oldest_unsent_age_seconds[]"] < 7300
    assert figures["ideeen_outbox_tasks_open[]"] == 1
    assert figures["ideeen_cases_past_first_contact_deadline[]"] == 1
    assert figures["ideeen_submission_followups_waiting[]"] == (
        SubmissionFollowUp.objects.filter(failed_at__isnull=True).count()
    )
    assert figures["ideeen_submission_followups_waiting[]"] >= 1
    for queue in ("celery", "sending", "matching", "periodic"):
        assert f"ideeen_celery_queue_length[('queue', '{queue}')]" in figures


def test_queue_lengths_are_the_redis_lists(settings):
    from config.redis import redis_client

    client = redis_client(settings.CELERY_BROKER_URL)
    client.delete("matching")
    client.rpush("matching", "a", "b", "c")
    try:
        assert celery_queue_lengths()["matching"] == 3
    finally:
        client.delete("matching")


def test_an_email_a_newer_one_replaced_is_no_backlog_and_no_failure(scrape):
    """An e-mail cancelled because a newer one replaced it (messaging.superseding) is
    never sent: it is not waiting, so it neither counts in the backlog nor ages as the
    oldest unsent (the alert "older than 15 minutes" would fire for good), and one
    that had failed is no failure left to act on (the outbox list leaves it too)."""
    now = timezone.now()
    newer = OutboundMessageFactory(channel=MessageChannel.EMAIL)
    replaced = OutboundMessageFactory(channel=MessageChannel.EMAIL)
    failed = OutboundMessageFactory(channel=MessageChannel.EMAIL, failed=True)
    OutboundMessage.objects.filter(pk__in=[replaced.pk, failed.pk]).update(
        created_at=now - timedelta(days=2), cancelled_at=now - timedelta(days=1), replaced_by=newer
    )
    figures = scrape()
    assert figures["ideeen_outbox_backlog[]"] == 1
    assert figures["ideeen_outbox_oldest_unsent_age_seconds[]"] < 600
    assert figures["ideeen_outbox_failed[]"] == 0
