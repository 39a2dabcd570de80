"""The broker decides about a suggestion: dismiss it, or accept it and ask both sides
for consent. Nothing about either side's person is shared in that question."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker
from initiatives.models import Initiative
from messaging.constants import MessageKind

from ..constants import CONSENT_DAYS, SuggestionStatus
from ..models import MatchConsent, MatchSuggestion, Offer
from ..parties import party_channel, party_may_be_asked, party_summary, party_title
from .messages import _consent_key, _queue_to_party, consent_token

logger = logging.getLogger(__name__)


def match_suggestion_for_update(pk: int) -> MatchSuggestion:
    return (
        MatchSuggestion.objects.select_for_update(of=("self",))
        .select_related(
            "initiative__initiator",
            "initiative__broker__broker_profile",
            "other_initiative__initiator",
            "offer",
        )
        .get(pk=pk)
    )


def match_dismiss(*, suggestion: MatchSuggestion, actor) -> MatchSuggestion:
    if not is_broker(actor):
        raise PermissionDenied
    with transaction.atomic():
        locked = match_suggestion_for_update(suggestion.pk)
        if locked.status != SuggestionStatus.SUGGESTED:
            raise ValidationError(_("Over dit voorstel is al besloten."))
        locked.status = SuggestionStatus.DISMISSED
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    logger.info("event=match_dismissed suggestion_id=%s", locked.pk)
    return locked


def match_accept(*, suggestion: MatchSuggestion, actor) -> MatchSuggestion:
    """The broker wants to introduce them: ask both sides for consent. Nothing about
    either side's person is shared in that question."""
    if not is_broker(actor):
        raise PermissionDenied
    with transaction.atomic():
        locked = match_suggestion_for_update(suggestion.pk)
        if locked.status != SuggestionStatus.SUGGESTED:
            raise ValidationError(_("Over dit voorstel is al besloten."))
        parties = {"a": locked.party("a"), "b": locked.party("b")}
        for party in parties.values():
            if not party_may_be_asked(party):
                raise ValidationError(
                    _(
                        "Dit kan niet: '%(title)s' gaf geen toestemming om gegevens te delen "
                        "of is niet te bereiken."
                    )
                    % {"title": party_title(party)}
                )
        now = timezone.now()
        locked.status = SuggestionStatus.ACCEPTED
        locked.decided_at = now
        locked.decided_by = actor
        locked.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
        for side, other_side in (("a", "b"), ("b", "a")):
            party, other = parties[side], parties[other_side]
            consent = MatchConsent.objects.create(
                suggestion=locked,
                initiative=party if isinstance(party, Initiative) else None,
                offer=party if isinstance(party, Offer) else None,
                channel=party_channel(party),
                expires_at=now + timedelta(days=CONSENT_DAYS),
            )
            _queue_to_party(
                party=party,
                kind=MessageKind.MATCH_CONSENT,
                key=_consent_key(locked.pk, side),
                broker=actor,
                context={
                    "other_title": party_title(other),
                    "other_summary": party_summary(other),
                    "consent_url": settings.SITE_URL
                    + reverse("matching:consent", args=[consent_token(consent)]),
                    "expires_on": timezone.localdate(consent.expires_at),
                },
            )
    logger.info("event=match_accepted suggestion_id=%s", locked.pk)
    return locked
