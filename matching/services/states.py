"""The state machines of offers and match suggestions (config.transitions): every status
change of either goes through one of these, which locks the row, checks the table in
matching/constants.py, saves and appends the history row in one transaction."""

from django.utils import translation
from django.utils.translation import gettext as _

from config.transitions import StateMachine, status_change_row

from ..constants import (
    ALLOWED_OFFER_TRANSITIONS,
    ALLOWED_SUGGESTION_TRANSITIONS,
    OfferStatus,
    SuggestionStatus,
)
from ..models import MatchSuggestion, MatchSuggestionStatusChange, Offer, OfferStatusChange

OFFER_STATES = StateMachine(
    model=Offer,
    allowed=ALLOWED_OFFER_TRANSITIONS,
    labels=OfferStatus,
    record=status_change_row(OfferStatusChange, "offer"),
)

SUGGESTION_STATES = StateMachine(
    model=MatchSuggestion,
    allowed=ALLOWED_SUGGESTION_TRANSITIONS,
    labels=SuggestionStatus,
    record=status_change_row(MatchSuggestionStatusChange, "suggestion"),
    # What the consent questions and introductions need of both sides.
    related=(
        "initiative__initiator",
        "initiative__broker__broker_profile",
        "other_initiative__initiator",
        "offer",
    ),
)


def ended_note(why: str) -> str:
    """Why a match ended, for its history row. Stored history, read later by Dutch staff:
    Dutch words, whatever the language of whoever answered."""
    with translation.override("nl"):
        return {
            "refused": _("Een van beiden wil niet kennismaken."),
            "unwilling": _(
                "Een van beiden geeft geen toestemming meer om gegevens te delen "
                "of is niet meer te bereiken."
            ),
            "expired": _("De vraag om toestemming is verlopen zonder antwoord."),
        }[why]
