"""The broker decides about a suggestion: dismiss it, or accept it and ask both sides
for consent. Nothing about either side's person is shared in that question."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import is_broker
from initiatives.models import Initiative
from messaging.constants import MessageKind

from ..constants import CONSENT_DAYS, DismissReason, SuggestionStatus
from ..models import MatchConsent, MatchSuggestion, Offer
from ..parties import (
    party_channel,
    party_may_be_asked,
    party_summary,
    party_title,
    party_withdrawn,
)
from .messages import consent_key, consent_token, queue_to_party
from .states import SUGGESTION_STATES

logger = logging.getLogger(__name__)


def _decided(actor):
    return lambda locked: {"decided_at": timezone.now(), "decided_by": actor}


def _dutch(label) -> str:
    """History is read later by Dutch staff: Dutch words, whatever the broker's language."""
    with translation.override("nl"):
        return str(label)


def match_dismiss(
    *, suggestion: MatchSuggestion, actor, reason: str = DismissReason.OTHER_SUBJECT
) -> MatchSuggestion:
    """Set a suggestion aside, with why (DismissReason): the pair is not suggested again,
    and tune_matching learns from the reason."""
    if not is_broker(actor):
        raise PermissionDenied
    if reason not in DismissReason.values:
        raise ValidationError(_("Kies waarom dit voorstel niet past."))
    locked = SUGGESTION_STATES.transition(
        suggestion,
        to=SuggestionStatus.DISMISSED,
        actor=actor,
        changes=lambda locked: _decided(actor)(locked) | {"decision_reason": reason},
        note=_dutch(DismissReason(reason).label),
        refused=_("Over dit voorstel is al besloten."),
    )
    logger.info("event=match_dismissed suggestion_id=%s", locked.pk)
    return locked


def match_accept(*, suggestion: MatchSuggestion, actor) -> MatchSuggestion:
    """The broker wants to introduce them: ask both sides for consent. Nothing about
    either side's person is shared in that question."""
    if not is_broker(actor):
        raise PermissionDenied

    def both_may_be_asked(locked: MatchSuggestion) -> dict:
        for party in (locked.party("a"), locked.party("b")):
            if party_withdrawn(party):
                raise ValidationError(
                    _("Dit kan niet: '%(title)s' is ingetrokken of gesloten.")
                    % {"title": party_title(party)}
                )
            if not party_may_be_asked(party):
                raise ValidationError(
                    _(
                        "Dit kan niet: '%(title)s' gaf geen toestemming om gegevens te delen "
                        "of is niet te bereiken."
                    )
                    % {"title": party_title(party)}
                )
        return _decided(actor)(locked)

    locked = SUGGESTION_STATES.transition(
        suggestion,
        to=SuggestionStatus.ACCEPTED,
        actor=actor,
        changes=both_may_be_asked,
        after=lambda locked, _change: _ask_both(locked, actor=actor),
        refused=_("Over dit voorstel is al besloten."),
    )
    logger.info("event=match_accepted suggestion_id=%s", locked.pk)
    return locked


def _ask_both(suggestion: MatchSuggestion, *, actor) -> None:
    """A consent question to each side, valid CONSENT_DAYS from the decision."""
    parties = {"a": suggestion.party("a"), "b": suggestion.party("b")}
    for side, other_side in (("a", "b"), ("b", "a")):
        party, other = parties[side], parties[other_side]
        consent = MatchConsent.objects.create(
            suggestion=suggestion,
            initiative=party if isinstance(party, Initiative) else None,
            offer=party if isinstance(party, Offer) else None,
            channel=party_channel(party),
            expires_at=suggestion.decided_at + timedelta(days=CONSENT_DAYS),
        )
        queue_to_party(
            party=party,
            kind=MessageKind.MATCH_CONSENT,
            key=consent_key(suggestion.pk, side),
            broker=actor,
            context={
                "other_title": party_title(other),
                "other_summary": party_summary(other),
                "consent_url": settings.SITE_URL
                + reverse("matching:consent", args=[consent_token(consent)]),
                "expires_on": timezone.localdate(consent.expires_at),
            },
        )
