from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.constants import CLOSED_STATUSES, Status


class OrganisationKind(models.TextChoices):
    WELFARE = "welfare", _("Welzijnsorganisatie")
    FUND = "fund", _("Fonds")
    HOUSING_CORPORATION = "housing_corporation", _("Woningcorporatie")
    COMPANY = "company", _("Bedrijf")
    MUNICIPAL_DEPARTMENT = "municipal_department", _("Gemeentelijke afdeling")
    SOCIAL_TEAM = "social_team", _("Sociaal wijkteam")
    OTHER = "other", _("Anders")


class InterventionType(models.TextChoices):
    """What the broker did in a contact moment (the practice's five kinds of support)."""

    THINKING_ALONG = "thinking_along", _("Meedenken")
    CONNECTING = "connecting", _("Mensen met elkaar verbinden")
    RULES_PERMITS = "rules_permits", _("Regels en vergunningen")
    FUNDING_ADVICE = "funding_advice", _("Advies over geld")
    LOCATION = "location", _("Plek of ruimte zoeken")
    MEETING = "meeting", _("Bijeenkomst organiseren")
    PUBLICITY = "publicity", _("Bekendheid geven")
    REFERRAL = "referral", _("Doorverwijzen")


class ContactChannel(models.TextChoices):
    """How a contact moment took place."""

    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("Persoonlijk gesprek")
    HOME_VISIT = "home_visit", _("Huisbezoek")
    LETTER = "letter", _("Brief")
    VIDEO = "video", _("Videobellen")
    MEETING = "meeting", _("Bijeenkomst")


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", _("Nog geen uitkomst")
    TAKEN_UP = "taken_up", _("Opgepakt")
    HELPED = "helped", _("Geholpen")
    NOT_TAKEN_UP = "not_taken_up", _("Niet opgepakt")
    DECLINED = "declined", _("Initiatiefnemer wilde niet")


class NoteKind(models.TextChoices):
    NOTE = "note", _("Notitie")
    WAITING_SET = "waiting_set", _("Wacht op initiatiefnemer")
    WAITING_CLEARED = "waiting_cleared", _("Wacht niet meer op initiatiefnemer")


class StandardTextPurpose(models.TextChoices):
    """When a standard text is offered to the broker."""

    CLOSE = "close", _("Bij afsluiten")
    UPDATE = "update", _("Bij een bericht tussendoor")
    ANY = "any", _("Altijd")


# The outcomes a closing standard text may be meant for (StandardText.outcome).
CLOSING_OUTCOMES = [(s.value, s.label) for s in Status if s in CLOSED_STATUSES]


# The placeholders a standard text may hold, as {name}; filled in for the case at hand.
STANDARD_TEXT_PLACEHOLDERS = {
    "naam": _("naam van de initiatiefnemer"),
    "titel": _("titel van het idee"),
    "kenmerk": _("kenmerk van het idee"),
    "makelaar": _("naam van de ideeënmakelaar"),
    "gemeente": _("naam van de gemeente"),
}


# The longest contact moment a broker logs, in minutes (a working day).
MAX_CONTACT_MINUTES = 8 * 60
