"""Reads of the yearly figures: `year` (the core counts and figures_for_year, the JSON
contract), `reach` and any further section listed in `sections.SECTIONS`."""

from .common import initiatives_of_year, share
from .year import (
    DENOMINATORS,
    UNKNOWN,
    YEARS,
    budget_figures,
    figures_comparison,
    figures_for_year,
    figures_years,
    introductions_made,
    referrals_made,
    satisfaction,
)

__all__ = [
    "DENOMINATORS",
    "UNKNOWN",
    "YEARS",
    "budget_figures",
    "figures_comparison",
    "figures_for_year",
    "figures_years",
    "initiatives_of_year",
    "introductions_made",
    "referrals_made",
    "satisfaction",
    "share",
]
