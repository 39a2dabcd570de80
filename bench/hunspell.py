"""The alternative compound splitter measured against initiatives.vocabulary's
frequency split: PostgreSQL's Ispell template over Debian's Dutch Hunspell dictionary
(hunspell-nl, OpenTaal; placed in tsearch_data by scripts/hunspell_nl.sh). Used by
`python -m bench compounds` (speed) and the quality report
(MATCHING_SPLITTER=hunspell MATCHING_REPORT=1 pytest -s tests/matching/test_quality.py
-k debug_report). Not wired into the application: see the note in bench/measures/compounds.py."""

import contextlib
import functools

from django.db import connection

from initiatives import vocabulary

DICTIONARY = "nl_hunspell"


def available() -> bool:
    """The dictionary, created in this database if its files are installed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_dict WHERE dictname = %s", [DICTIONARY])
        if cursor.fetchone():
            return True
        try:
            with connection.cursor() as inner, _savepoint():
                inner.execute(
                    f"CREATE TEXT SEARCH DICTIONARY {DICTIONARY} (TEMPLATE = ispell,"
                    " DictFile = nl_opentaal, AffFile = nl_opentaal, StopWords = dutch)"
                )
        except Exception:  # noqa: BLE001 - the files are not installed
            return False
    return True


@contextlib.contextmanager
def _savepoint():
    from django.db import transaction

    with transaction.atomic():
        yield


@functools.lru_cache(maxsize=100_000)
def parts(word: str) -> tuple[str, ...]:
    """The parts Ispell finds for a compound ("jeugdhonk" → jeugd, honk); () otherwise."""
    word = word.lower()
    if len(word) < vocabulary.MIN_WORD:
        return ()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ts_lexize('{DICTIONARY}', %s)", [word])  # noqa: S608
        (lexemes,) = cursor.fetchone()
    found = [lexeme for lexeme in lexemes or [] if lexeme != word]
    # One lexeme is the word's dictionary form ("fietsen" → fiets), not a split.
    return tuple(found) if len(found) >= 2 else ()


@contextlib.contextmanager
def splitting_with(splitter: str):
    """Run the application with another compound splitter: "hunspell", "both", "off",
    or "wordfreq" (the application's own)."""
    own = vocabulary.compound_parts
    chosen = {
        "wordfreq": own,
        "hunspell": lambda word: list(parts(word)),
        "off": lambda word: [],
        # Ispell where the dictionary knows the compound, the frequency split elsewhere.
        "both": lambda word: list(parts(word)) or own(word),
    }[splitter]
    # The package's functions and its words module's (split_text) both call it.
    vocabulary.compound_parts = vocabulary.words.compound_parts = chosen
    try:
        yield
    finally:
        vocabulary.compound_parts = vocabulary.words.compound_parts = own
