from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferKind(models.TextChoices):
    TIME = "time", _("Tijd")
    SKILLS = "skills", _("Kennis of vaardigheden")
    SPACE = "space", _("Ruimte of een plek")
    MATERIALS = "materials", _("Spullen of materiaal")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")


# A closed offer is no longer suggested (matching.engine); it can be opened again.
ALLOWED_OFFER_TRANSITIONS = {
    OfferStatus.OPEN: {OfferStatus.CLOSED},
    OfferStatus.CLOSED: {OfferStatus.OPEN},
}


class SuggestionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Voorgesteld")
    ACCEPTED = "accepted", _("Geaccepteerd, toestemming gevraagd")
    INTRODUCED = "introduced", _("Voorgesteld aan elkaar")
    DECLINED = "declined", _("Niet doorgegaan (geen toestemming)")
    DISMISSED = "dismissed", _("Afgewezen door makelaar")


# Which offers meet which needs of an initiative.
OFFER_MEETS_NEED = {
    "location": {OfferKind.SPACE},
    "volunteers": {OfferKind.TIME},
    "thinking_along": {OfferKind.SKILLS},
    "rules_permits": {OfferKind.SKILLS},
    "publicity": {OfferKind.SKILLS, OfferKind.TIME},
    "funding": {OfferKind.MATERIALS},
    "contacts": {OfferKind.TIME, OfferKind.SKILLS},
}

CONSENT_DAYS = 14
