import pytest

from matching.models import MatchConsent, MatchSuggestion
from matching.selectors import consent_get_for_viewer, suggestion_get_for_viewer
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _suggestion():
    a, b = InitiativeFactory(), InitiativeFactory()
    return MatchSuggestion.objects.create(
        initiative=a, other_initiative=b, score=0.5, reasons=[{"code": "theme"}]
    )


def test_a_suggestion_is_read_by_brokers_only(broker, civil_servant):
    suggestion = _suggestion()

    assert suggestion_get_for_viewer(viewer=broker, pk=suggestion.pk) == suggestion
    assert suggestion_get_for_viewer(viewer=broker, pk=suggestion.pk + 1) is None
    assert suggestion_get_for_viewer(viewer=civil_servant, pk=suggestion.pk) is None


def test_a_consent_is_read_by_brokers_only_with_its_suggestion(
    broker, civil_servant, django_assert_num_queries
):
    from django.utils import timezone

    suggestion = _suggestion()
    consent = MatchConsent.objects.create(
        suggestion=suggestion, initiative=suggestion.initiative, expires_at=timezone.now()
    )

    with django_assert_num_queries(2):  # the viewer's roles, then the consent
        found = consent_get_for_viewer(viewer=broker, pk=consent.pk)
        assert found.suggestion == suggestion
    assert consent_get_for_viewer(viewer=civil_servant, pk=consent.pk) is None
