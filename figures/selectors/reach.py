"""Reach: do we reach the neighbourhoods that rarely take part, or the same people
again? Ideas per 1,000 inhabitants per neighbourhood, first-time against returning
initiators (matched on the keyed hash of their e-mail or phone, which survives
anonymisation), and the share of ideas that came in through an offline channel."""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from initiatives.constants import Channel
from initiatives.models import Initiative
from neighbourhoods.models import Neighbourhood

from .common import initiatives_of_year, share

# Channels that do not need the internet: staff registered the idea for the resident.
OFFLINE_CHANNELS = (
    Channel.PHONE,
    Channel.WALK_IN,
    Channel.LETTER,
    Channel.HOME_VISIT,
    Channel.EVENT,
    Channel.PARTNER,
)

DENOMINATORS = {
    "reach.per_1000": _(
        "Ideeën uit een wijk gedeeld door het aantal inwoners van die wijk (CBS), maal 1.000; "
        "afgerond op 2 decimalen. Leeg waar het aantal inwoners niet bekend is."
    ),
    "reach.initiators": _(
        "Initiatiefnemers met een e-mailadres of telefoonnummer, elk één keer geteld. "
        "Terugkerend: met hetzelfde e-mailadres of telefoonnummer kwam in een eerder jaar al "
        "een idee binnen (herkend aan een versleutelde sleutel, niet aan het adres zelf)."
    ),
    "reach.offline_channels": _(
        "Ideeën die binnenkwamen per telefoon, inloopspreekuur, brief, huisbezoek, "
        "bijeenkomst of netwerkpartner, gedeeld door alle ideeën van het jaar."
    ),
}


def per_1000(ideas: int, population: int | None) -> float | None:
    return round(1000 * ideas / population, 2) if population else None


def ideas_per_neighbourhood(years: list[int]) -> dict[int, dict[str, int]]:
    """{year: {neighbourhood code: ideas}} for the given years, in one grouped query."""
    rows = (
        Initiative.objects.filter(
            submitted_at__year__gte=min(years),
            submitted_at__year__lte=max(years),
            neighbourhood__isnull=False,
        )
        .order_by()
        .annotate(year=ExtractYear("submitted_at"))
        .values_list("year", "neighbourhood__code")
        .annotate(n=Count("pk"))
    )
    counts = {year: {} for year in years}
    for year, code, n in rows:
        if year in counts:
            counts[year][code] = n
    return counts


def reach_per_neighbourhood(year: int) -> dict:
    counts = ideas_per_neighbourhood([year])[year]
    return {
        code: {
            "ideas": counts.get(code, 0),
            "population": population,
            "per_1000": per_1000(counts.get(code, 0), population),
        }
        for code, population in Neighbourhood.objects.order_by("code").values_list(
            "code", "population"
        )
    }


def initiators_first_or_returning(year: int) -> dict:
    earlier = Initiative.objects.filter(
        initiator__contact_key=OuterRef("initiator__contact_key"), submitted_at__year__lt=year
    )
    keyed = ~Q(initiator__contact_key="")
    row = (
        initiatives_of_year(year)
        .order_by()
        .annotate(came_before=Exists(earlier))
        .aggregate(
            known=Count("initiator__contact_key", distinct=True, filter=keyed),
            returning=Count(
                "initiator__contact_key", distinct=True, filter=keyed & Q(came_before=True)
            ),
            without_key=Count("pk", filter=~keyed),
        )
    )
    known, returning = row["known"], row["returning"]
    return {
        "known": known,
        "first_time": known - returning,
        "first_time_share": share(known - returning, known),
        "returning": returning,
        "returning_share": share(returning, known),
        "ideas_without_contact": row["without_key"],
    }


def offline_channels(year: int, received: int) -> dict:
    count = initiatives_of_year(year).filter(channel__in=OFFLINE_CHANNELS).count()
    return {
        "channels": [str(channel) for channel in OFFLINE_CHANNELS],
        "count": count,
        "share": share(count, received),
    }


TREND_YEARS = 5


def reach_trend(year: int, codes: list[str]) -> dict:
    """Ideas per neighbourhood for the last few years up to `year`, side by side."""
    years = list(range(year - TREND_YEARS + 1, year + 1))
    counts = ideas_per_neighbourhood(years)
    return {
        "years": years,
        "ideas": {code: [counts[y].get(code, 0) for y in years] for code in codes},
    }


def reach_figures(year: int, received: int) -> dict:
    per_neighbourhood = reach_per_neighbourhood(year)
    return {
        "per_1000": per_neighbourhood,
        "trend": reach_trend(year, list(per_neighbourhood)),
        "initiators": initiators_first_or_returning(year),
        "offline_channels": offline_channels(year, received),
    }
