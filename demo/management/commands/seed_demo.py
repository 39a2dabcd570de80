"""Demo data for `make run`: a municipality's neighbourhoods, the network, one account
per role and about 60 ideas over every status and channel. Safe to run again."""

import random

from django.core.management.base import BaseCommand

from demo import brokers as brokers_demo
from demo import budgets as budgets_demo
from demo import cases as cases_demo
from demo import followups as followups_demo
from demo import matching as matching_demo
from demo import places as places_demo
from demo import residents as residents_demo
from demo import staff as staff_demo
from demo import voting as voting_demo
from initiatives.models import Initiative
from neighbourhoods.models import Neighbourhood


class Command(BaseCommand):
    help = "Load demo data (idempotent)."

    def handle(self, *args, **options):
        rng = random.Random(2026)  # noqa: S311 - demo data, not security
        places_demo.seed()
        staff = staff_demo.seed()
        staff_demo.organisations_seed()
        created = cases_demo.seed(rng=rng, staff=staff)
        # Each capability adds its own demo data on top of the cases above.
        residents_demo.seed(rng=rng, staff=staff)
        brokers_demo.seed(rng=rng, staff=staff)
        budgets_demo.seed(rng=rng, staff=staff)
        followups_demo.seed(rng=rng, staff=staff)
        matching_demo.seed(rng=rng, staff=staff)
        voting_demo.seed(rng=rng, staff=staff)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {Neighbourhood.objects.count()} neighbourhoods, "
                f"{Initiative.objects.count()} initiatives ({created} new)."
            )
        )
