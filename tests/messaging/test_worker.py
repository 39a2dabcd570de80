"""Real Celery worker processes against real Redis: every message goes out exactly once.

"Exactly once" here: the outbox row is unique per occasion; a worker claims it with a
lease before sending and sets `sent_at` after; nothing sends a row whose `sent_at` is set.
A worker killed mid-send leaves the row claimed but unsent: when the lease runs out the
sweep hands it to a live worker, which sends it once. (Were a worker killed after the mail
server accepted the mail but before `sent_at` was written, the repeat carries the same
Message-ID, so mail systems can recognise it: at least once, see messaging.services.)"""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from config.celery import app
from initiatives.constants import Channel, InitiatorKind
from initiatives.models import SubmissionFollowUp
from initiatives.services import InitiatorData, initiative_submit
from initiatives.tasks import submissions_follow_up
from messaging.models import OutboundMessage
from messaging.tasks import outbox_sweep
from tests.conftest import WorkerProcess, wait_for
from tests.initiatives.factories import theme

pytestmark = pytest.mark.worker


def _submit(email="sanne@example.nl"):
    return initiative_submit(
        actor=None,
        title="Repair café in het buurthuis",
        description="Eén keer per maand samen spullen repareren.",
        theme=theme("duurzaamheid"),
        neighbourhood=None,
        initiator=InitiatorData(kind=InitiatorKind.RESIDENT, name="Sanne Smit", email=email),
        channel=Channel.WEB,
        needs=["location"],
    )


def _lease_and_age_run_out(message_id):
    """What time does in production: the claim lease and the sweep's grace period pass."""
    past = timezone.now() - timedelta(minutes=10)
    OutboundMessage.objects.filter(pk=message_id).update(created_at=past, claimed_until=past)


def test_submission_acknowledgement_is_sent_by_a_real_worker(celery_worker_process):
    from matching.models import MatchSuggestion
    from tests.initiatives.factories import InitiativeFactory

    earlier = InitiativeFactory(
        title="Repair café in de bibliotheek",
        description="Elke maand samen kapotte spullen repareren.",
        theme=theme("duurzaamheid"),
    )
    initiative = _submit()
    submissions_follow_up.delay()  # what beat publishes every few seconds

    sent = OutboundMessage.objects.filter(initiative=initiative, sent_at__isnull=False)
    assert wait_for(sent.exists)
    message = OutboundMessage.objects.get(initiative=initiative)
    # The same look at new submissions starts matching.
    assert wait_for(
        lambda: MatchSuggestion.objects.filter(
            initiative_id=min(earlier.pk, initiative.pk),
            other_initiative_id=max(earlier.pk, initiative.pk),
        ).exists()
    )
    # A sweep afterwards (and the task run again) sends nothing more.
    _lease_and_age_run_out(message.pk)
    assert outbox_sweep() == 0
    time.sleep(1)
    mails = celery_worker_process.sent_mails()
    assert len(mails) == 1
    assert "To: sanne@example.nl" in mails[0]
    assert initiative.reference in mails[0]


def _waiting_in(queue: str) -> int:
    with app.connection_for_write() as conn:
        return conn.default_channel.queue_declare(queue=queue, passive=True).message_count


def test_a_backlog_of_sends_does_not_hold_up_the_beat_jobs(transactional_db, tmp_path):
    """A burst of thousands of ideas fills the sending and matching queues; beat's
    follow-up job, which writes the next acknowledgements, must not wait behind them.
    One worker consuming every queue (as in `make run`) takes its next task from each
    queue in turn, so the job runs within a task or two of the backlog's."""
    from messaging.tasks import message_send

    send_queue = app.amqp.router.route({}, message_send.name)["queue"].name
    with app.producer_or_acquire() as producer:
        for _ in range(2000):  # sends waiting for the worker (for no message: quick)
            message_send.apply_async((0,), producer=producer)
    initiative = _submit()
    submissions_follow_up.delay()
    assert _waiting_in(send_queue) >= 2000

    worker = WorkerProcess(tmp_path / "mail").start()
    try:
        acknowledged = OutboundMessage.objects.filter(initiative=initiative)
        assert wait_for(acknowledged.exists)
        assert _waiting_in(send_queue) > 1000  # the job did not wait for the backlog
    finally:
        worker.stop()
        with app.connection_for_write() as conn:
            app.control.purge(connection=conn)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A private redis-server on a spare port that the test may stop and start; the
    shared Redis on 6379 is never touched."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        subprocess.run(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
            ],
            check=True,
        )
        assert wait_for(self._up, timeout=10)

    def stop(self):
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "nosave"], capture_output=True
        )
        assert wait_for(lambda: not self._up(), timeout=10)

    def _up(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False


@pytest.fixture
def own_redis(settings, transactional_db):
    redis = OwnRedis()
    redis.start()
    previous = app.conf.broker_url
    settings.CELERY_BROKER_URL = redis.url
    _point_app_at(redis.url)
    yield redis
    _point_app_at(previous)
    redis.stop()


def _point_app_at(url):
    # Drop the app's cached pools (as Celery does after a fork); kombu keys its global
    # pools by connection, so the other URL gets its own.
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


def test_redis_down_at_submission_then_sent_once_when_back(own_redis, tmp_path):
    own_redis.stop()

    started = time.monotonic()
    initiative = _submit()  # the resident's submission succeeds without Redis
    assert time.monotonic() - started < 15
    assert SubmissionFollowUp.objects.filter(initiative=initiative).exists()

    own_redis.start()
    worker = WorkerProcess(tmp_path / "mail").start()
    try:
        submissions_follow_up.delay()  # beat's next look finds it waiting in the inbox
        sent = OutboundMessage.objects.filter(initiative=initiative, sent_at__isnull=False)
        assert wait_for(sent.exists)
        assert not SubmissionFollowUp.objects.exists()
        message = OutboundMessage.objects.get(initiative=initiative)
        _lease_and_age_run_out(message.pk)
        assert outbox_sweep() == 0
        time.sleep(1)
        assert len(worker.sent_mails()) == 1
    finally:
        worker.stop()


def test_worker_killed_mid_send_then_sent_exactly_once(own_redis, tmp_path):
    started_flag = tmp_path / "send-started"
    slow = WorkerProcess(
        tmp_path / "mail",
        extra_env={
            "EMAIL_BACKEND": "tests.messaging.slow_backend.SlowFileBackend",
            "SLOW_MAIL_STARTED": str(started_flag),
            "SLOW_MAIL_SECONDS": "30",
        },
    ).start()
    try:
        initiative = _submit()
        submissions_follow_up.delay()
        assert wait_for(started_flag.exists, timeout=20)  # the worker is inside the send
        slow.kill()
    finally:
        slow.kill()
    message = OutboundMessage.objects.get(initiative=initiative)

    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 1
    assert message.claimed_until is not None
    assert slow.sent_mails() == []
    # While the lease holds, the sweep leaves it alone (the worker might still be alive).
    OutboundMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )
    assert outbox_sweep() == 0

    worker = WorkerProcess(tmp_path / "mail").start()
    try:
        _lease_and_age_run_out(message.pk)
        assert outbox_sweep() == 1
        assert wait_for(lambda: OutboundMessage.objects.get(pk=message.pk).sent_at is not None)
        _lease_and_age_run_out(message.pk)
        assert outbox_sweep() == 0
        time.sleep(1)
        mails = worker.sent_mails()
        assert len(mails) == 1
        assert "Message-ID: <" in mails[0]
        message.refresh_from_db()
        assert message.attempts == 2
    finally:
        worker.stop()
