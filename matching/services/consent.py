"""Consent and introductions: each side answers (through its link, or the broker records
an answer given by phone or letter); only when both agreed are they introduced, with
each other's contact details."""

import logging

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker, is_coordinator
from config.errors import NotAllowed
from initiatives.models import Initiative
from initiatives.services import initiative_assign
from initiatives.timeline import actor_name
from messaging.constants import MessageKind
from messaging.services import message_tasks_cancel, message_tasks_complete

from ..constants import SuggestionStatus
from ..models import Introduction, MatchConsent, MatchSuggestion
from ..parties import (
    RECORDED_CHANNELS,
    answer_recordable_by,
    party_contact,
    party_may_be_asked,
    party_title,
)
from .messages import CONSENT_SALT, consent_key, queue_to_party
from .states import SUGGESTION_STATES, ended_note

logger = logging.getLogger(__name__)


def consent_get_by_token(token: str) -> MatchConsent | None:
    try:
        pk = signing.loads(token, salt=CONSENT_SALT)
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
    ) % {"name": actor_name(case.broker)}


def _consent_answer(*, consent: MatchConsent, agreed: bool, recorded_by) -> MatchConsent:
    now = timezone.now()
    with transaction.atomic():
        suggestion = SUGGESTION_STATES.lock(consent.suggestion_id)
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
        key = consent_key(suggestion.pk, suggestion.side_of(locked))
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
            SUGGESTION_STATES.transition(
                suggestion,
                to=SuggestionStatus.DECLINED,
                actor=recorded_by,
                note=ended_note("refused" if not agreed else "unwilling"),
                # The other side is not called about a match that has ended.
                after=lambda ended, _change: message_tasks_cancel(
                    keys=[consent_key(ended.pk, side) for side in "ab"]
                ),
            )
        elif all_agreed:
            SUGGESTION_STATES.transition(
                suggestion,
                to=SuggestionStatus.INTRODUCED,
                actor=recorded_by,
                after=lambda introduced, _change: _introduce(introduced),
            )
    logger.info(
        "event=match_consent_answered consent_id=%s agreed=%s recorded_by_staff=%s",
        locked.pk,
        agreed,
        recorded_by is not None,
    )
    return locked


def _introduce(suggestion: MatchSuggestion) -> None:
    """Both agreed: the introduction is counted, and each side gets the other's details."""
    Introduction.objects.create(suggestion=suggestion)
    parties = {"a": suggestion.party("a"), "b": suggestion.party("b")}
    for side, other_side in (("a", "b"), ("b", "a")):
        other = parties[other_side]
        contact = party_contact(other)
        queue_to_party(
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
