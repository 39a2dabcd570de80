"""Money as Dutch people type it, in every form: one field for every amount.

Accepted: `6000`, `6.000`, `6.000,00`, `6000,50`, `€ 6.000,-`, `€6.000,--`, `6 000`,
`99.50` and `1,234.56` (a point followed by one or two digits is a decimal point, as in
English; a point between groups of three digits separates thousands, as in Dutch). Shown
back in Dutch notation (6.000,00). Every problem gets one message, never two for one."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .form_markup import keep_markup_of

# What the money columns hold: DecimalField(max_digits=12, decimal_places=2).
MAX_DIGITS = 12
MAX_AMOUNT = Decimal("9999999999.99")

TOO_MUCH = _("Dit bedrag is te hoog. Vul een bedrag in tot € 9.999.999.999,99.")
MONEY_ERRORS = {
    "invalid": _("Vul een bedrag in euro's in, zoals 250, 6.000 of 99,50."),
    "required": _("Vul een bedrag in."),
    # Above what the ledger holds: a clear message instead of a database error (500).
    "max_value": TOO_MUCH,
    "max_digits": TOO_MUCH,
    "max_whole_digits": TOO_MUCH,
    "max_decimal_places": _("Vul hoogstens twee cijfers achter de komma in."),
}

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_DUTCH = re.compile(r"\d{1,3}(\.\d{3})+(,\d*)?|\d+(,\d*)?")  # 6.000,50 / 6000,5
_ENGLISH = re.compile(r"\d{1,3}(,\d{3})+(\.\d{1,2})?|\d+\.\d{1,2}")  # 1,234.56 / 99.50


def parse_euros(text: str) -> Decimal | None:
    """The amount in `text`, or None when it is not one."""
    value = _SPACES.sub("", str(text))
    value = re.sub(r"(?i)^(€|eur(o's|o)?)", "", value)
    value = re.sub(r"(?i)(€|eur(o's|o)?)$", "", value)
    negative = value.startswith("-")
    if value[:1] in ("-", "+"):
        value = value[1:]
    value = re.sub(r"[,.]-{1,2}$", "", value)  # "6.000,-": whole euros
    if _DUTCH.fullmatch(value):
        number = value.replace(".", "").replace(",", ".")
    elif _ENGLISH.fullmatch(value):
        number = value.replace(",", "")
    else:
        return None
    number = number.rstrip(".") or "0"
    try:
        amount = Decimal(number)
    except InvalidOperation:
        return None
    return -amount if negative else amount


def format_euros(amount) -> str:
    """1234.5 -> "1.234,50" (Dutch notation, whatever the active language)."""
    text = f"{Decimal(amount):,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _min_value_text(limit: Decimal) -> str:
    if limit == 0:
        return gettext("Vul een bedrag in van € 0 of meer.")
    if limit == Decimal("0.01"):
        return gettext("Vul een bedrag in dat groter is dan € 0.")
    return gettext("Vul een bedrag in van minstens € %(limit)s.") % {"limit": format_euros(limit)}


# Fields are made when their form class is: the text is chosen in the request's language.
_min_value_message = lazy(_min_value_text, str)


class MoneyInput(forms.TextInput):
    """A text box, not type=number: "6.000,00" is not a number to a browser."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off"} | (attrs or {}))


# A text box whose markup is its attributes and value alone (config.form_markup).
keep_markup_of(MoneyInput)


class MoneyField(forms.DecimalField):
    """Every money input: euros and cents as Dutch people type them, at most what the
    ledger holds, one message per problem."""

    widget = MoneyInput

    def __init__(self, **kwargs):
        kwargs = {
            "max_digits": MAX_DIGITS,
            "decimal_places": 2,
            "max_value": MAX_AMOUNT,
        } | kwargs
        kwargs["error_messages"] = MONEY_ERRORS | kwargs.get("error_messages", {})
        super().__init__(**kwargs)
        if self.min_value is not None and "min_value" not in self.error_messages:
            # Django's own text shows the limit with an English decimal point ("0.01").
            self.error_messages["min_value"] = _min_value_message(Decimal(str(self.min_value)))

    def widget_attrs(self, widget):
        # DecimalField would add step/min/max for a number input; a text box needs none.
        return forms.Field.widget_attrs(self, widget)

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal | int | float):
            return Decimal(str(value))
        amount = parse_euros(value)
        if amount is None or not amount.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount

    def run_validators(self, value):
        # One problem, one message: a too large amount breaks both the digit count and
        # the maximum, and would otherwise be reported twice.
        try:
            super().run_validators(value)
        except ValidationError as exc:
            raise exc.error_list[0] from None

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_euros(value)
        return value
