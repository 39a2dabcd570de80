"""Euro amounts: the largest one the ledger can hold, and how text shows an amount.

Text written into the history (grant event notes) or a title is read by Dutch staff and
residents later, whoever caused it: always Dutch notation, never the active language's
(an English-speaking coordinator would otherwise write "250.00" into a Dutch note).
The one money form field and its notation live in config.money."""

from config.money import MAX_AMOUNT, MAX_DIGITS, TOO_MUCH
from config.money import format_euros as euros

__all__ = ["MAX_AMOUNT", "MAX_DIGITS", "TOO_MUCH", "euros"]
