"""How telling a shared word is: the counts of the stored documents (TermFrequency,
refreshed by a beat job) weigh a word every idea uses less than a rare one; hyphenated
compounds meet the thesaurus; one shared thesaurus group is reason enough to look."""

import pytest

from initiatives import vocabulary
from initiatives.services import initiative_index, synonym_groups_starter_load
from matching import engine, tasks
from matching.constants import TERM_TOTAL
from matching.models import TermFrequency
from matching.services import match_term_stats_refresh
from tests.initiatives.factories import InitiativeFactory, theme

pytestmark = pytest.mark.django_db


def _ideas(count, text):
    ideas = [InitiativeFactory(title=f"Idee {n}", description=text) for n in range(count)]
    initiative_index(initiative_ids=[i.pk for i in ideas])
    return ideas


def test_the_refresh_counts_in_how_many_documents_each_word_occurs():
    _ideas(3, "Een moestuin met kinderen.")
    _ideas(2, "Voorlezen aan kinderen.")
    assert tasks.match_term_stats_refresh() == 5  # the beat job calls the service
    counts = dict(TermFrequency.objects.values_list("term", "documents"))
    assert counts[TERM_TOTAL] == 5
    assert counts["kinder"] == 5
    assert counts["moestuin"] == 3
    # Counting again replaces the counts rather than adding to them.
    match_term_stats_refresh()
    assert TermFrequency.objects.get(term="moestuin").documents == 3


def test_a_word_every_idea_uses_weighs_less_than_a_rare_one():
    _ideas(24, "Samen met kinderen iets doen.")
    _ideas(1, "Een insectenhotel bouwen.")
    text = "Kinderen bouwen een insectenhotel"
    before = engine.Concepts.of(text)
    match_term_stats_refresh()
    after = engine.Concepts.of(text)
    weights = engine.DEFAULT_WEIGHTS
    # Too few documents counted: the counts say nothing yet, every word counts fully.
    assert before.rarity("kinder") == 1.0
    assert after.documents == 25
    assert after.rarity("kinder") < 0.2
    assert after.weight("kinder", weights) < after.weight("bouw", weights)


def test_a_hyphenated_compound_is_also_read_as_one_word():
    synonym_groups_starter_load()
    assert vocabulary.joined_words("Klaar-overs bij de school") == ["klaarovers"]
    analysis = vocabulary.analyse("Klaar-overs bij de school")
    assert any("klaarover" in members for members in analysis.groups.values())


def test_one_shared_thesaurus_group_is_enough_to_meet():
    synonym_groups_starter_load()
    a = InitiativeFactory(
        title="Buurtkoor oprichten",
        description="Een koor voor iedereen die van muziek houdt.",
        theme=theme("kunst-cultuur"),
    )
    b = InitiativeFactory(
        title="Samen zingen",
        description="Bekende liedjes zingen op donderdagavond.",
        theme=theme("kunst-cultuur"),
    )
    initiative_index(initiative_ids=[a.pk, b.pk])
    found = engine.initiative_candidates(
        text=f"{a.title} {a.description}",
        title=a.title,
        exclude_id=a.pk,
        theme_id=a.theme_id,
        neighbourhood_id=None,
        needs=[],
    )
    assert [c.initiative_id for c in found] == [b.pk]
    assert "≈" in found[0].reasons[0]["words"]
    assert "zingen" in found[0].reasons[0]["words"]


def test_finding_suggestions_counts_again_when_few_documents_outgrew_the_counts(monkeypatch):
    """A new installation (or a labelled set loaded to measure the matching) does not
    weigh every word as rare until the hourly job comes by."""
    from matching.services import match_find, match_term_stats_keep_fresh, stats

    ideas = _ideas(19, "Samen met kinderen iets doen.")
    assert match_term_stats_keep_fresh() is False  # below MIN_DOCUMENTS counts say nothing
    ideas += _ideas(1, "Een insectenhotel bouwen.")
    match_find(initiative_id=ideas[-1].pk)
    assert TermFrequency.objects.get(term=TERM_TOTAL).documents == 20
    _ideas(2, "Nog een idee met kinderen.")  # 22 of 20 counted: a tenth behind, not more
    assert match_term_stats_keep_fresh() is False
    _ideas(1, "En nog een.")
    assert match_term_stats_keep_fresh() is True
    assert TermFrequency.objects.get(term=TERM_TOTAL).documents == 23
    # With many documents the hourly job is enough: no count on the way.
    monkeypatch.setattr(stats, "KEEP_FRESH_BELOW", 20)
    _ideas(5, "Veel meer ideeën.")
    assert match_term_stats_keep_fresh() is False
    assert TermFrequency.objects.get(term=TERM_TOTAL).documents == 23


@pytest.mark.django_db(transaction=True)
def test_two_counts_at_once_do_not_collide():
    """A worker counting while another does (the beat job, a suggestion): the second
    waits for the first instead of inserting the same words again."""
    import threading

    from django.db import connection, transaction

    _ideas(3, "Een moestuin met kinderen.")
    errors, started = [], threading.Event()

    def second():
        started.wait()
        try:
            match_term_stats_refresh()
        except Exception as error:  # noqa: BLE001 - the failure is what is tested
            errors.append(error)
        finally:
            connection.close()

    other = threading.Thread(target=second)
    other.start()
    with transaction.atomic():
        match_term_stats_refresh()
        started.set()
        other.join(timeout=1)  # it waits on the first count, which has not committed
        assert other.is_alive()
    other.join(timeout=10)
    assert errors == []
    assert TermFrequency.objects.get(term="moestuin").documents == 3
