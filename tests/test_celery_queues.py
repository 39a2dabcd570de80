"""Every task goes to a queue that some worker consumes, in docker compose, in `make run`
and in the tests' real worker; sending, matching and the beat jobs each have a queue of
their own, so the beat jobs never wait behind a backlog of sends and matching runs.

The tasks are the Celery app's registered ones, and the queues each worker consumes are
read from the worker commands themselves."""

import shlex
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from config.celery import app
from tests.conftest import WorkerProcess

ROOT = Path(__file__).resolve().parent.parent


def _tasks() -> list[str]:
    app.loader.import_default_modules()
    return sorted(name for name in app.tasks if not name.startswith("celery."))


def _queue_of(task: str) -> str:
    return app.amqp.router.route({}, task)["queue"].name


def _declared() -> set[str]:
    return {queue.name for queue in app.conf.task_queues}


def _consumed_by(command: list[str]) -> set[str]:
    for n, part in enumerate(command):
        if part in ("-Q", "--queues"):
            return set(command[n + 1].split(","))
        if part.startswith("--queues="):
            return set(part.split("=", 1)[1].split(","))
    return _declared()  # no -Q: every queue the app declares


def _is_worker(command: list[str]) -> bool:
    return any(part.endswith("celery") for part in command[:3]) and "worker" in command


def _compose_workers() -> dict[str, list[str]]:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    commands = {}
    for name, service in services.items():
        command = service.get("command") or []
        command = shlex.split(command) if isinstance(command, str) else list(map(str, command))
        if _is_worker(command):
            commands[name] = command
    return commands


def _run_sh_workers() -> dict[str, list[str]]:
    # scripts/run.sh: `start NAME PROGRAM ARGS...`, continued lines joined.
    text = (ROOT / "scripts" / "run.sh").read_text().replace("\\\n", " ")
    commands = {}
    for line in text.splitlines():
        if line.startswith("start "):
            _, name, *command = shlex.split(line)
            if _is_worker(command):
                commands[name] = command
    return commands


WORKERS = {
    "docker-compose.yml": _compose_workers,
    "scripts/run.sh": _run_sh_workers,
    "tests' WorkerProcess": lambda: {"test": WorkerProcess(Path("unused")).command()},
}


@pytest.mark.parametrize("deployment", WORKERS)
def test_every_task_goes_to_a_queue_a_worker_consumes(deployment):
    workers = WORKERS[deployment]()
    assert workers, f"no celery worker in {deployment}"
    consumed = set().union(*(_consumed_by(command) for command in workers.values()))
    assert consumed <= _declared(), f"{deployment} names undeclared queues"
    # The default queue too: a task without a route is never stranded.
    assert settings.CELERY_TASK_DEFAULT_QUEUE in consumed
    stranded = {task: _queue_of(task) for task in _tasks() if _queue_of(task) not in consumed}
    assert stranded == {}
    assert len(_tasks()) >= 10


def test_every_route_names_a_declared_queue():
    routes = settings.CELERY_TASK_ROUTES
    assert {route["queue"] for route in routes.values()} <= _declared()
    assert set(routes) <= set(_tasks()), "a route for a task that does not exist"


def test_sending_and_matching_have_queues_of_their_own():
    assert _queue_of("messaging.tasks.message_send") == "sending"
    assert _queue_of("matching.tasks.match_find") == "matching"
    assert _queue_of("matching.tasks.match_find_for_offer") == "matching"


def test_the_beat_jobs_run_from_the_periodic_queue():
    queues = {
        entry["task"]: _queue_of(entry["task"]) for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    # The nightly matching run is matching work, and long: it goes with matching.
    assert queues.pop("matching.tasks.match_nightly") == "matching"
    assert set(queues.values()) == {"periodic"}
    assert "initiatives.tasks.submissions_follow_up" in queues
    assert "messaging.tasks.outbox_sweep" in queues


def test_compose_runs_a_worker_per_queue_group():
    consumers = {
        queue: [
            name for name, command in _compose_workers().items() if queue in _consumed_by(command)
        ]
        for queue in ("sending", "matching", "periodic")
    }
    # Each group is consumed by exactly one worker service, and never by another group's.
    assert all(len(names) == 1 for names in consumers.values()), consumers
    assert len({names[0] for names in consumers.values()}) == 3, consumers
