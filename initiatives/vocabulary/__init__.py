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
written as one, a diminutive's base beside it ("veldje" → "veld": the Dutch stemmer leaves
diminutives whole), and a thesaurus word the text writes as two ("repair café") as one."""

import hashlib
import re
from dataclasses import dataclass, field

from django.db import connection

from .words import (  # noqa: F401 - the package's public names
    DIMINUTIVE_STEM_ENDINGS,
    MAX_WORD,
    MIN_PART,
    MIN_WORD,
    MIN_ZIPF_SHORT_TAIL,
    WORD,
    _pairs,
    _zipf,
    compound_parts,
    diminutive_base,
    joined_words,
    proper_names,
    split_text,
    zipf,
)

SYNONYM_PREFIX = "syn"
# A part of a compound names a thesaurus group when it is this long (as a stem), or when
# it is the compound's head (its last part: what the compound is) of MIN_HEAD_PART.
MIN_GROUP_PART = 8
MIN_HEAD_PART = 5


_TOGETHER_SQL = """
    SELECT DISTINCT w.word FROM initiatives_synonymgroup g, unnest(g.words) AS w(word)
    WHERE g.active AND w.word = ANY(%(joined)s::varchar[])
"""


def _joinable(word: str) -> bool:
    """A very common word beside another is a phrase ("samen koken": cooking together,
    which a vegetable garden does too), not a compound written apart ("repair café")."""
    return len(word) >= MIN_PART and _zipf(word) < MIN_ZIPF_SHORT_TAIL


def thesaurus_together(texts: list[str]) -> list[list[str]]:
    """For each text, the thesaurus words it writes as two ("repair café", "tiny forest",
    "samen koken"), as the thesaurus writes them: residents write loanwords and new
    compounds apart. One query for all the texts."""
    pairs = []
    for text in texts:
        pairs.append([a + b for a, b in _pairs(text) if _joinable(a) and _joinable(b)])
    wanted = sorted({pair for found in pairs for pair in found})
    if not wanted:
        return [[] for _text in texts]
    with connection.cursor() as cursor:
        cursor.execute(_TOGETHER_SQL, {"joined": wanted})
        known = {row[0] for row in cursor.fetchall()}
    return [[pair for pair in dict.fromkeys(found) if pair in known] for found in pairs]


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
    # The groups (ids) that say who or where, not what (SynonymGroup.setting).
    settings: set[int] = field(default_factory=set)
    # Thesaurus words the text writes as two ("repair café"), joined: words of the text.
    together: list[str] = field(default_factory=list)
    # The stems of every thesaurus group's words (`naming_stems`).
    thesaurus: frozenset[str] = frozenset()

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
# Each member of the groups any stem of the text belongs to, with its stems; and, id NULL,
# the stems of every group's words (which compounds are thesaurus words: `naming_stems`).
_GROUPS_SQL = """
    SELECT g.id, w.word, tsvector_to_array(to_tsvector('dutch', w.word)), g.setting
    FROM initiatives_synonymgroup g, unnest(g.words) AS w(word)
    WHERE g.active AND g.stems && %(stems)s::varchar[]
    UNION ALL
    SELECT NULL, NULL, array_agg(DISTINCT s), false
    FROM initiatives_synonymgroup g, unnest(g.stems) AS s
    WHERE g.active
"""


def naming_stems(stems, whole, thesaurus=frozenset()) -> set[str]:
    """Which of `stems` (of a text, its index words included) name a thesaurus group: a
    whole word of the text or a diminutive's base ("tuintje" as "tuin"); a long part of a
    compound ("buurt-schoonmaakdag"), or its head, the last part, of MIN_HEAD_PART letters
    or more ("hoog-bejaarden"). A short part or a first part says too little ("speel-tuin"
    is no garden, "mini-bieb" no library). No part names a group when its compound is
    itself a thesaurus word (`thesaurus`: the stems of every group's words): the compound's
    own group wins ("ruilbibliotheek" is a book exchange, not a library). `whole` are the
    stems of the text itself, as PostgreSQL's Dutch configuration reads it (without the
    index words). The one rule for queries (`analyse`) and stored documents
    (matching.concepts) alike."""
    words = set(whole)
    words |= set(stems) & _diminutive_stem_bases(words)
    named = set()
    for stem in stems:
        if stem in words:
            named.add(stem)
            continue
        compounds = [word for word in words if stem in word and word != stem]
        if any(word in thesaurus for word in compounds):
            continue
        if len(stem) >= MIN_GROUP_PART or (
            len(stem) >= MIN_HEAD_PART and any(word.endswith(stem) for word in compounds)
        ):
            named.add(stem)
    return named


def _diminutive_stem_bases(whole) -> set[str]:
    """The stems a diminutive's base may have, from the stems of the whole words: a
    diminutive names what its base names ("tuintje" as "tuin"), asked or stored."""
    bases = set()
    for stem in whole:
        for ending in DIMINUTIVE_STEM_ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= MIN_PART:
                base = stem[: -len(ending)]
                bases.add(base)
                if ending.startswith("e") and base[-1:] == base[-2:-1]:
                    bases.add(base[:-1])
    return bases


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


def named_groups(stems, whole, member_of: dict[str, int], thesaurus=frozenset()) -> set[int]:
    """The groups (of `member_of`: member stem → group id) a text with these stems names."""
    members = [s for s in stems if s in member_of]
    return {member_of[s] for s in naming_stems(members, whole, thesaurus)}


def analyse(text: str) -> Analysis:
    """Stems and thesaurus groups of a text, with the current thesaurus (two queries)."""
    parts = split_text(text)
    together = thesaurus_together([text])[0]
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
        cursor.execute(_ANALYSE_SQL, {"text": " ".join([text, *parts, *together])})
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
        thesaurus: frozenset[str] = frozenset()
        settings: set[int] = set()
        if stems:
            cursor.execute(_GROUPS_SQL, {"stems": stems})
            for pk, word, member_stems, setting in cursor.fetchall():
                if pk is None:
                    thesaurus = frozenset(member_stems or ())
                    continue
                if setting:
                    settings.add(pk)
                for stem in member_stems:
                    members.setdefault(pk, {}).setdefault(stem, word)
    # Lowest id first, as before: a stem in two groups belongs to the first.
    member_of: dict[str, int] = {}
    for pk in sorted(members):
        for stem in members[pk]:
            member_of.setdefault(stem, pk)
    mine = set(stems)
    naming = naming_stems(mine & set(member_of), whole, thesaurus)
    named = {pk for pk, found in members.items() if naming & set(found)}
    groups = {pk: members[pk] for pk in sorted(named)}
    compounds: dict[str, set[str]] = {}
    written_apart = {a + b: [a, b] for a, b in _pairs(text)}
    for word in [*WORD.findall(text), *joined, *together]:
        word = word.lower()
        base = diminutive_base(word)
        for part in [*([base] if base else []), *written_apart.get(word, compound_parts(word))]:
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
        together=together,
        thesaurus=thesaurus,
        settings=settings & set(groups),
    )


def index_terms(title: str, description: str) -> str:
    """The extra index words of a case: its compounds' parts and its groups' tokens."""
    text = f"{title} {description}"
    analysis = analyse(text)
    return " ".join([*split_text(text), *analysis.together, *analysis.group_tokens()])


_DOCUMENTS_SQL = """
    SELECT tsvector_to_array(to_tsvector('dutch', t.text || ' ' || t.terms)),
           tsvector_to_array(to_tsvector('dutch', t.text || ' ' || t.together))
    FROM unnest(%(texts)s::text[], %(terms)s::text[], %(together)s::text[])
         WITH ORDINALITY AS t(text, terms, together, n)
    ORDER BY t.n
"""


def document_stems(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """Texts that have no stored document (offers) as a stored document reads them, in
    two queries: for each, the stems of the text with its index words (its compounds'
    parts, hyphenated words joined, diminutives' bases, thesaurus words written apart: as
    `index_terms`) and the stems of the text's own words (which name thesaurus groups:
    `naming_stems`)."""
    if not texts:
        return []
    together = [" ".join(found) for found in thesaurus_together(texts)]
    terms = [
        " ".join([*split_text(text), found]) for text, found in zip(texts, together, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(_DOCUMENTS_SQL, {"texts": list(texts), "terms": terms, "together": together})
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
    clauses = [_word_clause(word, analysis) for word in words]
    # A thesaurus word written as two ("repair café"), as the stored documents read it
    # (`analyse`, `index_terms`): the pair, or that word, or the group it names.
    together = set(analysis.together)
    joined_clauses, i = [], 0
    while i < len(words):
        joined = words[i] + words[i + 1] if i + 1 < len(words) else ""
        if joined in together:
            whole = {analysis.stem_of[joined]} if joined in analysis.stem_of else set()
            groups = named_groups(whole, whole, analysis.member_of, analysis.thesaurus)
            alternatives = [f"({clauses[i]} & {clauses[i + 1]})", f"{joined}:*"]
            alternatives += [token(group) for group in sorted(groups)]
            joined_clauses.append("(" + " | ".join(alternatives) + ")")
            i += 2
        else:
            joined_clauses.append(clauses[i])
            i += 1
    return " & ".join(joined_clauses)


def _word_clause(word: str, analysis: Analysis) -> str:
    """One word of a query: as a prefix, as its compound's parts or its diminutive's
    base, or as the thesaurus group it names (`search_query`)."""
    alternatives = [f"{word}:*"]
    parts = compound_parts(word)
    if parts:
        alternatives.append("(" + " & ".join(parts) + ")")
    base = diminutive_base(word)
    if base:
        alternatives.append(base)
        parts = [base, *parts]
    whole = {analysis.stem_of[word]} if word in analysis.stem_of else set()
    stems = whole | {analysis.stem_of[part] for part in parts if part in analysis.stem_of}
    groups = named_groups(stems, whole, analysis.member_of, analysis.thesaurus)
    alternatives += [token(group) for group in sorted(groups)]
    return "(" + " | ".join(alternatives) + ")"
