"""The yearly figures as labelled tables: the one shape the page, the XLSX and both CSV
dialects are made from. A row starts with what a person reads (a label) and ends with
the code or key a machine matches on; every column says what kind of value it holds, so
each export can format it (counts as whole numbers, shares as percentages, euros)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatives.constants import THEME_SLUGS, Channel, InitiatorKind, Status
from initiatives.models import Theme
from neighbourhoods.models import Neighbourhood

from ..selectors import UNKNOWN
from ..selectors.reach import per_1000

# Column kinds.
TEXT, COUNT, SHARE, MONEY, DECIMAL, KEY = "text", "count", "share", "money", "decimal", "key"


@dataclass
class Column:
    header: str
    kind: str
    # What the column holds, for the long CSV: "label", "count", "share", "denominator",
    # "code", "text", or the name of an amount ("budget", "paid", ...).
    name: str


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def records(self):
        """Each row as a mapping from column name to value."""
        names = [column.name for column in self.columns]
        for row in self.rows:
            yield dict(zip(names, row, strict=True))


@dataclass
class ExportInfo:
    """When and by which role (never a name) an export was made."""

    at: datetime
    role: str


def _labels() -> dict[str, dict[str, str]]:
    hoods = dict(Neighbourhood.objects.values_list("code", "name"))
    hoods[UNKNOWN] = _("Onbekend")
    return {
        "by_initiator_kind": {k: str(v) for k, v in InitiatorKind.choices},
        "by_theme": {slug: nl for slug, (nl, _en) in THEME_SLUGS.items()}
        | {t.slug: str(t) for t in Theme.objects.all()},
        "by_neighbourhood": hoods,
        "by_channel": {k: str(v) for k, v in Channel.choices},
        "by_status": {k: str(v) for k, v in Status.choices},
    }


MAPPING_TITLES = {
    "by_initiator_kind": (gettext_lazy("Initiatiefnemers"), gettext_lazy("Soort initiatiefnemer")),
    "by_theme": (gettext_lazy("Thema's"), gettext_lazy("Thema")),
    "by_neighbourhood": (gettext_lazy("Wijken"), gettext_lazy("Wijk")),
    "by_channel": (gettext_lazy("Kanalen"), gettext_lazy("Kanaal")),
    "by_status": (gettext_lazy("Stand"), gettext_lazy("Stand van nu")),
}

# What each entry of the denominators explains, in words (the page never shows a key).
DENOMINATOR_SUBJECTS = {
    "by_initiator_kind": gettext_lazy("Initiatiefnemers"),
    "by_theme": gettext_lazy("Thema's"),
    "by_neighbourhood": gettext_lazy("Wijken"),
    "by_channel": gettext_lazy("Kanalen"),
    "by_status": gettext_lazy("Stand"),
    "realised_share": gettext_lazy("Gerealiseerd"),
    "realised_without_financial_support_share": gettext_lazy("Gerealiseerd zonder geld"),
    "first_contact.share": gettext_lazy("Eerste contact op tijd"),
    "rounding": gettext_lazy("Afronding"),
    "cohort": gettext_lazy("Welke ideeën meetellen"),
    "reach.per_1000": gettext_lazy("Ideeën per 1.000 inwoners"),
    "reach.initiators": gettext_lazy("Nieuwe en terugkerende initiatiefnemers"),
    "reach.offline_channels": gettext_lazy("Offline kanalen"),
    "votes.turnout": gettext_lazy("Opkomst bij stemmen over wijkbudgetten"),
}


def denominator_counts(figures: dict) -> dict[str, int]:
    """The number each share is taken of, per entry of the denominators."""
    received = figures["ideas_received"]
    counts = dict.fromkeys(MAPPING_TITLES, received)
    counts["realised_share"] = received
    counts["realised_without_financial_support_share"] = figures["realised"]
    counts["first_contact.share"] = figures["first_contact"].get("contacted")
    if "reach" in figures:
        counts["reach.initiators"] = figures["reach"]["initiators"]["known"]
        counts["reach.offline_channels"] = received
    if "votes" in figures:
        counts["votes.turnout"] = sum(row["codes"] for row in figures["votes"]["rounds"])
    return counts


def denominator_rows(figures: dict) -> list[dict]:
    counts = denominator_counts(figures)
    return [
        {
            "key": key,
            "subject": str(DENOMINATOR_SUBJECTS.get(key, key)),
            "text": text,
            "count": counts.get(key),
        }
        for key, text in figures["denominators"].items()
    ]


def _summary(figures: dict) -> Table:
    first = figures["first_contact"]
    sat = figures["satisfaction"]
    received, realised = figures["ideas_received"], figures["realised"]
    rows = [
        [_("Ideeën ontvangen"), received, None, None, "ideas_received"],
        [_("Gerealiseerd"), realised, figures["realised_share"], received, "realised"],
        [
            _("Gerealiseerd zonder geld"),
            figures["realised_without_financial_support"],
            figures["realised_without_financial_support_share"],
            realised,
            "realised_without_financial_support",
        ],
        [
            _("Eerste contact op tijd"),
            first["within_target"],
            first["share"],
            first.get("contacted"),
            "first_contact.within_target",
        ],
        [
            _("Mediaan werkdagen tot eerste contact"),
            first["median_working_days"],
            None,
            None,
            "first_contact.median_working_days",
        ],
        [
            _("Kennismakingen gelegd"),
            figures["introductions_made"],
            None,
            None,
            "introductions_made",
        ],
        [_("Doorverwijzingen"), figures["referrals"], None, None, "referrals"],
        [_("Antwoorden tevredenheid"), sat["answers"], None, None, "satisfaction.answers"],
        [_("Gemiddelde tevredenheid (1-5)"), sat["average"], None, None, "satisfaction.average"],
    ]
    return Table("summary", _("Overzicht"), _summary_columns(DECIMAL), rows)


def _summary_columns(count_kind: str) -> list[Column]:
    return [
        Column(_("Omschrijving"), TEXT, "label"),
        Column(_("Aantal"), count_kind, "count"),
        Column(_("Aandeel"), SHARE, "share"),
        Column(_("Aandeel van (noemer)"), COUNT, "denominator"),
        Column(_("Sleutel"), KEY, "code"),
    ]


def _reach_tables(figures: dict, hoods: dict) -> list[Table]:
    reach = figures["reach"]
    ini, off = reach["initiators"], reach["offline_channels"]
    known = ini["known"]
    rows = [
        [
            _("Initiatiefnemers voor het eerst"),
            ini["first_time"],
            ini["first_time_share"],
            known,
            "reach.initiators.first_time",
        ],
        [
            _("Terugkerende initiatiefnemers"),
            ini["returning"],
            ini["returning_share"],
            known,
            "reach.initiators.returning",
        ],
        [
            _("Ideeën zonder e-mailadres of telefoonnummer (niet te herkennen)"),
            ini["ideas_without_contact"],
            None,
            None,
            "reach.initiators.ideas_without_contact",
        ],
        [
            _("Ideeën via een offline kanaal"),
            off["count"],
            off["share"],
            figures["ideas_received"],
            "reach.offline_channels",
        ],
    ]
    per_hood = Table(
        "reach_per_1000",
        _("Bereik per wijk"),
        [
            Column(_("Wijk"), TEXT, "label"),
            Column(_("Ideeën"), COUNT, "ideas"),
            Column(_("Inwoners"), COUNT, "population"),
            Column(_("Ideeën per 1.000 inwoners"), DECIMAL, "per_1000"),
            Column(_("Code"), KEY, "code"),
        ],
        [
            [hoods.get(code, code), row["ideas"], row["population"], row["per_1000"], code]
            for code, row in reach["per_1000"].items()
        ],
    )
    return [
        Table("reach", _("Bereik"), _summary_columns(COUNT), rows),
        per_hood,
        _trend_table(reach, hoods),
    ]


def _trend_table(reach: dict, hoods: dict) -> Table:
    """Several years side by side per neighbourhood: ideas, then per 1,000 inhabitants
    (of the current population)."""
    years = reach["trend"]["years"]
    population = {code: row["population"] for code, row in reach["per_1000"].items()}
    columns = [Column(_("Wijk"), TEXT, "label")]
    columns += [Column(_("Ideeën %(year)s") % {"year": y}, COUNT, f"ideas_{y}") for y in years]
    columns += [
        Column(_("Per 1.000 inwoners %(year)s") % {"year": y}, DECIMAL, f"per_1000_{y}")
        for y in years
    ]
    columns.append(Column(_("Code"), KEY, "code"))
    rows = []
    for code, ideas in reach["trend"]["ideas"].items():
        rates = [per_1000(n, population.get(code)) for n in ideas]
        rows.append([hoods.get(code, code), *ideas, *rates, code])
    return Table("reach_trend", _("Trend per wijk"), columns, rows)


def _mapping_table(figures: dict, key: str, labels: dict) -> Table:
    title, column = MAPPING_TITLES[key]
    columns = [
        Column(str(column), TEXT, "label"),
        Column(_("Aantal"), COUNT, "count"),
        Column(_("Aandeel"), SHARE, "share"),
        Column(_("Code"), KEY, "code"),
    ]
    rows = [
        [labels[key].get(code, code), value["count"], value["share"], code]
        for code, value in figures[key].items()
    ]
    return Table(key, str(title), columns, rows)


MONEY_COLUMNS = (
    ("budget", gettext_lazy("Budget")),
    ("approved", gettext_lazy("Toegekend")),
    ("paid", gettext_lazy("Uitbetaald")),
    ("accounted", gettext_lazy("Verantwoord")),
)


def _budget_table(figures: dict, hoods: dict) -> Table:
    columns = [
        Column(_("Wijk"), TEXT, "label"),
        *(Column(str(header), MONEY, name) for name, header in MONEY_COLUMNS),
        Column(_("Code"), KEY, "code"),
    ]
    rows = [
        [hoods.get(code, code), *(money[name] for name, _h in MONEY_COLUMNS), code]
        for code, money in figures["budgets"].items()
    ]
    return Table("budgets", _("Wijkbudgetten"), columns, rows)


def _notes_table(figures: dict, about: ExportInfo | None) -> Table:
    columns = [
        Column(_("Onderwerp"), TEXT, "label"),
        Column(_("Toelichting"), TEXT, "text"),
        Column(_("Noemer"), COUNT, "denominator"),
        Column(_("Sleutel"), KEY, "code"),
    ]
    rows = [
        [row["subject"], row["text"], row["count"], row["key"]] for row in denominator_rows(figures)
    ]
    if about is not None:
        rows.append([_("Gemaakt op"), about.at.strftime("%d-%m-%Y %H:%M"), None, "exported_at"])
        rows.append([_("Gemaakt door (rol)"), about.role, None, "exported_by"])
    return Table("denominators", _("Toelichting"), columns, rows)


def _vote_tables(votes: dict) -> list[Table]:
    """Per round and neighbourhood (key: round id and neighbourhood code), and the
    winning plans (key: round, neighbourhood and plan number)."""
    rounds = Table(
        "votes",
        _("Stemmen over wijkbudgetten"),
        [
            Column(_("Stemronde en wijk"), TEXT, "label"),
            Column(_("Bedrag voor de stemming"), MONEY, "amount"),
            Column(_("Stemcodes"), COUNT, "codes"),
            Column(_("Stemmen online"), COUNT, "ballots_online"),
            Column(_("Stemmen op papier"), COUNT, "ballots_paper"),
            Column(_("Stemmen samen"), COUNT, "ballots"),
            Column(_("Opkomst (%)"), DECIMAL, "turnout_percent"),
            Column(_("Gekozen plannen"), COUNT, "plans_funded"),
            Column(_("Geld voor gekozen plannen"), MONEY, "money_funded"),
            Column(_("Code"), KEY, "code"),
        ],
        [
            [
                f"{row['round']} – {row['neighbourhood']}",
                row["amount"],
                row["codes"],
                row["ballots_online"],
                row["ballots_paper"],
                row["ballots_online"] + row["ballots_paper"],
                row["turnout_percent"],
                row["plans_funded"],
                row["money_funded"],
                f"{row['round_id']}.{row['neighbourhood_code']}",
            ]
            for row in votes["rounds"]
        ],
    )
    winners = Table(
        "vote_winners",
        _("Gekozen plannen"),
        [
            Column(_("Stemronde, wijk en plan"), TEXT, "label"),
            Column(_("Gekozen als"), COUNT, "funded_rank"),
            Column(_("Aantal stemmen"), COUNT, "votes"),
            Column(_("Bedrag"), MONEY, "cost"),
            Column(_("Code"), KEY, "code"),
        ],
        [
            [
                f"{row['round']} – {row['neighbourhood']}: {row['number']}. {row['title']}",
                row["funded_rank"],
                row["votes"],
                row["cost"],
                f"{row['round_id']}.{row['neighbourhood_code']}.{row['number']}",
            ]
            for row in votes["winners"]
        ],
    )
    return [rounds, winners]


def figures_tables(figures: dict, *, about: ExportInfo | None = None) -> list[Table]:
    labels = _labels()
    tables = [_summary(figures)]
    tables += [_mapping_table(figures, key, labels) for key in MAPPING_TITLES]
    if "reach" in figures:
        tables += _reach_tables(figures, labels["by_neighbourhood"])
    tables.append(_budget_table(figures, labels["by_neighbourhood"]))
    if "votes" in figures:
        tables += _vote_tables(figures["votes"])
    tables.append(_notes_table(figures, about))
    return tables
