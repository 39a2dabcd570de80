"""Recount a Pabulib (.pb) file with our count: ours, published on a round's page, or any
file from pabulib.org. Prints the funded projects and the money they take.

    manage.py pabulib_count stemming-12.pb [--method greedy|equal_shares]
        [--completion add_one|greedy_fill]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from voting.constants import Completion, CountingMethod
from voting.pabulib import PabulibError, pabulib_read

RULES = {
    "greedy": (CountingMethod.GREEDY, Completion.ADD_ONE),
    "equalshares/add1": (CountingMethod.EQUAL_SHARES, Completion.ADD_ONE),
    "equalshares": (CountingMethod.EQUAL_SHARES, Completion.GREEDY_FILL),
}


class Command(BaseCommand):
    help = "Recount a Pabulib (.pb) file with the platform's counting methods."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--method", choices=CountingMethod.values)
        parser.add_argument("--completion", choices=Completion.values)

    def handle(self, *args, file, method=None, completion=None, **options):
        try:
            election = pabulib_read(Path(file).read_text(encoding="utf-8"))
        except (OSError, PabulibError) as exc:
            raise CommandError(str(exc)) from exc
        default = RULES.get(election.meta.get("rule", ""), RULES["greedy"])
        method, completion = method or default[0], completion or default[1]
        funded = election.recount(method=method, completion=completion)
        cost = sum(int(float(election.projects[pid]["cost"])) for pid in funded)
        self.stdout.write(f"method: {method} ({completion}); budget {election.meta['budget']}")
        self.stdout.write(f"funded ({len(funded)}, {cost} together): {', '.join(funded)}")
