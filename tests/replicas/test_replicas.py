"""Stateless replicas (`make replicas`; CI runs it with the suite): two gunicorn
instances behind HAProxy, two workers, one beat and a second beat started by mistake
(tests/replicas/cluster.py). 20 residents submit with files while two brokers race to
claim every case, each request on either instance: nothing is lost or doubled, every
file reads the same from both instances, every message goes out exactly once, and the
second beat sends nothing until the first one dies. Prints the figures, and measures
requests/s per web instance and messages/s per worker for the README's sizing table."""

import os
import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.db.models import Count

from accounts.roles import Role
from initiatives.models import Initiative, InitiativeAttachment
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from messaging.services import message_queue
from tests.accounts.factories import StaffFactory
from tests.conftest import _database_url, _purge_queue, wait_for
from tests.initiatives.factories import theme
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory
from tests.replicas import scenario
from tests.replicas.cluster import Cluster

pytestmark = [pytest.mark.replicas, pytest.mark.django_db(transaction=True)]

RESIDENTS = 20
PASSWORD = "replica-broker-password-1"


def figure(label: str, value) -> None:
    print(f"  {label:<56} {value}", flush=True)


@pytest.fixture
def cluster(transactional_db, tmp_path):
    _purge_queue()
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300", name="Binnenstad"))
    env = dict(os.environ) | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        # Every resident comes from 127.0.0.1 here.
        "SUBMISSION_RATE_LIMIT": "1000000/second",
        "SUBMISSION_FOLLOW_UP_SECONDS": "1",
        "BEAT_LOCK_SECONDS": "6",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "",
        # The machine running the suite is shared and often busy: a request that waits for
        # the CPU must not be cut as if the database were frozen (config/db_deadline.py).
        "WEB_DATABASE_TIMEOUT": "60",
    }
    running = Cluster(tmp_path, env)
    try:
        running.start()
        running.beat_start("beat1", wait_for="event=beat_active")
        running.beat_start("beat2", wait_for="event=beat_standby")
        yield running
    finally:
        running.stop()


def _work(cluster: Cluster):
    brokers = [
        StaffFactory(role=Role.BROKER, username=f"makelaar{n}@gemeente.example") for n in (1, 2)
    ]
    for broker in brokers:
        broker.set_password(PASSWORD)
        broker.save()
    started = time.perf_counter()
    with ThreadPoolExecutor(10) as pool:
        landed = list(
            pool.map(lambda n: scenario.resident_submits(cluster.url, n), range(RESIDENTS))
        )
    figure(
        "residents submitted (each twice, with a file)",
        f"{RESIDENTS} in {time.perf_counter() - started:.1f} s",
    )
    assert all("/idee-indienen/ontvangen/" in place for place in landed)

    signed_in = [scenario.Broker(cluster.url, b.username, PASSWORD) for b in brokers]
    references = list(
        Initiative.objects.filter(title__startswith="Replica").values_list("reference", flat=True)
    )
    # Both brokers claim every case at once: each case gets exactly one of them.
    with ThreadPoolExecutor(4) as pool:
        list(
            pool.map(
                lambda job: job[0].claim(job[1]), [(b, r) for r in references for b in signed_in]
            )
        )
    for number, broker in enumerate(signed_in):
        for reference in Initiative.objects.filter(
            title__startswith="Replica", broker=brokers[number]
        ).values_list("reference", flat=True):
            broker.note(reference, "Gebeld, afspraak gemaakt.")
    return brokers, signed_in


def _check_nothing_lost_or_doubled(cluster: Cluster, brokers, signed_in):
    ideas = Initiative.objects.filter(title__startswith="Replica")
    assert ideas.count() == RESIDENTS
    assert ideas.values("submission_key").distinct().count() == RESIDENTS
    assert ideas.filter(broker__isnull=True).count() == 0
    figure("ideas (distinct submission keys)", ideas.count())
    figure("cases claimed per broker", [ideas.filter(broker=b).count() for b in brokers])

    attachments = list(InitiativeAttachment.objects.filter(initiative__in=ideas))
    assert len(attachments) == RESIDENTS
    stored = set(cluster.s3.objects())
    assert {a.file.name for a in attachments} <= stored
    by_broker = {b.pk: s for b, s in zip(brokers, signed_in, strict=True)}
    for attachment in attachments:
        broker = by_broker[attachment.initiative.broker_id]
        number = int(attachment.initiative.title.split()[1])
        for base in cluster.web_urls:  # each instance directly, bypassing the balancer
            assert broker.download(attachment.pk, base) == scenario.resident_file(number)
    figure("files in the object store, read from both instances", len(attachments))

    def all_sent():
        return (
            not OutboundMessage.objects.filter(
                channel=MessageChannel.EMAIL, sent_at__isnull=True, failed_at__isnull=True
            ).exists()
            and OutboundMessage.objects.filter(
                kind=MessageKind.ACKNOWLEDGEMENT, sent_at__isnull=False
            ).count()
            == RESIDENTS
        )

    assert wait_for(all_sent, timeout=90), "the workers did not send everything"
    emails = OutboundMessage.objects.filter(channel=MessageChannel.EMAIL)
    assert not emails.values("key").annotate(n=Count("id")).filter(n__gt=1).exists()
    for kind in (MessageKind.ACKNOWLEDGEMENT, MessageKind.BROKER_ASSIGNED):
        per_idea = emails.filter(kind=kind).values("initiative").annotate(n=Count("id"))
        assert sorted(row["n"] for row in per_idea) == [1] * RESIDENTS, kind
    message_ids = _sent_message_ids(cluster.mail_dir)
    assert len(message_ids) == emails.count() == len(set(message_ids))
    assert not emails.filter(failed_at__isnull=False).exists()
    figure(
        "e-mails in the outbox / sent (each exactly once)", f"{emails.count()} / {len(message_ids)}"
    )


def _sent_message_ids(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    text = "".join(path.read_text(errors="replace") for path in folder.iterdir())
    return re.findall(r"^Message-ID: (\S+)", text, flags=re.MULTILINE)


def _check_one_beat(cluster: Cluster):
    first, second = cluster.beats
    assert "Sending due task" in first.output()
    assert "Sending due task" not in second.output()
    figure("second beat, started by mistake: tasks sent", 0)
    # The first beat dies without releasing its lock: the second takes over when it runs out.
    died = time.perf_counter()
    first.stop(signal.SIGKILL)
    assert wait_for(lambda: "event=beat_active" in second.output(), timeout=30)
    assert wait_for(lambda: "Sending due task" in second.output(), timeout=15)
    figure("second beat took over after the first died", f"{time.perf_counter() - died:.1f} s")


def test_two_instances_two_workers_one_beat(cluster):
    print()
    brokers, signed_in = _work(cluster)
    _check_nothing_lost_or_doubled(cluster, brokers, signed_in)
    served = dict(scenario.SEEN)
    assert len(served) == 2 and min(served.values()) > 0, served
    figure("requests answered per instance", served)
    _check_one_beat(cluster)
    _measure(cluster)


def _measure(cluster: Cluster, seconds: float = 8, clients: int = 8):
    """Throughput on this machine (shared; the figures go in the README's sizing table)."""
    import requests

    def hammer(url: str) -> int:
        browser, done, until = requests.Session(), 0, time.perf_counter() + seconds
        while time.perf_counter() < until:
            done += browser.get(f"{url}/idee-indienen/", timeout=30).status_code == 200
        return done

    for label, url, instances in (
        ("one instance alone", cluster.web_urls[0], 1),
        ("two instances behind HAProxy", cluster.url, 2),
    ):
        with ThreadPoolExecutor(clients) as pool:
            total = sum(pool.map(hammer, [url] * clients))
        figure(f"requests/s, {label} (per instance)", f"{total / seconds / instances:.1f}")

    count = 200
    with transaction.atomic():
        for n in range(count):
            message_queue(
                key=f"replica-measure-{n}",
                kind=MessageKind.STATUS_UPDATE,
                subject="Nieuws over uw idee",
                body="Een bericht om te meten.",
                channel=MessageChannel.EMAIL,
                to_email=f"meting{n}@example.nl",
            )
    started = time.perf_counter()
    unsent = OutboundMessage.objects.filter(
        key__startswith="replica-measure-", sent_at__isnull=True
    )
    assert wait_for(lambda: not unsent.exists(), timeout=120, interval=0.1)
    took = time.perf_counter() - started
    figure(
        f"messages/s per worker ({count} e-mails, {len(cluster.workers)} workers)",
        f"{count / took / len(cluster.workers):.1f}",
    )
