"""Sections of the yearly figures beyond the core counts. A new section (vote turnout,
say) is a module in this package with a `compute(year, ideas_received) -> dict` and its
denominators, added to SECTIONS; figures_for_year puts it under its key in the JSON, and
figures/exports/tables.py turns it into tables."""

from collections.abc import Callable
from dataclasses import dataclass

from . import reach, votes


@dataclass(frozen=True)
class Section:
    key: str
    compute: Callable[[int, int], dict]
    denominators: dict


SECTIONS = [
    Section("reach", reach.reach_figures, reach.DENOMINATORS),
    Section("votes", votes.vote_section, votes.DENOMINATORS),
]
