"""Offers, match suggestions, consent and introductions. Contact details of one side
reach the other only after both agreed, and only in the introduction message."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker, is_coordinator
from config.errors import NotAllowed, TransitionNotAllowed
from initiatives.models import Initiative
from initiatives.services import initiative_assign
from initiatives.timeline import _actor_name
from messaging.constants import MessageChannel, MessageKind
from messaging.services import message_queue, message_tasks_cancel, message_tasks_complete
from messaging.texts import render_message

from . import engine
from .constants import ALLOWED_OFFER_TRANSITIONS, CONSENT_DAYS, OfferStatus, SuggestionStatus
from .models import Introduction, MatchConsent, MatchSuggestion, Offer, OfferStatusChange
from .parties import (
    RECORDED_CHANNELS,
    answer_recordable_by,
    party_channel,
    party_contact,
    party_language,
    party_may_be_asked,
    party_summary,
    party_title,
)

logger = logging.getLogger(__name__)

_CONSENT_SALT = "matching.consent"


def offer_submit(
    *,
    actor,
    kind: str,
    description: str,
    name: str,
    email: str = "",
    phone: str = "",
    in_return: str = "",
    initiative=None,
    organisation=None,
    theme=None,
    neighbourhood=None,
    consent_matching: bool = False,
    language: str = "nl",
) -> Offer:
    """Someone offers help; it reaches the brokers (through the case, if it is for one)."""
    if not (email or phone):
        raise ValidationError({"email": _("Geef een e-mailadres of telefoonnummer op.")})
    now = timezone.now()
    with transaction.atomic():
        offer = Offer.objects.create(
            kind=kind,
            description=description,
            in_return=in_return,
            initiative=initiative,
            organisation=organisation,
            theme=theme or (initiative.theme if initiative else None),
            neighbourhood=neighbourhood or (initiative.neighbourhood if initiative else None),
            name=name,
            email=email,
            phone=phone,
            consent_contact_at=now,
            consent_matching_at=now if consent_matching else None,
            language=language,
        )
        transaction.on_commit(partial(_enqueue_offer_matching, offer.pk))
    logger.info("event=offer_submitted offer_id=%s kind=%s", offer.pk, kind)
    return offer


def offer_status_change(*, offer: Offer, to_status: str, actor, note: str = "") -> Offer:
    """Staff close an offer that is no longer on offer (a closed one is not suggested
    any more), or open it again. Locked, checked against ALLOWED_OFFER_TRANSITIONS and
    recorded in the offer's history, in one transaction."""
    if not is_broker(actor):
        raise PermissionDenied
    with transaction.atomic():
        locked = Offer.objects.select_for_update().get(pk=offer.pk)
        from_status = locked.status
        if to_status not in ALLOWED_OFFER_TRANSITIONS.get(from_status, ()):
            raise TransitionNotAllowed(
                _("Van '%(from)s' naar '%(to)s' kan niet.")
                % {"from": OfferStatus(from_status).label, "to": OfferStatus(to_status).label},
                code="transition_not_allowed",
            )
        locked.status = to_status
        locked.save(update_fields=["status"])
        OfferStatusChange.objects.create(
            offer=locked, from_status=from_status, to_status=to_status, actor=actor, note=note
        )
    logger.info(
        "event=offer_status_changed offer_id=%s from=%s to=%s", locked.pk, from_status, to_status
    )
    return locked


def _enqueue_offer_matching(offer_id: int) -> None:
    from .tasks import match_find_for_offer

    try:
        match_find_for_offer.delay(offer_id)
    except Exception:
        # Redis away: the nightly run finds it.
        logger.warning("event=match_enqueue_failed offer_id=%s", offer_id)


# --- Finding ------------------------------------------------------------------------


def _store(*, initiative_id: int, candidate: engine.Candidate) -> bool:
    """Create or refresh one suggestion; a decided one keeps its decision."""
    if candidate.offer_id:
        lookup = {"initiative_id": initiative_id, "offer_id": candidate.offer_id}
    else:
        low, high = sorted([initiative_id, candidate.initiative_id])
        lookup = {"initiative_id": low, "other_initiative_id": high}
    suggestion, created = MatchSuggestion.objects.get_or_create(
        **lookup, defaults={"score": candidate.score, "reasons": candidate.reasons}
    )
    if not created and suggestion.status == SuggestionStatus.SUGGESTED:
        MatchSuggestion.objects.filter(pk=suggestion.pk).update(
            score=candidate.score, reasons=candidate.reasons, updated_at=timezone.now()
        )
    return created


def match_find(*, initiative_id: int) -> int:
    """Find and store suggestions for one initiative. Idempotent; returns new ones."""
    initiative = Initiative.objects.filter(pk=initiative_id).first()
    if initiative is None or not initiative.is_open:
        return 0
    limit = settings.MATCH_SUGGESTIONS_PER_CASE
    text = f"{initiative.title} {initiative.description}"
    candidates = engine.initiative_candidates(
        text=text,
        title=initiative.title,
        exclude_id=initiative.pk,
        initiator_id=initiative.initiator_id,
        theme_id=initiative.theme_id,
        neighbourhood_id=initiative.neighbourhood_id,
        needs=initiative.needs,
    )[:limit]
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
    """A new offer: which open initiatives could use it?"""
    offer = Offer.objects.filter(pk=offer_id, anonymised_at__isnull=True).first()
    if offer is None:
        return 0
    if offer.initiative_id:
        # Offered to one idea ("I want to help"): that is the suggestion.
        candidates = [
            (
                offer.initiative_id,
                engine.Candidate(
                    score=1.0, reasons=[_("Aangeboden voor dit idee")], offer_id=offer.pk
                ),
            )
        ]
    else:
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
    with transaction.atomic():
        expired = list(
            MatchSuggestion.objects.filter(
                status=SuggestionStatus.ACCEPTED,
                consents__expires_at__lt=now,
                consents__agreed__isnull=True,
            )
            .distinct()
            .values_list("pk", flat=True)
        )
        MatchSuggestion.objects.filter(pk__in=expired).update(
            status=SuggestionStatus.DECLINED, updated_at=now
        )
        # Nobody is called any more about a question that has run out.
        message_tasks_cancel(keys=[_consent_key(pk, side) for pk in expired for side in "ab"])
    return len(expired)


# --- The broker decides ---------------------------------------------------------------


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


def _consent_key(suggestion_id: int, side: str) -> str:
    """The outbox key of the consent question to one side ("a" or "b")."""
    return f"match:{suggestion_id}:consent:{side}"


def _queue_to_party(*, party, kind: str, key: str, broker, context: dict):
    """An e-mail to the party, or, without an e-mail address, a call or letter task on
    the broker's list with the same text (the broker then records the answer)."""
    profile = getattr(broker, "broker_profile", None)
    contact = party_contact(party)
    channel = party_channel(party)
    subject, body = render_message(
        kind,
        {
            "recipient_name": contact["name"],
            "broker": profile,
            "municipality_name": settings.MUNICIPALITY_NAME,
            "municipality_phone": settings.MUNICIPALITY_PHONE,
            # Without e-mail the broker calls or writes: the text says how to answer. A
            # call's script has no answer link (the broker records the answer instead).
            "by_email": channel == MessageChannel.EMAIL,
            "by_phone": channel == MessageChannel.PHONE_TASK,
        }
        | context,
        language=party_language(party),
    )
    return message_queue(
        key=key,
        kind=kind,
        channel=channel,
        subject=subject,
        body=body,
        to_email=contact["email"] if channel == MessageChannel.EMAIL else "",
        reply_to=profile.reply_email if profile else "",
        initiative=party if isinstance(party, Initiative) else None,
        sender=broker,
    )


def consent_token(consent: MatchConsent) -> str:
    return signing.dumps(consent.pk, salt=_CONSENT_SALT)


def consent_get_by_token(token: str) -> MatchConsent | None:
    try:
        pk = signing.loads(token, salt=_CONSENT_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        MatchConsent.objects.select_related(
            "suggestion__initiative", "suggestion__other_initiative", "suggestion__offer"
        )
        .filter(pk=pk)
        .first()
    )


def consent_other_party(consent: MatchConsent):
    suggestion = consent.suggestion
    return suggestion.party("b" if suggestion.side_of(consent) == "a" else "a")


class ConsentClosed(Exception):
    """Already answered, expired, or the match ended."""


def match_consent_answer(*, consent: MatchConsent, agreed: bool) -> MatchConsent:
    """One side answers through the link (the actor is the link holder). When both
    agreed, both get an introduction with the other's contact details; a refusal ends
    the match."""
    return _consent_answer(consent=consent, agreed=agreed, recorded_by=None)


def match_consent_record(*, consent: MatchConsent, agreed: bool, actor) -> MatchConsent:
    """The broker records the answer a party gave by phone, by letter or in person:
    the way people without e-mail answer. It counts as theirs, and the case shows who
    recorded it. Only for a party asked by phone or letter, and only by the named broker
    of its case or a coordinator: a yes hands its contact details to the other side."""
    if not is_broker(actor):
        raise PermissionDenied
    if consent.channel not in RECORDED_CHANNELS or consent.initiative_id is None:
        raise NotAllowed(
            _(
                "Deze kant is per e-mail gevraagd en antwoordt zelf via de link in die "
                "e-mail. Alleen een antwoord per telefoon of brief legt u vast."
            )
        )
    try:
        with transaction.atomic():
            # Locked, so the named broker cannot change between the check and the answer.
            case = (
                Initiative.objects.select_for_update(of=("self",))
                .select_related("broker__broker_profile")
                .get(pk=consent.initiative_id)
            )
            if not answer_recordable_by(party=case, channel=consent.channel, actor=actor):
                raise NotAllowed(_not_your_answer_message(case))
            if case.broker_id is None and not is_coordinator(actor):
                # Whoever works an unassigned case becomes its named broker (the
                # initiator is told), as with a status change or a contact.
                initiative_assign(initiative=case, broker=actor, actor=actor)
            return _consent_answer(consent=consent, agreed=agreed, recorded_by=actor)
    except ConsentClosed:
        raise ValidationError(
            _("Deze vraag is al beantwoord, verlopen, of de koppeling is gestopt.")
        ) from None


def _not_your_answer_message(case: Initiative) -> str:
    if case.broker_id is None:
        return _(
            "Alleen de makelaar van dit idee of een coördinator legt het antwoord van de "
            "initiatiefnemer vast."
        )
    return _(
        "Dit idee is van %(name)s. Alleen die makelaar of een coördinator legt het "
        "antwoord van de initiatiefnemer vast."
    ) % {"name": _actor_name(case.broker)}


def _consent_answer(*, consent: MatchConsent, agreed: bool, recorded_by) -> MatchConsent:
    now = timezone.now()
    with transaction.atomic():
        suggestion = match_suggestion_for_update(consent.suggestion_id)
        locked = MatchConsent.objects.select_for_update().get(pk=consent.pk)
        if (
            locked.answered_at is not None
            or locked.expires_at < now
            or suggestion.status != SuggestionStatus.ACCEPTED
        ):
            raise ConsentClosed
        locked.agreed = agreed
        locked.answered_at = now
        locked.recorded_by = recorded_by
        locked.save(update_fields=["agreed", "answered_at", "recorded_by"])
        # The question to this side is settled: a broker who recorded the answer made
        # the call; an answer through the link makes the call or letter unnecessary.
        key = _consent_key(suggestion.pk, suggestion.side_of(locked))
        if recorded_by is not None:
            message_tasks_complete(keys=[key], actor=recorded_by)
        else:
            message_tasks_cancel(keys=[key])
        all_agreed = (
            agreed
            and not suggestion.consents.filter(Q(agreed__isnull=True) | Q(agreed=False)).exists()
        )
        # A side that since withdrew its matching consent, or was anonymised (erasure),
        # is not introduced: its answer to this question no longer stands.
        parties_still_willing = all_agreed and all(
            party_may_be_asked(suggestion.party(side)) for side in ("a", "b")
        )
        if not agreed or (all_agreed and not parties_still_willing):
            suggestion.status = SuggestionStatus.DECLINED
            suggestion.save(update_fields=["status", "updated_at"])
            # The other side is not called about a match that has ended.
            message_tasks_cancel(keys=[_consent_key(suggestion.pk, side) for side in "ab"])
        elif all_agreed:
            _introduce(suggestion)
    logger.info(
        "event=match_consent_answered consent_id=%s agreed=%s recorded_by_staff=%s",
        locked.pk,
        agreed,
        recorded_by is not None,
    )
    return locked


def _introduce(suggestion: MatchSuggestion) -> None:
    suggestion.status = SuggestionStatus.INTRODUCED
    suggestion.save(update_fields=["status", "updated_at"])
    Introduction.objects.create(suggestion=suggestion)
    parties = {"a": suggestion.party("a"), "b": suggestion.party("b")}
    for side, other_side in (("a", "b"), ("b", "a")):
        other = parties[other_side]
        contact = party_contact(other)
        _queue_to_party(
            party=parties[side],
            kind=MessageKind.INTRODUCTION,
            key=f"match:{suggestion.pk}:introduction:{side}",
            broker=suggestion.decided_by,
            context={
                "other_title": party_title(other),
                "other_name": contact["name"],
                "other_email": contact["email"],
                "other_phone": contact["phone"],
            },
        )
    logger.info("event=match_introduced suggestion_id=%s", suggestion.pk)
