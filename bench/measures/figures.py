"""Yearly figures on the 100,000-initiative database: computing one year (target < 2 s,
aggregated in PostgreSQL) and writing its XLSX (peak memory, target < 200 MB)."""

import io
import resource
import time
import tracemalloc

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def _seed_funding(year: int) -> int:
    """Funding lines for the realised bench ideas (once), and a budget with grants per
    neighbourhood for the year, so the EXISTS and budget sums have real work to do."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM neighbourhoods_fundingline")
        (lines,) = cursor.fetchone()
        if lines < 10_000:
            cursor.execute(
                """
                INSERT INTO neighbourhoods_fundingline
                  (initiative_id, source, amount, note, created_at)
                SELECT i.id,
                       (ARRAY['none','none','in_kind','fund','sponsor','wijkbudget','none',
                              'crowdfunding'])[1 + i.id % 8],
                       NULL, '', now()
                FROM initiatives_initiative i
                WHERE i.status = 'realised'
                """
            )
        cursor.execute(
            """
            INSERT INTO neighbourhoods_neighbourhoodbudget
              (neighbourhood_id, year, amount, holder, holder_name, rules, created_at, updated_at)
            SELECT n.id, %s, 50000, 'municipality', '', '', now(), now()
            FROM neighbourhoods_neighbourhood n
            ON CONFLICT DO NOTHING
            """,
            [year],
        )
        cursor.execute("SELECT count(*) FROM neighbourhoods_grant WHERE purpose = 'Bench'")
        if cursor.fetchone()[0]:
            return lines
        cursor.execute(
            """
            INSERT INTO neighbourhoods_grant
              (budget_id, initiative_id, amount_requested, purpose, beneficiaries, status,
               decision, amount_approved, decision_reason, story, story_public, actual_spend,
               created_at, updated_at)
            SELECT b.id, i.id, 500, 'Bench', 'Bench',
                   (ARRAY['requested','approved','paid','accounted'])[1 + (i.id / 200) %% 4],
                   CASE WHEN (i.id / 200) %% 4 = 0 THEN '' ELSE 'approve' END,
                   CASE WHEN (i.id / 200) %% 4 = 0 THEN NULL ELSE 400 END, '', '', false,
                   CASE WHEN (i.id / 200) %% 4 = 3 THEN 350 END, now(), now()
            FROM initiatives_initiative i
            JOIN neighbourhoods_neighbourhoodbudget b
              ON b.neighbourhood_id = i.neighbourhood_id AND b.year = %s
            WHERE i.id %% 200 = 0
            """,
            [year],
        )
        cursor.execute("ANALYZE neighbourhoods_fundingline")
        cursor.execute("ANALYZE neighbourhoods_grant")
        cursor.execute("SELECT count(*) FROM neighbourhoods_fundingline")
        return cursor.fetchone()[0]


def run():
    from figures.exports import figures_csv, figures_xlsx
    from figures.selectors import figures_comparison, figures_for_year, initiatives_of_year

    year = timezone.localdate().year - 1
    ideas = initiatives_of_year(year).count()
    results = [("figures: year measured", f"{year} ({ideas:,} ideas of that year)")]
    results.append(("figures: funding lines in the database", f"{_seed_funding(year):,}"))

    figures_for_year(year)  # warm the caches once, as a server would be
    timings = []
    for _ in range(3):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            figures = figures_for_year(year)
            timings.append(time.perf_counter() - started)
    results.append(
        (
            "figures: compute one year (best/worst of 3)",
            f"{min(timings):.2f} s / {max(timings):.2f} s in {len(queries)} queries (target < 2 s)",
        )
    )
    started = time.perf_counter()
    figures_comparison(up_to=year)
    results.append(("figures: comparison with 5 years", f"{time.perf_counter() - started:.2f} s"))

    tracemalloc.start()
    started = time.perf_counter()
    buffer = io.BytesIO()
    figures_xlsx(figures, buffer)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    results.append(
        (
            "figures: write XLSX (time, peak Python memory)",
            f"{seconds:.2f} s, {peak / 2**20:.1f} MB (target < 200 MB), "
            f"{len(buffer.getvalue()) / 1024:.0f} KB",
        )
    )
    started = time.perf_counter()
    figures_csv(figures)
    results.append(("figures: write CSV", f"{time.perf_counter() - started:.3f} s"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.append(("figures: process max RSS so far", f"{rss:.0f} MB"))
    return results
