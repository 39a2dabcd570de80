"""Match reasons are stored as what they are (a code and its parameters) and written in
words when shown, in the reader's language; needs in staff's words."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from matching import services
from matching.models import MatchSuggestion
from matching.reasons import reason_shown, reasons_shown
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme

WORDS = {"code": "words", "words": "moestuin ≈ schooltuin, buurt"}


def test_each_reason_is_written_in_the_readers_language():
    stored = [
        WORDS,
        {"code": "title"},
        {"code": "theme"},
        {"code": "neighbourhood"},
        {"code": "needs", "needs": ["volunteers", "funding"]},
        {"code": "offer_kind", "kind": "space"},
        {"code": "offered"},
        {"code": "text", "text": "Iets anders"},
    ]
    with translation.override("nl"):
        assert reasons_shown(stored) == [
            "Gaat ook over: moestuin ≈ schooltuin, buurt",
            "Lijkt op dezelfde titel",
            "Zelfde thema",
            "Zelfde wijk",
            "Zoeken allebei: vrijwilligers, geld zoeken",
            "Biedt ruimte of een plek, en daar wordt om gevraagd",
            "Aangeboden voor dit idee",
            "Iets anders",
        ]
    with translation.override("en"):
        assert reasons_shown(stored) == [
            "Also about: moestuin ≈ schooltuin, buurt",  # the ideas' own words stay
            "Similar title",
            "Same theme",
            "Same neighbourhood",
            "Both looking for: volunteers, finding money",
            "Offers space or a place, which is being asked for",
            "Offered for this idea",
            "Iets anders",  # not recognised when upgraded: as stored
        ]


def test_a_shared_need_reads_in_staffs_words():
    """The panel is staff's: "meedenken over het idee", not the resident's "mijn idee"."""
    reason = {"code": "needs", "needs": ["thinking_along", "volunteers"]}
    with translation.override("nl"):
        assert reason_shown(reason) == "Zoeken allebei: meedenken over het idee, vrijwilligers"
    with translation.override("en"):
        shown = reason_shown(reason)
        assert "thinking along about the idea" in shown and "my idea" not in shown


def test_unknown_values_are_shown_rather_than_lost():
    with translation.override("en"):
        assert reason_shown({"code": "needs", "needs": ["gone"]}) == "Both looking for: gone"
        assert reason_shown({"code": "offer_kind", "kind": "gone"}).startswith("Offers gone")
        assert reasons_shown([{"code": "new-one"}]) == []
        assert reasons_shown(None) == []


@pytest.mark.django_db
def test_a_suggestion_made_in_dutch_reads_in_the_case_file_readers_language(client, broker):
    a = InitiativeFactory(
        title="Repair café",
        description="Kapotte spullen repareren met vrijwilligers.",
        theme=theme("duurzaamheid"),
        needs=["thinking_along", "volunteers"],
        initiator=InitiatorFactory(matching_allowed=True),
    )
    InitiativeFactory(
        title="Fietsen repareren",
        description="Kapotte fietsen repareren met jongeren.",
        theme=theme("duurzaamheid"),
        needs=["thinking_along"],
        initiator=InitiatorFactory(matching_allowed=True),
    )
    with translation.override("nl"):  # as in the worker
        services.match_find(initiative_id=a.pk)
    reasons = MatchSuggestion.objects.get().reasons
    assert {"code": "theme"} in reasons
    assert {"code": "needs", "needs": ["thinking_along"]} in reasons
    assert all(isinstance(reason, dict) for reason in reasons)

    client.force_login(broker)
    case = reverse("brokers:case", args=[a.reference])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(case).content.decode()
    assert "Same theme" in english and "Zelfde thema" not in english
    assert "Both looking for: thinking along about the idea" in english
    assert "Also about: " in english and "repareren" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get(case).content.decode()
    assert "Zelfde thema" in dutch and "Same theme" not in dutch
    assert "Zoeken allebei: meedenken over het idee" in dutch
    assert "Gaat ook over: " in dutch
