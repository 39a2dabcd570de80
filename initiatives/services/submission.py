"""A new idea: its reference, the initiator, the case and its first history row, by web,
API or staff intake, with the files that came with it."""

import logging
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.db import generic_plans_in_this_transaction, insert_new
from config.working_days import add_working_days

from ..attachments import MAX_COUNT as MAX_ATTACHMENTS
from ..attachments import accepted_type
from ..constants import (
    ActorRole,
    PreferredChannel,
    PublicationStatus,
    Status,
    received_note,
)
from ..contact_key import initiator_contact_key
from ..models import (
    Initiative,
    InitiativeAttachment,
    InitiativeStatusChange,
    Initiator,
    Publication,
    PublicationStatusChange,
    SubmissionFollowUp,
    Theme,
)
from ..selectors import initiative_get_by_submission_key
from .after_submit import acknowledgement_queue

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InitiatorData:
    kind: str
    name: str
    email: str = ""
    phone: str = ""
    postcode: str = ""
    address: str = ""
    preferred_channel: str = PreferredChannel.EMAIL
    consent_contact: bool = True
    consent_matching: bool = False
    consent_publish: bool = False
    language: str = "nl"


_REFERENCE_UPSERT = """
    INSERT INTO initiatives_referencecounter (year, last_number) {source}
    ON CONFLICT (year) DO UPDATE
      SET last_number = initiatives_referencecounter.last_number + 1
    RETURNING last_number
"""
_WITHOUT_FLUSH = "SELECT %s, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS s"


def reference_next(year: int) -> str:
    """The next reference of this year: one atomic upsert, so concurrent submissions
    never get the same number.

    The year's counter row is locked until the transaction around this statement ends.
    Every submission passes this row, so a submission takes its number in a short
    transaction of its own instead of holding the row for the whole of its own: measured
    under load, submissions queued on this lock (PostgreSQL wait event `transactionid`).
    A submission that fails after this leaves its number unused; a reference is an
    identifier, not a count (the figures count cases).

    That statement's own transaction commits without waiting for the disk
    (synchronous_commit off; measured 0.16 against 0.30 ms a statement, unloaded), so the
    row is free at once and a submission waits for one flush, not two. Nothing can be
    lost by it: the write-ahead log is flushed in order, so the submission's own
    (synchronous) commit also makes this number durable. After a crash before that
    commit the number may be handed out again, but nothing had it."""
    # set_config(..., true) lasts for this statement's own transaction only; inside a
    # caller's transaction it would apply to all of it.
    own_transaction = connection.get_autocommit() and not connection.in_atomic_block
    source = _WITHOUT_FLUSH if own_transaction else "VALUES (%s, 1)"
    with connection.cursor() as cursor:
        cursor.execute(_REFERENCE_UPSERT.format(source=source), [year])
        (number,) = cursor.fetchone()
    return f"{year}-{number:04d}"


# A reference in the platform's own form: the year, then the number.
_OWN_REFERENCE = re.compile(r"^(\d{4})-(\d{1,6})$")


def reference_counters_raise(references: list[str]) -> None:
    """Imported ideas keep their references: raise each year's counter past the highest
    imported number of the platform's own form, so reference_next never hands one out
    again (other forms, 'ZW-17' say, cannot collide)."""
    highest: dict[int, int] = {}
    for reference in references:
        match = _OWN_REFERENCE.match(reference)
        if match:
            year, number = int(match.group(1)), int(match.group(2))
            highest[year] = max(highest.get(year, 0), number)
    with connection.cursor() as cursor:
        for year, number in highest.items():
            cursor.execute(
                """
                INSERT INTO initiatives_referencecounter (year, last_number) VALUES (%s, %s)
                ON CONFLICT (year) DO UPDATE SET last_number =
                  GREATEST(initiatives_referencecounter.last_number, EXCLUDED.last_number)
                """,
                [year, number],
            )


def initiative_submit(
    *,
    actor,
    title: str,
    description: str,
    theme: Theme,
    neighbourhood,
    initiator: InitiatorData,
    channel: str,
    needs: list[str],
    submission_key: uuid.UUID | None = None,
) -> Initiative:
    """Register a new idea, from the resident (actor None) or from staff on their behalf.

    The same submission_key twice (a double click, a resubmitted form) returns the
    first initiative instead of creating a second."""
    initiative, _created = _initiative_submit(
        actor=actor,
        title=title,
        description=description,
        theme=theme,
        neighbourhood=neighbourhood,
        initiator=initiator,
        channel=channel,
        needs=needs,
        submission_key=submission_key,
    )
    return initiative


def _initiative_submit(
    *, initiator: InitiatorData, submission_key, submission_key_is_new=False, **fields
):
    """(initiative, created): created is False when the key was seen before.

    The key is looked up first, unless the caller already knows it is new (the web form
    and the API learn that from Redis, initiatives/throttles.py). Twins that arrive at
    the same moment meet at the unique key: the second rolls back and returns the first.
    (That failed INSERT is in PostgreSQL's log, so repeats should not get that far.)"""
    if submission_key is not None and not submission_key_is_new:
        existing = initiative_get_by_submission_key(submission_key)
        if existing is not None:
            return existing, False
    if not (initiator.email or initiator.phone or initiator.address):
        raise ValidationError(_("Geef een e-mailadres, telefoonnummer of adres op."))
    try:
        return (
            _initiative_create(initiator_data=initiator, submission_key=submission_key, **fields),
            True,
        )
    except IntegrityError as error:
        # Only the unique submission_key means a twin won the race; anything else (a
        # theme deleted a moment ago, say) is an error of its own.
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
        if submission_key is None or constraint != "initiatives_initiative_submission_key_key":
            raise
        return Initiative.objects.get(submission_key=submission_key), False


def _initiative_create(
    *,
    actor,
    title,
    description,
    theme,
    neighbourhood,
    initiator_data,
    channel,
    needs,
    submission_key,
) -> Initiative:
    now = timezone.now()
    role = ActorRole.STAFF if actor is not None else ActorRole.INITIATOR
    reference = reference_next(timezone.localdate(now).year)
    with transaction.atomic():
        # These INSERTs plan the same whatever their values: let PostgreSQL keep one
        # plan for them (connections plan every call anew, config/settings/base.py;
        # re-planning the four cost 0.4 ms of PostgreSQL CPU per submission).
        generic_plans_in_this_transaction()
        # insert_new: as save() would, without compiling each INSERT anew (a quarter of
        # the resident's request; see config/db.py).
        initiator = Initiator(
            kind=initiator_data.kind,
            name=initiator_data.name,
            email=initiator_data.email,
            phone=initiator_data.phone,
            contact_key=initiator_contact_key(
                email=initiator_data.email, phone=initiator_data.phone
            ),
            postcode=initiator_data.postcode,
            address=initiator_data.address,
            preferred_channel=initiator_data.preferred_channel,
            language=initiator_data.language,
            consent_contact_at=now if initiator_data.consent_contact else None,
            consent_matching_at=now if initiator_data.consent_matching else None,
            consent_publish_at=now if initiator_data.consent_publish else None,
        )
        initiative = Initiative(
            reference=reference,
            title=title,
            description=description,
            theme=theme,
            neighbourhood=neighbourhood,
            initiator=initiator,
            channel=channel,
            needs=sorted(set(needs)),
            status=Status.NEW,
            submitted_at=now,
            first_contact_due=add_working_days(
                timezone.localdate(now), settings.FIRST_CONTACT_WORKING_DAYS
            ),
            registered_by=actor,
            submission_key=submission_key,
        )
        insert_new(
            initiator,
            initiative,
            InitiativeStatusChange(
                initiative=initiative,
                from_status="",
                to_status=Status.NEW,
                actor=actor,
                actor_role=role,
                # In Dutch, as history is kept (the timeline translates it when shown).
                note=received_note(channel),
            ),
            # The acknowledgement and matching start from this row, in a worker a few
            # seconds from now (submission_followups_start): see SubmissionFollowUp.
            SubmissionFollowUp(initiative=initiative),
            # Consent to publish: a broker reviews what becomes public, nothing is yet.
            *(_publication_rows(initiative, actor, role) if initiator.consent_publish_at else ()),
        )
        if actor is not None:
            # Staff land on the case file next: it shows the call or letter task at
            # once. (The worker finds it there by its key and writes no second one.)
            acknowledgement_queue(initiative)
    logger.info("event=initiative_submitted initiative_id=%s channel=%s", initiative.pk, channel)
    return initiative


def _publication_rows(initiative, actor, role):
    publication = Publication(initiative=initiative, status=PublicationStatus.TO_REVIEW)
    history = PublicationStatusChange(
        publication=publication,
        from_status="",
        to_status=PublicationStatus.TO_REVIEW,
        actor=actor,
        actor_role=role,
    )
    return publication, history


def initiative_intake(
    *,
    actor,
    title: str,
    description: str,
    theme: Theme,
    neighbourhood,
    initiator: InitiatorData,
    channel: str,
    needs: list[str],
    attachments: list | None = None,
    submission_key: uuid.UUID | None = None,
    submission_key_is_new: bool = False,
) -> tuple[Initiative, bool]:
    """Submit an idea with its files: from the web form, the API, or staff on a
    resident's behalf. (initiative, created).

    With files, one transaction: a concurrent twin with the same submission_key waits on
    the unique key until this one commits, then returns this initiative and adds no files.
    Without files the submission's own transaction is enough."""
    fields = {
        "actor": actor,
        "title": title,
        "description": description,
        "theme": theme,
        "neighbourhood": neighbourhood,
        "initiator": initiator,
        "channel": channel,
        "needs": needs,
        "submission_key": submission_key,
        "submission_key_is_new": submission_key_is_new,
    }
    if not attachments:
        return _initiative_submit(**fields)
    with transaction.atomic():
        initiative, created = _initiative_submit(**fields)
        if created:
            attachment_add(initiative=initiative, files=attachments, actor=actor)
    return initiative, created


def attachment_add(*, initiative: Initiative, files: list, actor=None) -> list:
    """Store files under random names, after checking their content again."""
    if initiative.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("Een idee kan hoogstens %(max)s bijlagen hebben.") % {"max": MAX_ATTACHMENTS}
        )
    stored = []
    for upload in files:
        detected = accepted_type(upload)
        if detected is None:
            raise ValidationError(_("Dit bestand kunnen wij niet aannemen."))
        mime, extension = detected
        attachment = InitiativeAttachment(
            initiative=initiative,
            original_name=(upload.name or "bijlage")[-200:],
            content_type=mime,
            extension=extension,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save("upload", upload, save=False)
        attachment.save()
        stored.append(attachment)
    logger.info("event=attachments_added initiative_id=%s count=%s", initiative.pk, len(stored))
    return stored
