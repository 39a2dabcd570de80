"""Short dates as the interface's language writes them: "15 nov." in Dutch (Taalunie:
abbreviated months take a full stop, "mei" is written whole), "15 Nov" in English.
Django's "M" format title-cases its three letters ("Mrt", "Mei"), which is neither."""

from datetime import date

from django.utils.translation import gettext_lazy

# By month number (1-12).
MONTH_ABBREVIATIONS = (
    "",
    gettext_lazy("jan."),
    gettext_lazy("feb."),
    gettext_lazy("mrt."),
    gettext_lazy("apr."),
    gettext_lazy("mei"),
    gettext_lazy("jun."),
    gettext_lazy("jul."),
    gettext_lazy("aug."),
    gettext_lazy("sep."),
    gettext_lazy("okt."),
    gettext_lazy("nov."),
    gettext_lazy("dec."),
)


def month_abbreviations() -> tuple[str, ...]:
    """The twelve, translated now, by month number (index 0 is empty)."""
    return tuple(str(month) for month in MONTH_ABBREVIATIONS)


def short_date(day: date, *, year: bool = False) -> str:
    """'15 nov.' ('15 nov. 2026' with the year)."""
    text = f"{day.day} {MONTH_ABBREVIATIONS[day.month]}"
    return f"{text} {day.year}" if year else text
