"""A text's concepts are found by one rule whether it is a stored document or the query
(issue 21: compounds split and groups named "applied to the stored documents and to
queries alike"): a short part of a compound ("bieb" in "minibieb") names no thesaurus
group on either side, so "bibliotheek" does not find "minibieb" through it."""

import itertools

import pytest
from django.db import connection

from initiatives.services import (
    initiative_index,
    synonym_group_save,
    synonym_groups_starter_load,
)
from matching import engine
from matching.concepts import Concepts
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

TEXTS = [
    "Een minibieb in onze straat",
    "De bibliotheek gaat dicht, wat nu?",
    "Prikactie tegen zwerfafval in het park",
    "Schoonmaakdag met de buurt, zwerfvuil opruimen",
    "Nieuwe schommels in de speeltuin",
    "Jeugdhonk voor tieners",
    # A diminutive names its base's group ("avondronde"), and so do thesaurus words
    # written apart ("repaircafé").
    "Avondrondjes door de wijk",
    "Een repair café in de kerk",
    "Wie weet een veldje voor de honden?",
    # A thesaurus word as a compound's head names its group ("bejaarden"); a compound
    # that is a thesaurus word itself names its own group, not its part's ("ruilbibliotheek":
    # no library); inflections of simple words do not split ("tomaten": no "tom" + "aten").
    "Een middag voor hoogbejaarden",
    "Een ruilbibliotheek bij de school",
    "Tomaten oogsten en walking football",
]


def _stored(text: str) -> tuple[list[str], list[str]]:
    """A case with this text as the engine reads its stored document: its stems (index
    words included) and the stems of its own text."""
    initiative = InitiativeFactory(title=text, description="")
    initiative_index(initiative_ids=[initiative.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tsvector_to_array(i.match_document), {engine._WHOLE_SQL}"  # noqa: S608
            " FROM initiatives_initiative i WHERE i.id = %s",
            [initiative.pk],
        )
        return cursor.fetchone()


def _asked(text: str) -> tuple[Concepts, set[str]]:
    """A text as the query: its Concepts and its concepts."""
    concepts = Concepts.of(text)
    return concepts, concepts.of_stems(concepts.analysis.stems)


@pytest.fixture
def stored():
    synonym_groups_starter_load()
    return {text: _stored(text) for text in TEXTS}


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_has_the_same_concepts_stored_and_asked(stored, text):
    concepts, asked = _asked(text)
    assert asked
    assert concepts.of_document(*stored[text]) == asked


@pytest.mark.parametrize(("query", "document"), list(itertools.permutations(TEXTS, 2)))
def test_a_stored_text_shares_with_a_query_what_the_two_share_as_queries(stored, query, document):
    concepts, mine = _asked(query)
    _, theirs_asked = _asked(document)
    assert mine & concepts.of_document(*stored[document]) == mine & theirs_asked


def test_a_short_part_names_no_group_in_the_stored_document(stored):
    library, _ = _asked("De bibliotheek gaat dicht, wat nu?")
    [library_group] = [c for c in library.of_stems(library.analysis.stems) if c.startswith("syn")]
    # "bieb" of the library group is in the stored "minibieb" only as a short part.
    assert "bieb" in stored["Een minibieb in onze straat"][0]
    assert library_group not in library.of_document(*stored["Een minibieb in onze straat"])


def test_a_group_of_one_words_forms_weighs_as_that_word():
    """ "vrijwilliger, vrijwilligers" only joins inflections: it says no more than the word
    and weighs as the word; a group of different words for one subject weighs as a group
    (three wrong pairs of the second labelled set shared only the forms group)."""
    synonym_groups_starter_load()
    concepts, mine = _asked("Vrijwilligers gezocht voor de prikactie tegen zwerfafval")
    forms = concepts.concept("vrijwilliger")
    subject = concepts.concept("prikactie")
    assert forms in mine and subject in mine
    assert not concepts.is_subject(forms)
    assert concepts.is_subject(subject)
    weights = engine.DEFAULT_WEIGHTS
    assert concepts.weight(subject, weights) == weights.group
    assert concepts.weight(forms, weights) < weights.group / 2


@pytest.mark.parametrize(
    ("stems", "forms"),
    [
        (["vrijwilliger"], True),
        (["tablet", "tablets"], True),
        (["taalles", "taalless"], True),
        (["bibliothek", "bieb"], False),
        (["inbrak", "inbreker", "woninginbrak"], False),
        (["kluss", "klussendienst"], False),
    ],
)
def test_forms_only(stems, forms):
    from initiatives.vocabulary import forms_only

    assert forms_only(stems) is forms


def _group_of(word: str) -> str:
    _concepts, found = _asked(word)
    [group] = [c for c in found if c.startswith("syn")]
    return group


def test_a_compounds_head_of_five_letters_or_more_names_its_group(stored):
    concepts, asked = _asked("Een middag voor hoogbejaarden")
    assert _group_of("bejaarden") in asked
    assert _group_of("bejaarden") in concepts.of_document(*stored["Een middag voor hoogbejaarden"])


def test_a_compound_that_is_a_thesaurus_word_names_its_own_group_not_its_parts(stored):
    # The starter groups "ruilbibliotheek" with "ruilkast", "bibliotheek" with "bieb".
    text = "Een ruilbibliotheek bij de school"
    concepts, asked = _asked(text)
    library = _group_of("bibliotheek")
    assert _group_of("ruilkast") in asked and library not in asked
    # Asked from the library's side, the stored book exchange is no library either.
    library_concepts, _ = _asked("De bibliotheek gaat dicht")
    assert library not in library_concepts.of_document(*stored[text])


def test_a_two_letter_word_counts_when_it_is_a_thesaurus_word(broker):
    synonym_groups_starter_load()
    synonym_group_save(actor=broker, words=["cv", "curriculum"])
    concepts, asked = _asked("Hulp bij je cv")
    group = _group_of("curriculum")
    assert group in asked
    assert group in concepts.of_document(*_stored("Een curriculum schrijven"))


def test_a_group_saying_who_or_where_weighs_as_a_word_and_is_no_subject():
    """ "jongeren, tieners" says who an idea is for, not what it is about
    (SynonymGroup.setting): alone it joined unrelated ideas for young people (set 4)."""
    from initiatives.models import SynonymGroup

    synonym_groups_starter_load()
    young = SynonymGroup.objects.get(words__0="jongeren")
    assert young.setting
    concepts, mine = _asked("Tieners willen een prikactie tegen zwerfafval")
    who = concepts.concept("tiener")
    assert who in mine and not concepts.is_subject(who)
    assert concepts.weight(who, engine.DEFAULT_WEIGHTS) < engine.DEFAULT_WEIGHTS.group / 2
    assert concepts.is_subject(concepts.concept("prikactie"))


def test_how_a_call_was_written_down_says_nothing_about_the_idea():
    """Staff write a phone call down as "Mevrouw belde: ze vraagt ...": two notes about
    different ideas share that framing and must not meet on it, nor on fillers."""
    framing = Concepts.of(
        "Mevrouw belde, ze vraagt of dat gewoon kan. Meneer zocht sinds vorige week "
        "misschien iets; verteld op het telefonisch spreekuur, laatst, overdag. Let op: "
        "niks nodig, zo'n soort plaats."
    )
    hour = Concepts.of("spreekuur")  # a walk-in hour can be what an idea is about
    assert framing.of_stems(framing.analysis.stems) <= hour.of_stems(hour.analysis.stems)
    a = InitiativeFactory(
        title="Mevrouw belde over de bankjes",
        description="Mevrouw belde: ze vraagt sinds vorige week of er gewoon bankjes komen.",
    )
    b = InitiativeFactory(
        title="Meneer belde over de kermis",
        description="Meneer belde: hij vraagt sinds vorige week of de kermis gewoon terugkomt.",
        theme=a.theme,
        neighbourhood=a.neighbourhood,
    )
    initiative_index(initiative_ids=[a.pk, b.pk])
    assert b.pk not in [c.initiative_id for c in engine.candidates_for(a)]


def test_a_street_or_a_building_named_by_both_is_no_shared_subject():
    """Two ideas from the Merelstraat about different things share a rare word, the
    street's name, and nothing else: where is the neighbourhood signal, not a subject.
    Two ideas about one thing in different streets still meet."""
    synonym_groups_starter_load()
    lamp = InitiativeFactory(
        title="Lantaarnpaal kapot in de Merelstraat",
        description="Al weken brandt de lantaarnpaal bij buurthuis De Kastanjehof niet.",
    )
    choir = InitiativeFactory(
        title="Koor voor de Merelstraat",
        description="Samen zingen op dinsdag, in buurthuis De Kastanjehof.",
        theme=lamp.theme,
    )
    dark = InitiativeFactory(
        title="Straatlantaarn doet het niet",
        description="In de Lindelaan is het 's avonds donker, de lantaarnpaal is stuk.",
        theme=lamp.theme,
    )
    initiative_index(initiative_ids=[lamp.pk, choir.pk, dark.pk])
    found = engine.candidates_for(lamp)
    assert [c.initiative_id for c in found] == [dark.pk]
    assert "merelstraat" not in str(found[0].reasons)
