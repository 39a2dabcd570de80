"""Text that people wrote (ideas, budget rules, notes, messages) keeps its own language
on a page in another one: lang="nl" around Dutch on an English page, so a screen reader
reads it with a Dutch voice. The Dutch page says lang="nl" once, on <html>."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from config.templatetags import content_lang
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory
from tests.neighbourhoods.factories import GrantFactory, NeighbourhoodBudgetFactory

pytestmark = pytest.mark.django_db


def _get(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _dutch_marks(html) -> int:
    # <html lang="nl"> and the menu's <option lang="nl"> are not content.
    return len(re.findall(r'<(?!html|option)\w+[^>]* lang="nl"', html))


def test_the_tag_marks_only_text_in_another_language_than_the_page():
    from django.utils import translation

    with translation.override("en"):
        assert content_lang() == ' lang="nl"'
        assert content_lang("en") == ""
    with translation.override("nl"):
        assert content_lang() == ""
        assert content_lang("en") == ' lang="en"'


def test_ideas_in_the_gallery_are_marked_dutch_on_the_english_page(client):
    initiative = InitiativeFactory(
        title="Koffieochtend voor ouderen",
        description="Elke dinsdag koffie in het buurthuis.",
        initiator=InitiatorFactory(public=True),
    )
    detail = reverse("initiatives:gallery_detail", args=[initiative.reference])
    for url in ("/ideeen/", detail):
        html = _get(client, url, "en")
        assert re.search(r'lang="nl">Koffieochtend voor ouderen<', html)
        assert re.search(r'lang="nl">Elke dinsdag koffie in het buurthuis.', html)
        assert _dutch_marks(_get(client, url, "nl")) == 0


def test_budget_rules_and_funded_ideas_are_marked_dutch_on_the_english_page(client):
    budget = NeighbourhoodBudgetFactory(rules="Hooguit 2.500 euro per idee.")
    GrantFactory(
        budget=budget,
        initiative=InitiativeFactory(
            in_progress=True,
            neighbourhood=budget.neighbourhood,
            initiator=InitiatorFactory(public=True),
            title="Speeltuin opknappen",
        ),
        status="approved",
        amount_approved=400,
    )
    url = f"/wijkbudgetten/{budget.neighbourhood.code}/{budget.year}/"
    html = _get(client, url, "en")
    assert re.search(r'<p lang="nl">Hooguit 2.500 euro per idee.', html)
    assert re.search(r'<th scope="row" lang="nl">Speeltuin opknappen', html)
    assert _dutch_marks(_get(client, url, "nl")) == 0
