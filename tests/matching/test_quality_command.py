"""`manage.py matching_quality FILE`: the quality test's measure for anyone's labelled set,
leaving nothing behind."""

import json

import pytest
from django.core.management import CommandError, call_command

from initiatives.models import Initiative, Initiator
from initiatives.services import synonym_groups_starter_load
from matching.models import TermFrequency
from tests.initiatives.factories import InitiativeFactory, theme

pytestmark = pytest.mark.django_db

SET = {
    "ideas": [
        {
            "key": "tuin-a",
            "group": "moestuin",
            "theme": "groen-leefomgeving",
            "title": "Moestuin op het grasveld",
            "description": "Groente kweken in een moestuin met de buren op het grasveld.",
        },
        {
            "key": "tuin-b",
            "group": "moestuin",
            "theme": "groen-leefomgeving",
            "title": "Samen groente kweken",
            "description": "Een moestuin voor de straat, tomaten en groente kweken.",
        },
        {
            "key": "x-schaak",
            "group": None,
            "theme": "ontmoeting",
            "title": "Schaakclub in de bibliotheek",
            "description": "Elke dinsdag schaken met een klok en een bord.",
        },
    ],
    "dont_pairs": [["x-schaak", "tuin-a"]],
}


def _run(tmp_path, data, *args):
    path = tmp_path / "set.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    out = []
    call_command("matching_quality", str(path), *args, stdout=_Lines(out))
    return "".join(out)


class _Lines:
    def __init__(self, into):
        self.into = into

    def write(self, text):
        self.into.append(text)

    def flush(self):
        pass


@pytest.fixture(autouse=True)
def _thesaurus_and_themes():
    synonym_groups_starter_load()
    for slug in ("groen-leefomgeving", "ontmoeting"):
        theme(slug)


def test_prints_precision_and_recall_and_leaves_nothing_behind(tmp_path):
    counted = TermFrequency.objects.count()
    output = _run(tmp_path, SET)
    assert "3 ideas, 1 kindred pairs: precision@3 1.00, recall@3 1.00" in output
    assert "0 of 1 look-alike pairs suggested" in output
    assert not Initiative.objects.exists()
    assert not Initiator.objects.exists()
    assert TermFrequency.objects.count() == counted


def test_refuses_a_database_with_cases(tmp_path):
    InitiativeFactory()
    with pytest.raises(CommandError, match="holds cases"):
        _run(tmp_path, SET)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "cannot read it as JSON"),
        ([1, 2], 'non-empty list "ideas"'),
        ({"ideas": [{"key": "a", "title": "t"}]}, "idea 1 lacks description, group, theme"),
        ({**SET, "dont_pairs": [["x-schaak", "nergens"]]}, "names an unknown idea"),
        (
            {"ideas": [{**SET["ideas"][0], "theme": "ruimtevaart"}]},
            "unknown theme ruimtevaart",
        ),
        ({"ideas": [SET["ideas"][0], SET["ideas"][0]]}, "used twice"),
    ],
)
def test_a_file_that_is_no_labelled_set_is_refused_in_words(tmp_path, data, message):
    with pytest.raises(CommandError, match=message):
        _run(tmp_path, data)
    assert not Initiative.objects.exists()
