"""Finding kindred initiatives and offers: PostgreSQL does the searching, Python the
weighing and the reasons (matching.reasons: what each is, written in words when shown).

1. Concepts: the new text's meaningful word stems, its compounds split into their parts
   (initiatives.vocabulary), and the brokers' thesaurus groups it mentions, each group one
   concept ("zwerfafval" and "prikactie" are one thing). The Dutch configuration drops
   stop words, and GENERIC_STEMS the words every idea uses, so texts that only share
   words like "de", "het", "wij", "buurt" never meet.
2. Candidates: open initiatives whose stored document (`match_document`: the text, its
   compounds' parts and its groups' tokens) shares at least two concepts (GIN index), or
   whose title is clearly similar (trigram GIN index). A group is searched as its token
   or any of its words, so a thesaurus change counts at once, before the rebuild.
   An idea sharing one thesaurus group and little else is looked for too ("koor" and
   "samen zingen").
3. Score: the shared concepts' weight against what the text says (each concept weighs
   the more, the rarer it is in Dutch and the fewer stored ideas use it: inverse
   document frequency from matching.models.TermFrequency), title similarity, same theme,
   same neighbourhood, and for offers whether the offer meets a need. Candidates well
   below the best one are left out. Reasons name the real words.
4. Pairs a broker dismissed are never suggested again (matching.services.finding)."""

import itertools
import re
from dataclasses import dataclass, field

from django.db import connection, transaction

from initiatives import vocabulary
from initiatives.constants import OPEN_STATUSES

from . import reasons as reason
from .concepts import (  # noqa: F401 - engine.Weights & co. are the engine's public names
    DEFAULT_WEIGHTS,
    GENERIC_STEMS,
    TUNED,
    Concepts,
    Weights,
    _core,
    _is_group,
    current_weights,
)
from .constants import OFFER_MEETS_NEED

CANDIDATES = 40
# A candidate scoring below this share of the best one is left out: beside a kindred idea,
# a much weaker one is mostly a neighbouring subject ("taalles" beside "taalcafé").
RELATIVE = 0.8
# Ranking reads every matching document: on a large database only the newest matches are
# ranked (a common subject such as "moestuin" can match thousands of cases).
RANKED = 400


# Offers keep their own bar: their score has the need it meets in it.
OFFER_MIN_SCORE = 0.28

# Inlined as a literal so the planner matches the partial indexes' predicate.
_OPEN_SQL = "(" + ", ".join(f"'{status}'" for status in sorted(OPEN_STATUSES)) + ")"

# The stems of a stored document's own text, without its index words: which of its stems
# name a thesaurus group (concepts.Concepts.of_document), as for a query.
_WHOLE_SQL = "tsvector_to_array(to_tsvector('dutch', i.title || ' ' || i.description))"
# Only the constant status list is formatted in; every value is a parameter.
# Full text: open initiatives sharing at least two meaningful stems (the query is an OR of
# stem pairs), best ranked first. One shared word is too weak a sign on its own, and the
# pairs keep the GIN index scan small on a large database. "i.id + 0": the newest matches
# are read through the GIN index, never by walking the primary key backwards in the hope
# of meeting them early. PostgreSQL guesses an OR of a thesaurus group's thirty words to
# match thousands of cases; when it matches two, that walk read all 100,000 (230 ms).
_TEXT_SQL = f"""
    WITH hits AS (
        SELECT i.id FROM initiatives_initiative i
        WHERE i.status IN {_OPEN_SQL}
          AND i.id <> %(exclude)s
          AND i.initiator_id <> %(initiator)s
          AND i.match_document @@ to_tsquery('simple', %(pairs)s)
        ORDER BY i.id + 0 DESC
        LIMIT %(ranked)s
    )
    SELECT i.id, tsvector_to_array(i.match_document), {_WHOLE_SQL}, similarity(i.title, %(title)s),
           i.theme_id, i.neighbourhood_id, i.needs
    FROM initiatives_initiative i JOIN hits USING (id)
    ORDER BY ts_rank_cd(i.match_document, to_tsquery('simple', %(any)s), 1) DESC
    LIMIT %(limit)s
    """  # noqa: S608
# Trigram: open initiatives with a clearly similar title (trigram GIN index).
_TITLE_SQL = f"""
    SELECT i.id, tsvector_to_array(i.match_document), {_WHOLE_SQL}, similarity(i.title, %(title)s),
           i.theme_id, i.neighbourhood_id, i.needs
    FROM initiatives_initiative i
    WHERE i.status IN {_OPEN_SQL}
      AND i.id <> %(exclude)s
      AND i.initiator_id <> %(initiator)s
      AND i.title %% %(title)s
    ORDER BY similarity(i.title, %(title)s) DESC
    LIMIT %(limit)s
    """  # noqa: S608
TITLE_SIMILARITY = 0.5
TITLE_SEARCH_BELOW = 10
MAX_QUERY_STEMS = 12
# rarity (concepts.Concepts.rarity) below which a concept is not searched by: with
# 100,000 cases, a word in more than some 5,600 of them (100,000 ** 0.75).
MIN_SEARCH_RARITY = 0.25


@dataclass
class Candidate:
    score: float
    # What each reason is (matching.reasons), written in words when shown.
    reasons: list[dict] = field(default_factory=list)
    initiative_id: int | None = None
    offer_id: int | None = None
    # The signals behind the score (Weights.score), kept with the suggestion to learn from.
    features: dict = field(default_factory=dict)


def _or_query(concepts: Concepts, picked: list[str]) -> str:
    return " | ".join(concepts.alternatives(c) for c in picked)


def _combinations_query(concepts: Concepts, picked: list[str], size: int) -> str:
    """Matches documents sharing at least `size` of these concepts."""
    quoted = [concepts.alternatives(c) for c in picked]
    return " | ".join(
        "(" + " & ".join(combo) + ")" for combo in itertools.combinations(quoted, size)
    )


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _text_reason(shared: set[str], concepts: Concepts, theirs: set[str]) -> dict:
    shown = sorted({concepts.shown(c, theirs) for c in shared}, key=lambda w: ("≈" not in w, w))
    # A word already named in a group ("moestuin ≈ schooltuin") is not named again.
    named = {word for entry in shown if "≈" in entry for word in re.split(r"[ ,≈]+", entry)}
    shown = [entry for entry in shown if "≈" in entry or entry not in named]
    return reason.words(", ".join(shown[:4]))


def _rows(concepts: Concepts, picked: list[str], params: dict) -> list[tuple]:
    rows = []
    with transaction.atomic(), connection.cursor() as cursor:
        # Ideas sharing three concepts first: on a large database that set is small and
        # the best; only when it is short do the (many more) two-concept matches count.
        if len(picked) >= 3:
            query = _combinations_query(concepts, picked, 3)
            cursor.execute(_TEXT_SQL, params | {"pairs": query})
            rows += cursor.fetchall()
        if len(picked) >= 2 and len(rows) < CANDIDATES // 2:
            cursor.execute(_TEXT_SQL, params | {"pairs": _combinations_query(concepts, picked, 2)})
            seen = {row[0] for row in rows}
            rows += [row for row in cursor.fetchall() if row[0] not in seen]
        groups = [c for c in picked if concepts.is_subject(c)]
        if groups and len(rows) < CANDIDATES // 2:
            # A thesaurus group is one thing said in other words ("koor" and "samen
            # zingen"): on its own it is reason enough to look.
            cursor.execute(_TEXT_SQL, params | {"pairs": _or_query(concepts, groups)})
            seen = {row[0] for row in rows}
            rows += [row for row in cursor.fetchall() if row[0] not in seen]
        if len(rows) < TITLE_SEARCH_BELOW:
            # Few kindred texts: also look for similar titles (other words, typos). With
            # many, the title search adds cost and little else.
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                [str(TITLE_SIMILARITY)],
            )
            cursor.execute(_TITLE_SQL, params | {"limit": 10})
            seen = {row[0] for row in rows}
            rows += [row for row in cursor.fetchall() if row[0] not in seen]
    return rows


def _picked(concepts: Concepts, mine: set[str], title: str, weights: Weights) -> list[str]:
    """The concepts to search by: whole words first (a compound is searched as itself or
    its parts together), then the parts of compounds, as room allows; within each the
    most telling first (rare words also keep the index scan small), title words first."""
    title_words = {w.lower() for w in vocabulary.WORD.findall(title)}
    in_title = concepts.of_stems(s for s, w in concepts.analysis.words.items() if w in title_words)
    whole = concepts.whole(mine)
    # A word in more than about one case in twenty (buurt, kinderen) finds thousands of
    # cases and none in particular: it still counts in the score, but is not searched by.
    telling = {c for c in mine if concepts.rarity(c) >= MIN_SEARCH_RARITY} or mine
    ranked = sorted(
        telling,
        key=lambda c: (
            c not in whole,
            -round(concepts.weight(c, weights), 1),
            c not in in_title,
            c,
        ),
    )
    return ranked[:MAX_QUERY_STEMS]


def initiative_candidates(
    *,
    text: str,
    title: str,
    exclude_id: int | None,
    theme_id: int | None,
    initiator_id: int | None = None,
    neighbourhood_id: int | None,
    needs: list[str],
    weights: Weights | None = None,
) -> list[Candidate]:
    """Open initiatives kindred to this text, best first."""
    weights = weights or current_weights()
    concepts = Concepts.of(text)
    mine = concepts.of_stems(concepts.analysis.stems) - concepts.names(title, text)
    if not mine:
        return []
    picked = _picked(concepts, mine, title, weights)
    params = {
        "title": title,
        "exclude": exclude_id or 0,
        # Two ideas of the same person need no introduction.
        "initiator": initiator_id or 0,
        "any": _or_query(concepts, picked),
        "limit": CANDIDATES,
        "ranked": RANKED,
    }
    # A short text cannot share much: half of what it says counts as a full match.
    full = min(
        weights.evidence, weights.short * sum(concepts.weight(c, weights) for c in _core(mine))
    )
    found = []
    for pk, their_stems, their_whole, title_sim, their_theme, their_hood, their_needs in _rows(
        concepts, picked, params
    ):
        theirs = concepts.of_document(their_stems, their_whole)
        shared = concepts.distinct(mine & theirs)
        if (
            len(shared) < 2
            and title_sim < TITLE_SIMILARITY
            and not any(map(concepts.is_subject, shared))
        ):
            continue
        reasons = [_text_reason(shared, concepts, set(their_stems))] if shared else []
        evidence = sum(concepts.weight(c, weights) for c in shared)
        common_needs = sorted(set(needs) & set(their_needs or []))
        features = {
            "text": round(min(1.0, evidence / full), 4),
            "title": round(title_sim, 4),
            "theme": int(bool(theme_id and their_theme == theme_id)),
            "neighbourhood": int(bool(neighbourhood_id and their_hood == neighbourhood_id)),
            "needs": int(bool(common_needs)),
        }
        score = weights.score(features)
        if title_sim >= 0.4:
            reasons.append(reason.code(reason.TITLE))
        if features["theme"]:
            reasons.append(reason.code(reason.THEME))
        if features["neighbourhood"]:
            reasons.append(reason.code(reason.NEIGHBOURHOOD))
        if common_needs:
            reasons.append(reason.needs(common_needs))
        if score >= weights.minimum and shared:
            found.append(
                Candidate(
                    score=round(score, 4), reasons=reasons, initiative_id=pk, features=features
                )
            )
    found.sort(key=lambda c: -c.score)
    # Well below the best is another subject near it, not the same one.
    return [c for c in found if c.score >= RELATIVE * found[0].score]


def candidates_for(initiative, *, weights: Weights | None = None) -> list[Candidate]:
    """Open initiatives kindred to a stored one: its text, theme, place and needs; never
    itself, nor another idea of its initiator."""
    return initiative_candidates(
        text=f"{initiative.title} {initiative.description}",
        title=initiative.title,
        exclude_id=initiative.pk,
        initiator_id=initiative.initiator_id,
        theme_id=initiative.theme_id,
        neighbourhood_id=initiative.neighbourhood_id,
        needs=initiative.needs,
        weights=weights,
    )


def offer_candidates(
    *, text: str, theme_id: int | None, neighbourhood_id: int | None, needs: list[str]
) -> list[Candidate]:
    """Open offers that fit an initiative: their words, place, theme, and whether what
    they offer meets what the initiative needs. Offers are few: searched without index,
    each read as an idea's stored document (compounds split, the same thesaurus rule)."""
    concepts = Concepts.of(text)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT o.id, o.description, o.kind, o.theme_id, o.neighbourhood_id
            FROM matching_offer o
            WHERE o.status = 'open' AND o.anonymised_at IS NULL
            """
        )
        rows = cursor.fetchall()
    # An offer is read as an idea's stored document is: its compounds split, and a
    # thesaurus group named by the same rule (vocabulary.naming_stems).
    documents = vocabulary.document_stems([row[1] for row in rows])
    mine = concepts.of_stems(concepts.analysis.stems)
    wanted_kinds = {kind for need in needs for kind in OFFER_MEETS_NEED.get(need, ())}
    found = []
    for (pk, _text, kind, their_theme, their_hood), (their_stems, their_whole) in zip(
        rows, documents, strict=True
    ):
        theirs = concepts.of_document(their_stems, their_whole)
        shared = mine & theirs
        score = 0.6 * min(1.0, _dice(mine, theirs) * 1.6)
        reasons = [_text_reason(shared, concepts, set(their_stems))] if shared else []
        if kind in wanted_kinds:
            score += 0.2
            reasons.append(reason.offer_kind(kind))
        if neighbourhood_id and their_hood == neighbourhood_id:
            score += 0.1
            reasons.append(reason.code(reason.NEIGHBOURHOOD))
        if theme_id and their_theme == theme_id:
            score += 0.1
            reasons.append(reason.code(reason.THEME))
        if score >= OFFER_MIN_SCORE and (shared or kind in wanted_kinds):
            found.append(Candidate(score=round(score, 4), reasons=reasons, offer_id=pk))
    return sorted(found, key=lambda c: -c.score)
