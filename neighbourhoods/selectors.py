from .models import Neighbourhood, normalise_postcode


def neighbourhood_list():
    return Neighbourhood.objects.order_by("name")


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
    matches = list(
        Neighbourhood.objects.filter(
            postcode_ranges__start__lte=low, postcode_ranges__end__gte=high
        ).distinct()[:2]
    )
    return matches[0] if len(matches) == 1 else None
