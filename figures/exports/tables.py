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
}


def denominator_counts(figures: dict) -> dict[str, int]:
    """The number each share is taken of, per entry of the denominators."""
    received = figures["ideas_received"]
    counts = dict.fromkeys(MAPPING_TITLES, received)
    counts["realised_share"] = received
    counts["realised_without_financial_support_share"] = figures["realised"]
    counts["first_contact.share"] = figures["first_contact"].get("contacted")
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
    columns = [
        Column(_("Omschrijving"), TEXT, "label"),
        Column(_("Aantal"), DECIMAL, "count"),
        Column(_("Aandeel"), SHARE, "share"),
        Column(_("Aandeel van (noemer)"), COUNT, "denominator"),
        Column(_("Sleutel"), KEY, "code"),
    ]
    return Table("summary", _("Overzicht"), columns, rows)


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


def figures_tables(figures: dict, *, about: ExportInfo | None = None) -> list[Table]:
    labels = _labels()
    tables = [_summary(figures)]
    tables += [_mapping_table(figures, key, labels) for key in MAPPING_TITLES]
    tables.append(_budget_table(figures, labels["by_neighbourhood"]))
    tables.append(_notes_table(figures, about))
    return tables
