"""The brokers' promise for /metrics (config/metrics.py), read when Prometheus scrapes."""

from config.metrics import gauge_register
from initiatives.models import Initiative

from .selectors import overdue_q


def cases_past_first_contact() -> int:
    """Open cases whose first-contact deadline has passed without contact."""
    return Initiative.objects.filter(overdue_q()).count()


def register() -> None:
    gauge_register(
        "ideeen_cases_past_first_contact_deadline",
        "New cases whose first-contact deadline passed without contact.",
        cases_past_first_contact,
    )
