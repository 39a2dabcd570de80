"""OWASP's rule against formula injection: a text cell that a spreadsheet could read as a
formula (a theme or neighbourhood name an administrator typed as "=HYPERLINK(...)", say)
starts with a quote, so it stays text. Numbers stay numbers. Every export applies it."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _safe_row(row) -> list:
    return [_safe(value) for value in row]
