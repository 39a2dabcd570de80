"""Finding suggestions (on a submission, a new offer and nightly) and ending those whose
consent questions ran out."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from config.errors import TransitionNotAllowed
from initiatives.models import Initiative
from initiatives.services import initiative_index
from messaging.services import message_tasks_cancel

from .. import engine
from .. import reasons as reason
from ..constants import OfferStatus, SuggestionStatus
from ..models import MatchSuggestion, Offer
from .messages import consent_key
from .states import SUGGESTION_STATES, ended_note
from .stats import match_term_stats_keep_fresh

logger = logging.getLogger(__name__)


def _store(*, initiative_id: int, candidate: engine.Candidate) -> bool:
    """Create or refresh one suggestion; a decided one keeps its decision."""
    if candidate.offer_id:
        lookup = {"initiative_id": initiative_id, "offer_id": candidate.offer_id}
    else:
        low, high = sorted([initiative_id, candidate.initiative_id])
        lookup = {"initiative_id": low, "other_initiative_id": high}
    suggestion, created = MatchSuggestion.objects.get_or_create(
        **lookup,
        defaults={
            "score": candidate.score,
            "reasons": candidate.reasons,
            "features": candidate.features,
        },
    )
    if not created and suggestion.status == SuggestionStatus.SUGGESTED:
        MatchSuggestion.objects.filter(pk=suggestion.pk).update(
            score=candidate.score,
            reasons=candidate.reasons,
            features=candidate.features,
            updated_at=timezone.now(),
        )
    return created


def _dismissed_with(initiative_id: int) -> set[int]:
    pairs = MatchSuggestion.objects.filter(
        Q(initiative_id=initiative_id) | Q(other_initiative_id=initiative_id),
        other_initiative__isnull=False,
        status=SuggestionStatus.DISMISSED,
    ).values_list("initiative_id", "other_initiative_id")
    return {a if b == initiative_id else b for a, b in pairs}


def match_find(*, initiative_id: int) -> int:
    """Find and store suggestions for one initiative. Idempotent; returns new ones."""
    initiative = Initiative.objects.filter(pk=initiative_id).first()
    if initiative is None or not initiative.is_open:
        return 0
    if initiative.match_terms is None:
        # Not indexed yet (new, edited): its own document must carry its compounds' parts
        # before others can find it, and the beat job may not have come by yet.
        initiative_index(initiative_ids=[initiative.pk])
    match_term_stats_keep_fresh()
    limit = settings.MATCH_SUGGESTIONS_PER_CASE
    text = f"{initiative.title} {initiative.description}"
    found = engine.candidates_for(initiative)
    # A pair a broker set aside is never suggested again, nor takes a place in the list.
    dismissed = _dismissed_with(initiative.pk)
    candidates = [c for c in found if c.initiative_id not in dismissed][:limit]
    candidates += engine.offer_candidates(
        text=text,
        theme_id=initiative.theme_id,
        neighbourhood_id=initiative.neighbourhood_id,
        needs=initiative.needs,
    )[:limit]
    with transaction.atomic():
        created = sum(_store(initiative_id=initiative.pk, candidate=c) for c in candidates)
    logger.info("event=match_found initiative_id=%s new=%s", initiative.pk, created)
    return created


def match_find_for_offer(*, offer_id: int) -> int:
    """A new offer: which open initiatives could use it? Not one closed since (withdrawn
    by the helper): the nightly run looks again at every offer of the last two days."""
    offer = Offer.objects.filter(
        pk=offer_id, anonymised_at__isnull=True, status=OfferStatus.OPEN
    ).first()
    if offer is None:
        return 0
    if offer.initiative_id:
        # Offered to one idea ("I want to help"): that is the suggestion.
        candidates = [
            (
                offer.initiative_id,
                engine.Candidate(
                    score=1.0, reasons=[reason.code(reason.OFFERED)], offer_id=offer.pk
                ),
            )
        ]
    else:
        match_term_stats_keep_fresh()
        found = engine.initiative_candidates(
            text=offer.description,
            title=offer.description[:200],
            exclude_id=None,
            theme_id=offer.theme_id,
            neighbourhood_id=offer.neighbourhood_id,
            needs=[],
        )[: settings.MATCH_SUGGESTIONS_PER_CASE]
        candidates = [
            (c.initiative_id, engine.Candidate(score=c.score, reasons=c.reasons, offer_id=offer.pk))
            for c in found
        ]
    with transaction.atomic():
        return sum(_store(initiative_id=pk, candidate=c) for pk, c in candidates)


def match_nightly_ids(*, since) -> tuple[list[int], list[int]]:
    """Initiatives and offers new or changed since `since` (the nightly run)."""
    initiatives = list(
        Initiative.objects.open().filter(updated_at__gte=since).values_list("pk", flat=True)
    )
    offers = list(Offer.objects.filter(created_at__gte=since).values_list("pk", flat=True))
    return initiatives, offers


def match_expire_consents(*, now=None) -> int:
    """Silence shares nothing: accepted suggestions whose consent links ran out end."""
    now = now or timezone.now()
    ended = 0
    with transaction.atomic():
        expired = (
            MatchSuggestion.objects.filter(
                status=SuggestionStatus.ACCEPTED,
                consents__expires_at__lt=now,
                consents__agreed__isnull=True,
            )
            .distinct()
            .values_list("pk", flat=True)
        )
        for pk in list(expired):
            try:
                SUGGESTION_STATES.transition(
                    pk, to=SuggestionStatus.DECLINED, actor=None, note=ended_note("expired")
                )
            except TransitionNotAllowed:
                continue  # ended meanwhile (both answered, or a no)
            # Nobody is called any more about a question that has run out.
            message_tasks_cancel(keys=[consent_key(pk, side) for side in "ab"])
            ended += 1
    return ended
