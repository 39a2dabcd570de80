"""Offers of help: made through /aanbod/ or "Ik wil helpen", opened and closed by staff."""

import logging
import uuid
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker
from initiatives.services import initiative_activity_record
from messaging.constants import MessageChannel, MessageKind
from messaging.services import message_queue
from messaging.texts import render_message

from ..constants import OfferStatus
from ..models import Offer
from .states import OFFER_STATES

logger = logging.getLogger(__name__)


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
    submission_key: uuid.UUID | None = None,
) -> Offer:
    """Someone offers help; it reaches the brokers (through the case, if it is for one).
    The same submission_key twice (a double click, a resubmitted form) is one offer: the
    first, with one confirmation."""
    if not (email or phone):
        raise ValidationError({"email": _("Geef een e-mailadres of telefoonnummer op.")})
    if submission_key is not None:
        existing = Offer.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    now = timezone.now()
    try:
        return _offer_create(
            now=now,
            submission_key=submission_key,
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
    except IntegrityError as error:
        # Twins at the same moment meet at the unique key: the second returns the first.
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
        if submission_key is None or constraint != "matching_offer_submission_key_key":
            raise
        return Offer.objects.get(submission_key=submission_key)


def _offer_create(*, now, **fields) -> Offer:
    with transaction.atomic():
        offer = Offer.objects.create(**fields)
        if offer.initiative_id is not None:
            # An offer for this very idea: its broker sees it as news in the queue.
            initiative_activity_record(initiative_id=offer.initiative_id, at=now)
        if offer.email:
            _offer_confirmation_queue(offer)
        transaction.on_commit(partial(_enqueue_offer_matching, offer.pk))
    logger.info("event=offer_submitted offer_id=%s kind=%s", offer.pk, offer.kind)
    return offer


OFFER_SALT = "matching.offer"


def offer_token(offer: Offer) -> str:
    """The helper's private link to their offer: signed, never the id alone."""
    return signing.dumps(offer.pk, salt=OFFER_SALT)


def offer_get_by_token(token: str) -> Offer | None:
    try:
        pk = signing.loads(token, salt=OFFER_SALT)
    except signing.BadSignature:
        return None
    return Offer.objects.filter(pk=pk, anonymised_at__isnull=True).first()


def offer_url(offer: Offer) -> str:
    return settings.SITE_URL + reverse("matching:offer_mine", args=[offer_token(offer)])


def _offer_confirmation_queue(offer: Offer) -> None:
    """The helper's confirmation e-mail, through the outbox (sent after commit), with
    the private link to see or withdraw the offer."""
    subject, body = render_message(
        MessageKind.OFFER_RECEIVED,
        {
            "recipient_name": offer.name,
            "offer_kind": offer.get_kind_display(),
            "offer_description": offer.description,
            "offer_url": offer_url(offer),
            "municipality_name": settings.MUNICIPALITY_NAME,
            "municipality_phone": settings.MUNICIPALITY_PHONE,
        },
        language=offer.language,
    )
    message_queue(
        key=f"offer:{offer.pk}:received",
        kind=MessageKind.OFFER_RECEIVED,
        channel=MessageChannel.EMAIL,
        subject=subject,
        body=body,
        to_email=offer.email,
    )


def offer_withdraw(*, offer: Offer) -> Offer:
    """The helper withdraws their offer through their private link: it is closed (no
    longer suggested), with a line in its history. Withdrawing twice changes nothing."""
    if offer.status != OfferStatus.OPEN:
        return offer
    return OFFER_STATES.transition(
        offer, to=OfferStatus.CLOSED, actor=None, note=_("Ingetrokken door de aanbieder.")
    )


def offer_status_change(*, offer: Offer, to_status: str, actor, note: str = "") -> Offer:
    """Staff close an offer that is no longer on offer (a closed one is not suggested
    any more), or open it again. Locked, checked against ALLOWED_OFFER_TRANSITIONS and
    recorded in the offer's history, in one transaction."""
    if not is_broker(actor):
        raise PermissionDenied
    # Logged by the state machine (event=offer_transition).
    return OFFER_STATES.transition(offer, to=to_status, actor=actor, note=note)


def _enqueue_offer_matching(offer_id: int) -> None:
    from ..tasks import match_find_for_offer

    try:
        match_find_for_offer.delay(offer_id)
    except Exception:
        # Redis away: the nightly run finds it.
        logger.warning("event=match_enqueue_failed offer_id=%s", offer_id)
