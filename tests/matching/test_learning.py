"""Learning from the brokers: a dismissal keeps its reason and the pair never comes
back; tune_matching fits the weights on the decisions and says how well before and
after; reasons name the real words, a thesaurus group as "word ≈ word"."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from initiatives.models import SynonymGroup
from initiatives.services import initiative_index, synonym_groups_starter_load
from matching import engine, services
from matching.constants import DismissReason, SuggestionStatus
from matching.models import MatchSuggestion, MatchWeights
from matching.services.tuning import Fit, fit, weights_tune
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme
from tests.matching.factories import MatchSuggestionFactory

pytestmark = pytest.mark.django_db


def _kindred_pair():
    a = InitiativeFactory(
        title="Repair café",
        description="Kapotte spullen repareren met vrijwilligers.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(matching_allowed=True),
    )
    b = InitiativeFactory(
        title="Fietsen repareren",
        description="Kapotte fietsen repareren met jongeren.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(matching_allowed=True),
    )
    return a, b


def test_a_dismissal_keeps_its_reason_and_the_pair_is_not_suggested_again(broker):
    a, b = _kindred_pair()
    services.match_find(initiative_id=a.pk)
    suggestion = MatchSuggestion.objects.get()
    assert suggestion.features["text"] > 0  # the signals are kept to learn from
    services.match_dismiss(
        suggestion=suggestion, actor=broker, reason=DismissReason.KNOW_EACH_OTHER
    )
    suggestion.refresh_from_db()
    assert suggestion.decision_reason == DismissReason.KNOW_EACH_OTHER
    assert suggestion.status_changes.get().note == "Kennen elkaar al"
    # Found again from either side: still set aside, nothing new.
    assert services.match_find(initiative_id=b.pk) == 0
    assert services.match_find(initiative_id=a.pk) == 0
    assert list(MatchSuggestion.objects.values_list("status", flat=True)) == ["dismissed"]


def test_an_unknown_reason_is_refused(broker):
    a, b = _kindred_pair()
    services.match_find(initiative_id=a.pk)
    with pytest.raises(ValidationError):
        services.match_dismiss(suggestion=MatchSuggestion.objects.get(), actor=broker, reason="x")


def test_the_case_panel_asks_why_and_records_it(client, broker):
    a, b = _kindred_pair()
    services.match_find(initiative_id=a.pk)
    suggestion = MatchSuggestion.objects.get()
    client.force_login(broker)
    response = client.post(
        reverse("matching:dismiss", args=[suggestion.pk]),
        {"initiative": a.pk, "reason": DismissReason.NOT_NOW},
    )
    assert response.status_code in (200, 302)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decision_reason) == ("dismissed", "not_now")


def _history():
    """Kindred pairs share much text; pairs about something else share a theme and a
    little text: a weight set that leans on the theme suggests the wrong ones."""
    kindred = [{"text": 0.6 + n / 100, "theme": n % 2, "title": 0.1} for n in range(15)]
    other = [{"text": 0.2 + n / 100, "theme": 1, "neighbourhood": 1} for n in range(15)]
    return [(f, True) for f in kindred] + [(f, False) for f in other]


def test_tuning_fits_the_weights_on_the_history():
    history = _history()
    loose = engine.Weights(text=0.5, theme=0.3, neighbourhood=0.2, minimum=0.3)
    assert fit(loose, history).precision == 0.5
    current, before, best, after = weights_tune(history=history)
    assert current == engine.DEFAULT_WEIGHTS
    assert (after.precision, after.recall) == (1.0, 1.0)
    assert after.f1 >= before.f1
    assert isinstance(before, Fit)


def test_tune_matching_prints_before_and_after_and_applies(broker):
    for features, kindred in _history():
        status = SuggestionStatus.ACCEPTED if kindred else SuggestionStatus.DISMISSED
        MatchSuggestionFactory(
            status=status,
            decision_reason="" if kindred else DismissReason.OTHER_SUBJECT,
            features=features,
            score=0.5,
        )
    out = StringIO()
    call_command("tune_matching", stdout=out)
    assert "decisions: 30 (15 kindred, 15 about something else)" in out.getvalue()
    assert "before: precision" in out.getvalue() and "after: precision 1.00, recall 1.00" in (
        out.getvalue()
    )
    assert not MatchWeights.objects.exists()
    call_command("tune_matching", "--apply", stdout=StringIO())
    row = MatchWeights.objects.get()
    assert engine.current_weights().minimum == row.minimum


def test_reasons_name_the_real_words_of_a_thesaurus_group(broker):
    # The starter thesaurus groups them (a second group with its words is refused).
    synonym_groups_starter_load()  # a transactional test elsewhere may have flushed it
    group = SynonymGroup.objects.get(words__contains=["rommelmarkt"])
    assert {"vlooienmarkt", "kleedjesmarkt"} <= set(group.words)
    a = InitiativeFactory(
        title="Rommelmarkt op het plein",
        description="Tweedehands spullen verkopen op een kleedje, voor kinderen ook speelgoed.",
        theme=theme("ontmoeting"),
    )
    b = InitiativeFactory(
        title="Vlooienmarkt in de straat",
        description="Bewoners verkopen tweedehands spullen en oud speelgoed.",
        theme=theme("ontmoeting"),
    )
    initiative_index(initiative_ids=[a.pk, b.pk])
    found = engine.initiative_candidates(
        text=f"{a.title} {a.description}",
        title=a.title,
        exclude_id=a.pk,
        theme_id=a.theme_id,
        neighbourhood_id=None,
        needs=[],
        weights=engine.DEFAULT_WEIGHTS,
    )
    assert [c.initiative_id for c in found] == [b.pk]
    assert found[0].reasons[0]["code"] == "words"
    assert found[0].reasons[0]["words"].startswith("rommelmarkt ≈ vlooienmarkt")
