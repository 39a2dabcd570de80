import sys

from django.core.management.base import BaseCommand, CommandError

from figures.exports import figures_csv, figures_json, figures_xlsx
from figures.selectors import YEARS, figures_for_year


class Command(BaseCommand):
    help = "Export the yearly figures (no personal data) as JSON, CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="File to write; standard output when left out.")

    def handle(self, *args, year, format, output, **options):
        if year not in YEARS:
            raise CommandError(f"Choose a year from {YEARS.start} to {YEARS.stop - 1}.")
        figures = figures_for_year(year)
        if format == "xlsx":
            if not output:
                raise CommandError("XLSX needs --output FILE.")
            figures_xlsx(figures, output)
        else:
            body = figures_json(figures) if format == "json" else figures_csv(figures)
            if output:
                with open(output, "wb") as handle:
                    handle.write(body)
            else:
                sys.stdout.flush()
                self.stdout.write(body.decode(), ending="\n")
        if output:
            self.stderr.write(f"Wrote {format} figures for {year} to {output}.")
