"""Yearly figures on the 100,000-initiative database: computing one year (target < 2 s,
aggregated in PostgreSQL) and writing its XLSX (peak memory, target < 200 MB)."""

import io
import resource
import time
import tracemalloc

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def run():
    from figures.exports import figures_csv, figures_xlsx
    from figures.selectors import figures_comparison, figures_for_year, initiatives_of_year

    year = timezone.localdate().year - 1
    ideas = initiatives_of_year(year).count()
    results = [("figures: year measured", f"{year} ({ideas:,} ideas of that year)")]

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
