"""The brokers' search reads a thesaurus word written as two ("repair café", "tiny
forest") as that word, as the stored documents already do (walk of issue 21): it finds
the cases of its group, not only those with both words."""

import pytest

from brokers.selectors import search_query
from initiatives.models import Initiative
from initiatives.services import initiative_index, synonym_groups_starter_load
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _found(query: str) -> set[str]:
    return set(
        Initiative.objects.filter(search_document=search_query(query)).values_list(
            "title", flat=True
        )
    )


def test_a_thesaurus_word_written_apart_finds_its_group():
    synonym_groups_starter_load()  # it groups repaircafé, reparatiecafé and repareren
    cases = [
        InitiativeFactory(title="Repair café in het buurthuis", description="Elke maand."),
        InitiativeFactory(title="Samen repareren", description="Kapotte spullen maken."),
        InitiativeFactory(title="Reparatiecafé", description="Op zaterdag in de kerk."),
        InitiativeFactory(title="Café op het plein", description="Een terras voor iedereen."),
    ]
    initiative_index(initiative_ids=[case.pk for case in cases])
    kindred = {"Repair café in het buurthuis", "Samen repareren", "Reparatiecafé"}
    assert _found("repaircafé") == kindred
    # Written apart, as people type it: the same cases (before: only the first).
    assert _found("repair café") == kindred
    assert _found("Repair Café") == kindred
    # With another word, every word still counts.
    assert _found("repair café kerk") == {"Reparatiecafé"}
    # Two words that are no thesaurus word together stay two words.
    assert _found("café plein") == {"Café op het plein"}
