"""The case file keeps what does not change between requests (config.form_markup: the
fields' markup; the queries of the brokers, the budgets and the case itself, compiled
once): a page in one language never takes the other's words, and what an administrator
or a colleague changes (a new broker, a standard text, a partner, a renamed area, a new
budget) shows on the next request, in the forms' choices too."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from brokers.models import StandardText
from config.form_markup import forget_kept_markup
from tests.accounts.factories import StaffFactory
from tests.brokers.factories import OrganisationFactory
from tests.budgets.factories import NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, PublicationFactory

pytestmark = pytest.mark.django_db

_VARYING = [
    (re.compile(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]*"'), r'\1"CSRF"'),
    (re.compile(r'(name="message-key" value=")[^"]*'), r"\1KEY"),
]
# Not a visit: the case stays unread, so each render sees the same news.
PREFETCH = {"HTTP_SEC_PURPOSE": "prefetch"}


def _page(client, url: str, language: str) -> str:
    client.cookies.load({"django_language": language})
    with translation.override(language):
        response = client.get(url, **PREFETCH)
    assert response.status_code == 200
    html = response.content.decode()
    for pattern, replacement in _VARYING:
        html = pattern.sub(replacement, html)
    return html


@pytest.mark.parametrize(("first", "then"), [("nl", "en"), ("en", "nl")])
def test_a_page_in_one_language_never_takes_the_others_kept_markup(client, broker, first, then):
    case = InitiativeFactory(in_conversation=True, broker=broker, initiator__public=True)
    NeighbourhoodBudgetFactory(neighbourhood=case.neighbourhood)
    PublicationFactory(initiative=case)
    client.force_login(broker)
    url = reverse("brokers:case", args=[case.reference])
    forget_kept_markup()
    _page(client, url, first)
    after_the_other = _page(client, url, then)
    forget_kept_markup()
    assert after_the_other == _page(client, url, then)


def test_what_an_administrator_changes_shows_on_the_next_request(client, broker):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    url = reverse("brokers:case", args=[case.reference])
    before = _page(client, url, "nl")
    StaffFactory(role="broker", display_name="Nieuwe Makelaar")
    text = StandardText.objects.create(name="Nieuwe tekst", body="Hallo {naam}")
    OrganisationFactory(name="Nieuwe partner")
    case.neighbourhood.name = "Hernoemde wijk"
    case.neighbourhood.save()
    NeighbourhoodBudgetFactory(neighbourhood=case.neighbourhood)
    after = _page(client, url, "nl")
    for new in ("Nieuwe Makelaar", "Nieuwe tekst", "Nieuwe partner", "Hernoemde wijk"):
        assert new not in before and new in after, new
    # The budget request's choice: the new budget, under the area's new name.
    budget = f">Hernoemde wijk {timezone.localdate().year}</option>"
    assert budget not in before and budget in after

    text.name = "Andere naam"
    text.save()
    renamed = _page(client, url, "nl")
    assert "Andere naam" in renamed and "Nieuwe tekst" not in renamed
