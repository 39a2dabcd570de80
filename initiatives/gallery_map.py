"""The gallery's neighbourhood map: published ideas per neighbourhood; choosing a
neighbourhood filters the gallery (the same `wijk` filter as the form)."""

from urllib.parse import urlencode

from django.db.models import Count
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from neighbourhoods.selectors import neighbourhood_shapes
from neighbourhoods.shapes.maps import choropleth

from .selectors import initiative_public_list


def gallery_map(*, theme_slug: str, selected: str):
    hoods = list(neighbourhood_shapes())
    if not hoods:
        return None
    counts = dict(
        initiative_public_list(theme_slug=theme_slug)
        .order_by()
        .values_list("neighbourhood__code")
        .annotate(n=Count("pk"))
        .values_list("neighbourhood__code", "n")
    )

    def href(hood) -> str:
        query = {"wijk": hood.code} | ({"thema": theme_slug} if theme_slug else {})
        return "?" + urlencode(query)

    def describe(value) -> str:
        whole = round(value)
        return ngettext("%(n)s idee", "%(n)s ideeën", whole) % {"n": number_format(whole)}

    return choropleth(
        hoods,
        {hood.code: counts.get(hood.code, 0) for hood in hoods},
        key="gallery",
        title=_("Ideeën per wijk: kies een wijk om alleen die ideeën te zien"),
        href=href,
        describe=describe,
        no_value="",
        selected=selected,
    )
