import uuid

from .constants import Status
from .links import read_private_token
from .models import Initiative, Theme


def theme_list():
    return Theme.objects.order_by("order", "name")


def initiative_get_by_token(token: str) -> Initiative | None:
    """The initiative behind a private link, if the link is genuine and not revoked."""
    parsed = read_private_token(token)
    if parsed is None:
        return None
    public_hex, version = parsed
    try:
        public_id = uuid.UUID(hex=public_hex)
    except ValueError:
        return None
    return (
        Initiative.objects.select_related(
            "theme", "neighbourhood", "initiator", "broker__broker_profile"
        )
        .filter(public_id=public_id, link_version=version)
        .first()
    )


def initiative_status_history(initiative: Initiative):
    return initiative.status_changes.select_related("actor").order_by("created_at", "pk")


def initiative_counts_by_status() -> dict[str, int]:
    from django.db.models import Count

    rows = Initiative.objects.values("status").annotate(n=Count("pk"))
    counts = {status.value: 0 for status in Status}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
