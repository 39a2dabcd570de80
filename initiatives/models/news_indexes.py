"""The queue's indexes over the cases with news from the initiator (last_activity_at set),
for the "unread" filter (brokers.workbench.selectors.unread_q): every unread case has
news, and only a small share of the cases has any.

Without them an unread view read an order index over all 100,000 cases and skipped the
ones without news (3,000-20,000 entries for a page of 50: 8-14 ms, by title), and counted
its cases from the heap (5 ms). Read from these, the page takes well under 1 ms and the
count comes from the index alone (1.7 ms). Measured with EXPLAIN (ANALYZE, BUFFERS) on
the bench database, `python -m bench workbench` (notes/16-queueperf.md)."""

from django.db import models
from django.db.models import F, Q

HAS_NEWS = Q(last_activity_at__isnull=False)


def news_indexes(deadline_order) -> list[models.Index]:
    """One per order an unread view is read in: by deadline (`deadline_order`, the
    queue's AWAITING_FIRST_CONTACT_FIRST), by submission (newest, oldest; it holds what
    the count needs too) and by title. By last activity: initiative_activity_idx."""
    return [
        models.Index(
            deadline_order,
            F("first_contact_due"),
            F("submitted_at"),
            F("id"),
            condition=HAS_NEWS,
            name="initiative_news_order_idx",
        ),
        models.Index(
            fields=["submitted_at", "id"],
            include=["status", "last_activity_at"],
            condition=HAS_NEWS,
            name="initiative_news_submitted_idx",
        ),
        models.Index(F("title"), F("id"), condition=HAS_NEWS, name="initiative_news_title_idx"),
    ]
