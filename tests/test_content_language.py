"""Text that people wrote (ideas, budget rules, notes, messages) keeps its own language
on a page in another one: lang="nl" around Dutch on an English page, so a screen reader
reads it with a Dutch voice. The Dutch page says lang="nl" once, on <html>."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from config.templatetags import content_lang
from initiatives.links import private_token
from initiatives.services import initiative_assign, initiative_information_add
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory
from tests.messaging.factories import OutboundMessageFactory

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
        published=True,
        initiator=InitiatorFactory(public=True),
    )
    detail = reverse("matching:gallery_detail", args=[initiative.reference])
    for url in ("/ideeen/", detail):
        html = _get(client, url, "en")
        assert re.search(r'lang="nl">Koffieochtend voor ouderen<', html)
        assert re.search(r'lang="nl">Elke dinsdag koffie in het buurthuis.', html)
        assert _dutch_marks(_get(client, url, "nl")) == 0


def test_an_idea_written_in_english_is_marked_english_on_the_dutch_page(client):
    initiative = InitiativeFactory(
        title="Coffee morning for neighbours",
        published=True,
        initiator=InitiatorFactory(public=True, language="en"),
    )
    detail = reverse("matching:gallery_detail", args=[initiative.reference])
    for url in ("/ideeen/", detail):
        assert re.search(r'lang="en">Coffee morning for neighbours<', _get(client, url, "nl"))
        assert not re.search(r'lang="nl">Coffee morning', _get(client, url, "en"))


def test_budget_rules_and_funded_ideas_are_marked_dutch_on_the_english_page(client):
    budget = NeighbourhoodBudgetFactory(rules="Hooguit 2.500 euro per idee.")
    GrantFactory(
        budget=budget,
        initiative=InitiativeFactory(
            in_progress=True,
            neighbourhood=budget.neighbourhood,
            published=True,
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


def _case_with_history(broker, language):
    initiative = InitiativeFactory(
        title="Buurtmoestuin", initiator=InitiatorFactory(language=language)
    )
    initiative_assign(initiative=initiative, broker=broker, actor=broker, note="Ik bel u morgen.")
    initiative_information_add(initiative=initiative, text="Wij zijn met zes buren.", files=[])
    OutboundMessageFactory(
        kind="acknowledgement",
        subject="Uw idee is ontvangen",
        body="Beste bewoner,",
        initiative=initiative,
    )
    return reverse("initiatives:mine", args=[private_token(initiative)])


def test_my_idea_in_english_for_someone_whose_language_is_dutch(client, broker):
    html = _get(client, _case_with_history(broker, "nl"), "en")
    assert '<span lang="nl">Buurtmoestuin</span></h1>' in html
    # The resident's own words and our message to them: Dutch. (The broker's note on
    # the assignment is internal: the resident never sees it.)
    assert "Ik bel u morgen." not in html
    assert '<span class="timeline-text" lang="nl">Wij zijn met zes buren.' in html
    assert '<span lang="nl">Uw idee is ontvangen</span>' in html
    assert '<pre class="message-body" lang="nl">Beste bewoner,' in html


def test_my_idea_in_english_for_someone_whose_language_is_english(client, broker):
    # Their own words and our messages are in their language, the page's: no mark.
    html = _get(client, _case_with_history(broker, "en"), "en")
    assert "<h1>My idea: <span>Buurtmoestuin</span></h1>" in html
    assert '<span class="timeline-text">Wij zijn met zes buren.' in html
    assert '<pre class="message-body">Beste bewoner,' in html


def test_my_idea_in_dutch_has_no_marks(client, broker):
    assert _dutch_marks(_get(client, _case_with_history(broker, "nl"), "nl")) == 0


def test_the_outcome_message_is_in_the_language_of_whoever_closed_the_case(client, broker):
    from django.utils import translation

    from brokers.services import case_transition
    from initiatives.services import initiative_withdraw

    # The resident withdrew on the English page: the outcome message was written in
    # English for them, like their reason.
    withdrawn = InitiativeFactory(initiator=InitiatorFactory(language="en"))
    with translation.override("en"):
        initiative_withdraw(initiative=withdrawn, reason="No time any more.")
    html = _get(client, reverse("initiatives:mine", args=[private_token(withdrawn)]), "en")
    assert "<p>You have withdrawn your idea." in html
    assert '<span class="timeline-text">No time any more.' in html

    # A broker closed it: the outcome message is theirs, in Dutch.
    closed = InitiativeFactory(in_progress=True, initiator=InitiatorFactory(language="en"))
    case_transition(
        initiative=closed, to_status="realised", actor=broker, outcome_message="Het is gelukt!"
    )
    html = _get(client, reverse("initiatives:mine", args=[private_token(closed)]), "en")
    assert '<p lang="nl">Het is gelukt!' in html


def test_walk_in_hours_in_the_pages_language(client, settings):
    english = _get(client, "/", "en")
    assert settings.WALK_IN_HOURS_EN in english
    assert settings.WALK_IN_HOURS not in english
    assert settings.WALK_IN_HOURS in _get(client, "/", "nl")
    settings.WALK_IN_HOURS_EN = ""
    assert f'<span lang="nl">{settings.WALK_IN_HOURS}</span>' in _get(client, "/", "en")
