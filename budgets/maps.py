"""The open budget page's map: money paid out per neighbourhood."""

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from neighbourhoods.selectors import neighbourhood_shapes
from neighbourhoods.shapes.maps import choropleth


def spent_map(budgets, year: int):
    """Money paid out per neighbourhood on a map (no tile server); each neighbourhood
    with a budget leads to its open budget page, the others to the table."""
    by_code = {budget.neighbourhood.code: budget for budget in budgets}

    def href(hood) -> str:
        if hood.code in by_code:
            return reverse("budgets:budget", args=[hood.code, year])
        return "#budgets-caption"

    return choropleth(
        neighbourhood_shapes(),
        {code: float(budget.paid or 0) for code, budget in by_code.items()},
        key="spent",
        title=_("Uitbetaald per wijk in %(year)s") % {"year": year},
        href=href,
        describe=lambda value: "€ " + number_format(value, 0, force_grouping=True),
        no_value=_("geen wijkbudget"),
    )
