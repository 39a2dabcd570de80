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
