"""What the initiator does on their own page: add information, change preferences and
consents, renew or ask for links, withdraw, ask for erasure."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from messaging.constants import MessageChannel, MessageKind
from messaging.services import messages_unsent_relink

from ..constants import (
    PreferredChannel,
)
from ..links import private_url
from ..models import (
    Initiative,
    Initiator,
    InitiatorUpdate,
    UpdateKind,
)
from .activity import initiative_activity_record
from .messages import initiative_message_queue, message_channel_for
from .publication import publication_consent_withdrawn, publication_request
from .submission import attachment_add

logger = logging.getLogger(__name__)


# A request for new links sends at most this many (one per idea of that address).
MAX_LINKS_PER_REQUEST = 20


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
        initiative_activity_record(initiative_id=initiative.pk, at=update.created_at)
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
        consent_changes = _consent_changes(
            initiator, matching=consent_matching, publish=consent_publish, now=now
        )
        changes += [line for _field, line in consent_changes]
        fields += [field for field, _line in consent_changes]
        if not changes:
            return None
        initiator.save(update_fields=fields)
        if "consent_publish_at" in fields:
            _publication_follow_consent(initiative, initiator)
        update = InitiatorUpdate.objects.create(
            initiative=initiative, kind=UpdateKind.PREFERENCES, text="\n".join(changes)
        )
    initiative.initiator = initiator
    logger.info("event=initiator_preferences_changed initiative_id=%s", initiative.pk)
    return update


def _consent_changes(initiator: Initiator, *, matching: bool, publish: bool, now):
    """(field, history line) per consent that changes; sets it on `initiator`."""
    changed = []
    for field, wanted, given, withdrawn in (
        (
            "consent_matching_at",
            matching,
            _("Toestemming gegeven: contactgegevens delen bij een koppeling"),
            _("Toestemming ingetrokken: contactgegevens delen bij een koppeling"),
        ),
        (
            "consent_publish_at",
            publish,
            _("Toestemming gegeven: idee openbaar tonen"),
            _("Toestemming ingetrokken: idee openbaar tonen"),
        ),
    ):
        had = getattr(initiator, field) is not None
        if wanted != had:
            setattr(initiator, field, now if wanted else None)
            changed.append((field, given if wanted else withdrawn))
    return changed


def _publication_follow_consent(initiative: Initiative, initiator: Initiator) -> None:
    """Consent given: the idea waits for a broker's review. Withdrawn: every idea of
    theirs leaves the public pages at once."""
    if initiator.consent_publish_at is not None:
        publication_request(initiative=initiative)
    else:
        publication_consent_withdrawn(initiator_id=initiator.pk)


def initiator_publication_withdraw(*, initiative: Initiative) -> InitiatorUpdate | None:
    """The initiator no longer wants their idea shown ("Mijn idee"): the consent goes,
    and every idea of theirs leaves the public pages at once."""
    with transaction.atomic():
        initiator = Initiator.objects.select_for_update().get(pk=initiative.initiator_id)
        if initiator.consent_publish_at is None:
            return None
        initiator.consent_publish_at = None
        initiator.save(update_fields=["consent_publish_at"])
        publication_consent_withdrawn(initiator_id=initiator.pk)
        update = InitiatorUpdate.objects.create(
            initiative=initiative,
            kind=UpdateKind.PREFERENCES,
            text=_("Toestemming ingetrokken: idee openbaar tonen"),
        )
    initiative.initiator = initiator
    logger.info("event=initiator_publication_withdrawn initiative_id=%s", initiative.pk)
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
        # Nothing of theirs stays public while the retention job erases the rest.
        publication_consent_withdrawn(initiator_id=initiator.pk)
        InitiatorUpdate.objects.create(initiative=initiative, kind=UpdateKind.ERASURE)
    logger.info("event=erasure_requested initiator_id=%s", initiator.pk)
    return initiator
