"""Euro amounts: the largest one the ledger can hold, and how text shows an amount.

Text written into the history (grant event notes) or a title is read by Dutch staff and
residents later, whoever caused it: always Dutch notation, never the active language's
(an English-speaking coordinator would otherwise write "250.00" into a Dutch note)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

# Every money column is DecimalField(max_digits=12, decimal_places=2).
MAX_DIGITS = 12
MAX_AMOUNT = Decimal("9999999999.99")

TOO_MUCH = _("Dit bedrag is te hoog. Vul een bedrag in tot € 9.999.999.999,99.")


def euros(amount) -> str:
    """1234.5 -> "1.234,50" (the caller writes the € sign, as the message texts do)."""
    text = f"{Decimal(amount):,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
