"""The words under a case's text: Dutch compounds split into their parts, and the brokers'
thesaurus (initiatives.models.SynonymGroup), for the full-text documents, matching and
the brokers' search alike.

Documents: `index_terms(title, description)` makes the extra index words of a case (the
parts of its compounds and one `syn<id>` token per thesaurus group it mentions). They are
stored in `Initiative.match_terms`; PostgreSQL's triggers add them to `match_document`
and `search_document` (migration 0019). Queries: `analyse(text)` gives the same stems and
groups for a query, so documents and queries are split the same way.

Compounds are split by word frequency (the `wordfreq` package, its Dutch list inside the
package): a word is split where every part is a common Dutch word on its own and the
parts together are more common than the whole (Koehn and Knight's frequency method),
with the linking -s-, -e- and -en- of Dutch compounds (verkeer-s-drempel). The whole word
is always kept; the parts are added. A hyphenated word ("klaar-overs") is also added
written as one."""

import functools
import hashlib
import math
import re
from dataclasses import dataclass, field

from django.db import connection

SYNONYM_PREFIX = "syn"
MIN_GROUP_PART = 8
MIN_WORD = 7
MIN_PART = 3
# Zipf frequency (log10 per billion words) a part must have to count as a word of its own:
# short parts must be common, longer ones may be rarer ("honk"). A last part of three
# letters must be very common ("dag"), or inflections would split off ("gesprek-ken").
MIN_ZIPF = {3: 4.0, 4: 3.0}
MIN_ZIPF_LONG = 2.5
MIN_ZIPF_SHORT_TAIL = 5.5
LINKS = ("", "s", "e", "en")
# Prefixes and particles are not words a compound is about ("ver-keer", "onder-houd").
NOT_HEADS = frozenset(
    [
        "aan",
        "af",
        "be",
        "bij",
        "door",
        "er",
        "ge",
        "her",
        "in",
        "mee",
        "na",
        "om",
        "ont",
        "onder",
        "op",
        "over",
        "te",
        "toe",
        "uit",
        "ver",
        "voor",
        "weg",
    ]
)
# Endings that look like words: "oud-eren", "bak-ers".
NOT_TAILS = frozenset(
    ["baar", "eren", "ers", "heid", "ing", "ingen", "lijk", "lijke", "loos", "schap", "tje", "tjes"]
)
WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # ~1 s once per process: only when needed

    return get_frequency_dict("nl", wordlist="large")


def zipf(word: str) -> float:
    """How common a Dutch word is: log10 of its frequency per billion words (0: unknown)."""
    freq = _frequencies().get(word, 0.0)
    return math.log10(freq) + 9 if freq else 0.0


_zipf = zipf


def _is_word(part: str, *, last: bool) -> float:
    """The part's Zipf frequency if it counts as a word here, else 0."""
    if len(part) < MIN_PART or (last and part in NOT_TAILS):
        return 0.0
    zipf = _zipf(part)
    if last and len(part) == MIN_PART:
        return zipf if zipf >= MIN_ZIPF_SHORT_TAIL else 0.0
    return zipf if zipf >= MIN_ZIPF.get(len(part), MIN_ZIPF_LONG) else 0.0


def _head(part: str) -> float:
    """A first part may also be a verb's stem: speel-tuin, prik-actie, zwerf-afval."""
    if part in NOT_HEADS:
        return 0.0
    found = _is_word(part, last=False)
    if found or len(part) < 4:
        return found
    voiced = part[:-1] + {"f": "v", "s": "z"}.get(part[-1], part[-1])
    for verb in (part + "en", part + part[-1] + "en", voiced + "en"):
        if _zipf(verb) >= MIN_ZIPF_LONG + 0.5:
            return _zipf(verb)
    return 0.0


@functools.lru_cache(maxsize=100_000)
def _splits(word: str, parts_left: int) -> tuple[float, tuple[str, ...]]:
    """(mean Zipf, parts) of the best split of `word` into exactly `parts_left` parts."""
    if parts_left == 1:
        zipf = _is_word(word, last=True)
        return (zipf, (word,)) if zipf else (0.0, ())
    best = (0.0, ())
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        head_zipf = _head(head)
        if not head_zipf:
            continue
        for link in LINKS:
            rest = word[cut:]
            if not rest.startswith(link):
                continue
            tail_zipf, tail = _splits(rest[len(link) :], parts_left - 1)
            if not tail:
                continue
            score = (head_zipf + tail_zipf * (parts_left - 1)) / parts_left
            if score > best[0]:
                best = (score, (head, *tail))
    return best


def _best_split(word: str) -> tuple[str, ...]:
    """Fewest parts first (schoonmaak-dag, not schoon-maak-dag); split only when the
    parts are more common than the whole (Koehn and Knight)."""
    for count in (2, 3):
        score, parts = _splits(word, count)
        if parts and score > _zipf(word):
            return parts
    return ()


def compound_parts(word: str) -> list[str]:
    """The parts of a Dutch compound ("jeugdhonk" → ["jeugd", "honk"]); [] for a word
    that is not one."""
    word = word.lower()
    if len(word) < MIN_WORD:
        return []
    return list(_best_split(word))


HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def joined_words(text: str) -> list[str]:
    """Hyphenated words written as one ("klaar-overs" → "klaarovers"): residents put
    hyphens in compounds freely, the thesaurus and other texts write them as one word."""
    return [found.group().replace("-", "").lower() for found in HYPHENATED.finditer(text)]


def split_text(text: str) -> list[str]:
    """Hyphenated words joined, and the parts of every compound in the text, in order."""
    joined = joined_words(text)
    words = [*WORD.findall(text), *joined]
    return [*joined, *(part for word in words for part in compound_parts(word))]


def text_hash(title: str, description: str) -> str:
    """What `match_terms_of` holds: PostgreSQL's md5(title || E'\\n' || description)."""
    return hashlib.md5(f"{title}\n{description}".encode()).hexdigest()  # noqa: S324


@dataclass
class Analysis:
    """A text as matching sees it: its stems (compound parts included), the thesaurus
    groups it mentions, and for each stem a word of the text that shows it."""

    stems: list[str]
    words: dict[str, str] = field(default_factory=dict)  # stem → a word of this text
    # The thesaurus groups this text mentions: group id → {member stem: member word}.
    groups: dict[int, dict[str, str]] = field(default_factory=dict)
    # A compound's stem → the stems of its parts ("werkplaats" → werk, plaats).
    compounds: dict[str, set[str]] = field(default_factory=dict)
    stem_of: dict[str, str] = field(default_factory=dict)  # a word of the text → its stem
    tokens: dict[str, str] = field(default_factory=dict)  # stem → the word or part it is of
    # Every group a stem of this text belongs to, named by the text or not: member stem →
    # group id (a stored document's concepts are found by it, see `named_groups`).
    member_of: dict[str, int] = field(default_factory=dict)

    def group_tokens(self) -> list[str]:
        return [token(pk) for pk in sorted(self.groups)]

    def group_of(self) -> dict[str, int]:
        """Member stem → group id, for the groups this text mentions."""
        return {stem: pk for pk, members in self.groups.items() for stem in members}


def token(group_id: int) -> str:
    return f"{SYNONYM_PREFIX}{group_id}"


_ANALYSE_SQL = """
    SELECT t.token, t.lexemes FROM ts_debug('dutch', %(text)s) t
    WHERE array_length(t.lexemes, 1) > 0
"""
# Each member of the groups any stem of the text belongs to, with its stems.
_GROUPS_SQL = """
    SELECT g.id, w.word, tsvector_to_array(to_tsvector('dutch', w.word))
    FROM initiatives_synonymgroup g, unnest(g.words) AS w(word)
    WHERE g.active AND g.stems && %(stems)s::varchar[]
"""


def naming_stems(stems, whole) -> set[str]:
    """The stems of a text that name a thesaurus group: a whole word of the text, or a
    long part of a compound ("buurt-schoonmaakdag"); a short part says too little
    ("speel-tuin" is no garden, "mini-bieb" no library). `whole` are the stems of the text
    itself, as PostgreSQL's Dutch configuration reads it (without the index words). The
    one rule for queries (`analyse`) and stored documents (matching.concepts) alike."""
    return {s for s in stems if s in whole or len(s) >= MIN_GROUP_PART}


# A stem that extends another by at most this many letters is a form of it that the
# stemmer left apart (tablet, tablets; taalles, taalless), not another word.
FORM_ENDING = 3


def forms_only(stems) -> bool:
    """Whether a thesaurus group's stems are the forms of one word ("vrijwilliger,
    vrijwilligers"; "tablet, tablets"): such a group only joins inflections, which says
    no more than the word itself, so matching weighs it as that word, not as a subject
    the brokers named in several words."""
    stems = sorted(set(stems), key=len)
    if not stems:
        return False
    root = stems[0]
    return all(s.startswith(root) and len(s) - len(root) <= FORM_ENDING for s in stems)


def named_groups(stems, whole, member_of: dict[str, int]) -> set[int]:
    """The groups (of `member_of`: member stem → group id) a text with these stems names."""
    return {member_of[s] for s in naming_stems(stems, whole) if s in member_of}


def analyse(text: str) -> Analysis:
    """Stems and thesaurus groups of a text, with the current thesaurus (two queries)."""
    parts = split_text(text)
    words: dict[str, str] = {}
    stems: list[str] = []
    stem_of: dict[str, str] = {}
    tokens: dict[str, str] = {}
    whole: set[str] = set()
    joined = joined_words(text)
    # Index words (compounds' parts, hyphenated words joined) are not words of the text:
    # in a stored document they come from `match_terms`, not from its title and description.
    part_set = set(parts) - {w.lower() for w in WORD.findall(text)}
    with connection.cursor() as cursor:
        cursor.execute(_ANALYSE_SQL, {"text": f"{text} {' '.join(parts)}"})
        for token, lexemes in cursor.fetchall():
            stem = lexemes[0]
            stem_of[token.lower()] = stem
            if token.lower() not in part_set:
                whole.add(stem)
            if stem.startswith(SYNONYM_PREFIX) and stem[len(SYNONYM_PREFIX) :].isdigit():
                continue  # nobody writes "syn12": never let text pose as a group
            if stem not in words:
                stems.append(stem)
                words[stem] = token.lower()
                tokens[stem] = token.lower()
        members: dict[int, dict[str, str]] = {}
        if stems:
            cursor.execute(_GROUPS_SQL, {"stems": stems})
            for pk, word, member_stems in cursor.fetchall():
                for stem in member_stems:
                    members.setdefault(pk, {}).setdefault(stem, word)
    # Lowest id first, as before: a stem in two groups belongs to the first.
    member_of: dict[str, int] = {}
    for pk in sorted(members):
        for stem in members[pk]:
            member_of.setdefault(stem, pk)
    mine = set(stems)
    named = {pk for pk, found in members.items() if naming_stems(mine & set(found), whole)}
    groups = {pk: members[pk] for pk in sorted(named)}
    compounds: dict[str, set[str]] = {}
    for word in [*WORD.findall(text), *joined]:
        word = word.lower()
        for part in compound_parts(word):
            if word in stem_of and part in stem_of:
                compounds.setdefault(stem_of[word], set()).add(stem_of[part])
                if words.get(stem_of[part]) == part:
                    # A part is shown as the word it came from: "jeugdhonk", not "honk".
                    words[stem_of[part]] = word
    return Analysis(
        stems=stems,
        words=words,
        groups=groups,
        compounds=compounds,
        stem_of=stem_of,
        member_of={s: pk for s, pk in member_of.items() if s in mine},
    )


def index_terms(title: str, description: str) -> str:
    """The extra index words of a case: its compounds' parts and its groups' tokens."""
    text = f"{title} {description}"
    analysis = analyse(text)
    return " ".join([*split_text(text), *analysis.group_tokens()])


_DOCUMENTS_SQL = """
    SELECT tsvector_to_array(to_tsvector('dutch', t.text || ' ' || t.terms)),
           tsvector_to_array(to_tsvector('dutch', t.text))
    FROM unnest(%(texts)s::text[], %(terms)s::text[]) WITH ORDINALITY AS t(text, terms, n)
    ORDER BY t.n
"""


def document_stems(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """Texts that have no stored document (offers) as a stored document reads them, in
    one query: for each, the stems of the text with its index words (its compounds'
    parts, hyphenated words joined: `split_text`, as `index_terms`) and the stems of the
    text alone (which name thesaurus groups: `naming_stems`)."""
    if not texts:
        return []
    terms = [" ".join(split_text(text)) for text in texts]
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENTS_SQL, {"texts": list(texts), "terms": terms})
        return [(stems or [], whole or []) for stems, whole in cursor.fetchall()]


def search_query(text: str) -> str:
    """A raw Dutch tsquery for the brokers' search: every word must match, as a prefix
    ("koffie" finds "koffieochtend"), as its compound's parts ("jeugdhonk" finds "honk
    voor de jeugd"), or as a thesaurus group it names. Groups are named by the one rule
    of queries and stored documents alike (`naming_stems`: the word itself or a long part
    of it, never a short part): a query's group is searched as its token, which a stored
    document carries when it names the group (`index_terms`), not as the group's words,
    which would also find them as a short part ("bibliotheek" would find "mini-bieb",
    while "minibieb" does not find "bibliotheek"). A thesaurus change reaches the stored
    documents by the background rebuild. Only letters and digits reach the query, so no
    input can break its syntax."""
    words = re.findall(r"\w+", text.lower())
    if not words:
        return ""
    analysis = analyse(" ".join(words))
    clauses = []
    for word in words:
        alternatives = [f"{word}:*"]
        parts = compound_parts(word)
        if parts:
            alternatives.append("(" + " & ".join(parts) + ")")
        whole = {analysis.stem_of[word]} if word in analysis.stem_of else set()
        stems = whole | {analysis.stem_of[part] for part in parts if part in analysis.stem_of}
        groups = named_groups(stems, whole, analysis.member_of)
        alternatives += [token(group) for group in sorted(groups)]
        clauses.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(clauses)
