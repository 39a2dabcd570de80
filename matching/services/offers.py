"""Offers of help: made through /aanbod/ or "Ik wil helpen", opened and closed by staff."""

import logging
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker
from initiatives.services import initiative_activity_record

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
        if initiative is not None:
            # An offer for this very idea: its broker sees it as news in the queue.
            initiative_activity_record(initiative_id=initiative.pk, at=now)
        transaction.on_commit(partial(_enqueue_offer_matching, offer.pk))
    logger.info("event=offer_submitted offer_id=%s kind=%s", offer.pk, kind)
    return offer


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
