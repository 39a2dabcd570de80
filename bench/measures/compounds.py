"""Compound splitting, the two options of issue 21 side by side on the seeded texts:
the frequency split the application uses (wordfreq, in Python, when the index words of
a case are made) and PostgreSQL's Ispell over Debian's Dutch Hunspell dictionary
(bench/hunspell.py). Speed here; quality on the labelled sets with
MATCHING_SPLITTER=hunspell|both|off MATCHING_REPORT=1 pytest -s
tests/matching/test_quality.py -k debug_report."""

import statistics
import time

from django.db import connection

TEXTS = 300


def _texts():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title || ' ' || description FROM initiatives_initiative"
            " ORDER BY id DESC LIMIT %s",
            [TEXTS],
        )
        return [row[0] for row in cursor.fetchall()]


def _per_text(split, texts) -> float:
    from initiatives import vocabulary

    started = time.perf_counter()
    for text in texts:
        for word in vocabulary.WORD.findall(text):
            split(word)
    return (time.perf_counter() - started) * 1000 / len(texts)


def run():
    from bench import hunspell
    from initiatives import vocabulary

    texts = _texts()
    started = time.perf_counter()
    vocabulary.zipf("buurt")
    load = (time.perf_counter() - started) * 1000
    results = [
        ("compounds: wordfreq list load (once per process)", f"{load:.0f} ms"),
        (
            "compounds: wordfreq split per text (cold cache)",
            f"{_per_text(vocabulary.compound_parts, texts):.2f} ms",
        ),
    ]
    if not hunspell.available():
        return [
            *results,
            ("compounds: Ispell (hunspell-nl)", "not installed: scripts/hunspell_nl.sh"),
        ]
    connection.close()  # a fresh server process: the dictionary is loaded per connection
    started = time.perf_counter()
    hunspell.parts("buurthuis")
    first = (time.perf_counter() - started) * 1000
    hunspell.parts.cache_clear()
    per_text = _per_text(hunspell.parts, texts)
    sample = [w for t in texts[:50] for w in vocabulary.WORD.findall(t) if len(w) >= 7]
    agree = statistics.mean(
        tuple(vocabulary.compound_parts(w)) == hunspell.parts(w) for w in sample
    )
    return [
        *results,
        ("compounds: Ispell first use on a new connection (load)", f"{first:.0f} ms"),
        ("compounds: Ispell split per text (one query per word)", f"{per_text:.2f} ms"),
        ("compounds: same split by both (words of 7+ letters)", f"{agree:.0%}"),
    ]
