"""What every section of the figures shares: the year's ideas and how a share is made."""

from initiatives.models import Initiative


def share(count: int, total: int) -> float:
    """A fraction between 0 and 1, rounded to 4 decimals; 0 when there is nothing to
    divide by."""
    return round(count / total, 4) if total else 0.0


def initiatives_of_year(year: int):
    # __year on a DateTimeField becomes a range on submitted_at (indexed), in local time.
    return Initiative.objects.filter(submitted_at__year=year)
