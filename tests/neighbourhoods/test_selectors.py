import pytest

from neighbourhoods.models import normalise_postcode
from neighbourhoods.selectors import neighbourhood_for_postcode
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db


def test_postcode_finds_its_neighbourhood():
    centre = NeighbourhoodFactory(name="Binnenstad")
    south = NeighbourhoodFactory(name="Assendorp")
    PostcodeRangeFactory(neighbourhood=centre, start="8011AA", end="8011ZZ")
    PostcodeRangeFactory(neighbourhood=south, start="8012AA", end="8012MZ")
    PostcodeRangeFactory(neighbourhood=centre, start="8012NA", end="8012ZZ")

    assert neighbourhood_for_postcode("8011 ab") == centre
    assert neighbourhood_for_postcode("8012AB") == south
    assert neighbourhood_for_postcode("8012 XZ") == centre
    assert neighbourhood_for_postcode("8011") == centre
    assert neighbourhood_for_postcode("8012") is None  # split over two: the resident chooses
    assert neighbourhood_for_postcode("9999ZZ") is None
    assert neighbourhood_for_postcode("onzin") is None


def test_normalise_postcode():
    assert normalise_postcode(" 8011 ab ") == "8011AB"
    assert normalise_postcode("0123AB") is None
    assert normalise_postcode("") is None
