"""Tune the matching weights on the brokers' decisions and print precision and recall
before and after (matching.services.tuning). Nothing changes without --apply."""

from django.core.management.base import BaseCommand

from matching.services.tuning import MIN_DECISIONS, decisions, weights_apply, weights_tune


class Command(BaseCommand):
    help = "Tune the matching weights on accepted and dismissed suggestions."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="put the new weights in force")

    def handle(self, *args, apply=False, **options):
        history = decisions()
        kindred = sum(1 for _f, truth in history if truth)
        self.stdout.write(
            f"decisions: {len(history)} ({kindred} kindred, {len(history) - kindred} "
            "about something else)"
        )
        current, before, best, after = weights_tune(history=history)
        for label, weights, result in (("before", current, before), ("after", best, after)):
            self.stdout.write(
                f"{label}: precision {result.precision:.2f}, recall {result.recall:.2f} "
                f"(text {weights.text}, title {weights.title}, theme {weights.theme}, "
                f"neighbourhood {weights.neighbourhood}, needs {weights.needs}, "
                f"minimum {weights.minimum})"
            )
        if not apply:
            self.stdout.write("not applied (run with --apply to put these weights in force)")
        elif len(history) < MIN_DECISIONS:
            self.stdout.write(f"not applied: fewer than {MIN_DECISIONS} decisions to learn from")
        else:
            row = weights_apply(weights=best, used=len(history), before=before, after=after)
            self.stdout.write(f"applied: weights #{row.pk} are in force")
