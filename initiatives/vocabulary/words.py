"""Dutch words as residents write them, without the database: how common a word is
(wordfreq), compounds split into their parts, hyphenated words joined, diminutives and
their bases (see the package's docstring)."""

import functools
import math
import re

MIN_WORD = 7
# Longer "words" are not split: no Dutch compound worth its parts is longer (a thesaurus
# word is at most 60 letters too), and splitting costs time by the square of the length
# (a description of one 5,000-letter word took the worker 1.3 s).
MAX_WORD = 60
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
# Endings that look like words: "oud-eren", "bak-ers", "spel-ende", "afrem-men"; and
# function words, which end no compound ("kunst-e-naar", "be-neden").
NOT_TAILS = frozenset(
    ["baar", "eren", "ers", "heid", "ing", "ingen", "lijk", "lijke", "loos", "schap", "tje", "tjes"]
    + ["eden", "ende", "men", "naar", "ten", "ter"]
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


VOWELS = frozenset("aeiouy")
# Inflections and derivations a simple word takes: tomat-en, oogst-en, wiebel-ende,
# schilder-ing. When a word is one of a common word that does not split, a split of the
# word that cuts through the common word is a misreading ("tomaten" is no "tom" + "aten",
# "walking" no "wal" + "king"); one that cuts where the common word ends in a word of its
# own is not ("afvalbakken": afval + bakken, of "afvalbak").
INFLECTIONS = ("en", "s", "e", "de", "te", "ende", "ing", "ingen")
MIN_ZIPF_LEMMA = 2.5


def _lemmas(word: str) -> list[str]:
    """The words `word` may be an inflection of: gesprek-ken (gesprek), tomat-en (tomaat),
    huiz-en (huis), schilder-ing."""
    found = []
    for ending in INFLECTIONS:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < MIN_PART + 1:
            continue
        found.append(stem)
        if ending == "en":
            if stem[-1] == stem[-2] and stem[-1] not in VOWELS:
                found.append(stem[:-1])  # gesprek-ken
            elif stem[-1] not in VOWELS and stem[-2] in "aeou" and stem[-3] not in VOWELS:
                found.append(stem[:-1] + stem[-2:])  # tomat-en: tomaat, ur-en: uur
            found.append(stem[:-1] + {"z": "s", "v": "f"}.get(stem[-1], stem[-1]))
    return found


def _misread(word: str, parts: tuple[str, ...]) -> bool:
    """Whether a split of `word` cuts through the common simple word it is an inflection of."""
    start = len(word) - len(parts[-1])  # where the last part begins
    for lemma in _lemmas(word):
        if _zipf(lemma) < MIN_ZIPF_LEMMA or _best_split(lemma):
            continue
        rest = lemma[start:]
        if len(rest) < MIN_PART or _zipf(rest) < MIN_ZIPF.get(len(rest), MIN_ZIPF_LONG):
            return True
    return False


def compound_parts(word: str) -> list[str]:
    """The parts of a Dutch compound ("jeugdhonk" → ["jeugd", "honk"]); [] for a word
    that is not one, nor for an inflection of a simple word ("tomaten", `_misread`)."""
    word = word.lower()
    if not MIN_WORD <= len(word) <= MAX_WORD:
        return []
    parts = _best_split(word)
    return [] if parts and _misread(word, parts) else list(parts)


# Only from a word's start (the lookbehind): tried from every letter of a long word
# without hyphens, the match ran to its end and back each time (a 5,000-letter word 0.6 s).
HYPHENATED = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:-[^\W\d_]+)+")


def joined_words(text: str) -> list[str]:
    """Hyphenated words written as one ("klaar-overs" → "klaarovers"): residents put
    hyphens in compounds freely, the thesaurus and other texts write them as one word."""
    return [found.group().replace("-", "").lower() for found in HYPHENATED.finditer(text)]


# Dutch diminutives, longest ending first: bal-letje, tuin-tje, boom-pje, konin-kje,
# veld-je, each also with the plural -s.
DIMINUTIVE_ENDINGS = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "jes", "je")
# The same endings as the Dutch stemmer leaves them ("veldje" → veldj, "tuintjes" → tuintjes).
DIMINUTIVE_STEM_ENDINGS = ("etjes", "etj", "tjes", "tj", "pjes", "pj", "jes", "j")


def _commonness(word: str) -> float:
    """How common a possible base is: its Zipf frequency, a compound of common words
    counting as just common enough; 0 for neither."""
    found = _zipf(word)
    if found >= MIN_ZIPF_LONG:
        return found
    return MIN_ZIPF_LONG if compound_parts(word) else 0.0


@functools.lru_cache(maxsize=100_000)
def diminutive_base(word: str) -> str:
    """The word a diminutive is made of ("veldje" → "veld", "balletje" → "bal",
    "avondrondjes" → "avondrond", "bloemenstrookjes" → "bloemenstrook"), when that is a
    Dutch word or a compound of them; "" for a word that is no diminutive. The Dutch
    stemmer leaves diminutives as they are, and residents write them freely. Where the
    letters allow several ("bank-je" or "ban-kje", "bal-letje" or "ballet-je"), the most
    common base wins."""
    word = word.lower()
    candidates = []
    for ending in DIMINUTIVE_ENDINGS:
        base = word[: -len(ending)]
        if not word.endswith(ending) or len(base) < MIN_PART:
            continue
        candidates += [base, base + "e"]
        if ending.startswith("e") and len(base) > MIN_PART and base[-1] == base[-2]:
            candidates.append(base[:-1])  # bal-l-etje
    scored = [(_commonness(candidate), -len(candidate), candidate) for candidate in candidates]
    score, _length, base = max(scored, default=(0.0, 0, ""))
    return base if score else ""


def split_text(text: str) -> list[str]:
    """Hyphenated words joined, diminutives' bases, and the parts of every compound in
    the text, in order."""
    joined = joined_words(text)
    words = [*WORD.findall(text), *joined]
    bases = [base for word in words if (base := diminutive_base(word))]
    return [*joined, *bases, *(part for word in [*words, *bases] for part in compound_parts(word))]


def _pairs(text: str) -> list[tuple[str, str]]:
    words = [word.lower() for word in WORD.findall(text)]
    return list(zip(words, words[1:], strict=False))


# A sentence, for proper_names: what runs to a full stop, question or exclamation mark,
# colon, semicolon or line break.
_SENTENCE = re.compile(r"[^.!?:;\n]+")


def proper_names(*texts: str) -> set[str]:
    """The capitalised words inside a sentence, lowercased ("de Merelstraat", "buurthuis
    De Schakel", "mevrouw Jansen"): names of streets, buildings, clubs and people, which
    say where or who an idea is, not what it is about. A sentence's first word is not
    counted, nor a sentence written in Title Case (most of its words capitalised), nor a
    word in capitals (AED, GFT)."""
    found = set()
    for text in texts:
        for sentence in _SENTENCE.findall(text):
            words = WORD.findall(sentence)
            capitalised = [w for w in words[1:] if w[0].isupper() and w[1:].islower()]
            if len(words) >= 2 and 2 * (len(capitalised) + 1) <= len(words) + 1:
                found.update(w.lower() for w in capitalised)
    return found
