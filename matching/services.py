from django.db import transaction
from django.utils import timezone

from .models import Offer


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
) -> Offer:
    """Someone offers help; it reaches the brokers (through the case, if it is for one)."""
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
        )
    return offer
