import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from figures.exports import DIALECTS, ExportInfo, figures_csv, figures_json, figures_xlsx
from figures.selectors import YEARS, figures_for_year


class Command(BaseCommand):
    help = "Export the yearly figures (no personal data) as JSON, CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="File to write; standard output when left out.")
        parser.add_argument(
            "--dialect",
            choices=DIALECTS,
            default="nl",
            help="CSV for Dutch Excel (nl: semicolons, decimal commas) or for software.",
        )

    def handle(self, *args, year, format, output, dialect, **options):
        if year not in YEARS:
            raise CommandError(f"Choose a year from {YEARS.start} to {YEARS.stop - 1}.")
        figures = figures_for_year(year)
        about = ExportInfo(at=timezone.localtime(), role=_("Beheerder (opdrachtregel)"))
        if format == "xlsx":
            if not output:
                raise CommandError("XLSX needs --output FILE.")
            figures_xlsx(figures, output, about=about)
        else:
            if format == "json":
                body = figures_json(figures)
            else:
                body = figures_csv(figures, dialect=dialect, about=about)
            if output:
                with open(output, "wb") as handle:
                    handle.write(body)
            else:
                sys.stdout.flush()
                self.stdout.write(body.decode(), ending="\n")
        if output:
            self.stderr.write(f"Wrote {format} figures for {year} to {output}.")
