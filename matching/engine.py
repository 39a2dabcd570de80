"""Finding kindred initiatives and offers: PostgreSQL does the searching, Python the
weighing and the reasons in words.

1. Candidates: open initiatives whose Dutch full-text document shares at least two
   meaningful word stems with the new text (GIN index on `match_document`), or whose
   title is clearly similar (trigram GIN index). The Dutch configuration drops stop words,
   and GENERIC_STEMS the words every idea uses, so texts that only share words like "de",
   "het", "wij", "buurt" never meet.
2. Score: overlap of meaningful word stems (Dice), title similarity, same theme, same
   neighbourhood, and for offers whether the offer meets a need."""

import itertools
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils.translation import gettext as _

from initiatives.constants import OPEN_STATUSES, Need

from .constants import OFFER_MEETS_NEED, OfferKind

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
"""
GENERIC_STEMS = frozenset(_GENERIC.split())

MIN_SCORE = 0.28
CANDIDATES = 40

# Inlined as a literal so the planner matches the partial indexes' predicate.
_OPEN_SQL = "(" + ", ".join(f"'{status}'" for status in sorted(OPEN_STATUSES)) + ")"

# Only the constant status list is formatted in; every value is a parameter.
# Full text: open initiatives sharing at least two meaningful stems (the query is an OR of
# stem pairs), best ranked first. One shared word is too weak a sign on its own, and the
# pairs keep the GIN index scan small on a large database.
_TEXT_SQL = f"""
    SELECT i.id, tsvector_to_array(i.match_document), similarity(i.title, %(title)s),
           i.theme_id, i.neighbourhood_id, i.needs
    FROM initiatives_initiative i
    WHERE i.status IN {_OPEN_SQL}
      AND i.id <> %(exclude)s
      AND i.initiator_id <> %(initiator)s
      AND i.match_document @@ to_tsquery('simple', %(pairs)s)
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


def _stems(text: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(to_tsvector('dutch', %s))", [text])
        (stems,) = cursor.fetchone()
    return [s for s in stems if s not in GENERIC_STEMS and len(s) > 2]


def _or_query(stems: list[str]) -> str:
    # The stems are already stemmed: build the query with the 'simple' configuration.
    return " | ".join("'" + s.replace("'", "''") + "'" for s in stems)


def _combinations_query(stems: list[str], size: int) -> str:
    """Matches documents sharing at least `size` of these stems."""
    quoted = ["'" + s.replace("'", "''") + "'" for s in stems]
    return " | ".join(
        "(" + " & ".join(combo) + ")" for combo in itertools.combinations(quoted, size)
    )


def _pairs_query(stems: list[str]) -> str:
    return _combinations_query(stems, 2)


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _text_reason(shared: set[str], words: dict[str, str]) -> str:
    shown = sorted(words.get(s, s) for s in shared)[:4]
    return _("Gaat ook over: %(words)s") % {"words": ", ".join(shown)}


def _readable_words(text: str) -> dict[str, str]:
    """stem -> a word from the text, so reasons show real words, not stems."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT token, lexemes FROM ts_debug('dutch', %s) WHERE array_length(lexemes, 1) > 0",
            [text],
        )
        return {lexemes[0]: token.lower() for token, lexemes in cursor.fetchall()}


def initiative_candidates(
    *,
    text: str,
    title: str,
    exclude_id: int | None,
    theme_id: int | None,
    initiator_id: int | None = None,
    neighbourhood_id: int | None,
    needs: list[str],
) -> list[Candidate]:
    """Open initiatives kindred to this text, best first."""
    stems = _stems(text)
    if not stems:
        return []
    # Title words first, then the longest (most telling) ones.
    title_stems = set(_stems(title))
    picked = sorted(set(stems), key=lambda s: (s not in title_stems, -len(s), s))
    picked = picked[:MAX_QUERY_STEMS]
    params = {
        "title": title,
        "exclude": exclude_id or 0,
        # Two ideas of the same person need no introduction.
        "initiator": initiator_id or 0,
        "any": _or_query(picked),
        "pairs": _pairs_query(picked),
        "limit": CANDIDATES,
    }
    rows = []
    with transaction.atomic(), connection.cursor() as cursor:
        # Ideas sharing three stems first: on a large database that set is small and the
        # best; only when it is short do the (many more) two-stem matches get ranked too.
        if len(picked) >= 3:
            cursor.execute(_TEXT_SQL, params | {"pairs": _combinations_query(picked, 3)})
            rows += cursor.fetchall()
        if len(picked) >= 2 and len(rows) < CANDIDATES // 2:
            cursor.execute(_TEXT_SQL, params)
            seen = {row[0] for row in rows}
            rows += [row for row in cursor.fetchall() if row[0] not in seen]
        if len(rows) < TITLE_SEARCH_BELOW:
            # Few kindred texts: also look for similar titles (other words, compounds,
            # typos). With many, the title search adds cost and little else.
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                [str(TITLE_SIMILARITY)],
            )
            cursor.execute(_TITLE_SQL, params | {"limit": 10})
            seen = {row[0] for row in rows}
            rows += [row for row in cursor.fetchall() if row[0] not in seen]
    mine = set(stems)
    words = _readable_words(text)
    found = []
    for pk, their_stems, title_sim, their_theme, their_hood, their_needs in rows:
        shared = mine & {s for s in their_stems if s not in GENERIC_STEMS}
        if len(shared) < 2 and title_sim < TITLE_SIMILARITY:
            continue
        overlap = _dice(mine, {s for s in their_stems if s not in GENERIC_STEMS})
        reasons = [_text_reason(shared, words)] if shared else []
        score = 0.6 * min(1.0, overlap * 1.6) + 0.15 * title_sim
        if title_sim >= 0.4:
            reasons.append(_("Lijkt op dezelfde titel"))
        if theme_id and their_theme == theme_id:
            score += 0.15
            reasons.append(_("Zelfde thema"))
        if neighbourhood_id and their_hood == neighbourhood_id:
            score += 0.1
            reasons.append(_("Zelfde wijk"))
        common_needs = sorted(set(needs) & set(their_needs or []))
        if common_needs:
            score += 0.03
            reasons.append(
                _("Zoeken allebei: %(needs)s")
                % {"needs": ", ".join(str(Need(n).label).lower() for n in common_needs)}
            )
        if score >= MIN_SCORE and shared:
            found.append(Candidate(score=round(score, 4), reasons=reasons, initiative_id=pk))
    return sorted(found, key=lambda c: -c.score)


def offer_candidates(
    *, text: str, theme_id: int | None, neighbourhood_id: int | None, needs: list[str]
) -> list[Candidate]:
    """Open offers that fit an initiative: their words, place, theme, and whether what
    they offer meets what the initiative needs. Offers are few: searched without index."""
    stems = _stems(text)
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
    mine = set(stems)
    words = _readable_words(text)
    wanted_kinds = {kind for need in needs for kind in OFFER_MEETS_NEED.get(need, ())}
    found = []
    for pk, their_stems, kind, their_theme, their_hood in rows:
        theirs = {s for s in their_stems if s not in GENERIC_STEMS}
        shared = mine & theirs
        score = 0.6 * min(1.0, _dice(mine, theirs) * 1.6)
        reasons = [_text_reason(shared, words)] if shared else []
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
        if score >= MIN_SCORE and (shared or kind in wanted_kinds):
            found.append(Candidate(score=round(score, 4), reasons=reasons, offer_id=pk))
    return sorted(found, key=lambda c: -c.score)
