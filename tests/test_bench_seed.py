"""The benchmark's set-based seeding (bench/seed.py, bench/measures/figures.py) writes raw
SQL, so a new NOT NULL column on a seeded table breaks `make bench` on a fresh database
and nothing else notices. Here it runs at a small size against the real schema."""

import pytest
from django.utils import timezone

from bench import seed
from bench.measures import figures as figures_bench
from budgets.models import FundingLine, Grant, NeighbourhoodBudget
from initiatives.models import Initiative, Initiator
from neighbourhoods.models import Neighbourhood

pytestmark = pytest.mark.django_db


def test_seed_fills_up_to_its_target(monkeypatch):
    monkeypatch.setattr(seed, "TARGET", 40)

    results = dict(seed.run())

    # seed_demo's ideas plus the bulk rows: the bulk part tops up what was there before
    # the demo (nothing), so the total is the target plus the demo's own ideas.
    bulk = Initiative.objects.filter(reference__startswith="B")
    assert bulk.count() == 40
    assert results["seed: initiatives"] == f"{Initiative.objects.count():,}"
    assert set(
        Initiator.objects.filter(initiatives__in=bulk).values_list("language", flat=True)
    ) == {"nl"}
    # A second run finds enough rows and reuses them.
    assert "seed: initiatives present (reused)" in dict(seed.run())


def test_figures_bench_seeds_funding_and_budgets(monkeypatch):
    monkeypatch.setattr(seed, "TARGET", 400)
    seed.run()
    year = timezone.localdate().year - 1
    realised_before = FundingLine.objects.count()

    lines = figures_bench._seed_funding(year)

    realised = Initiative.objects.filter(status="realised").count()
    assert lines == FundingLine.objects.count() == realised_before + realised
    assert NeighbourhoodBudget.objects.filter(year=year).count() == Neighbourhood.objects.count()
    bench_grants = Grant.objects.filter(purpose="Bench")
    assert all(grant.budget.year == year for grant in bench_grants.select_related("budget"))
