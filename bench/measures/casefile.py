"""The broker's case file and GET /api/v1/cases/<ref>/ for a case with a 200-entry
timeline, on the 100,000-initiative database: p95 through the full Django stack (test
client) and the number of queries (targets: case file p95 < 60 ms and at most 12
queries; the API at most 8)."""

import os
import statistics
import time

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

RUNS = 40
WARMUP = 3
TARGET_P95_MS = 60
TIMELINE_ENTRIES = 200
BENCH_NOTE = "bench: timeline entry"


def _load() -> str:
    try:
        return " / ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "unknown"


def _percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def _case_with_history(broker):
    """One open case with 200 timeline entries (contact moments and notes, through the
    services), made once and reused on later runs."""
    from brokers.models import CaseNote
    from brokers.services import case_note_create, contact_moment_create
    from initiatives.constants import Status
    from initiatives.models import Initiative

    done = CaseNote.objects.filter(text=BENCH_NOTE).values("initiative_id").first()
    if done:
        return Initiative.objects.get(pk=done["initiative_id"])
    case = Initiative.objects.filter(status=Status.IN_CONVERSATION).order_by("pk").first()
    for index in range(TIMELINE_ENTRIES // 2):
        case_note_create(initiative=case, actor=broker, text=BENCH_NOTE)
        contact_moment_create(
            initiative=case,
            actor=broker,
            happened_on=timezone.localdate(),
            channel="phone",
            duration_minutes=5,
            intervention="meeting",
            summary=f"Gebeld ({index})",
        )
    return case


def _measure(client, url):
    for _ in range(WARMUP):
        client.get(url)
    timings, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return timings, cpu, len(queries.captured_queries)


def run():
    from django.contrib.auth import get_user_model

    broker = get_user_model().objects.get(username="broker@demo.local")
    case = _case_with_history(broker)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(broker)
    # Shared machine: the load average says how much the wall-clock figures were disturbed;
    # the CPU time of this process is what the request itself costs in Python.
    results = [
        ("machine load average (1, 5, 15 min) at start", _load()),
        ("case with a long timeline", case.reference),
    ]
    pages = [
        ("case file", f"/makelaar/ideeen/{case.reference}/", TARGET_P95_MS, 12),
        (
            "case file in a queue view (prev/next)",
            f"/makelaar/ideeen/{case.reference}/?view=status%3Din_conversation",
            TARGET_P95_MS,
            12,
        ),
        ("GET /api/v1/cases/<ref>/", f"/api/v1/cases/{case.reference}/", None, 8),
    ]
    with override_settings(DEBUG=False):
        for label, url, target, max_queries in pages:
            timings, cpu, queries = _measure(client, url)
            p95 = _percentile(timings, 95)
            verdict = "" if target is None else ("ok, " if p95 < target else "OVER TARGET, ")
            goal = "" if target is None else f"target p95 < {target} ms; "
            results.append(
                (
                    label,
                    f"median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms "
                    f"({verdict}{goal}{queries} queries, at most {max_queries}; "
                    f"CPU of this process median {statistics.median(cpu):.0f} ms)",
                )
            )
    return results
