"""Learning from the brokers: the weights that best separate the suggestions brokers
took up from those they set aside as being about something else.

A suggestion keeps the engine's signals from when it was found (features); a decided one
is a labelled example: accepted, introduced or declined (the broker saw a match; the
parties' answer is another matter) counts as kindred, dismissed as "about something
else" as not kindred. Other reasons to set one aside (they know each other, not now)
say nothing about the match and are left out. A weight set predicts "suggest" when its
score reaches its minimum; precision and recall are counted over the history."""

import dataclasses
import itertools
import logging

from django.db import transaction

from .. import engine
from ..constants import DismissReason, SuggestionStatus
from ..models import MatchSuggestion, MatchWeights

logger = logging.getLogger(__name__)

KINDRED = (SuggestionStatus.ACCEPTED, SuggestionStatus.INTRODUCED, SuggestionStatus.DECLINED)
MIN_DECISIONS = 20
GRID = {
    "text": (0.5, 0.6, 0.7, 0.8),
    "theme": (0.0, 0.1, 0.15, 0.2),
    "neighbourhood": (0.0, 0.05, 0.1, 0.15),
    "minimum": (0.35, 0.4, 0.45, 0.5, 0.55, 0.6),
}


@dataclasses.dataclass
class Fit:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def decisions() -> list[tuple[dict, bool]]:
    """(features, kindred) for every decided pair of initiatives that has features."""
    rows = MatchSuggestion.objects.filter(other_initiative__isnull=False).exclude(features={})
    kindred = rows.filter(status__in=KINDRED).values_list("features", flat=True)
    other = rows.filter(
        status=SuggestionStatus.DISMISSED, decision_reason=DismissReason.OTHER_SUBJECT
    ).values_list("features", flat=True)
    return [(f, True) for f in kindred] + [(f, False) for f in other]


def fit(weights: engine.Weights, history: list[tuple[dict, bool]]) -> Fit:
    predicted = [(weights.score(f) >= weights.minimum, truth) for f, truth in history]
    hits = sum(1 for p, t in predicted if p and t)
    said = sum(1 for p, _t in predicted if p)
    kindred = sum(1 for _p, t in predicted if t)
    return Fit(precision=hits / said if said else 0.0, recall=hits / kindred if kindred else 0.0)


def weights_tune(*, history=None) -> tuple[engine.Weights, Fit, engine.Weights, Fit]:
    """(current, its fit, best, its fit): the best by F1, precision first on a tie."""
    history = decisions() if history is None else history
    current = engine.current_weights()
    before = fit(current, history)
    best, best_fit = current, before
    names = list(GRID)
    for values in itertools.product(*(GRID[n] for n in names)):
        candidate = dataclasses.replace(current, **dict(zip(names, values, strict=True)))
        result = fit(candidate, history)
        if (result.f1, result.precision) > (best_fit.f1, best_fit.precision):
            best, best_fit = candidate, result
    return current, before, best, best_fit


def weights_apply(*, weights: engine.Weights, used: int, before: Fit, after: Fit) -> MatchWeights:
    """Put tuned weights in force (a new row; the older ones stay as history)."""
    with transaction.atomic():
        row = MatchWeights.objects.create(
            **{name: getattr(weights, name) for name in (*engine.TUNED, "minimum")},
            decisions=used,
            precision_before=before.precision,
            recall_before=before.recall,
            precision_after=after.precision,
            recall_after=after.recall,
        )
    logger.info("event=match_weights_tuned weights_id=%s decisions=%s", row.pk, used)
    return row
