"""Cells for exported spreadsheets (CSV, XLSX), shared by every export.

OWASP's rule against formula injection: a text cell that a spreadsheet could read as a
formula (a name an administrator or resident typed as "=HYPERLINK(...)", say) starts
with a quote, so it stays text. Numbers stay numbers."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe_row(row) -> list:
    return [spreadsheet_safe(value) for value in row]
