"""The retention job: personal data goes, figures stay.

Only personal fields are blanked (names, contact details, free text the resident wrote);
every row the figures count (initiatives, status history, survey scores, introductions)
stays as it was."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from initiatives.constants import OPEN_STATUSES, ActorRole
from initiatives.models import (
    CheckIn,
    Initiative,
    InitiativeAttachment,
    InitiativeStatusChange,
    Initiator,
    InitiatorUpdate,
    Survey,
    UpdateKind,
)
from matching.models import MatchSuggestion, Offer
from messaging.constants import MessageChannel
from messaging.models import OutboundMessage

from .models import RetentionRun

logger = logging.getLogger(__name__)

ANONYMOUS = "(geanonimiseerd)"


def retention_cutoff(now=None):
    now = now or timezone.now()
    # Months as 30-day blocks: a day either way does not matter for a 24-month term.
    return now - timedelta(days=30 * settings.RETENTION_MONTHS)


def _anonymise_initiators(initiator_ids: list[int], now) -> dict[str, int]:
    case_ids = list(
        Initiative.objects.filter(initiator_id__in=initiator_ids).values_list("pk", flat=True)
    )
    counts = {
        "initiators": Initiator.objects.filter(pk__in=initiator_ids).update(
            name=ANONYMOUS,
            email="",
            phone="",
            postcode="",
            address="",
            consent_contact_at=None,
            consent_matching_at=None,
            consent_publish_at=None,
            anonymised_at=now,
        ),
        "offers": _blank_offers(Offer.objects.filter(initiative_id__in=case_ids), now),
        "surveys": Survey.objects.filter(initiative_id__in=case_ids, anonymised_at__isnull=True)
        .exclude(comment="")
        .update(comment="", anonymised_at=now),
        "check_ins": CheckIn.objects.filter(initiative_id__in=case_ids, anonymised_at__isnull=True)
        .exclude(answer="")
        .update(answer="", anonymised_at=now),
        # The outbox keeps that a message went out and what it was about, not to whom.
        "messages": OutboundMessage.objects.filter(initiative_id__in=case_ids)
        .filter(Q(sent_at__isnull=False) | Q(failed_at__isnull=False))
        .exclude(to_email="", body=ANONYMOUS)
        # A mail server's refusal quotes the address ("550 <jan@...>: no such user").
        .update(to_email="", body=ANONYMOUS, last_error=""),
    }
    counts["messages"] += _blank_match_messages(
        MatchSuggestion.objects.filter(
            Q(initiative_id__in=case_ids) | Q(other_initiative_id__in=case_ids)
        )
    )
    # What the initiator wrote on their own page, and the files added to the case
    # (letters, photos, plans) may name them: they go. The rows of what happened stay.
    InitiatorUpdate.objects.filter(initiative_id__in=case_ids, kind=UpdateKind.INFORMATION).exclude(
        text=""
    ).update(text=ANONYMOUS)
    # The reason given when withdrawing is the initiator's own words too.
    InitiativeStatusChange.objects.filter(
        initiative_id__in=case_ids, actor_role=ActorRole.INITIATOR
    ).exclude(note="").update(note=ANONYMOUS)
    _delete_attachments(InitiativeAttachment.objects.filter(initiative_id__in=case_ids))
    # Unsent messages to someone who is gone must not go out any more, and a call or
    # letter still to do leaves the brokers' list (there is nobody left to call).
    unsent = OutboundMessage.objects.filter(
        initiative_id__in=case_ids, sent_at__isnull=True, failed_at__isnull=True
    )
    unsent.exclude(channel=MessageChannel.EMAIL).update(done_at=now)
    unsent.update(to_email="", body=ANONYMOUS, failed_at=now, last_error="anonymised")
    return counts


def _delete_attachments(queryset) -> int:
    files = [(a.file.storage, a.file.name) for a in queryset.only("file") if a.file]
    count, _ = queryset.delete()

    def remove_files():
        for storage, name in files:
            storage.delete(name)

    # Only once the rows are gone for good: a rollback keeps the files.
    transaction.on_commit(remove_files)
    return count


def _blank_match_messages(suggestions) -> int:
    """Consent questions and introductions of these matches: the other side's
    introduction carries this side's contact details, so it goes too."""
    keys = [
        f"match:{pk}:{what}:{side}"
        for pk in suggestions.values_list("pk", flat=True)
        for what in ("consent", "introduction")
        for side in ("a", "b")
    ]
    return (
        OutboundMessage.objects.filter(key__in=keys)
        .exclude(to_email="", body=ANONYMOUS)
        .update(to_email="", body=ANONYMOUS)
    )


def _blank_offers(queryset, now) -> int:
    queryset = queryset.filter(anonymised_at__isnull=True)
    _blank_match_messages(MatchSuggestion.objects.filter(offer__in=queryset))
    return queryset.update(
        name=ANONYMOUS,
        email="",
        phone="",
        description=ANONYMOUS,
        in_return="",
        consent_contact_at=None,
        consent_matching_at=None,
        anonymised_at=now,
    )


def retention_run(*, actor=None, now=None) -> RetentionRun:
    """Anonymise what is past its term and carry out erasure requests. Idempotent: what
    was anonymised is skipped next time. `actor` is None for the beat job."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    run = RetentionRun.objects.create(cutoff=cutoff)
    open_case = Initiative.objects.filter(initiator=OuterRef("pk"), status__in=OPEN_STATUSES)
    with transaction.atomic():
        erasures = list(
            Initiator.objects.filter(
                erasure_requested_at__isnull=False, anonymised_at__isnull=True
            ).values_list("pk", flat=True)
        )
        expired = list(
            Initiator.objects.filter(anonymised_at__isnull=True, erasure_requested_at__isnull=True)
            .annotate(last_closed=Max("initiatives__closed_at"), has_open=Exists(open_case))
            .filter(has_open=False, last_closed__lt=cutoff)
            .values_list("pk", flat=True)
        )
        counts = _anonymise_initiators(erasures + expired, now)
        # Offers not tied to a case: the term runs from when they were made.
        counts["offers"] += _blank_offers(
            Offer.objects.filter(initiative__isnull=True, created_at__lt=cutoff), now
        )
        RetentionRun.objects.filter(pk=run.pk).update(
            finished_at=timezone.now(),
            initiators_anonymised=counts["initiators"],
            erasure_requests_done=len(erasures),
            offers_anonymised=counts["offers"],
            survey_answers_anonymised=counts["surveys"],
            check_in_answers_anonymised=counts["check_ins"],
            messages_blanked=counts["messages"],
        )
    run.refresh_from_db()
    logger.info(
        "event=retention_run run_id=%s initiators=%s erasures=%s offers=%s surveys=%s "
        "check_ins=%s messages=%s",
        run.pk,
        run.initiators_anonymised,
        run.erasure_requests_done,
        run.offers_anonymised,
        run.survey_answers_anonymised,
        run.check_in_answers_anonymised,
        run.messages_blanked,
    )
    return run
