"""Fault injection on the background rebuild of the documents, against the real
PostgreSQL: a worker killed in the middle of a batch, two workers on one rebuild, and a
thesaurus change while a rebuild runs. Each ends with every case's documents as the
thesaurus of the moment makes them, and the progress the admin shows right."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from initiatives import tasks, vocabulary
from initiatives.models import DocumentRebuild, Initiative
from initiatives.services import documents_rebuild_step, initiative_index, synonym_group_save
from initiatives.services import vocabulary as vocabulary_services
from tests.conftest import _database_url, wait_for
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
CASES = 12


def _tokens(pk: int) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(match_document) FROM initiatives_initiative WHERE id = %s",
            [pk],
        )
        return set(cursor.fetchone()[0])


def _cases_and_group(broker, monkeypatch):
    """Cases naming "rijwielhersteller", then a group that puts its token in each."""
    monkeypatch.setattr(vocabulary_services.current_app, "send_task", lambda *a, **k: None)
    cases = [
        InitiativeFactory(description=f"Een rijwielhersteller in straat {n}.") for n in range(CASES)
    ]
    initiative_index(initiative_ids=[c.pk for c in cases])
    group = synonym_group_save(actor=broker, words=["fietsenmaker", "rijwielhersteller"])
    return cases, group, DocumentRebuild.objects.get(finished_at__isnull=True)


def _finish(rebuild, monkeypatch):
    """Beat's resume, then the chain of tasks run here, one after the other."""
    monkeypatch.setattr(tasks.documents_rebuild, "delay", tasks.documents_rebuild)
    tasks.documents_rebuild_resume()
    rebuild.refresh_from_db()


_KILLED_STEP = """
import sys, time, django
django.setup()
from initiatives.services import vocabulary as services
real = services.initiative_index
def index_then_hang(*, initiative_ids):
    real(initiative_ids=initiative_ids[:2])  # half the batch written, not committed
    open(sys.argv[2], "w").close()
    time.sleep(120)
services.initiative_index = index_then_hang
services.documents_rebuild_step(rebuild_id=int(sys.argv[1]), batch=5)
"""


def test_a_worker_killed_in_a_batch_is_resumed_where_the_last_batch_ended(
    broker, monkeypatch, tmp_path
):
    cases, group, rebuild = _cases_and_group(broker, monkeypatch)
    assert documents_rebuild_step(rebuild_id=rebuild.pk, batch=5) is True  # batch 1 done
    hanging = tmp_path / "in-the-batch"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
    }
    worker = subprocess.Popen(
        [sys.executable, "-c", _KILLED_STEP, str(rebuild.pk), str(hanging)],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        assert wait_for(hanging.exists, timeout=30)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    # PostgreSQL rolled the dead worker's batch back: progress is that of batch 1.
    rebuild.refresh_from_db()
    assert (rebuild.done, rebuild.last_id, rebuild.finished_at) == (5, cases[4].pk, None)
    indexed = []
    real = vocabulary_services.initiative_index
    monkeypatch.setattr(
        vocabulary_services,
        "initiative_index",
        lambda *, initiative_ids: (
            indexed.extend(initiative_ids) or real(initiative_ids=initiative_ids)
        ),
    )
    _finish(rebuild, monkeypatch)
    # The rest once each (the killed batch again), none of batch 1 twice.
    assert indexed == [c.pk for c in cases[5:]]
    assert rebuild.finished_at is not None and rebuild.done == rebuild.total == CASES
    assert all(vocabulary.token(group.pk) in _tokens(c.pk) for c in cases)


def _in_a_slow_step(rebuild_id: int, monkeypatch):
    """A step on another connection that holds its rebuild until `release` is set."""
    inside, release = threading.Event(), threading.Event()
    real = vocabulary_services.initiative_index
    slow_thread = []

    def slow_index(*, initiative_ids):
        if threading.current_thread() in slow_thread:
            inside.set()
            release.wait(30)
        return real(initiative_ids=initiative_ids)

    monkeypatch.setattr(vocabulary_services, "initiative_index", slow_index)
    result = {}

    def run():
        try:
            result["more"] = documents_rebuild_step(rebuild_id=rebuild_id, batch=5)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    slow_thread.append(thread)
    thread.start()
    assert inside.wait(30)
    return thread, release, result


def test_a_second_worker_on_the_same_rebuild_does_nothing_while_the_first_works(
    broker, monkeypatch
):
    cases, group, rebuild = _cases_and_group(broker, monkeypatch)
    thread, release, result = _in_a_slow_step(rebuild.pk, monkeypatch)
    started = time.monotonic()
    # Beat's resume while a chain runs: its task finds the rebuild taken and stops.
    assert documents_rebuild_step(rebuild_id=rebuild.pk, batch=5) is False
    assert time.monotonic() - started < 5  # skipped, not waited for
    release.set()
    thread.join(30)
    assert result == {"more": True}
    rebuild.refresh_from_db()
    assert (rebuild.done, rebuild.last_id) == (5, cases[4].pk)
    _finish(rebuild, monkeypatch)
    assert rebuild.done == rebuild.total == CASES


def test_a_thesaurus_change_during_a_rebuild_takes_it_over(broker, monkeypatch):
    cases, group, first = _cases_and_group(broker, monkeypatch)
    thread, release, _result = _in_a_slow_step(first.pk, monkeypatch)
    saved = {}

    def change():
        try:
            saved["group"] = synonym_group_save(
                actor=broker, group=group, words=["fietsenmaker", "fietsmaker"]
            )
        finally:
            connections.close_all()

    changing = threading.Thread(target=change)
    changing.start()
    time.sleep(0.5)
    release.set()
    thread.join(30)
    changing.join(30)
    assert "group" in saved
    first.refresh_from_db()
    assert first.finished_at is not None  # taken over by the new one
    second = DocumentRebuild.objects.get(finished_at__isnull=True)
    assert (second.done, second.last_id) == (0, 0)
    # The first's chain stops at its next task; the second rebuilds every case.
    assert documents_rebuild_step(rebuild_id=first.pk) is False
    _finish(second, monkeypatch)
    assert second.done == second.total == CASES
    # "rijwielhersteller" left the group: its token left every document.
    assert not any(vocabulary.token(group.pk) in _tokens(c.pk) for c in cases)
    assert Initiative.objects.filter(match_terms__isnull=True).count() == 0
