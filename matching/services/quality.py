"""Measuring the matching on a labelled set: ideas the way residents wrote them, grouped by
which of them are one idea, with look-alike pairs that are not (tests/matching/data has
the platform's own). Loaded as open cases, indexed as the beat jobs index new ones, and
each asked for its three best suggestions: precision@3 and recall@3 of the kindred pairs.

Used by the quality test and by `manage.py matching_quality FILE`, with which a
municipality can measure the matching on its own labelled cases."""

import itertools
from dataclasses import dataclass, field

from django.utils import timezone

from initiatives.constants import Channel, InitiatorKind, PreferredChannel
from initiatives.models import Initiative, Initiator, Theme
from initiatives.services import initiative_index

from .. import engine
from .stats import match_term_stats_refresh

TOP = 3


class LabelledSetError(ValueError):
    """The file is not a labelled set; the message says what is wrong, in words."""


@dataclass
class Quality:
    precision: float
    recall: float
    suggestions: int
    kindred_pairs: int
    # Pairs (frozensets of keys) suggested in either direction, and look-alikes among them.
    found: set = field(default_factory=set)
    look_alikes_suggested: list = field(default_factory=list)


def labelled_set_check(data) -> None:
    """Raise LabelledSetError unless `data` has the shape of a labelled set."""
    ideas = data.get("ideas") if isinstance(data, dict) else None
    if not isinstance(ideas, list) or not ideas:
        raise LabelledSetError('expected an object with a non-empty list "ideas"')
    keys = set()
    for number, idea in enumerate(ideas, start=1):
        missing = {"key", "title", "description", "theme", "group"} - set(idea)
        if missing:
            raise LabelledSetError(f"idea {number} lacks {', '.join(sorted(missing))}")
        if idea["key"] in keys:
            raise LabelledSetError(f"key {idea['key']!r} is used twice")
        keys.add(idea["key"])
    for pair in data.get("dont_pairs", []):
        if len(pair) != 2 or not set(pair) <= keys:
            raise LabelledSetError(f"look-alike pair {pair!r} names an unknown idea")
    themes = set(Theme.objects.values_list("slug", flat=True))
    unknown = sorted({idea["theme"] for idea in ideas} - themes)
    if unknown:
        raise LabelledSetError(
            f"unknown theme {', '.join(unknown)} (known: {', '.join(sorted(themes))})"
        )


def labelled_set_load(data) -> dict[str, Initiative]:
    """Each idea as an open case of its own initiator, indexed and counted (idf) as the
    beat jobs do for new cases. Call inside a transaction that is rolled back."""
    labelled_set_check(data)
    themes = dict(Theme.objects.values_list("slug", "pk"))
    now = timezone.now()
    by_key = {}
    for number, idea in enumerate(data["ideas"], start=1):
        initiator = Initiator.objects.create(
            kind=InitiatorKind.RESIDENT,
            name=f"labelled {number}",
            preferred_channel=PreferredChannel.EMAIL,
        )
        by_key[idea["key"]] = Initiative.objects.create(
            reference=f"LABEL-{number}",
            title=idea["title"],
            description=idea["description"],
            theme_id=themes[idea["theme"]],
            initiator=initiator,
            channel=Channel.WEB,
            submitted_at=now,
            first_contact_due=now.date(),
        )
    initiative_index(initiative_ids=[initiative.pk for initiative in by_key.values()])
    match_term_stats_refresh()
    return by_key


def quality_measure(data, by_key: dict[str, Initiative], weights=None) -> Quality:
    """Precision@3 (share of suggestions that are kindred) and recall@3 (share of kindred
    pairs suggested from either side) of the loaded set."""
    weights = weights or engine.current_weights()
    key_of = {initiative.pk: key for key, initiative in by_key.items()}
    group = {idea["key"]: idea["group"] for idea in data["ideas"]}
    kindred = {
        frozenset(pair)
        for pair in itertools.combinations(by_key, 2)
        if group[pair[0]] and group[pair[0]] == group[pair[1]]
    }
    found, suggested, correct = set(), 0, 0
    for key, initiative in by_key.items():
        for candidate in engine.candidates_for(initiative, weights=weights)[:TOP]:
            pair = frozenset({key, key_of[candidate.initiative_id]})
            suggested += 1
            correct += pair in kindred
            found.add(pair)
    return Quality(
        precision=correct / suggested if suggested else 0.0,
        recall=len(found & kindred) / len(kindred) if kindred else 0.0,
        suggestions=suggested,
        kindred_pairs=len(kindred),
        found=found,
        look_alikes_suggested=[
            pair for pair in data.get("dont_pairs", []) if frozenset(pair) in found
        ],
    )
