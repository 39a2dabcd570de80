""" "Last activity" on a case: the moment the initiator (or someone offering help) last
added something a broker should read. The queue shows it and marks a case unread for
each broker who has not opened it since (brokers keep their own read state).

The case core records it for what happens in the core (information added, a check-in or
survey answered); a feature records it through `initiative_activity_record` (matching,
for an offer of help), so the core never imports a feature."""

from django.db.models import Q
from django.utils import timezone

from ..models import Initiative


def initiative_activity_record(*, initiative_id: int, at=None) -> None:
    """Move the case's last activity forward to `at` (default now); never backward, so
    a late-arriving older event cannot hide a newer one. One UPDATE, no lock needed."""
    at = at or timezone.now()
    Initiative.objects.filter(
        Q(last_activity_at__isnull=True) | Q(last_activity_at__lt=at), pk=initiative_id
    ).update(last_activity_at=at)
