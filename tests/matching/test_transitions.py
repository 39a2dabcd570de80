"""Walk every (from, to) pair of a match suggestion and of an offer, and prove exactly
ALLOWED_SUGGESTION_TRANSITIONS and ALLOWED_OFFER_TRANSITIONS are allowed: through the
state machine itself, and through every service that changes a status (accept, dismiss,
the consent answers, the nightly expiry, opening and closing an offer)."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from config.errors import TransitionNotAllowed
from matching import services
from matching.constants import (
    ALLOWED_OFFER_TRANSITIONS,
    ALLOWED_SUGGESTION_TRANSITIONS,
    OfferStatus,
    SuggestionStatus,
)
from matching.models import MatchConsent, MatchSuggestionStatusChange, OfferStatusChange
from matching.services.states import OFFER_STATES, SUGGESTION_STATES
from messaging.constants import MessageChannel
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory
from tests.matching.factories import MatchConsentFactory, MatchSuggestionFactory, OfferFactory

pytestmark = pytest.mark.django_db

S = SuggestionStatus
SUGGESTION_PAIRS = list(itertools.product(S.values, S.values))
DECIDED = "Over dit voorstel is al besloten."


def _suggestion_in(status, broker):
    """Two initiators who allow matching, a suggestion in `status`, and an open question
    to each side (so every consent path gets as far as the suggestion's status)."""
    a, b = (
        InitiativeFactory(initiator=InitiatorFactory(matching_allowed=True), broker=broker)
        for _ in range(2)
    )
    decided = {} if status == S.SUGGESTED else {"decided_at": timezone.now(), "decided_by": broker}
    suggestion = MatchSuggestionFactory(initiative=a, other_initiative=b, status=status, **decided)
    for party in (suggestion.initiative, suggestion.other_initiative):
        MatchConsentFactory(suggestion=suggestion, initiative=party)
    return suggestion


def _consents(suggestion):
    return list(MatchConsent.objects.filter(suggestion=suggestion).order_by("pk"))


def _history(suggestion):
    return list(
        MatchSuggestionStatusChange.objects.filter(suggestion=suggestion).values_list(
            "from_status", "to_status", "actor"
        )
    )


def test_the_tables_cover_every_status():
    for table, choices in (
        (ALLOWED_SUGGESTION_TRANSITIONS, SuggestionStatus),
        (ALLOWED_OFFER_TRANSITIONS, OfferStatus),
    ):
        assert set(table) == set(choices.values)
        for targets in table.values():
            assert set(targets) <= set(choices.values)


@pytest.mark.parametrize(("from_status", "to_status"), SUGGESTION_PAIRS)
def test_every_suggestion_pair_follows_the_table(from_status, to_status, broker):
    suggestion = _suggestion_in(from_status, broker)

    if to_status in ALLOWED_SUGGESTION_TRANSITIONS[from_status]:
        moved = SUGGESTION_STATES.transition(suggestion, to=to_status, actor=broker, note="Test.")
        assert moved.status == to_status
        change = MatchSuggestionStatusChange.objects.get(suggestion=suggestion)
        assert (change.from_status, change.to_status, change.actor, change.note) == (
            from_status,
            to_status,
            broker,
            "Test.",
        )
    else:
        with pytest.raises(TransitionNotAllowed):
            SUGGESTION_STATES.transition(suggestion, to=to_status, actor=broker)
        assert _history(suggestion) == []
    suggestion.refresh_from_db()
    assert suggestion.status == (
        to_status if to_status in ALLOWED_SUGGESTION_TRANSITIONS[from_status] else from_status
    )


def _by_service(suggestion, to_status, broker):
    """The service that leads to `to_status`, as the broker or the parties use it."""
    if to_status == S.ACCEPTED:
        services.match_accept(suggestion=suggestion, actor=broker)
        return broker
    if to_status == S.DISMISSED:
        services.match_dismiss(suggestion=suggestion, actor=broker)
        return broker
    first, second = _consents(suggestion)
    if to_status == S.DECLINED:
        services.match_consent_answer(consent=first, agreed=False)
        return None  # the party answered through its link
    services.match_consent_answer(consent=first, agreed=True)
    services.match_consent_answer(consent=second, agreed=True)
    return None


@pytest.mark.parametrize("from_status", S.values)
@pytest.mark.parametrize("to_status", [S.ACCEPTED, S.DISMISSED, S.DECLINED, S.INTRODUCED])
def test_every_service_changes_a_suggestion_only_as_the_table_allows(
    from_status, to_status, broker
):
    suggestion = _suggestion_in(from_status, broker)

    if to_status in ALLOWED_SUGGESTION_TRANSITIONS[from_status]:
        actor = _by_service(suggestion, to_status, broker)
        suggestion.refresh_from_db()
        assert suggestion.status == to_status
        assert _history(suggestion) == [(from_status, to_status, actor and actor.pk)]
    else:
        if to_status in (S.ACCEPTED, S.DISMISSED):
            with pytest.raises(TransitionNotAllowed) as refused:
                _by_service(suggestion, to_status, broker)
            assert refused.value.messages == [DECIDED]
        else:
            # A question about a match that is not waiting for answers is closed.
            with pytest.raises(services.ConsentClosed):
                _by_service(suggestion, to_status, broker)
        suggestion.refresh_from_db()
        assert suggestion.status == from_status
        assert _history(suggestion) == []


@pytest.mark.parametrize("from_status", S.values)
def test_the_nightly_expiry_ends_only_matches_waiting_for_answers(from_status, broker):
    suggestion = _suggestion_in(from_status, broker)

    expired = services.match_expire_consents(now=timezone.now() + timedelta(days=15))

    suggestion.refresh_from_db()
    if from_status == S.ACCEPTED:
        assert expired == 1
        assert suggestion.status == S.DECLINED
        change = MatchSuggestionStatusChange.objects.get(suggestion=suggestion)
        assert (change.from_status, change.actor) == (S.ACCEPTED, None)
        assert change.note == "De vraag om toestemming is verlopen zonder antwoord."
    else:
        assert expired == 0
        assert suggestion.status == from_status
        assert _history(suggestion) == []


def test_a_recorded_answer_is_the_brokers_in_the_history(broker):
    suggestion = _suggestion_in(S.ACCEPTED, broker)
    MatchConsent.objects.update(channel=MessageChannel.PHONE_TASK)
    first, _second = _consents(suggestion)

    services.match_consent_record(consent=first, agreed=False, actor=broker)

    change = MatchSuggestionStatusChange.objects.get(suggestion=suggestion)
    assert (change.from_status, change.to_status, change.actor) == (S.ACCEPTED, S.DECLINED, broker)
    assert change.note == "Een van beiden wil niet kennismaken."


def test_a_side_no_longer_willing_ends_the_match_with_a_reason(broker):
    suggestion = _suggestion_in(S.ACCEPTED, broker)
    first, second = _consents(suggestion)
    services.match_consent_answer(consent=first, agreed=True)
    initiator = suggestion.initiative.initiator
    initiator.consent_matching_at = None
    initiator.save(update_fields=["consent_matching_at"])

    services.match_consent_answer(consent=second, agreed=True)

    change = MatchSuggestionStatusChange.objects.get(suggestion=suggestion)
    assert (change.from_status, change.to_status) == (S.ACCEPTED, S.DECLINED)
    assert change.note == (
        "Een van beiden geeft geen toestemming meer om gegevens te delen "
        "of is niet meer te bereiken."
    )


# --- offers ---------------------------------------------------------------------------

OFFER_TARGETS = [*OfferStatus.values, "gone"]  # and a value the table does not know


@pytest.mark.parametrize("from_status", OfferStatus.values)
@pytest.mark.parametrize("to_status", OFFER_TARGETS)
def test_every_offer_pair_follows_the_table(from_status, to_status, broker):
    offer = OfferFactory(status=from_status)

    if to_status in ALLOWED_OFFER_TRANSITIONS[from_status]:
        services.offer_status_change(offer=offer, to_status=to_status, actor=broker, note="Vol.")
        change = OfferStatusChange.objects.get(offer=offer)
        assert (change.from_status, change.to_status, change.actor, change.note) == (
            from_status,
            to_status,
            broker,
            "Vol.",
        )
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            services.offer_status_change(offer=offer, to_status=to_status, actor=broker)
        assert refused.value.messages == [
            f"Van '{OFFER_STATES.label(from_status)}' naar "
            f"'{OFFER_STATES.label(to_status)}' kan niet."
        ]
        assert not OfferStatusChange.objects.filter(offer=offer).exists()
    offer.refresh_from_db()
    assert offer.status == (
        to_status if to_status in ALLOWED_OFFER_TRANSITIONS[from_status] else from_status
    )
