"""Every value a person typed prints as text in the markup written in Python: the case
file's body and forms (brokers/case_body.py, brokers/case_body_actions.py,
brokers/case_markup.py), its publication panel (initiatives/publication_markup.py),
its match reasons (matching/reasons.py), the fields' kept markup (config/form_markup.py)
and the queue's rows (brokers/views/queue_rows.py): a title, a name, a note, a text's
name or a reason made of markup, in both languages."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from brokers.models import StandardText
from tests.accounts.factories import StaffFactory
from tests.brokers.factories import OrganisationFactory, ReferralFactory
from tests.budgets.factories import NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, PublicationFactory, ThemeFactory
from tests.matching.factories import MatchSuggestionFactory
from tests.messaging.factories import OutboundMessageFactory
from tests.neighbourhoods.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

BAD = '"><x-bad onmouseover="alert(1)">'
ESCAPED = "&quot;&gt;&lt;x-bad onmouseover=&quot;alert(1)&quot;&gt;"
# Every label below is printed somewhere in the case file.
LABELS = (
    "Makelaar",
    "Collega",
    "Wijk",
    "Tekst",
    "Partner",
    "Beschrijving",
    "Reden",
    "Naam",
    "Straat",
    "Openbaar",
    "Samenvatting",
    "Bel",
    "Stichting",
    "Doorverwezen",
    "Woorden",
    "Zin",
)


def _bad(label: str) -> str:
    return f"{label}{BAD}"


def _page(client, url: str, language: str) -> str:
    client.cookies.load({"django_language": language})
    with translation.override(language):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_markup_typed_anywhere_prints_as_text(client, language):
    broker = StaffFactory(role="broker", display_name=_bad("Makelaar"))
    StaffFactory(role="broker", display_name=_bad("Collega"))
    hood = NeighbourhoodFactory(name=_bad("Wijk"))
    NeighbourhoodBudgetFactory(neighbourhood=hood)
    StandardText.objects.create(name=_bad("Tekst"), body="Hallo {naam}")
    OrganisationFactory(name=_bad("Partner"))
    case = InitiativeFactory(
        in_conversation=True,
        broker=broker,
        title=_bad("Titel"),
        description=_bad("Beschrijving"),
        theme=ThemeFactory(name=_bad("Thema"), name_en=_bad("Theme")),
        neighbourhood=hood,
        waiting_since=timezone.localdate(),
        waiting_reason=_bad("Reden"),
        initiator__name=_bad("Naam"),
        initiator__address=_bad("Straat"),
        initiator__public=True,
        initiator__matching_allowed=True,
    )
    PublicationFactory(initiative=case, title=_bad("Openbaar"), summary=_bad("Samenvatting"))
    OutboundMessageFactory(initiative=case, task=True, subject=_bad("Bel"), body=_bad("Tekst"))
    ReferralFactory(
        initiative=case,
        broker=broker,
        organisation=OrganisationFactory(name=_bad("Stichting")),
        reason=_bad("Doorverwezen"),
    )
    MatchSuggestionFactory(
        initiative=case,
        other_initiative=InitiativeFactory(title=_bad("Ander"), initiator__matching_allowed=True),
        reasons=[
            {"code": "words", "words": _bad("Woorden")},
            {"code": "text", "text": _bad("Zin")},
            {"code": "needs", "needs": ["volunteers", "<x-bad>"]},
            {"code": "offer_kind", "kind": "<x-bad>"},
        ],
    )
    client.force_login(broker)
    url = reverse("brokers:case", args=[case.reference]) + "?view=status%3Din_conversation"
    html = _page(client, url, language)
    theme = "Thema" if language == "nl" else "Theme"
    for label in (*LABELS, "Titel", theme):
        assert f"{label}{ESCAPED}" in html, label
    assert "<x-bad" not in html

    queue = _page(client, reverse("brokers:queue"), language)
    for label in ("Titel", theme, "Wijk", "Makelaar"):
        assert f"{label}{ESCAPED}" in queue, label
    assert "<x-bad" not in queue
