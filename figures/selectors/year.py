"""The yearly figures: every number is aggregated in PostgreSQL (counts grouped by a
column, conditional counts, sums). The only Python work is over at most a few hundred
distinct (submitted date, first-contact date) pairs for the median in working days.

The figures for a year are about the ideas submitted in that year (in the municipality's
time zone), in their current state. No personal data and no free text is ever read."""

from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Q
from django.db.models.functions import ExtractYear, TruncDate
from django.utils.translation import gettext_lazy as _

from brokers.models import Referral
from budgets.models import FINANCIAL_SOURCES, FundingLine
from budgets.selectors import budget_list
from config.working_days import working_days_between
from initiatives.constants import THEME_SLUGS, Channel, InitiatorKind, Status
from initiatives.models import Initiative, Survey, Theme
from matching.models import Introduction
from neighbourhoods.models import Neighbourhood

from .common import initiatives_of_year, share
from .sections import SECTIONS

UNKNOWN = "unknown"
# Years the figures can be asked for (a datetime cannot hold year 0 or 10000).
YEARS = range(1900, 3000)

OF_ALL_IDEAS = _("Aandeel van alle ideeën die in het jaar binnenkwamen.")
DENOMINATORS = {
    "by_initiator_kind": OF_ALL_IDEAS,
    "by_theme": OF_ALL_IDEAS,
    "by_neighbourhood": _(
        "Aandeel van alle ideeën die in het jaar binnenkwamen; 'Onbekend' is een idee zonder wijk."
    ),
    "by_channel": OF_ALL_IDEAS,
    "by_status": _("Aandeel van alle ideeën die in het jaar binnenkwamen, naar hun stand van nu."),
    "realised_share": _("Gerealiseerde ideeën gedeeld door alle ideeën van het jaar."),
    "realised_without_financial_support_share": _(
        "Gerealiseerde ideeën zonder geld als bron (geen wijkbudget, subsidie, fonds, sponsor, "
        "crowdfunding of andere geldbron; hulp in natura telt niet als geld) gedeeld door "
        "alle gerealiseerde ideeën."
    ),
    "first_contact.share": _(
        "Ideeën met eerste contact op of voor de beloofde datum, gedeeld door alle ideeën "
        "van het jaar met een eerste contact. Mediaan in werkdagen, zonder weekend en "
        "Nederlandse feestdagen."
    ),
    "rounding": _(
        "Aandelen zijn breuken tussen 0 en 1, afgerond op 4 decimalen; pagina's tonen hele "
        "procenten. Bedragen in euro's."
    ),
    "cohort": _(
        "Alle cijfers gaan over de ideeën die in het jaar binnenkwamen (datum van binnenkomst, "
        "Nederlandse tijd), zoals ze er nu voor staan: een idee uit dat jaar dat later is "
        "gerealiseerd, telt als gerealiseerd in het jaar van binnenkomst."
    ),
}


def _mapping(rows, keys: list[str], total: int) -> dict:
    counts = dict.fromkeys(keys, 0)
    for key, count in rows:
        counts[key if key is not None else UNKNOWN] = count
    return {key: {"count": count, "share": share(count, total)} for key, count in counts.items()}


def _grouped(queryset, field: str):
    return queryset.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n")


def _median_working_days(queryset) -> float | None:
    pairs = (
        queryset.filter(first_contact_at__isnull=False)
        .order_by()
        .annotate(sd=TruncDate("submitted_at"), fd=TruncDate("first_contact_at"))
        .values_list("sd", "fd")
        .annotate(n=Count("pk"))
    )
    weighted = sorted((working_days_between(sd, fd), n) for sd, fd, n in pairs)
    total = sum(n for _, n in weighted)
    if not total:
        return None
    # The value(s) in the middle of the weighted list.
    positions = [(total - 1) // 2, total // 2]
    values = []
    seen = 0
    for days, n in weighted:
        while positions and positions[0] < seen + n:
            values.append(days)
            positions.pop(0)
        seen += n
    return round(sum(values) / len(values), 1)


def introductions_made(year: int) -> int:
    """Introductions made (both sides agreed) that involve at least one of the year's ideas."""
    return (
        Introduction.objects.filter(
            Q(suggestion__initiative__submitted_at__year=year)
            | Q(suggestion__other_initiative__submitted_at__year=year)
        )
        .distinct()
        .count()
    )


def referrals_made(year: int) -> int:
    """Referrals of the year's ideas to organisations in the network."""
    return Referral.objects.filter(initiative__submitted_at__year=year).count()


def satisfaction(year: int) -> dict:
    """Answered satisfaction surveys about the year's ideas."""
    row = Survey.objects.filter(initiative__submitted_at__year=year, score__isnull=False).aggregate(
        answers=Count("pk"), average=Avg("score")
    )
    average = row["average"]
    return {"answers": row["answers"], "average": round(float(average), 2) if average else None}


def _euros(value: Decimal) -> float:
    return float(round(value or Decimal(0), 2))


def budget_figures(year: int) -> dict:
    return {
        budget.neighbourhood.code: {
            "budget": _euros(budget.amount),
            "approved": _euros(budget.approved),
            "paid": _euros(budget.paid),
            "accounted": _euros(budget.accounted),
        }
        for budget in budget_list(year=year).order_by("neighbourhood__code")
    }


def figures_for_year(year: int) -> dict:
    """Every key of the yearly figures (the JSON contract; keep the keys stable)."""
    ideas = initiatives_of_year(year)
    financial = FundingLine.objects.filter(initiative=OuterRef("pk"), source__in=FINANCIAL_SOURCES)
    totals = (
        ideas.order_by()
        .annotate(
            contact_day=TruncDate("first_contact_at"),
            has_money=Exists(financial),
        )
        .aggregate(
            ideas_received=Count("pk"),
            realised=Count("pk", filter=Q(status=Status.REALISED)),
            realised_without_money=Count("pk", filter=Q(status=Status.REALISED, has_money=False)),
            contacted=Count("pk", filter=Q(first_contact_at__isnull=False)),
            within_target=Count("pk", filter=Q(contact_day__lte=F("first_contact_due"))),
        )
    )
    received = totals["ideas_received"]
    realised = totals["realised"]
    # The contract's themes always appear (zeros included), then any added in the admin.
    theme_slugs = list(THEME_SLUGS)
    theme_slugs += [
        slug for slug in Theme.objects.values_list("slug", flat=True) if slug not in THEME_SLUGS
    ]
    hood_codes = list(Neighbourhood.objects.order_by("code").values_list("code", flat=True))
    return {
        "year": year,
        "ideas_received": received,
        "by_initiator_kind": _mapping(
            _grouped(ideas, "initiator__kind"), list(InitiatorKind.values), received
        ),
        "by_theme": _mapping(_grouped(ideas, "theme__slug"), theme_slugs, received),
        "by_neighbourhood": _mapping(
            _grouped(ideas, "neighbourhood__code"), [*hood_codes, UNKNOWN], received
        ),
        "by_channel": _mapping(_grouped(ideas, "channel"), list(Channel.values), received),
        "by_status": _mapping(_grouped(ideas, "status"), list(Status.values), received),
        "realised": realised,
        "realised_share": share(realised, received),
        "realised_without_financial_support": totals["realised_without_money"],
        "realised_without_financial_support_share": share(
            totals["realised_without_money"], realised
        ),
        "first_contact": {
            "within_target": totals["within_target"],
            "contacted": totals["contacted"],
            "share": share(totals["within_target"], totals["contacted"]),
            "median_working_days": _median_working_days(ideas),
        },
        "introductions_made": introductions_made(year),
        "referrals": referrals_made(year),
        "satisfaction": satisfaction(year),
        "budgets": budget_figures(year),
        # Sections added later (reach, ...): each adds its own key and denominators.
        **{section.key: section.compute(year, received) for section in SECTIONS},
        "denominators": {
            key: str(text)
            for key, text in [
                *DENOMINATORS.items(),
                *(item for section in SECTIONS for item in section.denominators.items()),
            ]
        },
    }


def figures_years() -> list[int]:
    """Years with at least one idea, newest first."""
    return list(
        Initiative.objects.order_by()
        .annotate(year=ExtractYear("submitted_at"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def figures_comparison(*, up_to: int, years: int = 5) -> list[dict]:
    """Headline numbers of the last few years up to `up_to`, one grouped query."""
    rows = (
        Initiative.objects.filter(
            submitted_at__year__gte=up_to - years + 1, submitted_at__year__lte=up_to
        )
        .order_by()
        .annotate(year=ExtractYear("submitted_at"), contact_day=TruncDate("first_contact_at"))
        .values("year")
        .annotate(
            ideas_received=Count("pk"),
            realised=Count("pk", filter=Q(status=Status.REALISED)),
            contacted=Count("pk", filter=Q(first_contact_at__isnull=False)),
            within_target=Count("pk", filter=Q(contact_day__lte=F("first_contact_due"))),
        )
        .order_by("year")
    )
    return [
        {
            "year": row["year"],
            "ideas_received": row["ideas_received"],
            "realised": row["realised"],
            "realised_share": share(row["realised"], row["ideas_received"]),
            "first_contact_share": share(row["within_target"], row["contacted"]),
        }
        for row in rows
    ]
