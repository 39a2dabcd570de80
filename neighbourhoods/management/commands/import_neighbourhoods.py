from django.core.management.base import BaseCommand, CommandError

from neighbourhoods.services import neighbourhoods_import
from neighbourhoods.shapes.reading import ShapeFileError, read_shapes


class Command(BaseCommand):
    help = (
        "Import neighbourhoods (code, name, population, shape) from the CBS wijk- en "
        "buurtkaart as GeoJSON or GeoPackage, RD New (EPSG:28992) or WGS84. All or nothing: "
        "any wrong feature is reported by its number and nothing is imported. Running it "
        "again updates names, populations and shapes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .geojson/.json or .gpkg file.")

    def handle(self, *args, file, **options):
        try:
            records = read_shapes(file)
        except ShapeFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Niets geïmporteerd: {len(error.problems)} probleem/problemen in {file}."
            ) from None
        result = neighbourhoods_import(records=records)
        self.stdout.write(
            f"{result.created} wijken toegevoegd, {result.updated} bijgewerkt uit {file}."
        )
