"""Finding kindred initiatives and offers: PostgreSQL does the searching, Python the
weighing and the reasons in words.

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

import dataclasses
import itertools
import math
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from initiatives import vocabulary
from initiatives.constants import OPEN_STATUSES, Need

from .constants import OFFER_MEETS_NEED, TERM_TOTAL, OfferKind

# Stems that say nothing about what an idea is about, on top of PostgreSQL's Dutch stop
# words (which miss pronouns such as "wij" and "hen" and common verbs): every idea is
# for "de buurt", "samen", with "mensen". Stems as the Dutch snowball stemmer makes them.
_GENERIC = """
    all allemal ander beginn beter bewoner bijvoorbeeld buurt daarom dag ded denk denkt ding
    doet echt eig elk erg even fijn gan gat gedan gemaakt gemeent ging goed graag grag had hel
    help hen hulp idee ideeen ieder iederen jar jou jouw jullie kan ker kom komt kond kunn kwam
    lat leuk maakt mak manier men mens minder moest moet mog mooi nieuw onz organisatie
    organiser plan plann sam som stan start stat sted strat tijd vak vind vindt war weinig wek
    wer wet wij wijk wil wild will zien ziet zoal zoud zull
    actie avond groep middag ochtend project maand
    blijft blijv breng bur daarna drie een elkar end gebruik geeft grot kijk klein krijg krijgt
    kunt lop mag mee nem nooit par per ten tek toe twee zet zodat over
"""
GENERIC_STEMS = frozenset(_GENERIC.split())

CANDIDATES = 40
# A candidate scoring below this share of the best one is left out: beside a kindred idea,
# a much weaker one is mostly a neighbouring subject ("taalles" beside "taalcafé").
RELATIVE = 0.8
# Ranking reads every matching document: on a large database only the newest matches are
# ranked (a common subject such as "moestuin" can match thousands of cases).
RANKED = 400


@dataclass(frozen=True)
class Weights:
    """How much each sign counts (tuned on the brokers' decisions by
    `manage.py tune_matching`, stored in matching.models.MatchWeights)."""

    text: float = 0.6
    title: float = 0.15
    theme: float = 0.15
    neighbourhood: float = 0.1
    needs: float = 0.03
    minimum: float = 0.5
    # Shared evidence that counts as a full text match: the sum of the shared concepts'
    # weights (a rare word weighs more than a common one, a thesaurus group most).
    evidence: float = 6.0
    group: float = 3.0
    short: float = 0.35

    def score(self, features: dict) -> float:
        """The score of a pair from its signals (each 0..1)."""
        return sum(getattr(self, name) * features.get(name, 0) for name in TUNED)


TUNED = ("text", "title", "theme", "neighbourhood", "needs")
DEFAULT_WEIGHTS = Weights()


def current_weights() -> Weights:
    """The weights in force: the newest tuned ones (matching.models.MatchWeights)."""
    from .models import MatchWeights

    row = MatchWeights.objects.first()
    if row is None:
        return DEFAULT_WEIGHTS
    return dataclasses.replace(
        DEFAULT_WEIGHTS, **{name: getattr(row, name) for name in (*TUNED, "minimum")}
    )


# Offers keep their own bar: their score has the need it meets in it.
OFFER_MIN_SCORE = 0.28

# Inlined as a literal so the planner matches the partial indexes' predicate.
_OPEN_SQL = "(" + ", ".join(f"'{status}'" for status in sorted(OPEN_STATUSES)) + ")"

# Only the constant status list is formatted in; every value is a parameter.
# Full text: open initiatives sharing at least two meaningful stems (the query is an OR of
# stem pairs), best ranked first. One shared word is too weak a sign on its own, and the
# pairs keep the GIN index scan small on a large database.
_TEXT_SQL = f"""
    WITH hits AS (
        SELECT i.id FROM initiatives_initiative i
        WHERE i.status IN {_OPEN_SQL}
          AND i.id <> %(exclude)s
          AND i.initiator_id <> %(initiator)s
          AND i.match_document @@ to_tsquery('simple', %(pairs)s)
        ORDER BY i.id DESC
        LIMIT %(ranked)s
    )
    SELECT i.id, tsvector_to_array(i.match_document), similarity(i.title, %(title)s),
           i.theme_id, i.neighbourhood_id, i.needs
    FROM initiatives_initiative i JOIN hits USING (id)
    ORDER BY ts_rank_cd(i.match_document, to_tsquery('simple', %(any)s), 1) DESC
    LIMIT %(limit)s
    """  # noqa: S608
# Trigram: open initiatives with a clearly similar title (trigram GIN index).
_TITLE_SQL = f"""
    SELECT i.id, tsvector_to_array(i.match_document), similarity(i.title, %(title)s),
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


@dataclass
class Candidate:
    score: float
    reasons: list[str] = field(default_factory=list)
    initiative_id: int | None = None
    offer_id: int | None = None
    # The signals behind the score (Weights.score), kept with the suggestion to learn from.
    features: dict = field(default_factory=dict)


def _stems(text: str) -> list[str]:
    return [s for s in vocabulary.analyse(text).stems if _meaningful(s)]


def _meaningful(stem: str) -> bool:
    return stem not in GENERIC_STEMS and len(stem) > 2


def _quote(stem: str) -> str:
    return "'" + stem.replace("'", "''") + "'"


@dataclass
class Concepts:
    """What a text is about: its meaningful stems, a thesaurus group counting as one."""

    analysis: vocabulary.Analysis
    group_of: dict[str, int] = field(default_factory=dict)
    # In how many of `documents` stored documents each concept occurs (TermFrequency).
    frequencies: dict[str, int] = field(default_factory=dict)
    documents: int = 0

    @classmethod
    def of(cls, text: str) -> "Concepts":
        analysis = vocabulary.analyse(text)
        concepts = cls(analysis=analysis, group_of=analysis.group_of())
        concepts.documents, concepts.frequencies = _frequencies(
            concepts.of_stems(analysis.stems) | set(concepts.group_of)
        )
        return concepts

    def concept(self, stem: str) -> str | None:
        if stem.startswith(vocabulary.SYNONYM_PREFIX) and stem[3:].isdigit():
            return stem if int(stem[3:]) in self.analysis.groups else None
        if stem in self.group_of:
            return vocabulary.token(self.group_of[stem])
        return stem if _meaningful(stem) else None

    def of_stems(self, stems) -> set[str]:
        return {c for c in map(self.concept, stems) if c}

    def weight(self, concept: str, weights: "Weights") -> float:
        """How telling a shared concept is: a thesaurus group a lot; a word the more, the
        rarer it is in Dutch (word frequency from the wordfreq package); and either the
        less, the more of the stored ideas use it (inverse document frequency: in
        initiative texts "kinderen", "school" and "vrijwilligers" say little)."""
        if concept.startswith(vocabulary.SYNONYM_PREFIX) and concept[3:].isdigit():
            base = weights.group
        else:
            base = _word_weight(self.analysis.tokens.get(concept, concept))
        return base * self.rarity(concept)

    def rarity(self, concept: str) -> float:
        """1 for a word no other idea uses, towards 0 for one every idea uses. Below
        MIN_DOCUMENTS counted documents the counts say nothing yet: 1."""
        if self.documents < MIN_DOCUMENTS:
            return 1.0
        if concept.startswith(vocabulary.SYNONYM_PREFIX) and concept[3:].isdigit():
            # Before the rebuild a group's documents are also those with its words.
            found = max(
                [self.frequencies.get(concept, 1)]
                + [self.frequencies.get(s, 1) for s in self.analysis.groups[int(concept[3:])]]
            )
        else:
            found = self.frequencies.get(concept, 1)
        total = self.documents + 1
        return max(0.05, min(1.0, math.log(total / (found + 0.5)) / math.log(total)))

    def whole(self, mine: set[str]) -> set[str]:
        """This text's concepts less the parts of its compounds."""
        parts = {
            self.concept(part)
            for compound, found in self.analysis.compounds.items()
            if self.concept(compound)
            for part in found
        }
        return _core(mine - parts) or mine

    def distinct(self, shared: set[str]) -> set[str]:
        """One shared compound counts once, not again for each of its parts."""
        parts = set().union(*(self.analysis.compounds.get(c, ()) for c in shared))
        return shared - parts

    def alternatives(self, concept: str) -> str:
        """A concept in a tsquery: a stem, or a group's token or any of its words."""
        if concept.startswith(vocabulary.SYNONYM_PREFIX) and concept[3:].isdigit():
            members = self.analysis.groups[int(concept[3:])]
            return "(" + " | ".join(map(_quote, [concept, *sorted(members)])) + ")"
        parts = sorted(self.analysis.compounds.get(concept, ()))
        if len(parts) >= 2:
            return f"({_quote(concept)} | (" + " & ".join(map(_quote, parts)) + "))"
        return _quote(concept)

    def shown(self, concept: str, theirs: set[str]) -> str:
        """The real words: "zwerfafval ≈ prikactie" for a group, else the word itself."""
        if concept.startswith(vocabulary.SYNONYM_PREFIX) and concept[3:].isdigit():
            members = self.analysis.groups[int(concept[3:])]
            mine = sorted({self.analysis.words[s] for s in members if s in self.analysis.words})
            their = sorted({word for stem, word in members.items() if stem in theirs} - set(mine))
            return " ≈ ".join(filter(None, [", ".join(mine[:2]), ", ".join(their[:2])]))
        return self.analysis.words.get(concept, concept)


MIN_DOCUMENTS = 20


def _frequencies(concepts: set[str]) -> tuple[int, dict[str, int]]:
    """(documents counted, {concept: documents with it}) from matching.models.TermFrequency."""
    terms = sorted({*concepts, TERM_TOTAL})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, documents FROM matching_termfrequency WHERE term = ANY(%s)", [terms]
        )
        found = dict(cursor.fetchall())
    return found.pop(TERM_TOTAL, 0), found


def _word_weight(word: str) -> float:
    return min(3.0, max(0.3, 6.5 - vocabulary.zipf(word)))


def _is_group(concept: str) -> bool:
    return concept.startswith(vocabulary.SYNONYM_PREFIX) and concept[3:].isdigit()


def _core(concepts: set[str]) -> set[str]:
    """Concepts less the parts of compounds beside them ("werk" beside "werkplaats"),
    so that splitting does not make a text look about more things than it is."""
    return {c for c in concepts if not any(c != other and c in other for other in concepts)}


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


def _text_reason(shared: set[str], concepts: Concepts, theirs: set[str]) -> str:
    shown = sorted({concepts.shown(c, theirs) for c in shared}, key=lambda w: ("≈" not in w, w))
    # A word already named in a group ("moestuin ≈ schooltuin") is not named again.
    named = {word for entry in shown if "≈" in entry for word in re.split(r"[ ,≈]+", entry)}
    shown = [entry for entry in shown if "≈" in entry or entry not in named]
    return _("Gaat ook over: %(words)s") % {"words": ", ".join(shown[:4])}


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
        groups = [c for c in picked if _is_group(c)]
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
    mine = concepts.of_stems(concepts.analysis.stems)
    if not mine:
        return []
    # Title words first, then groups and the longest (most telling) stems.
    title_words = {w.lower() for w in vocabulary.WORD.findall(title)}
    in_title = concepts.of_stems(s for s, w in concepts.analysis.words.items() if w in title_words)
    # Whole words first (a compound is searched as itself or its parts together), then
    # the parts of compounds, as room allows.
    whole = concepts.whole(mine)
    # Within each, the most telling first (rare words also keep the index scan small).
    picked = sorted(
        mine,
        key=lambda c: (
            c not in whole,
            -round(concepts.weight(c, weights), 1),
            c not in in_title,
            c,
        ),
    )
    picked = picked[:MAX_QUERY_STEMS]
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
    for pk, their_stems, title_sim, their_theme, their_hood, their_needs in _rows(
        concepts, picked, params
    ):
        theirs = concepts.of_stems(their_stems)
        shared = concepts.distinct(mine & theirs)
        if len(shared) < 2 and title_sim < TITLE_SIMILARITY and not any(map(_is_group, shared)):
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
            reasons.append(_("Lijkt op dezelfde titel"))
        if features["theme"]:
            reasons.append(_("Zelfde thema"))
        if features["neighbourhood"]:
            reasons.append(_("Zelfde wijk"))
        if common_needs:
            reasons.append(
                _("Zoeken allebei: %(needs)s")
                % {"needs": ", ".join(str(Need(n).label).lower() for n in common_needs)}
            )
        if score >= weights.minimum and shared:
            found.append(
                Candidate(
                    score=round(score, 4), reasons=reasons, initiative_id=pk, features=features
                )
            )
    found.sort(key=lambda c: -c.score)
    # Well below the best is another subject near it, not the same one.
    return [c for c in found if c.score >= RELATIVE * found[0].score]


def offer_candidates(
    *, text: str, theme_id: int | None, neighbourhood_id: int | None, needs: list[str]
) -> list[Candidate]:
    """Open offers that fit an initiative: their words, place, theme, and whether what
    they offer meets what the initiative needs. Offers are few: searched without index."""
    concepts = Concepts.of(text)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT o.id, tsvector_to_array(to_tsvector('dutch', o.description)), o.kind,
                   o.theme_id, o.neighbourhood_id
            FROM matching_offer o
            WHERE o.status = 'open' AND o.anonymised_at IS NULL
            """
        )
        rows = cursor.fetchall()
    mine = concepts.of_stems(concepts.analysis.stems)
    wanted_kinds = {kind for need in needs for kind in OFFER_MEETS_NEED.get(need, ())}
    found = []
    for pk, their_stems, kind, their_theme, their_hood in rows:
        theirs = concepts.of_stems(their_stems)
        shared = mine & theirs
        score = 0.6 * min(1.0, _dice(mine, theirs) * 1.6)
        reasons = [_text_reason(shared, concepts, set(their_stems))] if shared else []
        if kind in wanted_kinds:
            score += 0.2
            reasons.append(
                _("Biedt %(kind)s, en daar wordt om gevraagd")
                % {"kind": str(OfferKind(kind).label).lower()}
            )
        if neighbourhood_id and their_hood == neighbourhood_id:
            score += 0.1
            reasons.append(_("Zelfde wijk"))
        if theme_id and their_theme == theme_id:
            score += 0.1
            reasons.append(_("Zelfde thema"))
        if score >= OFFER_MIN_SCORE and (shared or kind in wanted_kinds):
            found.append(Candidate(score=round(score, 4), reasons=reasons, offer_id=pk))
    return sorted(found, key=lambda c: -c.score)
