"""Voting (issue 19): 50,000 codes with their letters (target < 2 min); casting ballots
with 100 concurrent voters for 60 s on the production server (gunicorn, config/gunicorn.py),
each opening the ballot page, spending 2-4 s on it and casting, then the next voter
(target p95 < 100 ms, 0 lost, 0 double); Equal Shares for 100 plans and 50,000 ballots
(target < 5 s).

Seeding is the section's own: one round on one neighbourhood budget, made again on
every run. Knobs: BENCH_VOTING_CODES (50000), BENCH_VOTING_VOTERS (100),
BENCH_VOTING_SECONDS (60), BENCH_VOTING_PORT (8112), BENCH_VOTING_BALLOTS (50000)."""

import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent.parent
CODES = int(os.environ.get("BENCH_VOTING_CODES", "50000"))
VOTERS = int(os.environ.get("BENCH_VOTING_VOTERS", "100"))
SECONDS = int(os.environ.get("BENCH_VOTING_SECONDS", "60"))
PORT = int(os.environ.get("BENCH_VOTING_PORT", "8112"))
BALLOTS = int(os.environ.get("BENCH_VOTING_BALLOTS", "50000"))
# Seconds a voter spends on the ballot between opening it and casting (uniform, "low-high").
# "0-0" makes every voter hammer the server: that measures saturation, not voters.
THINK = tuple(float(x) for x in os.environ.get("BENCH_VOTING_THINK", "2-4").split("-"))
TITLE = "Bench: stemming"


def _fresh_round(actor, plans: int):
    """A round in its ballot phase with `plans` plans, made through the services."""
    from budgets.models import NeighbourhoodBudget
    from initiatives.models import Initiative
    from neighbourhoods.models import Neighbourhood
    from voting.constants import BallotRule, CountingMethod, RoundStatus
    from voting.models import VoteRound
    from voting.services import plan_add, plan_check, round_advance, round_create

    for old in VoteRound.objects.filter(title=TITLE):
        # The last run's codes and ballots in one statement each (a cascade would list
        # every id in one query: too many parameters for 50,000 codes).
        headings = "SELECT id FROM voting_heading WHERE round_id = %s"
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM voting_paperballotentry WHERE code_id IN (SELECT id FROM "
                f"voting_votercode WHERE heading_id IN ({headings}))",
                [old.pk],
            )
            cursor.execute(f"DELETE FROM voting_ballot WHERE heading_id IN ({headings})", [old.pk])
            cursor.execute(
                f"DELETE FROM voting_votercode WHERE heading_id IN ({headings})", [old.pk]
            )
        old.delete()
    hood = Neighbourhood.objects.order_by("code").first()
    year = timezone.localdate().year
    budget, _ = NeighbourhoodBudget.objects.get_or_create(
        neighbourhood=hood, year=year, defaults={"amount": 300000}
    )
    today = timezone.localdate()
    vote_round = round_create(
        actor=actor,
        title=TITLE,
        budgets=[(budget, int(budget.amount))],
        dates={
            "plans_until": today,
            "feasibility_until": today,
            "ballot_opens": today,
            "ballot_closes": today + timedelta(days=1),
            "results_on": today + timedelta(days=2),
        },
        ballot_rule=BallotRule.APPROVAL,
        max_choices=None,
        method=CountingMethod.EQUAL_SHARES,
    )
    heading = vote_round.headings.get()
    ideas = Initiative.objects.filter(neighbourhood=hood).order_by("pk")[:plans]
    rng = random.Random(19)
    made = [
        plan_add(
            actor=actor,
            heading=heading,
            initiative=idea,
            # At most the whole amount: a dearer plan is refused when it is added.
            cost=min(
                int(budget.amount), rng.randint(5, 60) * 100 * max(1, int(budget.amount) // 300000)
            ),
            summary="Bench",
            title=f"Plan {idea.pk}",
        )
        for idea in ideas
    ]
    vote_round = round_advance(actor=actor, vote_round=vote_round, to=RoundStatus.FEASIBILITY)
    for plan in made:
        plan_check(actor=actor, plan=plan, feasible=True)
    return vote_round, heading, made


def _codes_and_letters(actor, vote_round) -> list[tuple[str, str]]:
    from voting.models import VoterCode
    from voting.services import codes_issue, letters_render

    rows = "\n".join(f"Benchstraat {n},8011 AB" for n in range(1, CODES + 1))
    started = time.perf_counter()
    batch = codes_issue(
        actor=actor, vote_round=vote_round, upload=f"adres,postcode\n{rows}\n".encode()
    )
    upload = time.perf_counter() - started
    # What the worker does next (voting.tasks.letters_render), here in this process.
    assert letters_render(batch_id=batch.pk)
    seconds = time.perf_counter() - started
    batch.refresh_from_db()
    size = batch.file.size
    batch.file.delete(save=False)
    assert VoterCode.objects.filter(heading__round=vote_round).count() == CODES
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        (f"voting: {CODES:,} codes with letters (target < 120 s)", f"{seconds:.1f} s"),
        ("voting: of which the upload request (checks, codes)", f"{upload:.1f} s"),
        ("voting: letters PDF size", f"{size / 1_000_000:.1f} MB"),
        ("voting: load average after the letters (1/5/15 min)", load),
    ]


def _bench_codes(heading, count: int) -> list[str]:
    """Codes the benchmark knows (the letters' codes are only in their PDF)."""
    from voting.codes import address_digest, code_digest, code_new
    from voting.models import VoterCode

    codes = [code_new() for _ in range(count)]
    VoterCode.objects.bulk_create(
        (
            VoterCode(
                heading=heading,
                digest=code_digest(code),
                address_digest=address_digest(0, f"b{n}", "0000 AA"),
            )
            for n, code in enumerate(codes)
        ),
        batch_size=5000,
    )
    return codes


def _server():
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "False",
        "VOTING_CODE_TRIES_PER_HOUR": "100000000",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )


_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _voter(path, plan_ids, codes, deadline, out, lock):
    """One voter after another on one connection: open the ballot, spend a few seconds on
    it, cast with a fresh code; every fifth time the previous code is tried again (it must
    be refused). Errors are counted, not raised: a dead thread would hide them."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    rng = random.Random()
    previous = None
    while time.monotonic() < deadline:
        with lock:
            if not codes:
                return
            code = codes.pop()
        try:
            used = _one_ballot(conn, path, plan_ids, code, previous, rng, out, lock)
        except (OSError, http.client.HTTPException, AttributeError) as exc:
            with lock:
                out["errors"][type(exc).__name__] = out["errors"].get(type(exc).__name__, 0) + 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            continue
        if used:
            previous = code
        else:
            with lock:
                codes.append(code)


def _one_ballot(conn, path, plan_ids, code, previous, rng, out, lock) -> bool:
    """Whether the fresh code was cast (not when the previous one was tried again)."""
    conn.request("GET", path)
    page = conn.getresponse()
    body = page.read()
    cookie = page.getheader("Set-Cookie", "").split(";")[0]
    token = _TOKEN.search(body).group(1).decode()
    time.sleep(rng.uniform(*THINK))
    reuse = previous is not None and rng.random() < 0.2
    chosen = rng.sample(plan_ids, rng.randint(1, 5))
    fields = [f"csrfmiddlewaretoken={token}", f"code={previous if reuse else code}"]
    form = "&".join(fields + [f"plans={p}" for p in chosen])
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    started = time.perf_counter()
    conn.request("POST", path, body=form, headers=headers)
    answer = conn.getresponse()
    answer.read()
    took = time.perf_counter() - started
    with lock:
        if reuse:
            out["reused"] += 1
            out["reuse_accepted"] += answer.status == 302
        else:
            out["latencies"].append(took)
            out["accepted"] += answer.status == 302  # to the thanks page
            out["other"] += answer.status != 302
    return not reuse


def _casting(vote_round, heading, plans) -> list:
    from voting.constants import CodeStatus, RoundStatus
    from voting.models import Ballot, VoterCode
    from voting.services import round_advance

    actor = vote_round.created_by
    round_advance(actor=actor, vote_round=vote_round, to=RoundStatus.BALLOT_OPEN)
    codes = _bench_codes(heading, VOTERS * SECONDS * 20)
    server = _server()
    path = f"/stemmen/{vote_round.public_id}/wijk/{heading.pk}/"
    out = {
        "latencies": [],
        "accepted": 0,
        "other": 0,
        "reused": 0,
        "reuse_accepted": 0,
        "errors": {},
    }
    lock = threading.Lock()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
                c.request("GET", path)
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        end = time.monotonic() + SECONDS
        threads = [
            threading.Thread(
                target=_voter, args=(path, [p.pk for p in plans], codes, end, out, lock)
            )
            for _ in range(VOTERS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    load = os.getloadavg()
    stored = Ballot.objects.filter(heading=heading).count()
    used = VoterCode.objects.filter(heading=heading, status=CodeStatus.USED).count()
    lat = sorted(out["latencies"])
    p95 = lat[int(len(lat) * 0.95) - 1] * 1000 if lat else float("nan")
    return [
        (
            "voting: voters / seconds",
            f"{VOTERS} / {SECONDS} s, {THINK[0]:g}-{THINK[1]:g} s on each ballot",
        ),
        (
            "voting: ballots cast (accepted answers)",
            f"{out['accepted']:,} ({out['accepted'] / SECONDS:.0f}/s)",
        ),
        (
            "voting: casting p50 / p95 (target p95 < 100 ms)",
            f"{statistics.median(lat) * 1000:.0f} / {p95:.0f} ms" if lat else "-",
        ),
        ("voting: lost (accepted but not stored; target 0)", f"{max(out['accepted'] - stored, 0)}"),
        (
            "voting: double (a used code accepted again; target 0)",
            f"{out['reuse_accepted'] + max(stored - out['accepted'], 0)} of {out['reused']} tries",
        ),
        ("voting: codes used = ballots stored", f"{used:,} = {stored:,}"),
        ("voting: other answers / client errors", f"{out['other']} / {out['errors'] or 0}"),
        ("voting: load average at the end (1/5/15 min)", " / ".join(f"{x:.2f}" for x in load)),
    ]


def _equal_shares() -> list:
    from voting.counting import Candidate, count

    rng = random.Random(2)
    candidates = [Candidate(id=i, number=i, cost=rng.randint(5, 60) * 1000) for i in range(1, 101)]
    liking = [rng.random() for _ in candidates]
    ballots = [
        [c.id for c, like in zip(candidates, liking, strict=True) if rng.random() < like * 0.12]
        for _ in range(BALLOTS)
    ]
    rows = []
    for completion in ("add_one", "greedy_fill"):
        started = time.perf_counter()
        funded = count(
            method="equal_shares",
            completion=completion,
            candidates=candidates,
            ballots=ballots,
            budget=300000,
        )
        rows.append(
            (
                f"voting: Equal Shares ({completion}), 100 plans, {BALLOTS:,} ballots (< 5 s)",
                f"{time.perf_counter() - started:.2f} s, {len(funded)} funded",
            )
        )
    return rows


def run():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-voting", defaults={"is_superuser": True, "is_staff": True}
    )
    yield from _equal_shares()
    vote_round, heading, plans = _fresh_round(user, plans=20)
    yield from _codes_and_letters(user, vote_round)
    yield from _casting(vote_round, heading, plans)
