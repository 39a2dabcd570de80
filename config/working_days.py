"""Working-day arithmetic for the first-contact promise: weekends and the Dutch
"algemeen erkende feestdagen" of the Algemene termijnenwet (art. 3: New Year's Day,
Good Friday, Easter and Whit Monday, Ascension Day, King's Day, 5 May and both
Christmas days) do not count. The `holidays` library gives them, except that it has
5 May only once every five years (when most employers give it off); the law counts it
every year. Days the office is closed besides (the Friday after Ascension, which the
government usually declares equal to a holiday, or a "brugdag") are listed in the
CLOSED_DAYS setting."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=32)
def _dutch_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys()) | {date(year, 5, 5)}


def is_working_day(day: date) -> bool:
    return (
        day.weekday() < 5
        and day not in _dutch_holidays(day.year)
        and day not in settings.CLOSED_DAYS
    )


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
