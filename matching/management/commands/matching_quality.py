"""Measure the matching on a labelled set (matching.services.quality) and print precision@3
and recall@3, as the quality test counts them:

    manage.py matching_quality tests/matching/data/labelled_ideas_10.json

The ideas are loaded as open cases inside a transaction that is rolled back, so nothing
stays behind; run it on a database without cases (other open cases would be suggested
too, and the figures would mean something else): a fresh one, migrated."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from initiatives.models import Initiative
from matching import engine
from matching.services.quality import LabelledSetError, labelled_set_load, quality_measure


class Command(BaseCommand):
    help = "Precision@3 and recall@3 of the matching on a labelled set of ideas."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="labelled set(s), JSON")
        parser.add_argument(
            "--default-weights",
            action="store_true",
            help="the shipped weights, not the ones tuned on this database's decisions",
        )

    def handle(self, *args, files, default_weights=False, **options):
        if Initiative.objects.exists():
            raise CommandError(
                "this database holds cases, which would be suggested too: run on a fresh, "
                "migrated database (DATABASE_URL=...)"
            )
        weights = engine.DEFAULT_WEIGHTS if default_weights else engine.current_weights()
        for name in files:
            self.stdout.write(f"{name}: {self._measure(Path(name), weights)}")

    def _measure(self, path: Path, weights) -> str:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{path}: cannot read it as JSON ({error})") from error
        with transaction.atomic():
            try:
                quality = quality_measure(data, labelled_set_load(data), weights)
            except LabelledSetError as error:
                raise CommandError(f"{path}: {error}") from error
            transaction.set_rollback(True)
        look_alikes = len(data.get("dont_pairs", []))
        return (
            f"{len(data['ideas'])} ideas, {quality.kindred_pairs} kindred pairs: "
            f"precision@3 {quality.precision:.2f}, recall@3 {quality.recall:.2f} "
            f"({quality.suggestions} suggestions; {len(quality.look_alikes_suggested)} of "
            f"{look_alikes} look-alike pairs suggested)"
        )
