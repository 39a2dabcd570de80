"""The retention job: personal data goes after the term or on request, figures stay."""

from datetime import timedelta

import pytest
from django.db.models import Avg, Count
from django.utils import timezone

from initiatives.models import Initiative, Survey
from initiatives.selectors import initiative_counts_by_status
from messaging.models import OutboundMessage
from retention.models import RetentionRun
from retention.services import ANONYMOUS, retention_run
from tests.initiatives.factories import CheckInFactory, InitiativeFactory, SurveyFactory
from tests.matching.factories import OfferFactory
from tests.messaging.factories import OutboundMessageFactory

pytestmark = pytest.mark.django_db


def _closed_long_ago(months=25, **kwargs):
    initiative = InitiativeFactory(realised=True, **kwargs)
    Initiative.objects.filter(pk=initiative.pk).update(
        closed_at=timezone.now() - timedelta(days=30 * months)
    )
    return initiative


def _figures():
    return {
        "by_status": initiative_counts_by_status(),
        "by_theme": list(
            Initiative.objects.values("theme__slug").annotate(n=Count("pk")).order_by("theme__slug")
        ),
        "by_neighbourhood": list(
            Initiative.objects.values("neighbourhood_id")
            .annotate(n=Count("pk"))
            .order_by("neighbourhood_id")
        ),
        "by_kind": list(
            Initiative.objects.values("initiator__kind")
            .annotate(n=Count("pk"))
            .order_by("initiator__kind")
        ),
        "survey": Survey.objects.aggregate(avg=Avg("score"), n=Count("pk")),
        "messages": OutboundMessage.objects.count(),
    }


def _sent_message(initiative):
    return OutboundMessageFactory(
        sent=True,
        kind="outcome",
        initiative=initiative,
        subject="Zo is het gegaan",
        body=f"Beste {initiative.initiator.name}",
    )


def test_anonymises_after_the_term_and_keeps_the_figures(settings):
    settings.RETENTION_MONTHS = 24
    old = _closed_long_ago()
    recent = _closed_long_ago(months=6)
    open_case = InitiativeFactory()
    old_message = _sent_message(old)
    recent_message = _sent_message(recent)
    survey = SurveyFactory(
        initiative=old, closed_at=old.closed_at or timezone.now(), score=4, comment="Mijn buurman"
    )
    check_in = CheckInFactory(initiative=old, week=4, answer="Bel mij op 0612345678")
    offer = OfferFactory(initiative=old)
    before = _figures()

    run = retention_run()

    assert _figures() == before
    old.initiator.refresh_from_db()
    assert old.initiator.name == ANONYMOUS
    assert old.initiator.email == old.initiator.phone == old.initiator.postcode == ""
    assert old.initiator.anonymised_at is not None
    old_message.refresh_from_db()
    assert old_message.to_email == "" and old_message.body == ANONYMOUS
    survey.refresh_from_db()
    assert survey.score == 4 and survey.comment == ""
    check_in.refresh_from_db()
    assert check_in.answer == ""
    offer.refresh_from_db()
    assert offer.name == ANONYMOUS and offer.email == ""
    for kept in (recent, open_case):
        kept.initiator.refresh_from_db()
        assert kept.initiator.anonymised_at is None and kept.initiator.email
    recent_message.refresh_from_db()
    assert recent_message.to_email
    assert (run.initiators_anonymised, run.messages_blanked, run.offers_anonymised) == (1, 1, 1)
    assert (run.survey_answers_anonymised, run.check_in_answers_anonymised) == (1, 1)

    # A second run finds nothing left to do, and is logged too.
    again = retention_run()
    assert again.initiators_anonymised == again.messages_blanked == 0
    assert RetentionRun.objects.count() == 2


def test_erasure_request_is_carried_out_at_the_next_run_even_for_open_cases():
    initiative = InitiativeFactory()
    unsent = OutboundMessageFactory(
        kind="acknowledgement", initiative=initiative, subject="s", body="b"
    )
    initiative.initiator.erasure_requested_at = timezone.now()
    initiative.initiator.save(update_fields=["erasure_requested_at"])
    before = _figures()

    run = retention_run()

    assert run.erasure_requests_done == 1
    initiative.initiator.refresh_from_db()
    assert initiative.initiator.name == ANONYMOUS
    unsent.refresh_from_db()
    assert unsent.to_email == "" and unsent.failed_at is not None  # never goes out now
    assert _figures() == before


def test_initiator_with_an_open_case_is_kept():
    old = _closed_long_ago()
    InitiativeFactory(initiator=old.initiator)  # the same person has a new, open idea
    assert retention_run().initiators_anonymised == 0


def test_standalone_offers_go_after_the_term():
    old_offer = OfferFactory()
    type(old_offer).objects.filter(pk=old_offer.pk).update(
        created_at=timezone.now() - timedelta(days=800)
    )
    new_offer = OfferFactory()
    assert retention_run().offers_anonymised == 1
    new_offer.refresh_from_db()
    assert new_offer.anonymised_at is None


def test_introductions_carrying_their_details_are_blanked_on_both_sides(broker):
    from matching import services as matching
    from matching.models import MatchConsent, MatchSuggestion
    from tests.initiatives.factories import InitiatorFactory, theme

    a = InitiativeFactory(
        title="Repair café",
        description="Kapotte spullen repareren met vrijwilligers.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(matching_allowed=True),
    )
    InitiativeFactory(
        title="Fietsen repareren",
        description="Kapotte fietsen repareren met jongeren.",
        theme=theme("duurzaamheid"),
        initiator=InitiatorFactory(matching_allowed=True),
    )
    matching.match_find(initiative_id=a.pk)
    matching.match_accept(suggestion=MatchSuggestion.objects.get(), actor=broker)
    for consent in MatchConsent.objects.all():
        matching.match_consent_answer(consent=consent, agreed=True)
    OutboundMessage.objects.update(sent_at=timezone.now())
    a.initiator.erasure_requested_at = timezone.now()
    a.initiator.save(update_fields=["erasure_requested_at"])

    retention_run()

    for message in OutboundMessage.objects.filter(kind="introduction"):
        assert a.initiator.email not in message.body and a.initiator.phone not in message.body


def test_erasure_leaves_nothing_of_the_person_in_search_updates_and_files(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    """The brokers' full-text search indexed the name, the initiator's own page held their
    free text and files: all of it goes, while the figures stay the same."""
    from brokers.selectors import search_query
    from initiatives.models import InitiativeAttachment, InitiatorUpdate
    from initiatives.services import initiative_information_add
    from tests.initiatives.factories import InitiatorFactory
    from tests.initiatives.files import upload

    settings.MEDIA_ROOT = str(tmp_path)
    initiative = InitiativeFactory(initiator=InitiatorFactory(name="Gerrit Zwanenburg"))
    assert Initiative.objects.filter(search_document=search_query("Zwanenburg")).exists()
    update = initiative_information_add(
        initiative=initiative, text="Bel mij op 0612345678", files=[upload()]
    )
    attachment = InitiativeAttachment.objects.get(initiative=initiative)
    path = attachment.file.path
    from initiatives.services import initiative_withdraw

    initiative_withdraw(initiative=initiative, reason="Mijn buurman Piet Post wil niet meer")
    refused = OutboundMessageFactory(
        failed=True,
        kind="outcome",
        initiative=initiative,
        subject="s",
        body="b",
        last_error=f"SMTPRecipientsRefused: {initiative.initiator.email}: 550 no such user",
    )
    initiative.initiator.erasure_requested_at = timezone.now()
    initiative.initiator.save(update_fields=["erasure_requested_at"])
    before = _figures()

    with django_capture_on_commit_callbacks(execute=True):
        retention_run()

    assert not Initiative.objects.filter(search_document=search_query("Zwanenburg")).exists()
    update.refresh_from_db()
    assert "0612345678" not in update.text
    assert InitiatorUpdate.objects.filter(pk=update.pk).exists()  # what happened stays
    assert not InitiativeAttachment.objects.filter(initiative=initiative).exists()
    assert not (tmp_path / path).exists()
    refused.refresh_from_db()
    assert "@" not in refused.last_error
    assert "Piet Post" not in str(list(initiative.status_changes.values_list("note", flat=True)))
    assert _figures() == before


def test_no_message_or_task_for_an_erased_initiator_of_an_open_case(broker):
    from brokers.services import case_transition
    from initiatives.constants import Status
    from initiatives.services import initiative_assign

    initiative = InitiativeFactory(in_conversation=True)
    initiative.initiator.erasure_requested_at = timezone.now()
    initiative.initiator.save(update_fields=["erasure_requested_at"])
    retention_run()
    before = OutboundMessage.objects.count()

    initiative_assign(initiative=initiative, broker=broker, actor=broker)
    case_transition(
        initiative=initiative,
        to_status=Status.NO_DEMAND,
        actor=broker,
        outcome_message="Niemand kwam.",
    )

    initiative.refresh_from_db()
    assert initiative.status == Status.NO_DEMAND
    assert OutboundMessage.objects.count() == before


def test_an_erased_initiators_call_task_leaves_the_brokers_list(broker):
    """Found in a walkthrough: after an erasure the call task stayed on "Berichten en
    taken" as "(geanonimiseerd)", with nobody left to call."""
    from messaging.selectors import outbox_attention_list

    initiative = InitiativeFactory(broker=broker)
    task = OutboundMessageFactory(task=True, initiative=initiative)
    assert task in outbox_attention_list(viewer=broker)
    initiative.initiator.erasure_requested_at = timezone.now()
    initiative.initiator.save(update_fields=["erasure_requested_at"])

    retention_run()

    task.refresh_from_db()
    assert task.done_at is not None and task.sent_at is None  # never shown as done by a broker
    assert task not in outbox_attention_list(viewer=broker)
