"""Reads of the places: neighbourhoods and the postcodes that lie in them (reference data,
cached in every process through config.reference_data)."""

from config.reference_data import ReferenceData

from .models import Neighbourhood, PostcodeRange, normalise_postcode


def neighbourhood_list():
    return Neighbourhood.objects.order_by("name")


def neighbourhood_shapes():
    """The neighbourhoods that have a shape, for the maps (neighbourhoods/shapes/maps.py)."""
    return (
        Neighbourhood.objects.filter(shape__isnull=False)
        .only("code", "name", "population", "shape")
        .order_by("name")
    )


def _load_neighbourhoods() -> dict:
    # Shapes stay out of the per-process copy: only the maps read them.
    by_code = {n.code: n for n in Neighbourhood.objects.defer("shape")}
    by_pk = {n.pk: n for n in by_code.values()}
    # Two queries: a range added in between for a new neighbourhood waits for the next load.
    ranges = [
        (start, end, by_pk[neighbourhood_id])
        for start, end, neighbourhood_id in PostcodeRange.objects.values_list(
            "start", "end", "neighbourhood_id"
        )
        if neighbourhood_id in by_pk
    ]
    return {"by_code": by_code, "ranges": ranges}


# Every submission looks up a neighbourhood by code or postcode: reference data, kept in
# memory per process (config/reference_data.py). Treat the instances as read-only.
NEIGHBOURHOODS = ReferenceData(
    _load_neighbourhoods, models=["neighbourhoods.Neighbourhood", "neighbourhoods.PostcodeRange"]
)


def neighbourhood_by_code(code: str) -> Neighbourhood | None:
    return NEIGHBOURHOODS.get()["by_code"].get(code)


def neighbourhood_for_postcode(postcode: str) -> Neighbourhood | None:
    """The neighbourhood whose postcode range holds this postcode, or None.

    A four-digit postcode matches when the whole 1234AA..1234ZZ block falls in one
    neighbourhood; otherwise the resident has to choose."""
    normalised = normalise_postcode(postcode)
    if normalised is None:
        return None
    if len(normalised) == 6:
        low = high = normalised
    else:
        low, high = normalised + "AA", normalised + "ZZ"
    matches = {
        neighbourhood.pk: neighbourhood
        for start, end, neighbourhood in NEIGHBOURHOODS.get()["ranges"]
        if start <= low and end >= high
    }
    return next(iter(matches.values())) if len(matches) == 1 else None
