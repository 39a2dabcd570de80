"""`make bench`: a separate database with 100,000 initiatives and the platform's figures.

Each module in bench/measures/ has `run() -> list[tuple[str, str]]` and is measured in
name order; capabilities add their own module."""
