"""Match reasons, stored as sentences in Dutch, read in the reader's language."""

from django.utils import translation

from matching.reasons import reason_shown


def test_stored_reasons_are_shown_in_the_readers_language():
    with translation.override("en"):
        assert reason_shown("Zelfde wijk") != "Zelfde wijk"
        assert reason_shown("Aangeboden voor dit idee") == "Offered for this idea"
        words = reason_shown("Gaat ook over: moestuin ≈ schooltuin, buurt")
        assert not words.startswith("Gaat ook over") and "moestuin ≈ schooltuin, buurt" in words
        needs = reason_shown("Zoeken allebei: vrijwilligers, geld zoeken")
        assert "vrijwilligers" not in needs and "Geld" not in needs
        assert reason_shown("Iets anders") == "Iets anders"  # not recognised: as stored
        english = reason_shown("Zelfde thema")
    with translation.override("nl"):
        assert reason_shown(english) == "Zelfde thema"  # stored in English, read in Dutch
        assert reason_shown("Zoeken allebei: vrijwilligers") == "Zoeken allebei: vrijwilligers"


def test_a_shared_need_reads_in_staffs_words_also_where_stored_in_the_residents():
    """The panel is staff's: "meedenken over het idee", also for a reason the engine
    stored before staff had their own labels ("meedenken over mijn idee")."""
    with translation.override("nl"):
        for stored in (
            "Zoeken allebei: meedenken over mijn idee, vrijwilligers",
            "Zoeken allebei: meedenken over het idee, vrijwilligers",
        ):
            assert reason_shown(stored) == (
                "Zoeken allebei: meedenken over het idee, vrijwilligers"
            )
    with translation.override("en"):
        shown = reason_shown("Zoeken allebei: meedenken over mijn idee")
        assert "thinking along about the idea" in shown and "my idea" not in shown
