"""What a text is about, as matching weighs it: its meaningful stems and thesaurus groups
(Concepts), how telling each is (rarity in Dutch from wordfreq, and in the stored ideas
from matching.models.TermFrequency), and the weights of the signals (Weights)."""

import dataclasses
import math
from dataclasses import dataclass, field

from django.db import connection

from initiatives import vocabulary

from .constants import TERM_TOTAL

# Stems that say nothing about what an idea is about, on top of PostgreSQL's Dutch stop
# words (which miss pronouns such as "wij" and "hen" and common verbs): every idea is
# for "de buurt", "samen", with "mensen", and many are about "leren" something (ler).
# Nor do the words staff write a call or a walk-in hour down in ("mevrouw belde", "vraagt",
# "sinds vorige week") and fillers ("gewoon", "misschien"): they say how an idea came in.
# Stems as the Dutch snowball stemmer makes them.
_GENERIC = """
    all allemal ander beginn beter bewoner bijvoorbeeld buurt daarom dag ded denk denkt ding
    doet echt eig elk erg even fijn gan gat gedan gemaakt gemeent ging goed graag grag had hel
    help hen hulp idee ideeen ieder iederen jar jou jouw jullie kan ker kom komt kond kunn kwam
    lat leuk maakt mak manier men mens minder moest moet mog mooi nieuw onz organisatie
    organiser plan plann sam som stan start stat sted strat tijd vak vind vindt war weinig wek
    wer wet wij wijk wil wild will zien ziet zoal zoud zull
    actie avond groep middag ochtend project maand uur
    blijft blijv breng bur daarna drie een elkar end gebruik geeft grot kijk klein krijg krijgt
    kunt lop mag mee nem nooit par per ten tek toe twee zet zodat over ler
    beld gebeld mener mevrouw mevr dhr mw vraagt vroeg vrag zoekt zocht sind telefonisch aub
    alstublieft misschien eigen gewon niemand wel zulk beetj ongever bijna alwer later strak
    vandag morg gister verteld vertelt zegt zei gezegd mogelijk lijkt vond hop wen hierover
    erover laatst tegenwoord vorig overdag binn bov lang regel geregeld houd ligg gev
    buurtbewoner inwoner wijkbewoner plat plaats let nik nodig soort
"""
GENERIC_STEMS = frozenset(_GENERIC.split())


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
    # A group is a broker's word that these words are one subject: one shared group and
    # the same theme suggest a pair (with 3.0 they never did: the third labelled set,
    # written blind, found 10% of its kindred pairs). `minimum` rose from 0.45 with it,
    # and to 0.5 with SUBJECT_RARITY_FLOOR (one shared group and the same theme: 0.51).
    group: float = 4.5
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

    def names(self, title: str, text: str) -> set[str]:
        """The stems of the names in this text (vocabulary.proper_names: a street, a
        building, a person) and of their compounds' parts ("Merelstraat": merel, straat),
        unless a thesaurus group holds them or the text also uses them as plain words.
        The neighbourhood signal already counts where; a shared street name is no shared
        subject."""
        description = text[len(title) :] if text.startswith(title) else text
        found = vocabulary.proper_names(title, description)
        analysis = self.analysis
        stems = {analysis.stem_of[w] for w in found if w in analysis.stem_of}
        stems |= set().union(*(analysis.compounds.get(s, ()) for s in stems))
        plain = {
            analysis.stem_of.get(w.lower())
            for w in vocabulary.WORD.findall(text)
            if w.lower() not in found
        }
        plain |= set().union(*(analysis.compounds.get(s, ()) for s in plain))
        return {s for s in stems if s not in analysis.member_of and s not in plain}

    def concept(self, stem: str) -> str | None:
        if stem.startswith(vocabulary.SYNONYM_PREFIX) and stem[3:].isdigit():
            return stem if int(stem[3:]) in self.analysis.groups else None
        if stem in self.group_of:
            return vocabulary.token(self.group_of[stem])
        return stem if _meaningful(stem) else None

    def of_stems(self, stems) -> set[str]:
        return {c for c in map(self.concept, stems) if c}

    def of_document(self, stems, whole) -> set[str]:
        """A stored document's concepts, as this text's own are found: a group counts when
        the document names it by the same rule a query does (vocabulary.naming_stems: a
        whole word or a long part, never a short part such as "bieb" in "minibieb"), or
        its token is in the document; a stem of a group the document does not name stays
        a word. `stems` are the document's (index words included), `whole` the stems of
        its title and description alone. So a text has the same concepts stored or asked."""
        lookup = {**self.analysis.member_of, **self.group_of}
        named = vocabulary.named_groups(stems, set(whole), lookup, self.analysis.thesaurus)
        named |= {int(s[3:]) for s in stems if _is_group(s)}
        found = set()
        for stem in stems:
            if stem in lookup and not _is_group(stem):
                found.add(vocabulary.token(lookup[stem]) if lookup[stem] in named else stem)
            else:
                found.add(stem)
        return {c for c in found if c and (_is_group(c) and self.concept(c) or _plain(c))}

    def weight(self, concept: str, weights: "Weights") -> float:
        """How telling a shared concept is: a thesaurus group a lot; a word the more, the
        rarer it is in Dutch (word frequency from the wordfreq package); and either the
        less, the more of the stored ideas use it (inverse document frequency: in
        initiative texts "kinderen", "school" and "vrijwilligers" say little)."""
        if self.is_subject(concept):
            # A group is one subject the brokers named: the idf lowers it no further than
            # SUBJECT_RARITY_FLOOR (see there).
            return weights.group * max(SUBJECT_RARITY_FLOOR, self.rarity(concept))
        elif _is_group(concept):
            # The forms of one word (vocabulary.forms_only), or who or where an idea is for
            # (SynonymGroup.setting), weigh as a word: the shortest of the group.
            base = _word_weight(min(self.analysis.groups[int(concept[3:])].values(), key=len))
        else:
            base = _word_weight(self.analysis.tokens.get(concept, concept))
        return base * self.rarity(concept)

    def is_subject(self, concept: str) -> bool:
        """A thesaurus group of different words for one subject ("zwerfafval, prikactie"),
        not only the forms of one word ("vrijwilliger, vrijwilligers") nor who or where an
        idea is for ("jongeren, tieners": SynonymGroup.setting): reason enough on its own
        to look at an idea, and weighed as a group."""
        if not _is_group(concept):
            return False
        pk = int(concept[3:])
        return pk not in self.analysis.settings and not vocabulary.forms_only(
            self.analysis.groups[pk]
        )

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
# The least rarity a thesaurus group of different words for one subject (is_subject)
# weighs with. The idf is log(N / n) / log(N): on a small collection it rates a group
# that three ideas share far below 1 (0.71 of 70 ideas, 0.66 of 40), so one shared group
# and the same theme fell just short of Weights.minimum, while a group is the brokers'
# word that these ideas are about one thing. Sets 4 and 5 (blind when written) missed 20
# kindred pairs at 0.44 to 0.48 this way; with the floor, set 4 went from 0.88/0.46 to
# 0.93/0.68 and set 5 from 0.71/0.25 to 0.76/0.35.
SUBJECT_RARITY_FLOOR = 0.8


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


def _plain(concept: str) -> bool:
    return not _is_group(concept) and _meaningful(concept)


def _is_group(concept: str) -> bool:
    return concept.startswith(vocabulary.SYNONYM_PREFIX) and concept[3:].isdigit()


def _core(concepts: set[str]) -> set[str]:
    """Concepts less the parts of compounds beside them ("werk" beside "werkplaats"),
    so that splitting does not make a text look about more things than it is."""
    return {
        c
        for c in concepts
        if _is_group(c) or not any(c != other and c in other for other in concepts)
    }
