"""Import past initiatives from a municipality's spreadsheet (CSV or XLSX).

Every row is checked first and every bad row is reported with its line and reason; only
a file without errors is imported, in one transaction (all or nothing). The reference is
the key: a reference that already exists is skipped, never overwritten, so running the
same file twice changes nothing and work done in the platform since is kept. Initiators
come in without personal data (their kind only). The reference counters are raised so a
new submission never reuses an imported number.

By concern: `reading` (the file: CSV in UTF-8 or XLSX, its columns), `checking` (every
row's values) and `writing` (the rows in one transaction)."""

from .reading import COLUMNS, ImportRejected, RowError, read_rows
from .writing import ImportResult, initiatives_import

__all__ = [
    "COLUMNS",
    "ImportRejected",
    "ImportResult",
    "RowError",
    "initiatives_import",
    "read_rows",
]
