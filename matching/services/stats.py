"""How common each word of the stored documents is (matching.models.TermFrequency), so
that the engine can weigh a shared word by how few ideas use it (inverse document
frequency). Refreshed by a beat job; a word the table does not know yet counts as rare."""

import logging

from django.db import connection, transaction

from ..constants import TERM_TOTAL as TOTAL

logger = logging.getLogger(__name__)


_REFRESH_SQL = """
    INSERT INTO matching_termfrequency (term, documents)
    SELECT word, ndoc FROM ts_stat(
        'SELECT match_document FROM initiatives_initiative WHERE match_document IS NOT NULL'
    )
    WHERE ndoc >= 2 AND length(word) <= 255
"""


def match_term_stats_refresh() -> int:
    """Count again, in one transaction (readers keep the old counts until it commits).
    Words used by one document only are left out: they count as rare anyway."""
    with transaction.atomic(), connection.cursor() as cursor:
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
