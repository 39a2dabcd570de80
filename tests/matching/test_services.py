"""Finding suggestions, and the consent rule: no contact detail reaches anyone before
both sides agreed. Every path: accept, one yes, both yes, a no, silence, no permission,
a reused link."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from accounts.roles import Role
from config.errors import NotAllowed
from initiatives.services import MATCH_FIND_TASK
from matching import engine, services
from matching.constants import SuggestionStatus
from matching.models import Introduction, MatchConsent, MatchSuggestion
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme
from tests.matching.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _pair(a_initiator=None, b_initiator=None):
    a = InitiativeFactory(
        title="Repair café in het buurthuis",
        description="Kapotte spullen repareren met vrijwilligers: lampen, fietsen, kleding.",
        theme=theme("duurzaamheid"),
        initiator=a_initiator or InitiatorFactory(matching_allowed=True, name="Anna Aalders"),
    )
    b = InitiativeFactory(
        title="Fietsen repareren met jongeren",
        description="Jongeren leren kapotte fietsen repareren in een werkplaats.",
        theme=theme("duurzaamheid"),
        initiator=b_initiator or InitiatorFactory(matching_allowed=True, name="Bram Bakker"),
    )
    return a, b


def _suggestion(a, b):
    services.match_find(initiative_id=b.pk)
    return MatchSuggestion.objects.get(initiative=min(a, b, key=lambda i: i.pk))


def _personal(initiative):
    i = initiative.initiator
    return [i.name, i.email, i.phone]


def _contact_details_leaked(*, of, to_address) -> bool:
    """Did any message to `to_address` carry a contact detail of `of`?"""
    for message in OutboundMessage.objects.filter(to_email=to_address):
        text = message.subject + message.body
        if any(value and value in text for value in _personal(of)):
            return True
    return False


def test_the_after_submit_chain_names_the_matching_task():
    from config.celery import app

    # What a worker does at start: import every app's tasks module (autodiscovery), so
    # this test does not depend on another having imported matching.tasks first.
    app.loader.import_default_modules()
    assert MATCH_FIND_TASK in app.tasks


def test_match_find_stores_one_suggestion_per_pair_with_reasons():
    a, b = _pair()
    assert services.match_find(initiative_id=a.pk) == 1
    assert services.match_find(initiative_id=b.pk) == 0  # the same pair, from the other side
    suggestion = MatchSuggestion.objects.get()
    assert (suggestion.initiative, suggestion.other_initiative) == (a, b)
    assert suggestion.status == SuggestionStatus.SUGGESTED
    assert any("repareren" in reason.get("words", "") for reason in suggestion.reasons)
    assert {"code": "theme"} in suggestion.reasons


def test_offer_meeting_a_need_is_suggested():
    a = InitiativeFactory(
        title="Taalcafé voor nieuwkomers",
        description="Wekelijks Nederlands oefenen met een kop koffie.",
        needs=["location"],
    )
    offer = OfferFactory(neighbourhood=a.neighbourhood)
    services.match_find(initiative_id=a.pk)
    suggestion = MatchSuggestion.objects.get(offer=offer)
    assert {"code": "offer_kind", "kind": "space"} in suggestion.reasons


def test_an_offer_is_read_as_an_idea_is_compounds_split_and_thesaurus_named():
    """Ideas and offers go through one mechanism: an offer's compounds are split and it
    names a thesaurus group by the rule a stored idea does (initiatives.vocabulary)."""
    from initiatives.services import synonym_groups_starter_load

    synonym_groups_starter_load()
    a = InitiativeFactory(
        title="Schooltuin bij de basisschool",
        description="Kinderen leren groente kweken in de schooltuin.",
        theme=theme("duurzaamheid"),
        needs=[],
    )
    # "buurtmoestuin": its long part "moestuin" names the group of "schooltuin" (read
    # whole, as before, neither it nor "groentekweken" shared anything).
    garden = OfferFactory(
        kind="skills",
        description=(
            "Ik ben tuinier, help graag in een buurtmoestuin en weet veel van groentekweken."
        ),
        theme=a.theme,
        neighbourhood=a.neighbourhood,
    )
    # A short part names no group ("bieb" in "minibieb" is no library), as for an idea.
    library = InitiativeFactory(title="De bibliotheek", description="De bibliotheek gaat dicht.")
    OfferFactory(kind="skills", description="Ik heb een minibieb gebouwd.", theme=None)
    found = engine.offer_candidates(
        text=f"{a.title} {a.description}", theme_id=a.theme_id, neighbourhood_id=None, needs=[]
    )
    assert [c.offer_id for c in found] == [garden.pk]
    words = found[0].reasons[0]["words"]
    assert "≈" in words and "moestuin" in words
    assert not engine.offer_candidates(
        text=f"{library.title} {library.description}",
        theme_id=None,
        neighbourhood_id=None,
        needs=[],
    )


def test_dismiss_and_only_brokers_decide(broker, civil_servant):
    a, b = _pair()
    suggestion = _suggestion(a, b)
    with pytest.raises(PermissionDenied):
        services.match_accept(suggestion=suggestion, actor=civil_servant)
    services.match_dismiss(suggestion=suggestion, actor=broker)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DISMISSED
    # Finding again does not bring a dismissed suggestion back.
    services.match_find(initiative_id=a.pk)
    assert MatchSuggestion.objects.get().status == SuggestionStatus.DISMISSED
    assert OutboundMessage.objects.filter(kind=MessageKind.MATCH_CONSENT).count() == 0


def test_accepting_asks_both_without_sharing_anything(broker):
    a, b = _pair()
    services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    asks = OutboundMessage.objects.filter(kind=MessageKind.MATCH_CONSENT)
    assert sorted(m.to_email for m in asks) == sorted([a.initiator.email, b.initiator.email])
    for message in asks:
        assert "/koppeling/" in message.body
    assert not _contact_details_leaked(of=a, to_address=b.initiator.email)
    assert not _contact_details_leaked(of=b, to_address=a.initiator.email)
    assert MatchConsent.objects.count() == 2
    consent = MatchConsent.objects.first()
    assert consent.expires_at - consent.asked_at > timedelta(days=13, hours=23)


def test_one_yes_shares_nothing_both_yes_introduces_both(broker):
    a, b = _pair()
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    consent_a = MatchConsent.objects.get(suggestion=suggestion, initiative=a)
    consent_b = MatchConsent.objects.get(suggestion=suggestion, initiative=b)

    services.match_consent_answer(consent=consent_a, agreed=True)
    assert not _contact_details_leaked(of=a, to_address=b.initiator.email)
    assert not _contact_details_leaked(of=b, to_address=a.initiator.email)
    assert Introduction.objects.count() == 0

    services.match_consent_answer(consent=consent_b, agreed=True)
    assert Introduction.objects.count() == 1
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.INTRODUCED
    intro_to_a = OutboundMessage.objects.get(
        kind=MessageKind.INTRODUCTION, to_email=a.initiator.email
    )
    intro_to_b = OutboundMessage.objects.get(
        kind=MessageKind.INTRODUCTION, to_email=b.initiator.email
    )
    for value in _personal(b):
        assert value in intro_to_a.body
    for value in _personal(a):
        assert value in intro_to_b.body


def test_a_no_shares_nothing_and_ends_the_match(broker):
    a, b = _pair()
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    services.match_consent_answer(
        consent=MatchConsent.objects.get(suggestion=suggestion, initiative=a), agreed=True
    )
    services.match_consent_answer(
        consent=MatchConsent.objects.get(suggestion=suggestion, initiative=b), agreed=False
    )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    assert Introduction.objects.count() == 0
    assert not OutboundMessage.objects.filter(kind=MessageKind.INTRODUCTION).exists()
    assert not _contact_details_leaked(of=a, to_address=b.initiator.email)
    assert not _contact_details_leaked(of=b, to_address=a.initiator.email)


def test_a_no_first_then_the_other_cannot_answer(broker):
    a, b = _pair()
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    services.match_consent_answer(
        consent=MatchConsent.objects.get(suggestion=suggestion, initiative=a), agreed=False
    )
    with pytest.raises(services.ConsentClosed):
        services.match_consent_answer(
            consent=MatchConsent.objects.get(suggestion=suggestion, initiative=b), agreed=True
        )
    assert not OutboundMessage.objects.filter(kind=MessageKind.INTRODUCTION).exists()


def test_silence_shares_nothing(broker):
    a, b = _pair()
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    consent_a = MatchConsent.objects.get(suggestion=suggestion, initiative=a)
    services.match_consent_answer(consent=consent_a, agreed=True)
    # Fourteen days pass without an answer from b.
    later = timezone.now() + timedelta(days=15)
    assert services.match_expire_consents(now=later) == 1
    MatchConsent.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.ConsentClosed):
        services.match_consent_answer(
            consent=MatchConsent.objects.get(suggestion=suggestion, initiative=b), agreed=True
        )
    assert Introduction.objects.count() == 0
    assert not _contact_details_leaked(of=a, to_address=b.initiator.email)


def test_an_answer_counts_once(broker):
    a, b = _pair()
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    consent = MatchConsent.objects.get(suggestion=suggestion, initiative=a)
    services.match_consent_answer(consent=consent, agreed=False)
    with pytest.raises(services.ConsentClosed):
        services.match_consent_answer(consent=consent, agreed=True)


def test_no_permission_to_share_means_nobody_is_asked(broker):
    a, b = _pair(b_initiator=InitiatorFactory(name="Zonder Toestemming"))
    suggestion = _suggestion(a, b)
    with pytest.raises(ValidationError):
        services.match_accept(suggestion=suggestion, actor=broker)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.SUGGESTED
    assert not OutboundMessage.objects.filter(kind=MessageKind.MATCH_CONSENT).exists()


def test_offer_side_consents_too_and_gets_the_introduction(broker):
    a = InitiativeFactory(
        title="Taalcafé voor nieuwkomers",
        description="Wekelijks Nederlands oefenen met een kop koffie.",
        needs=["location"],
        initiator=InitiatorFactory(matching_allowed=True),
    )
    offer = OfferFactory(neighbourhood=a.neighbourhood)
    services.match_find(initiative_id=a.pk)
    suggestion = services.match_accept(
        suggestion=MatchSuggestion.objects.get(offer=offer), actor=broker
    )
    ask = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, to_email=offer.email)
    assert a.initiator.name not in ask.body and a.initiator.email not in ask.body
    for consent in MatchConsent.objects.filter(suggestion=suggestion):
        services.match_consent_answer(consent=consent, agreed=True)
    intro = OutboundMessage.objects.get(kind=MessageKind.INTRODUCTION, to_email=offer.email)
    assert a.initiator.email in intro.body
    intro_to_a = OutboundMessage.objects.get(
        kind=MessageKind.INTRODUCTION, to_email=a.initiator.email
    )
    assert offer.name in intro_to_a.body and offer.phone in intro_to_a.body


def test_each_side_reads_the_match_messages_in_its_own_language(broker):
    a = InitiativeFactory(
        title="Taalcafé voor nieuwkomers",
        description="Wekelijks Nederlands oefenen met een kop koffie.",
        needs=["location"],
        initiator=InitiatorFactory(matching_allowed=True, language="en"),
    )
    offer = OfferFactory(neighbourhood=a.neighbourhood)
    services.match_find(initiative_id=a.pk)
    with translation.override("nl"):  # the broker works in Dutch
        suggestion = services.match_accept(
            suggestion=MatchSuggestion.objects.get(offer=offer), actor=broker
        )
    to_a = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, to_email=a.initiator.email)
    assert to_a.subject == "Would you like to meet someone with a similar idea?"
    assert '"Offer: ' in to_a.body  # the offer's title too, not "Aanbod: "
    to_offer = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, to_email=offer.email)
    assert to_offer.subject.startswith("Wilt u kennismaken")
    with translation.override("en"):  # the last "yes" came from an English page
        for consent in MatchConsent.objects.filter(suggestion=suggestion):
            services.match_consent_answer(consent=consent, agreed=True)
    intro = OutboundMessage.objects.get(kind=MessageKind.INTRODUCTION, to_email=offer.email)
    assert intro.subject == f"Kennismaking: {a.title}"
    intro_to_a = OutboundMessage.objects.get(
        kind=MessageKind.INTRODUCTION, to_email=a.initiator.email
    )
    assert intro_to_a.subject.startswith("Introduction: Offer: ")


def test_offer_without_matching_consent_cannot_be_introduced(broker):
    a = InitiativeFactory(needs=["location"], initiator=InitiatorFactory(matching_allowed=True))
    offer = OfferFactory(neighbourhood=a.neighbourhood, consent_matching_at=None)
    services.match_find(initiative_id=a.pk)
    with pytest.raises(ValidationError):
        services.match_accept(suggestion=MatchSuggestion.objects.get(offer=offer), actor=broker)


def test_offer_for_one_idea_is_suggested_for_that_idea():
    a = InitiativeFactory()
    offer = services.offer_submit(
        actor=None,
        kind="time",
        description="Ik help graag mee.",
        name="Piet",
        email="p@x.nl",
        initiative=a,
    )
    services.match_find_for_offer(offer_id=offer.pk)
    assert MatchSuggestion.objects.get(offer=offer).initiative == a


def test_two_ideas_of_the_same_person_are_not_introduced():
    a, _b = _pair()
    InitiativeFactory(
        title="Repair café in de bibliotheek",
        description="Kapotte spullen repareren met vrijwilligers: lampen en kleding.",
        initiator=a.initiator,
    )
    services.match_find(initiative_id=a.pk)
    assert MatchSuggestion.objects.count() == 1  # only the other person's idea


@pytest.mark.parametrize("change", ["withdraws_matching_consent", "is_erased"])
def test_a_side_that_agreed_then_withdrew_or_was_erased_is_not_introduced(broker, change):
    from initiatives.services import initiator_preferences_change
    from retention.services import retention_run

    a, b = _pair()
    suggestion = _suggestion(a, b)
    services.match_accept(suggestion=suggestion, actor=broker)
    consent_a = MatchConsent.objects.get(initiative=a)
    consent_b = MatchConsent.objects.get(initiative=b)
    services.match_consent_answer(consent=consent_a, agreed=True)
    personal_a = _personal(a)
    if change == "withdraws_matching_consent":
        initiator = a.initiator
        initiator_preferences_change(
            initiative=a,
            preferred_channel=initiator.preferred_channel,
            email=initiator.email,
            phone=initiator.phone,
            consent_matching=False,
            consent_publish=False,
        )
    else:
        a.initiator.erasure_requested_at = timezone.now()
        a.initiator.save(update_fields=["erasure_requested_at"])
        retention_run()

    services.match_consent_answer(consent=consent_b, agreed=True)

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    assert not Introduction.objects.exists()
    for message in OutboundMessage.objects.filter(to_email=b.initiator.email):
        assert not any(v and v in message.body for v in personal_a)


# --- People without e-mail: asked by phone or letter, the broker records the answer ---


def _phone_only(name="Gerrit Jansen"):
    return InitiatorFactory(
        matching_allowed=True,
        name=name,
        email="",
        phone="038 421 00 00",
        preferred_channel="phone",
    )


def test_a_resident_without_email_is_asked_by_a_call_task(broker):
    a, b = _pair(b_initiator=_phone_only())
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)

    ask_b = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, initiative=b)
    assert ask_b.channel == MessageChannel.PHONE_TASK
    assert ask_b.to_email == ""
    # The call script says nothing about who the other side is.
    assert not any(value and value in ask_b.body for value in _personal(a))
    assert "bel" in ask_b.body.lower()
    consents = {c.initiative_id: c for c in MatchConsent.objects.filter(suggestion=suggestion)}
    assert consents[b.pk].channel == MessageChannel.PHONE_TASK
    assert consents[a.pk].channel == MessageChannel.EMAIL
    ask_a = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, initiative=a)
    assert ask_a.to_email == a.initiator.email and "/koppeling/" in ask_a.body


def test_the_broker_records_a_phone_yes_and_both_are_introduced(broker):
    a, b = _pair(b_initiator=_phone_only())
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    consent_a = MatchConsent.objects.get(suggestion=suggestion, initiative=a)
    consent_b = MatchConsent.objects.get(suggestion=suggestion, initiative=b)

    services.match_consent_answer(consent=consent_a, agreed=True)
    recorded = services.match_consent_record(consent=consent_b, agreed=True, actor=broker)

    assert recorded.recorded_by == broker and recorded.agreed is True
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.INTRODUCED
    # The e-mail side gets the phone side's number; the phone side is called with the
    # e-mail side's details (a task on the broker's list, not an e-mail).
    intro_to_a = OutboundMessage.objects.get(
        kind=MessageKind.INTRODUCTION, to_email=a.initiator.email
    )
    assert b.initiator.phone in intro_to_a.body and b.initiator.name in intro_to_a.body
    intro_to_b = OutboundMessage.objects.get(kind=MessageKind.INTRODUCTION, initiative=b)
    assert intro_to_b.channel == MessageChannel.PHONE_TASK
    assert a.initiator.email in intro_to_b.body
    assert "beantwoord dan deze e-mail" not in intro_to_b.body.lower()


def test_a_recorded_no_ends_the_match_and_only_brokers_record(broker, civil_servant):
    a, b = _pair(b_initiator=_phone_only())
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    consent_b = MatchConsent.objects.get(suggestion=suggestion, initiative=b)
    with pytest.raises(PermissionDenied):
        services.match_consent_record(consent=consent_b, agreed=True, actor=civil_servant)

    services.match_consent_record(consent=consent_b, agreed=False, actor=broker)

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    assert not Introduction.objects.exists()
    # Answered once: recording again is refused with a message, not an error page.
    with pytest.raises(ValidationError):
        services.match_consent_record(consent=consent_b, agreed=True, actor=broker)


def test_a_resident_who_wants_letters_is_asked_by_letter(broker):
    letters = InitiatorFactory(
        matching_allowed=True,
        email="",
        phone="038 421 11 11",
        address="Dorpsstraat 1, 8011 AB Zwolle",
        preferred_channel="letter",
    )
    a, b = _pair(b_initiator=letters)
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    ask_b = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, initiative=b)
    assert ask_b.channel == MessageChannel.LETTER_TASK
    # A letter can carry the link for those who have internet after all.
    assert "/koppeling/" in ask_b.body
    # The e-mail side answers through its link; the broker records the letter side's yes.
    services.match_consent_answer(
        consent=MatchConsent.objects.get(suggestion=suggestion, initiative=a), agreed=True
    )
    services.match_consent_record(
        consent=MatchConsent.objects.get(suggestion=suggestion, initiative=b),
        agreed=True,
        actor=broker,
    )
    # The other side can reach them: by the phone number they gave.
    intro_to_a = OutboundMessage.objects.get(
        kind=MessageKind.INTRODUCTION, to_email=a.initiator.email
    )
    assert "038 421 11 11" in intro_to_a.body


def test_an_address_alone_is_not_enough_to_be_introduced(broker):
    # The other side would get a name and nothing to contact them by.
    address_only = InitiatorFactory(
        matching_allowed=True,
        email="",
        phone="",
        address="Dorpsstraat 1",
        preferred_channel="letter",
    )
    a, b = _pair(b_initiator=address_only)
    with pytest.raises(ValidationError):
        services.match_accept(suggestion=_suggestion(a, b), actor=broker)


def test_the_call_script_has_no_answer_link(broker):
    # The broker records the answer; a link in the script would let an answer be given
    # in the resident's name without saying who gave it.
    a, b = _pair(b_initiator=_phone_only())
    services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    ask_b = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, initiative=b)
    assert "/koppeling/" not in ask_b.body


def _open_tasks():
    return OutboundMessage.objects.filter(channel=MessageChannel.PHONE_TASK, done_at__isnull=True)


def test_recording_an_answer_completes_the_call_task(broker):
    a, b = _pair(b_initiator=_phone_only())
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    services.match_consent_record(
        consent=MatchConsent.objects.get(suggestion=suggestion, initiative=b),
        agreed=True,
        actor=broker,
    )
    task = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, initiative=b)
    assert task.done_at is not None and task.sent_at is not None and task.done_by == broker


# --- Who may record an answer (issue 14, item 4): the named broker of the case of the
# side asked by phone or letter, or a coordinator. Never for a side asked by e-mail: that
# side answers itself, through its link. A recorded yes shares contact details. ---


def _asked(*, b_broker=None):
    """A accepted match: a asked by e-mail, b (phone only) by a call task."""
    a, b = _pair(b_initiator=_phone_only())
    if b_broker is not None:
        b.broker = b_broker
        b.save(update_fields=["broker"])
    accepter = b_broker or StaffFactory(role=Role.BROKER)
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=accepter)
    consents = {c.initiative_id: c for c in MatchConsent.objects.filter(suggestion=suggestion)}
    return a, b, suggestion, consents[a.pk], consents[b.pk]


def _nothing_recorded(suggestion, *consents):
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert not Introduction.objects.exists()
    for consent in consents:
        consent.refresh_from_db()
        assert consent.answered_at is None and consent.recorded_by is None


def test_a_colleague_cannot_record_an_answer_on_a_case_not_theirs(broker):
    colleague = StaffFactory(role=Role.BROKER)
    a, b, suggestion, consent_a, consent_b = _asked(b_broker=colleague)
    services.match_consent_answer(consent=consent_a, agreed=True)

    with pytest.raises(NotAllowed) as refused:
        services.match_consent_record(consent=consent_b, agreed=True, actor=broker)

    assert colleague.broker_profile.display_name in str(refused.value)
    _nothing_recorded(suggestion, consent_b)
    assert not _contact_details_leaked(of=b, to_address=a.initiator.email)
    # The call stays on the colleague's list.
    assert _open_tasks().filter(kind=MessageKind.MATCH_CONSENT, initiative=b).exists()


@pytest.mark.parametrize("who", ["broker", "coordinator"])
def test_nobody_records_an_answer_for_a_side_asked_by_email(who, broker, coordinator):
    actor = {"broker": broker, "coordinator": coordinator}[who]
    # The e-mail side's case is the actor's own: still only its link answers.
    a, b, suggestion, consent_a, consent_b = _asked(b_broker=broker)
    a.broker = broker
    a.save(update_fields=["broker"])

    with pytest.raises(NotAllowed):
        services.match_consent_record(consent=consent_a, agreed=True, actor=actor)

    _nothing_recorded(suggestion, consent_a, consent_b)


def test_nobody_records_an_answer_for_an_offer(broker, coordinator):
    # Someone offering help is always asked by e-mail.
    initiative = InitiativeFactory(broker=broker, initiator=InitiatorFactory(matching_allowed=True))
    offer = OfferFactory(initiative=initiative)
    services.match_find_for_offer(offer_id=offer.pk)
    suggestion = services.match_accept(
        suggestion=MatchSuggestion.objects.get(offer=offer), actor=broker
    )
    consent = MatchConsent.objects.get(suggestion=suggestion, offer=offer)
    for actor in (broker, coordinator):
        with pytest.raises(NotAllowed):
            services.match_consent_record(consent=consent, agreed=True, actor=actor)
    _nothing_recorded(suggestion, consent)


def test_the_named_broker_records_the_answer_on_their_own_case(broker):
    a, b, suggestion, consent_a, consent_b = _asked(b_broker=broker)
    services.match_consent_answer(consent=consent_a, agreed=True)

    services.match_consent_record(consent=consent_b, agreed=True, actor=broker)

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.INTRODUCED


def test_a_coordinator_records_the_answer_on_a_colleagues_case(broker, coordinator):
    a, b, suggestion, consent_a, consent_b = _asked(b_broker=broker)

    recorded = services.match_consent_record(consent=consent_b, agreed=False, actor=coordinator)

    assert recorded.recorded_by == coordinator and recorded.agreed is False
    b.refresh_from_db()
    assert b.broker == broker  # the case stays the named broker's


def test_a_broker_recording_on_an_unassigned_case_becomes_its_named_broker(broker):
    # As everywhere: whoever works an unassigned open case becomes its named broker.
    a, b, suggestion, consent_a, consent_b = _asked()
    assert b.broker_id is None

    services.match_consent_record(consent=consent_b, agreed=True, actor=broker)

    b.refresh_from_db()
    consent_b.refresh_from_db()
    assert b.broker == broker and consent_b.recorded_by == broker


def test_a_refused_recording_on_an_answered_question_claims_nothing(broker):
    a, b, suggestion, consent_a, consent_b = _asked()
    services.match_consent_answer(consent=consent_b, agreed=False)

    with pytest.raises(ValidationError):
        services.match_consent_record(consent=consent_b, agreed=True, actor=broker)

    b.refresh_from_db()
    assert b.broker_id is None


@pytest.mark.parametrize("end", ["no", "expired"])
def test_a_match_that_ends_takes_its_open_call_off_the_list(broker, end):
    a, b = _pair(b_initiator=_phone_only())
    suggestion = services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    assert _open_tasks().filter(kind=MessageKind.MATCH_CONSENT).count() == 1
    if end == "no":
        services.match_consent_answer(
            consent=MatchConsent.objects.get(suggestion=suggestion, initiative=a), agreed=False
        )
    else:
        assert services.match_expire_consents(now=timezone.now() + timedelta(days=15)) == 1
    assert not _open_tasks().exists()
    task = OutboundMessage.objects.get(kind=MessageKind.MATCH_CONSENT, initiative=b)
    # Closed, not sent: the resident's page does not show a call that never happened.
    assert task.sent_at is None
    from initiatives.timeline import initiative_timeline

    entries = initiative_timeline(b, for_initiator=True)
    assert not any(e.kind == "message" and e.extra["message_id"] == task.pk for e in entries)


def test_nobody_to_reach_means_nobody_is_asked(broker):
    unreachable = InitiatorFactory(matching_allowed=True, email="", phone="", address="")
    a, b = _pair(b_initiator=unreachable)
    with pytest.raises(ValidationError):
        services.match_accept(suggestion=_suggestion(a, b), actor=broker)
    assert not MatchConsent.objects.exists()
