"""OWASP's rule against formula injection: a text cell that a spreadsheet could read as a
formula (a theme or neighbourhood name an administrator typed as "=HYPERLINK(...)", say)
starts with a quote, so it stays text. Numbers stay numbers. Every export applies it: the
one rule lives in config.spreadsheets (the queue's export uses it too)."""

from config.spreadsheets import spreadsheet_safe as _safe
from config.spreadsheets import spreadsheet_safe_row as _safe_row

__all__ = ["_safe", "_safe_row"]
