"""Workers: suggestions for one new initiative against the whole database, and the
outbox's throughput with one real worker process and the in-memory mail backend."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection, transaction
from django.utils import timezone

NEW_IDEAS = [
    ("Moestuin bij de flat", "Wij willen groente kweken met de buren op het grasveld."),
    ("Repair café", "Kapotte spullen repareren met vrijwilligers in het buurthuis."),
    ("Taalcafé", "Nieuwkomers oefenen Nederlands praten bij een kop koffie."),
    ("Straatfeest", "Een feest met muziek en een lange tafel midden in de straat."),
    ("Zonnepanelen", "Zonnepanelen op het dak van de sporthal met een coöperatie."),
    ("Huiswerkhulp", "Studenten helpen kinderen met huiswerk in de bibliotheek."),
    ("Wandelgroep", "Elke dinsdag samen wandelen door het park voor ouderen."),
    ("Speeltuin opknappen", "De speeltuin is kapot; ouders willen nieuwe toestellen."),
    ("Computerles", "Ouderen leren videobellen en DigiD gebruiken."),
    ("Jeu de boules", "Een jeu de boules baan op het plein voor de buurt."),
]
ROUNDS = 10
MESSAGES = 1000
TARGET_SUGGESTIONS_MS = 100
TARGET_SEARCH_MS = 150
# The brokers' queue search with compound splitting and the thesaurus on: a compound
# found by its parts, a thesaurus word by its group, a hyphenated word, a plain prefix.
SEARCHES = ["buurtmoestuin", "jeugdhonk", "zwerfafval opruimen", "klaar-overs", "koffie"]
SEARCH_RUNS = 20


def _p95(values):
    return sorted(values)[int(0.95 * (len(values) - 1))]


def _suggestions():
    from initiatives.models import Initiative, Theme
    from matching import engine

    # The seed bulk-inserts 100k rows after the GIN indexes exist; autovacuum would fold
    # their pending lists into the index soon after. Do it now, as it would.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE initiatives_initiative")
    themes = list(Theme.objects.values_list("pk", flat=True))
    hoods = list(
        Initiative.objects.exclude(neighbourhood=None)
        .values_list("neighbourhood_id", flat=True)
        .distinct()[:20]
    )
    # What the hourly beat job does: count how common each word is (the engine's idf).
    from matching.services import match_term_stats_refresh

    started = time.perf_counter()
    counted = match_term_stats_refresh()
    stats_seconds = time.perf_counter() - started
    timings = []
    counts = []
    # Round 0 warms the caches (a running server is warm); it is not counted.
    for round_ in range(ROUNDS + 1):
        for n, (title, description) in enumerate(NEW_IDEAS):
            text = f"{title} {description}"
            started = time.perf_counter()
            found = engine.initiative_candidates(
                text=text,
                title=title,
                exclude_id=None,
                theme_id=themes[(n + round_) % len(themes)],
                neighbourhood_id=hoods[(n + round_) % len(hoods)] if hoods else None,
                needs=["location", "volunteers"],
            )
            found += engine.offer_candidates(
                text=text, theme_id=None, neighbourhood_id=None, needs=["location"]
            )
            if round_:
                timings.append((time.perf_counter() - started) * 1000)
                counts.append(len(found))
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT id FROM initiatives_initiative WHERE status IN "
            "('in_conversation', 'in_progress', 'new') AND "
            "match_document @@ to_tsquery('simple', '(moestuin & groent) | (moestuin & flat)')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    total = Initiative.objects.count()
    uses = [
        name for name in ("matching_open_fts_idx", "matching_open_title_trgm_idx") if name in plan
    ]
    p95 = _p95(timings)
    return [
        ("matching: initiatives searched", f"{total:,}"),
        ("matching: machine load average (1 min)", f"{os.getloadavg()[0]:.1f}"),
        (
            "matching: word counts refreshed (beat job, idf)",
            f"{counted:,} documents in {stats_seconds:.1f} s",
        ),
        ("matching: suggestions per new idea, p50", f"{statistics.median(timings):.1f} ms"),
        (
            "matching: suggestions per new idea, p95",
            f"{p95:.1f} ms ({_verdict(p95, TARGET_SUGGESTIONS_MS)}, "
            f"target < {TARGET_SUGGESTIONS_MS} ms, n={len(timings)})",
        ),
        ("matching: candidates found per idea (median)", f"{statistics.median(counts):.0f}"),
        ("matching: indexes in the plan", ", ".join(uses) or "NONE (sequential scan)"),
    ]


def _verdict(p95: float, target: float) -> str:
    return "ok" if p95 < target else "OVER TARGET"


def _queue_search():
    """The brokers' queue search through the full Django stack (as bench.measures.queue)."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="broker@demo.local"))
    results, everything = [], []
    with override_settings(DEBUG=False):
        for words in SEARCHES:
            url = "/makelaar/?" + urlencode({"q": words})
            client.get(url)  # warm
            timings = []
            for _ in range(SEARCH_RUNS):
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            everything += timings
            results.append((f"queue search '{words}', p95", f"{_p95(timings):.0f} ms"))
    p95 = _p95(everything)
    return [
        *results,
        (
            "queue search (compound splitting on), p95 over all",
            f"{p95:.0f} ms ({_verdict(p95, TARGET_SEARCH_MS)}, target < {TARGET_SEARCH_MS} ms, "
            f"n={len(everything)}, load {os.getloadavg()[0]:.1f})",
        ),
    ]


def _throughput():
    from config.celery import app
    from messaging.constants import MessageChannel
    from messaging.models import OutboundMessage
    from messaging.services import message_queue

    root = Path(__file__).resolve().parent.parent.parent
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.local"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    with app.connection_for_write() as conn:
        app.control.purge(connection=conn)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
         "--concurrency", "1", "--loglevel", "WARNING", "--without-heartbeat",
         "--without-gossip", "--without-mingle", "-n", f"bench-{os.getpid()}@%h"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not app.control.ping(timeout=0.5):
            if time.monotonic() > deadline:
                return [("outbox: worker did not start", "-")]
        prefix = f"bench:{timezone.now().timestamp()}"
        started = time.perf_counter()
        with transaction.atomic():
            for n in range(MESSAGES):
                message_queue(
                    key=f"{prefix}:{n}",
                    kind="acknowledgement",
                    channel=MessageChannel.EMAIL,
                    subject="Benchmark",
                    body="Dit is een testbericht.",
                    to_email=f"bench{n}@example.nl",
                )
        queued = time.perf_counter() - started
        rows = OutboundMessage.objects.filter(key__startswith=prefix)
        deadline = time.monotonic() + 300
        while rows.filter(sent_at__isnull=True).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        sent = rows.filter(sent_at__isnull=False).count()
        rows.delete()
    finally:
        worker.terminate()
        worker.wait(20)
    return [
        ("outbox: messages queued (one transaction)", f"{MESSAGES} in {queued:.2f} s"),
        ("outbox: messages sent by one worker (locmem)", f"{sent} in {elapsed:.1f} s"),
        ("outbox: throughput, one worker", f"{sent / elapsed:.0f} messages/s"),
    ]


def run():
    only = os.environ.get("BENCH_MATCHING_ONLY")  # "suggestions,search": skip the outbox
    parts = {"suggestions": _suggestions, "search": _queue_search, "outbox": _throughput}
    chosen = only.split(",") if only else list(parts)
    return [row for name in chosen for row in parts[name]()]
