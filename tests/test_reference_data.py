"""config/reference_data.py: themes, neighbourhoods and message texts are read once per
process, and a change through the admin (a save or delete) applies at once."""

import pytest

from config.reference_data import ReferenceData
from initiatives.forms import SubmissionForm
from initiatives.models import Theme
from neighbourhoods.models import PostcodeRange
from tests.initiatives.factories import ThemeFactory, theme
from tests.initiatives.payloads import submission_data
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def binnenstad():
    theme("groen-leefomgeving")
    hood = NeighbourhoodFactory(code="WK019300", name="Binnenstad")
    PostcodeRangeFactory(neighbourhood=hood, start="8011AA", end="8011ZZ")
    return hood


def _valid(**overrides) -> SubmissionForm:
    form = SubmissionForm(submission_data(**overrides))
    assert form.is_valid(), form.errors
    return form


def test_a_submission_checks_theme_and_postcode_without_a_query(
    binnenstad, django_assert_num_queries
):
    _valid()  # the first one loads the reference data
    with django_assert_num_queries(0):
        form = _valid()
    assert form.cleaned_data["neighbourhood"] == binnenstad
    assert form.cleaned_data["theme"].slug == "groen-leefomgeving"


def test_an_added_theme_and_range_count_once_committed(
    binnenstad, django_capture_on_commit_callbacks
):
    _valid()
    with django_capture_on_commit_callbacks(execute=True):
        # Not a slug of the data migration: it must be new whatever ran before.
        ThemeFactory(slug="speelplekken", name="Speelplekken", name_en="Play", order=99)
    form = _valid(theme="speelplekken")
    assert form.cleaned_data["theme"].name == "Speelplekken"
    with django_capture_on_commit_callbacks(execute=True):
        zuid = NeighbourhoodFactory(code="WK019311", name="Zuid")
        PostcodeRangeFactory(neighbourhood=zuid, start="8022AA", end="8022ZZ")
    assert _valid(postcode="8022 AB").cleaned_data["neighbourhood"] == zuid


def test_a_deleted_theme_is_refused_once_committed(binnenstad, django_capture_on_commit_callbacks):
    _valid()
    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.filter(slug="groen-leefomgeving").delete()
    form = SubmissionForm(submission_data())
    assert not form.is_valid()
    assert "theme" in form.errors


def test_a_change_without_a_signal_shows_after_the_time(binnenstad):
    _valid()
    PostcodeRange.objects.update(end="8012ZZ")  # no signal
    form = SubmissionForm(submission_data(postcode="8012 AB"))
    assert not form.is_valid()  # the old ranges, for at most a minute
    from neighbourhoods.selectors import NEIGHBOURHOODS

    NEIGHBOURHOODS.forget()  # what the minute passing does
    assert _valid(postcode="8012 AB").cleaned_data["neighbourhood"] == binnenstad


def test_a_load_that_overlaps_a_change_is_not_kept():
    loads = []
    data = ReferenceData(lambda: loads.append(1) or len(loads), models=[], seconds=60)

    def load_during_a_change():
        data.forget()  # another thread's committed change, while this one loads
        return len(loads) + 100

    data._load = load_during_a_change
    assert data.get() == 100  # used once
    data._load = lambda: loads.append(1) or len(loads)
    assert data.get() == 1  # loaded again, not the overlapping value


def test_expiry_loads_again():
    loads = []
    data = ReferenceData(lambda: loads.append(1) or len(loads), models=[], seconds=0)
    assert (data.get(), data.get()) == (1, 2)
    kept = ReferenceData(lambda: loads.append(1) or len(loads), models=[], seconds=60)
    assert kept.get() == kept.get() == 3
