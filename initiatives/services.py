"""Every write to an initiative goes through here."""

import logging
import uuid
from dataclasses import dataclass
from functools import partial

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import can_be_named_broker, is_broker, is_coordinator
from config.db import generic_plans_in_this_transaction, insert_new
from config.errors import NotAllowed, TransitionNotAllowed
from config.working_days import add_working_days
from messaging.constants import MessageChannel, MessageKind
from messaging.services import message_queue, messages_unsent_relink
from messaging.texts import render_message

from .attachments import MAX_COUNT as MAX_ATTACHMENTS
from .attachments import accepted_type
from .constants import (
    ALLOWED_TRANSITIONS,
    CLOSED_STATUSES,
    RECEIVED_VIA,
    ActorRole,
    Channel,
    InitiatorKind,
    PreferredChannel,
    Status,
)
from .links import private_url
from .models import (
    Initiative,
    InitiativeAssignment,
    InitiativeAttachment,
    InitiativeStatusChange,
    Initiator,
    InitiatorUpdate,
    SubmissionFollowUp,
    Theme,
    UpdateKind,
)
from .selectors import initiative_get_by_submission_key
from .timeline import _actor_name

logger = logging.getLogger(__name__)

# A request for new links sends at most this many (one per idea of that address).
MAX_LINKS_PER_REQUEST = 20


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


def _next_reference(year: int) -> str:
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


def message_channel_for(initiator: Initiator) -> str:
    """E-mail when we have an address; otherwise a call or letter task for the broker."""
    if initiator.can_receive_email and initiator.preferred_channel != PreferredChannel.LETTER:
        return MessageChannel.EMAIL
    if initiator.preferred_channel == PreferredChannel.LETTER and initiator.address:
        return MessageChannel.LETTER_TASK
    if initiator.phone:
        return MessageChannel.PHONE_TASK
    if initiator.can_receive_email:
        return MessageChannel.EMAIL
    return MessageChannel.LETTER_TASK


def initiative_message_context(initiative: Initiative) -> dict:
    profile = getattr(initiative.broker, "broker_profile", None) if initiative.broker_id else None
    return {
        "initiative": initiative,
        "initiator": initiative.initiator,
        "broker": profile,
        "private_url": private_url(initiative),
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_phone": settings.MUNICIPALITY_PHONE,
        "first_contact_days": settings.FIRST_CONTACT_WORKING_DAYS,
    }


def initiative_message_queue(*, initiative: Initiative, kind: str, occasion: str, extra=None):
    """Queue a message to the initiator of a case, in the current transaction. None when
    the initiator was anonymised: there is nobody to reach, and a call or letter task
    to "(geanonimiseerd)" without an address would only sit on a broker's list."""
    if initiative.initiator.anonymised_at is not None:
        return None
    context = initiative_message_context(initiative) | (extra or {})
    subject, body = render_message(kind, context, language=initiative.initiator.language)
    initiator = initiative.initiator
    channel = message_channel_for(initiator)
    profile = context["broker"]
    return message_queue(
        key=f"initiative:{initiative.pk}:{kind}:{occasion}",
        kind=kind,
        channel=channel,
        subject=subject,
        body=body,
        to_email=initiator.email if channel == MessageChannel.EMAIL else "",
        reply_to=profile.reply_email if profile else "",
        initiative=initiative,
        sender=initiative.broker,
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
    reference = _next_reference(timezone.localdate(now).year)
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
                # One gettext (get_channel_display() would hash every choice's label).
                note=str(RECEIVED_VIA[channel]),
            ),
            # The acknowledgement and matching start from this row, in a worker a few
            # seconds from now (submission_followups_start): see SubmissionFollowUp.
            SubmissionFollowUp(initiative=initiative),
        )
        if actor is not None:
            # Staff land on the case file next: it shows the call or letter task at
            # once. (The worker finds it there by its key and writes no second one.)
            _acknowledgement_queue(initiative)
    logger.info("event=initiative_submitted initiative_id=%s channel=%s", initiative.pk, channel)
    return initiative


FOLLOW_UP_BATCH = 500


def submission_followups_start(*, batch: int = FOLLOW_UP_BATCH) -> int:
    """In the worker, every few seconds (beat): write each new submission's
    acknowledgement to the outbox (an e-mail, or a call or letter task on the broker's
    list), and, after commit, hand the e-mail to the sender and start the rest of the
    chain (initiative_after_submit). Returns how many submissions were followed up.

    Not in the resident's request: the idea is safely stored once that commits, and
    everything that follows can wait a few seconds. The rows are taken with SKIP LOCKED,
    so two runs at once share the work, and removed in the same transaction as the
    acknowledgements are written. Should Redis fail right after, the outbox sweep still
    sends the e-mail and the nightly run still finds the matches; the outbox key and
    idempotent matching keep anything from happening twice.

    One submission that fails (a message template that does not fit it, say) is marked
    failed_at, logged and left for an administrator (admin: "Nog op te volgen
    inzendingen"); the others go on. A database that is away fails the whole run, and
    the task tries again."""
    done = 0
    while True:
        with transaction.atomic():
            ids = list(
                SubmissionFollowUp.objects.select_for_update(skip_locked=True)
                .filter(failed_at__isnull=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not ids:
                return done
            # Locked: a withdrawal or an erasure at this moment waits for this run, or
            # this run sees it.
            initiatives = (
                Initiative.objects.filter(pk__in=ids)
                .select_related("initiator", "theme", "neighbourhood", "broker__broker_profile")
                .select_for_update(of=("self", "initiator"))
                .order_by("pk")
            )
            failed = []
            for initiative in initiatives:
                try:
                    with transaction.atomic():
                        initiative_after_submit(initiative)
                except OperationalError:
                    raise
                except Exception:
                    logger.exception(
                        "event=submission_followup_failed initiative_id=%s", initiative.pk
                    )
                    failed.append(initiative.pk)
            SubmissionFollowUp.objects.filter(pk__in=failed).update(failed_at=timezone.now())
            SubmissionFollowUp.objects.filter(pk__in=ids).exclude(pk__in=failed).delete()
        done += len(ids) - len(failed)
        if len(ids) < batch:
            return done


def submission_followups_retry(*, initiative_ids: list[int], actor) -> int:
    """An administrator sends failed follow-ups to the worker again (after fixing the
    message template, say). Returns how many."""
    count = SubmissionFollowUp.objects.filter(
        pk__in=initiative_ids, failed_at__isnull=False
    ).update(failed_at=None)
    logger.info("event=submission_followups_retried count=%s actor_id=%s", count, actor.pk)
    return count


# Steps on the floors above run as their own Celery tasks, called by name: the case core
# does not import the apps that stand on it (docs/architecture.md).
MATCH_FIND_TASK = "matching.tasks.match_find"


def initiative_after_submit(initiative: Initiative) -> None:
    """Everything that follows a new idea, in this order (in a worker, seconds after the
    resident sent it; submission_followups_start):

    1. the acknowledgement to the initiator: an e-mail with the private link, or a call or
       letter task on the brokers' list (skipped when it was withdrawn in the meantime; an
       erased initiator gets nothing, see initiative_message_queue);
    2. after commit: matching looks for kindred ideas and offers of help
       (MATCH_FIND_TASK).
    """
    if initiative.is_open:
        _acknowledgement_queue(initiative)
    transaction.on_commit(partial(_after_submit_enqueue, initiative.pk))


def _acknowledgement_queue(initiative: Initiative) -> None:
    initiative_message_queue(
        initiative=initiative, kind=MessageKind.ACKNOWLEDGEMENT, occasion="submitted"
    )


def _after_submit_enqueue(initiative_id: int) -> None:
    try:
        current_app.tasks[MATCH_FIND_TASK].delay(initiative_id)
    except Exception:
        # Redis away: the nightly matching run finds it.
        logger.warning("event=match_enqueue_failed initiative_id=%s", initiative_id)


def initiative_submitted_followups(*, initiative_id: int, message_ids: list[int]) -> None:
    """The follow-ups as a previous version queued them, with the acknowledgement
    already written: hand the messages to the outbox sender, then the rest of the chain."""
    from messaging.services import message_send_enqueue

    for message_id in message_ids:
        message_send_enqueue(message_id)
    _after_submit_enqueue(initiative_id)


def _transition(
    *,
    initiative_id: int,
    to_status: str,
    actor,
    actor_role: str,
    note: str = "",
    outcome_message: str = "",
    broker=None,
    contact_at=None,
) -> Initiative:
    """The one way a status changes: lock, check the mapping and who may do it, save,
    append history, and register the follow-up message, all in one transaction.

    Staff change the status of their own case, or (coordinators) of any case. Reopening
    ends with a named broker who is active now: `broker`, or the former one."""
    with transaction.atomic():
        initiative = (
            Initiative.objects.select_for_update(of=("self",))
            .select_related("initiator", "broker__broker_profile")
            .get(pk=initiative_id)
        )
        from_status = initiative.status
        if to_status not in ALLOWED_TRANSITIONS[from_status]:
            raise TransitionNotAllowed(
                _("Van '%(from)s' naar '%(to)s' kan niet.")
                % {"from": Status(from_status).label, "to": Status(to_status).label},
                code="transition_not_allowed",
            )
        reopening = from_status in CLOSED_STATUSES
        if reopening and not is_coordinator(actor):
            raise NotAllowed(_("Alleen een coördinator kan een afgesloten idee heropenen."))
        if (
            actor_role == ActorRole.STAFF
            and not is_coordinator(actor)
            and initiative.broker_id != actor.pk
        ):
            # The outcome message goes out in the named broker's name: only they (or a
            # coordinator) decide it. Unassigned cases are claimed first (initiative_transition).
            raise NotAllowed(_not_your_case_message(initiative))
        closing = to_status in CLOSED_STATUSES
        if closing and not outcome_message.strip():
            raise ValidationError(
                {"outcome_message": _("Schrijf de initiatiefnemer wat er is gebeurd en waarom.")}
            )
        new_broker = None
        if reopening:
            target = broker or initiative.broker
            if target is None or not can_be_named_broker(target):
                raise ValidationError(
                    {
                        "broker": _(
                            "Kies een ideeënmakelaar die nu actief is. Na heropenen heeft "
                            "het idee weer één vaste contactpersoon."
                        )
                    }
                )
            if target.pk != initiative.broker_id:
                new_broker = target

        now = timezone.now()
        initiative.status = to_status
        fields = ["status", "updated_at"]
        # A reopened case that never had a contact still has had none.
        if (
            to_status == Status.IN_CONVERSATION
            and initiative.first_contact_at is None
            and not reopening
        ):
            initiative.first_contact_at = contact_at or now
            fields.append("first_contact_at")
        if closing:
            initiative.closed_at = now
            initiative.outcome_message = outcome_message.strip()
            fields += ["closed_at", "outcome_message"]
            # A closed case waits for nobody: no reminders, and none on reopening.
            if initiative.waiting_since is not None or initiative.waiting_reason:
                initiative.waiting_since = None
                initiative.waiting_reason = ""
                fields += ["waiting_since", "waiting_reason"]
        elif reopening:
            initiative.closed_at = None
            # The old outcome no longer describes the case (the message itself stays in
            # the history).
            initiative.outcome_message = ""
            fields += ["closed_at", "outcome_message"]
        initiative.save(update_fields=fields)
        change = InitiativeStatusChange.objects.create(
            initiative=initiative,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_role=actor_role,
            note=note,
        )
        if new_broker is not None:
            # The reopening message names the broker; no separate "new broker" message.
            _assignment_record(initiative, broker=new_broker, actor=actor, notify=False)
        if closing:
            initiative_message_queue(
                initiative=initiative,
                kind=MessageKind.OUTCOME,
                occasion=f"change-{change.pk}",
                extra={"outcome_message": initiative.outcome_message},
            )
        elif reopening:
            initiative_message_queue(
                initiative=initiative,
                kind=MessageKind.REOPENED,
                occasion=f"change-{change.pk}",
                extra={"update_message": outcome_message.strip()},
            )
        elif outcome_message.strip():
            # A few words from the broker with a change that does not close the case:
            # they reach the initiator too, never dropped.
            initiative_message_queue(
                initiative=initiative,
                kind=MessageKind.STATUS_UPDATE,
                occasion=f"change-{change.pk}",
                extra={"update_message": outcome_message.strip()},
            )
    logger.info(
        "event=initiative_transition initiative_id=%s from=%s to=%s",
        initiative.pk,
        from_status,
        to_status,
    )
    return initiative


def _not_your_case_message(initiative: Initiative) -> str:
    return _(
        "Dit idee is van %(name)s. Alleen die makelaar of een coördinator kan de status wijzigen."
    ) % {"name": _actor_name(initiative.broker)}


def initiative_transition(
    *,
    initiative: Initiative,
    to_status: str,
    actor,
    note: str = "",
    outcome_message: str = "",
    broker=None,
    contact_at=None,
) -> Initiative:
    """A broker or coordinator moves a case. Closing needs a message to the initiator;
    reopening a closed case needs a coordinator (and `broker` when the former one is no
    longer active). Whoever works an unassigned open case becomes its named broker
    first, so no case goes further without one and the initiator knows who it is.
    `contact_at`: when the first contact took place, if this is it (default now)."""
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars kunnen de status wijzigen."))
    with transaction.atomic():
        current = Initiative.objects.only("status", "broker_id").get(pk=initiative.pk)
        if current.is_open and current.broker_id is None:
            initiative_assign(initiative=current, broker=actor, actor=actor)
        return _transition(
            initiative_id=initiative.pk,
            to_status=to_status,
            actor=actor,
            actor_role=ActorRole.STAFF,
            note=note,
            outcome_message=outcome_message,
            broker=broker,
            contact_at=contact_at,
        )


def initiative_first_contact_record(*, initiative: Initiative, at) -> Initiative:
    """A contact took place at `at`: the case's first contact is the earliest one, when
    it happened, not when it was logged (the timeliness figure compares its day with
    first_contact_due). A closed case keeps what it had: one withdrawn before any
    contact stays "no first contact"."""
    with transaction.atomic():
        locked = Initiative.objects.select_for_update(of=("self",)).get(pk=initiative.pk)
        if not locked.is_open:
            return locked
        if locked.first_contact_at is None or at < locked.first_contact_at:
            locked.first_contact_at = at
            locked.save(update_fields=["first_contact_at", "updated_at"])
    return locked


def initiative_withdraw(*, initiative: Initiative, reason: str = "") -> Initiative:
    """The initiator withdraws their own idea through their private link."""
    if initiative.broker_id:
        message = _(
            "U heeft uw idee ingetrokken. Wij doen er verder niets meer mee. "
            "Wilt u het toch weer oppakken? Neem dan contact op met uw ideeënmakelaar."
        )
    else:
        message = _(
            "U heeft uw idee ingetrokken. Wij doen er verder niets meer mee. "
            "Wilt u het toch weer oppakken? Bel dan %(phone)s en noem uw kenmerk "
            "%(reference)s."
        ) % {"phone": settings.MUNICIPALITY_PHONE, "reference": initiative.reference}
    return _transition(
        initiative_id=initiative.pk,
        to_status=Status.WITHDRAWN,
        actor=None,
        actor_role=ActorRole.INITIATOR,
        note=reason,
        outcome_message=message,
    )


def _assignment_record(locked: Initiative, *, broker, actor, note: str = "", notify=True):
    """Name `broker` on a locked case, append the history row and (notify) tell the
    initiator who their broker now is."""
    previous = locked.broker
    locked.broker = broker
    locked.save(update_fields=["broker", "updated_at"])
    assignment = InitiativeAssignment.objects.create(
        initiative=locked, broker=broker, previous_broker=previous, actor=actor, note=note
    )
    if notify:
        initiative_message_queue(
            initiative=locked,
            kind=MessageKind.BROKER_ASSIGNED,
            occasion=f"assignment-{assignment.pk}",
            extra={"previous_broker": getattr(previous, "broker_profile", None)},
        )
    return assignment


def initiative_assign(*, initiative: Initiative, broker, actor, note: str = "") -> Initiative:
    """Make `broker` the one named contact of a case and tell the initiator who that is."""
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars kunnen ideeën toewijzen."))
    if not is_broker(broker):
        raise ValidationError({"broker": _("Deze persoon is geen ideeënmakelaar.")})
    # A broker claims an unassigned case or hands over their own; anything else is the
    # coordinator's call.
    if not is_coordinator(actor) and initiative.broker_id not in (None, actor.pk):
        raise NotAllowed(_("Alleen een coördinator kan het idee van een collega overdragen."))
    with transaction.atomic():
        locked = (
            Initiative.objects.select_for_update(of=("self",))
            .select_related("initiator")
            .get(pk=initiative.pk)
        )
        if not locked.is_open:
            raise ValidationError(_("Een afgesloten idee kan niet worden toegewezen."))
        if locked.broker_id == broker.pk:
            return locked
        # Checked again under the lock: two brokers claiming the same case at once must
        # not both become its broker (the second would silently take it over).
        if not is_coordinator(actor) and locked.broker_id not in (None, actor.pk):
            raise NotAllowed(_("Alleen een coördinator kan het idee van een collega overdragen."))
        if not can_be_named_broker(broker):
            raise ValidationError(
                {"broker": _("Deze makelaar werkt hier niet meer. Kies een andere makelaar.")}
            )
        _assignment_record(locked, broker=broker, actor=actor, note=note)
    logger.info("event=initiative_assigned initiative_id=%s broker_id=%s", locked.pk, broker.pk)
    return locked


# --- The resident's side: submission with files, and the actions on their own page ---


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


def initiative_information_add(
    *, initiative: Initiative, text: str, files: list
) -> InitiatorUpdate:
    """The initiator adds information or files on their own page."""
    if not text.strip() and not files:
        raise ValidationError(_("Schrijf iets of kies een bestand."))
    with transaction.atomic():
        stored = attachment_add(initiative=initiative, files=files) if files else []
        update = InitiatorUpdate.objects.create(
            initiative=initiative, kind=UpdateKind.INFORMATION, text=text.strip()
        )
        update.attachments.set(stored)
    logger.info("event=initiator_information_added initiative_id=%s", initiative.pk)
    return update


def initiator_preferences_change(
    *,
    initiative: Initiative,
    preferred_channel: str,
    email: str,
    phone: str,
    consent_matching: bool,
    consent_publish: bool,
    language: str = "",
) -> InitiatorUpdate | None:
    """The initiator changes how they are contacted and what they allow, and the
    language of our messages ("" leaves it as it is).

    The case timeline records what changed, not the new contact details themselves."""
    with transaction.atomic():
        initiator = Initiator.objects.select_for_update().get(pk=initiative.initiator_id)
        if not (email or phone or initiator.address):
            raise ValidationError(_("Geef een e-mailadres of telefoonnummer op."))
        now = timezone.now()
        changes = []
        fields = []
        if initiator.preferred_channel != preferred_channel:
            changes.append(
                _("Liefst contact via: %(old)s → %(new)s")
                % {
                    "old": PreferredChannel(initiator.preferred_channel).label,
                    "new": PreferredChannel(preferred_channel).label,
                }
            )
            initiator.preferred_channel = preferred_channel
            fields.append("preferred_channel")
        if language and initiator.language != language:
            names = dict(settings.LANGUAGES)
            changes.append(
                _("Taal van de berichten: %(old)s → %(new)s")
                % {"old": names[initiator.language], "new": names[language]}
            )
            initiator.language = language
            fields.append("language")
        if initiator.email != email:
            changes.append(_("E-mailadres gewijzigd") if email else _("E-mailadres verwijderd"))
            initiator.email = email
            fields.append("email")
        if initiator.phone != phone:
            changes.append(
                _("Telefoonnummer gewijzigd") if phone else _("Telefoonnummer verwijderd")
            )
            initiator.phone = phone
            fields.append("phone")
        for field, wanted, given, withdrawn in (
            (
                "consent_matching_at",
                consent_matching,
                _("Toestemming gegeven: contactgegevens delen bij een koppeling"),
                _("Toestemming ingetrokken: contactgegevens delen bij een koppeling"),
            ),
            (
                "consent_publish_at",
                consent_publish,
                _("Toestemming gegeven: idee openbaar tonen"),
                _("Toestemming ingetrokken: idee openbaar tonen"),
            ),
        ):
            had = getattr(initiator, field) is not None
            if wanted != had:
                setattr(initiator, field, now if wanted else None)
                fields.append(field)
                changes.append(given if wanted else withdrawn)
        if not changes:
            return None
        initiator.save(update_fields=fields)
        update = InitiatorUpdate.objects.create(
            initiative=initiative, kind=UpdateKind.PREFERENCES, text="\n".join(changes)
        )
    initiative.initiator = initiator
    logger.info("event=initiator_preferences_changed initiative_id=%s", initiative.pk)
    return update


def initiative_link_renew(*, initiative: Initiative) -> Initiative:
    """Revoke every private link of this idea and send the initiator a new one."""
    with transaction.atomic():
        locked = (
            Initiative.objects.select_for_update(of=("self",))
            .select_related("initiator", "broker__broker_profile")
            .get(pk=initiative.pk)
        )
        locked.link_version += 1
        locked.save(update_fields=["link_version", "updated_at"])
        InitiatorUpdate.objects.create(initiative=locked, kind=UpdateKind.NEW_LINK)
        # Letters not yet printed would carry the old, dead link.
        messages_unsent_relink(initiative=locked, url=private_url(locked))
        # Sent by e-mail or letter. Never a call task: nobody can read a link out over
        # the phone (and staff never see it: OutboundMessage.body_for_staff).
        if message_channel_for(locked.initiator) != MessageChannel.PHONE_TASK:
            initiative_message_queue(
                initiative=locked,
                kind=MessageKind.NEW_LINK,
                occasion=f"link-{locked.link_version}",
                extra={"old_links_revoked": True},
            )
    logger.info("event=initiative_link_renewed initiative_id=%s", locked.pk)
    return locked


def initiative_links_send(*, email: str) -> int:
    """Someone asks for their links by e-mail address (they lost them). Sends the current
    link of every idea of that address (a bounded number), at most once a day per link;
    the caller always shows the same neutral answer.

    Nothing is revoked here: whoever asks need not be the resident, and anyone who knows
    an address could otherwise break that resident's link. Revoking a link that leaked
    is the resident's own action on their page (initiative_link_renew), or a call to
    their broker."""
    initiatives = list(
        Initiative.objects.filter(
            initiator__email__iexact=email.strip(), initiator__anonymised_at__isnull=True
        )
        .select_related("initiator", "broker__broker_profile")
        .order_by("-submitted_at")[:MAX_LINKS_PER_REQUEST]
    )
    today = timezone.localdate().isoformat()
    for initiative in initiatives:
        initiative_message_queue(
            initiative=initiative,
            kind=MessageKind.NEW_LINK,
            occasion=f"link-{initiative.link_version}-resent-{today}",
            extra={"old_links_revoked": False},
        )
    logger.info("event=initiative_links_resent count=%s", len(initiatives))
    return len(initiatives)


def initiator_erasure_request(*, initiative: Initiative) -> Initiator:
    """The initiator asks for their personal data to be erased. The retention job does
    it; the case stays, anonymised, for the figures."""
    with transaction.atomic():
        initiator = Initiator.objects.select_for_update().get(pk=initiative.initiator_id)
        if initiator.erasure_requested_at is not None:
            return initiator
        initiator.erasure_requested_at = timezone.now()
        initiator.save(update_fields=["erasure_requested_at"])
        InitiatorUpdate.objects.create(initiative=initiative, kind=UpdateKind.ERASURE)
    logger.info("event=erasure_requested initiator_id=%s", initiator.pk)
    return initiator


# --- Staff correcting an initiator's details or an idea (the admin) ---


def initiator_contact_check(*, email: str, phone: str, address: str) -> None:
    """An initiator stays reachable: by e-mail, by phone or by letter."""
    if not (email or phone or address):
        raise ValidationError({"email": _("Geef een e-mailadres, telefoonnummer of adres op.")})


def _require_staff_editor(actor) -> None:
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars kunnen deze gegevens wijzigen."))


def _consent_labels() -> dict[str, tuple[str, str]]:
    """Per consent: what the history says when it is given, and when withdrawn."""
    return {
        "consent_contact_at": (
            _("Toestemming gegeven: contact opnemen"),
            _("Toestemming ingetrokken: contact opnemen"),
        ),
        "consent_matching_at": (
            _("Toestemming gegeven: contactgegevens delen bij een koppeling"),
            _("Toestemming ingetrokken: contactgegevens delen bij een koppeling"),
        ),
        "consent_publish_at": (
            _("Toestemming gegeven: idee openbaar tonen"),
            _("Toestemming ingetrokken: idee openbaar tonen"),
        ),
    }


def initiator_details_change(
    *,
    initiator: Initiator,
    actor,
    kind: str,
    name: str,
    email: str,
    phone: str,
    postcode: str,
    address: str,
    preferred_channel: str,
    language: str,
    consent_contact: bool,
    consent_matching: bool,
    consent_publish: bool,
) -> Initiator:
    """Staff correct an initiator's details, or record a consent the initiator gave or
    withdrew by phone or letter (the admin). A consent changed here counts as one changed
    on their own page (initiator_preferences_change). Every case of the initiator records
    what changed and who changed it (InitiatorUpdate), never the details themselves."""
    _require_staff_editor(actor)
    initiator_contact_check(email=email, phone=phone, address=address)
    with transaction.atomic():
        locked = Initiator.objects.select_for_update().get(pk=initiator.pk)
        changes, fields = [], []

        def change(field, value, text):
            setattr(locked, field, value)
            fields.append(field)
            changes.append(text)

        if locked.kind != kind:
            change(
                "kind",
                kind,
                _("Soort: %(old)s → %(new)s")
                % {"old": InitiatorKind(locked.kind).label, "new": InitiatorKind(kind).label},
            )
        if locked.name != name:
            change("name", name, _("Naam gewijzigd"))
        if locked.email != email:
            change(
                "email", email, _("E-mailadres gewijzigd") if email else _("E-mailadres verwijderd")
            )
        if locked.phone != phone:
            change(
                "phone",
                phone,
                _("Telefoonnummer gewijzigd") if phone else _("Telefoonnummer verwijderd"),
            )
        if locked.postcode != postcode:
            change(
                "postcode",
                postcode,
                _("Postcode gewijzigd") if postcode else _("Postcode verwijderd"),
            )
        if locked.address != address:
            change("address", address, _("Adres gewijzigd") if address else _("Adres verwijderd"))
        if locked.preferred_channel != preferred_channel:
            change(
                "preferred_channel",
                preferred_channel,
                _("Liefst contact via: %(old)s → %(new)s")
                % {
                    "old": PreferredChannel(locked.preferred_channel).label,
                    "new": PreferredChannel(preferred_channel).label,
                },
            )
        if locked.language != language:
            names = dict(settings.LANGUAGES)
            change(
                "language",
                language,
                _("Taal van de berichten: %(old)s → %(new)s")
                % {"old": names[locked.language], "new": names[language]},
            )
        now = timezone.now()
        wanted = {
            "consent_contact_at": consent_contact,
            "consent_matching_at": consent_matching,
            "consent_publish_at": consent_publish,
        }
        for field, (given, withdrawn) in _consent_labels().items():
            if wanted[field] != (getattr(locked, field) is not None):
                change(field, now if wanted[field] else None, given if wanted[field] else withdrawn)
        if not changes:
            return locked
        locked.save(update_fields=fields)
        text = "\n".join(changes)
        InitiatorUpdate.objects.bulk_create(
            InitiatorUpdate(initiative_id=pk, kind=UpdateKind.DETAILS, text=text, actor=actor)
            for pk in locked.initiatives.order_by("pk").values_list("pk", flat=True)
        )
    logger.info(
        "event=initiator_details_changed initiator_id=%s actor_id=%s fields=%s",
        locked.pk,
        actor.pk,
        ",".join(fields),
    )
    return locked


def initiative_details_change(
    *,
    initiative: Initiative,
    actor,
    title: str,
    description: str,
    theme: Theme,
    neighbourhood,
    channel: str,
    needs: list[str],
) -> Initiative:
    """Staff correct what an idea says and how it is classified (the admin): a typo in
    the title, the theme or neighbourhood it belongs to. The status, the broker and the
    dates change only through the workflow. The case timeline records what changed and
    who changed it (InitiatorUpdate)."""
    _require_staff_editor(actor)
    with transaction.atomic():
        locked = (
            Initiative.objects.select_for_update(of=("self",))
            .select_related("theme", "neighbourhood")
            .get(pk=initiative.pk)
        )
        changes, fields = [], []
        if locked.title != title:
            locked.title = title
            fields.append("title")
            changes.append(_("Titel gewijzigd"))
        if locked.description != description:
            locked.description = description
            fields.append("description")
            changes.append(_("Omschrijving gewijzigd"))
        if locked.theme_id != theme.pk:
            changes.append(_("Thema: %(old)s → %(new)s") % {"old": locked.theme, "new": theme})
            locked.theme = theme
            fields.append("theme")
        if locked.neighbourhood_id != getattr(neighbourhood, "pk", None):
            changes.append(
                _("Wijk: %(old)s → %(new)s")
                % {"old": locked.neighbourhood or "-", "new": neighbourhood or "-"}
            )
            locked.neighbourhood = neighbourhood
            fields.append("neighbourhood")
        if locked.channel != channel:
            changes.append(
                _("Kanaal: %(old)s → %(new)s")
                % {"old": Channel(locked.channel).label, "new": Channel(channel).label}
            )
            locked.channel = channel
            fields.append("channel")
        needs = sorted(set(needs))
        if locked.needs != needs:
            locked.needs = needs
            fields.append("needs")
            changes.append(_("Gevraagde hulp gewijzigd"))
        if not changes:
            return locked
        locked.save(update_fields=[*fields, "updated_at"])
        InitiatorUpdate.objects.create(
            initiative=locked, kind=UpdateKind.DETAILS, text="\n".join(changes), actor=actor
        )
    logger.info(
        "event=initiative_details_changed initiative_id=%s actor_id=%s fields=%s",
        locked.pk,
        actor.pk,
        ",".join(fields),
    )
    return locked
