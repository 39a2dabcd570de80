"""Staff correcting an initiator's details or an idea (the admin), with history."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker
from config.errors import NotAllowed

from ..constants import (
    Channel,
    InitiatorKind,
    PreferredChannel,
)
from ..contact_key import initiator_contact_key
from ..models import (
    Initiative,
    Initiator,
    InitiatorUpdate,
    Theme,
    UpdateKind,
)
from .publication import publication_consent_withdrawn, publication_request

logger = logging.getLogger(__name__)


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
        changes = _detail_changes(
            locked,
            kind=kind,
            name=name,
            email=email,
            phone=phone,
            postcode=postcode,
            address=address,
            preferred_channel=preferred_channel,
            language=language,
        ) + _consent_changes(
            locked,
            {
                "consent_contact_at": consent_contact,
                "consent_matching_at": consent_matching,
                "consent_publish_at": consent_publish,
            },
            now=timezone.now(),
        )
        if not changes:
            return locked
        fields = [field for field, _value, _text in changes]
        for field, value, _text in changes:
            setattr(locked, field, value)
        # The keyed hash follows the contact details; it is derived, not a detail the
        # broker changed, so the log and the history name only what they changed.
        derived = []
        if {"email", "phone"} & set(fields):
            locked.contact_key = initiator_contact_key(email=locked.email, phone=locked.phone)
            derived = ["contact_key"]
        locked.save(update_fields=[*fields, *derived])
        if "consent_publish_at" in fields:
            _publication_follow_consent(locked, actor=actor)
        text = "\n".join(line for _field, _value, line in changes)
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


def _publication_follow_consent(initiator: Initiator, *, actor) -> None:
    """Consent recorded by staff: the ideas wait for a broker's review; withdrawn: they
    go off the public pages at once."""
    if initiator.consent_publish_at is None:
        publication_consent_withdrawn(initiator_id=initiator.pk)
        return
    for initiative in initiator.initiatives.order_by("pk"):
        publication_request(initiative=initiative, actor=actor)


def _detail_changes(initiator: Initiator, **new) -> list[tuple[str, object, str]]:
    """(field, new value, history line) for every detail that differs, in the form's
    order. The line names what changed, never the detail itself."""
    changes = []
    if initiator.kind != new["kind"]:
        labels = {
            "old": InitiatorKind(initiator.kind).label,
            "new": InitiatorKind(new["kind"]).label,
        }
        changes.append(("kind", new["kind"], _("Soort: %(old)s → %(new)s") % labels))
    if initiator.name != new["name"]:
        changes.append(("name", new["name"], _("Naam gewijzigd")))
    for field, changed, removed in (
        ("email", _("E-mailadres gewijzigd"), _("E-mailadres verwijderd")),
        ("phone", _("Telefoonnummer gewijzigd"), _("Telefoonnummer verwijderd")),
        ("postcode", _("Postcode gewijzigd"), _("Postcode verwijderd")),
        ("address", _("Adres gewijzigd"), _("Adres verwijderd")),
    ):
        if getattr(initiator, field) != new[field]:
            changes.append((field, new[field], changed if new[field] else removed))
    if initiator.preferred_channel != new["preferred_channel"]:
        labels = {
            "old": PreferredChannel(initiator.preferred_channel).label,
            "new": PreferredChannel(new["preferred_channel"]).label,
        }
        line = _("Liefst contact via: %(old)s → %(new)s") % labels
        changes.append(("preferred_channel", new["preferred_channel"], line))
    if initiator.language != new["language"]:
        names = dict(settings.LANGUAGES)
        labels = {"old": names[initiator.language], "new": names[new["language"]]}
        line = _("Taal van de berichten: %(old)s → %(new)s") % labels
        changes.append(("language", new["language"], line))
    return changes


def _consent_changes(initiator: Initiator, wanted: dict, *, now) -> list[tuple[str, object, str]]:
    """(field, new moment or None, history line) for every consent given or withdrawn."""
    changes = []
    for field, (given, withdrawn) in _consent_labels().items():
        if wanted[field] != (getattr(initiator, field) is not None):
            changes.append(
                (field, now if wanted[field] else None, given if wanted[field] else withdrawn)
            )
    return changes


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
