"""Reviewed publication: nothing of an idea is public before a broker publishes it.

Consent to publish (on the form, on "Mijn idee", recorded by staff) makes an idea
"to review": a task in the broker's queue. The broker publishes a public title and
summary (prefilled from the idea, which stays as it was in the case file), corrects
them, or takes the idea off with a reason. The initiator's withdrawn consent takes it
off at once. Every change goes through PUBLICATION_STATES (lock, check the table,
append the history)."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.roles import is_broker
from config.errors import NotAllowed
from config.transitions import StateMachine, Step

from ..constants import (
    ALLOWED_PUBLICATION_TRANSITIONS,
    PUBLIC_SUMMARY_MAX,
    ActorRole,
    PublicationStatus,
    Status,
)
from ..models import Initiative, Publication, PublicationStatusChange
from ..selectors import publication_of

logger = logging.getLogger(__name__)


def _record(step: Step) -> PublicationStatusChange:
    return PublicationStatusChange.objects.create(
        publication=step.obj,
        from_status=step.from_status,
        to_status=step.to_status,
        actor=step.actor,
        note=step.note,
        title=step.obj.title if step.to_status == PublicationStatus.PUBLISHED else "",
        summary=step.obj.summary if step.to_status == PublicationStatus.PUBLISHED else "",
        **step.extra,
    )


PUBLICATION_STATES = StateMachine(
    model=Publication,
    allowed=ALLOWED_PUBLICATION_TRANSITIONS,
    labels=PublicationStatus,
    record=_record,
    related=("initiative__initiator",),
)


def publication_prefill(initiative: Initiative) -> dict:
    """The public title and summary a broker starts from: the publication's own once
    published, else the idea's title and the start of its description."""
    publication = publication_of(initiative)
    if publication is not None and publication.title:
        return {"title": publication.title, "summary": publication.summary}
    summary = Truncator(initiative.description).chars(PUBLIC_SUMMARY_MAX)
    return {"title": initiative.title, "summary": summary}


def publication_request(*, initiative: Initiative, actor=None) -> Publication | None:
    """The initiator (or staff on their behalf) allowed publication: the idea waits for
    a broker's review. A published or waiting idea stays as it is."""
    with transaction.atomic():
        publication, created = Publication.objects.get_or_create(initiative=initiative)
        if created:
            _record(
                Step(
                    obj=publication,
                    from_status="",
                    to_status=PublicationStatus.TO_REVIEW,
                    actor=actor,
                    note="",
                    extra={"actor_role": _role(actor)},
                )
            )
            return publication
        if publication.status != PublicationStatus.UNPUBLISHED:
            return publication
        return PUBLICATION_STATES.transition(
            publication,
            to=PublicationStatus.TO_REVIEW,
            actor=actor,
            history={"actor_role": _role(actor)},
            changes={"reason": ""},
        )


def publication_publish(*, initiative: Initiative, title: str, summary: str, actor) -> Publication:
    """A broker publishes (or corrects) the idea's public title and summary."""
    _check_broker(actor)
    title, summary = title.strip(), summary.strip()
    errors = {}
    if not title:
        errors["title"] = _("Geef de openbare titel.")
    if not summary:
        errors["summary"] = _("Geef de openbare samenvatting.")
    if errors:
        raise ValidationError(errors)

    def changes(publication: Publication) -> dict:
        initiator = publication.initiative.initiator
        if initiator.consent_publish_at is None or initiator.anonymised_at is not None:
            raise ValidationError(
                _("De initiatiefnemer gaf geen toestemming om dit idee openbaar te tonen.")
            )
        if publication.initiative.status == Status.WITHDRAWN:
            raise ValidationError(_("Dit idee is ingetrokken en kan niet openbaar worden."))
        values = {"title": title, "summary": summary, "reason": ""}
        if publication.status != PublicationStatus.PUBLISHED:
            values |= {"published_at": timezone.now(), "published_by": actor}
        return values

    publication = _get(initiative)
    if publication is None:
        raise ValidationError(
            _("De initiatiefnemer gaf geen toestemming om dit idee openbaar te tonen.")
        )
    return PUBLICATION_STATES.transition(
        publication,
        to=PublicationStatus.PUBLISHED,
        actor=actor,
        changes=changes,
        history={"actor_role": ActorRole.STAFF},
    )


def publication_unpublish(*, initiative: Initiative, reason: str, actor) -> Publication:
    """A broker takes the idea off the public pages (or decides not to publish it),
    with a reason the case file keeps."""
    _check_broker(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf waarom dit idee niet openbaar is.")})
    publication = _get(initiative)
    if publication is None or publication.status == PublicationStatus.UNPUBLISHED:
        raise ValidationError(_("Dit idee is niet openbaar."))
    return PUBLICATION_STATES.transition(
        publication,
        to=PublicationStatus.UNPUBLISHED,
        actor=actor,
        note=reason,
        changes={"reason": reason},
        history={"actor_role": ActorRole.STAFF},
    )


def publication_consent_withdrawn(*, initiator_id: int) -> int:
    """The initiator withdrew consent (or asked for erasure): every idea of theirs goes
    off the public pages at once, and none waits for review any more. Returns how many.
    Call inside the transaction that clears the consent."""
    reason = str(_("De initiatiefnemer trok de toestemming in."))
    changed = 0
    pks = Publication.objects.filter(initiative__initiator_id=initiator_id).exclude(
        status=PublicationStatus.UNPUBLISHED
    )
    for pk in pks.values_list("pk", flat=True):
        PUBLICATION_STATES.transition(
            pk,
            to=PublicationStatus.UNPUBLISHED,
            actor=None,
            note=reason,
            changes={"reason": reason},
            history={"actor_role": ActorRole.INITIATOR},
        )
        changed += 1
    return changed


def _get(initiative: Initiative) -> Publication | None:
    return Publication.objects.filter(initiative=initiative).first()


def _role(actor) -> str:
    return ActorRole.STAFF if actor is not None else ActorRole.INITIATOR


def _check_broker(actor) -> None:
    if actor is None or not is_broker(actor):
        raise NotAllowed(_("Alleen een ideeënmakelaar beoordeelt wat openbaar wordt."))
