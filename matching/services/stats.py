"""How common each word of the stored documents is (matching.models.TermFrequency), so
that the engine can weigh a shared word by how few ideas use it (inverse document
frequency). Refreshed by a beat job; a word the table does not know yet counts as rare."""

import logging

from django.db import connection, transaction

from ..concepts import MIN_DOCUMENTS
from ..constants import TERM_TOTAL as TOTAL

logger = logging.getLogger(__name__)


_REFRESH_SQL = """
    INSERT INTO matching_termfrequency (term, documents)
    SELECT word, ndoc FROM ts_stat(
        'SELECT match_document FROM initiatives_initiative WHERE match_document IS NOT NULL'
    )
    WHERE ndoc >= 2 AND length(word) <= 255
"""


# One refresh at a time (the key is arbitrary, the table's own): two at once would insert
# the same terms twice.
_LOCK = 210_021
# Below this many stored documents a recount takes milliseconds, so the services that find
# suggestions count again as soon as the counts fall a tenth behind the documents: a new
# installation, or a labelled set loaded to measure the matching, does not weigh every
# word as rare until the hourly job comes by. Above it the hourly job is enough.
KEEP_FRESH_BELOW = 5_000
BEHIND_SHARE = 0.1


def match_term_stats_refresh() -> int:
    """Count again, in one transaction (readers keep the old counts until it commits).
    Words used by one document only are left out: they count as rare anyway."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
        cursor.execute("DELETE FROM matching_termfrequency")
        cursor.execute(_REFRESH_SQL)
        cursor.execute(
            "INSERT INTO matching_termfrequency (term, documents) SELECT %s, count(*)"
            " FROM initiatives_initiative WHERE match_document IS NOT NULL",
            [TOTAL],
        )
        cursor.execute("SELECT documents FROM matching_termfrequency WHERE term = %s", [TOTAL])
        (documents,) = cursor.fetchone()
    logger.info("event=match_term_stats_refreshed documents=%s", documents)
    return documents


def match_term_stats_keep_fresh() -> bool:
    """Count again now if the counts are behind and the documents few (KEEP_FRESH_BELOW);
    True if it did."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT documents FROM matching_termfrequency WHERE term = %s", [TOTAL])
        row = cursor.fetchone()
        counted = row[0] if row else 0
        if counted >= KEEP_FRESH_BELOW:
            return False
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM initiatives_initiative"
            " WHERE match_document IS NOT NULL LIMIT %s) AS documents",
            [KEEP_FRESH_BELOW + 1],
        )
        (documents,) = cursor.fetchone()
    if documents > KEEP_FRESH_BELOW or documents <= counted * (1 + BEHIND_SHARE):
        return False
    if documents < MIN_DOCUMENTS:
        return False  # below it the engine weighs no word by the counts
    match_term_stats_refresh()
    return True
