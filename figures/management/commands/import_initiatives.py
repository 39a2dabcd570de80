from django.core.management.base import BaseCommand, CommandError

from figures.importing import COLUMNS, ImportRejected, initiatives_import, read_rows


class Command(BaseCommand):
    help = (
        "Import past initiatives from a CSV or XLSX file with the columns "
        + ", ".join(COLUMNS)
        + ". All rows are checked first; nothing is imported when one is wrong. "
        "Existing references are skipped, so the same file can be imported twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and count: the whole import, rolled back at the end.",
        )

    def handle(self, *args, file, dry_run=False, **options):
        try:
            rows = read_rows(file)
            result = initiatives_import(actor=None, rows=rows, dry_run=dry_run)
        except FileNotFoundError as exc:
            raise CommandError(f"Bestand niet gevonden: {file}") from exc
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Niets geïmporteerd: {len(exc.errors)} fout(en). Verbeter het bestand en "
                "probeer het opnieuw."
            ) from exc
        verb = "zouden worden geïmporteerd (proefrun)" if dry_run else "geïmporteerd"
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} ideeën {verb}, {len(result.skipped)} overgeslagen "
                "(kenmerk bestond al)."
            )
        )
