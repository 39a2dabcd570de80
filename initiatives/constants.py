"""Contract values (keep the slugs stable: importers and outside tools rely on them)
and the case workflow as data."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

THEME_SLUGS = {
    "welzijn-zorg": ("Welzijn en zorg", "Welfare and care"),
    "werk-inkomen": ("Werk en inkomen", "Work and income"),
    "kunst-cultuur": ("Kunst en cultuur", "Arts and culture"),
    "evenementen-toerisme": ("Evenementen en toerisme", "Events and tourism"),
    "duurzaamheid": ("Duurzaamheid", "Sustainability"),
    "sport": ("Sport en bewegen", "Sport"),
    "groen-leefomgeving": ("Groen en leefomgeving", "Green spaces and living environment"),
    "ontmoeting": ("Ontmoeting", "Meeting people"),
    "jeugd-onderwijs": ("Jeugd en onderwijs", "Youth and education"),
    "wonen": ("Wonen", "Housing"),
    "veiligheid": ("Veiligheid", "Safety"),
    "overig": ("Overig", "Other"),
}


class InitiatorKind(models.TextChoices):
    RESIDENT = "resident", _("Bewoner")
    RESIDENTS_GROUP = "residents_group", _("Groep bewoners")
    SMALL_BUSINESS = "small_business", _("Kleine ondernemer")
    ORGANISATION = "organisation", _("Organisatie")
    OTHER = "other", _("Anders")


class Channel(models.TextChoices):
    """How an idea reached the municipality."""

    WEB = "web", _("Website")
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    WALK_IN = "walk_in", _("Inloopspreekuur")
    LETTER = "letter", _("Brief")
    HOME_VISIT = "home_visit", _("Huisbezoek")
    EVENT = "event", _("Bijeenkomst")
    PARTNER = "partner", _("Via een netwerkpartner")


# The history's first line, per channel. A sentence each: the labels are written for a
# list ("Via een netwerkpartner"), and "Idee ontvangen via <label>" read badly.
RECEIVED_VIA = {
    Channel.WEB: _("Idee ontvangen via de website."),
    Channel.PHONE: _("Idee ontvangen via de telefoon."),
    Channel.EMAIL: _("Idee ontvangen per e-mail."),
    Channel.WALK_IN: _("Idee ontvangen op het inloopspreekuur."),
    Channel.LETTER: _("Idee ontvangen per brief."),
    Channel.HOME_VISIT: _("Idee ontvangen bij een huisbezoek."),
    Channel.EVENT: _("Idee ontvangen op een bijeenkomst."),
    Channel.PARTNER: _("Idee ontvangen via een netwerkpartner."),
}


def received_note(channel: str) -> str:
    """The receipt line as the history stores it: in Dutch, whoever submitted."""
    with translation.override("nl"):
        return str(RECEIVED_VIA[channel])


class PreferredChannel(models.TextChoices):
    """How the initiator wants to be contacted."""

    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telefoon")
    LETTER = "letter", _("Brief")
    IN_PERSON = "in_person", _("Persoonlijk gesprek")


class Need(models.TextChoices):
    THINKING_ALONG = "thinking_along", _("Meedenken over mijn idee")
    CONTACTS = "contacts", _("Contact met anderen")
    RULES_PERMITS = "rules_permits", _("Hulp met regels en vergunningen")
    FUNDING = "funding", _("Geld zoeken")
    LOCATION = "location", _("Een plek of ruimte")
    VOLUNTEERS = "volunteers", _("Vrijwilligers")
    PUBLICITY = "publicity", _("Bekendheid")


# The help asked for as staff read it (case file, queue filter and chips, intake form,
# match reasons). The choices above are the resident's own words ("Meedenken over mijn
# idee"); the stored values and the model's choices stay as they are (no migration),
# staff pages label them through this mapping.
STAFF_NEED_LABELS = {
    **{need: need.label for need in Need},
    Need.THINKING_ALONG: _("Meedenken over het idee"),
}
STAFF_NEED_CHOICES = [(need.value, STAFF_NEED_LABELS[need]) for need in Need]


def staff_need_labels(values) -> list:
    """The staff labels of stored need values, in their order (unknown values left out)."""
    return [STAFF_NEED_LABELS[value] for value in values if value in STAFF_NEED_LABELS]


class Status(models.TextChoices):
    NEW = "new", _("Nieuw")
    IN_CONVERSATION = "in_conversation", _("In gesprek")
    IN_PROGRESS = "in_progress", _("Wordt ondersteund")
    REALISED = "realised", _("Gerealiseerd")
    NO_DEMAND = "no_demand", _("Geprobeerd, maar er was geen vraag naar")
    STOPPED = "stopped", _("Gestopt")
    WITHDRAWN = "withdrawn", _("Ingetrokken")
    REFERRED = "referred", _("Doorverwezen")


OPEN_STATUSES = frozenset({Status.NEW, Status.IN_CONVERSATION, Status.IN_PROGRESS})
CLOSED_STATUSES = frozenset(set(Status) - OPEN_STATUSES)

_CLOSING_FROM_CONTACT = {
    Status.REALISED,
    Status.NO_DEMAND,
    Status.STOPPED,
    Status.WITHDRAWN,
    Status.REFERRED,
}

# Every allowed (from, to) pair. Anything else is refused. Leaving a closed status is a
# reopening, which only a coordinator may do (checked by the service).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    # Before the first contact the initiator can still withdraw; nothing else closes a
    # case that nobody has spoken to yet ("always an answer").
    Status.NEW: frozenset({Status.IN_CONVERSATION, Status.WITHDRAWN}),
    Status.IN_CONVERSATION: frozenset({Status.IN_PROGRESS} | _CLOSING_FROM_CONTACT),
    Status.IN_PROGRESS: frozenset(_CLOSING_FROM_CONTACT),
    **{
        closed: frozenset({Status.IN_CONVERSATION, Status.IN_PROGRESS})
        for closed in CLOSED_STATUSES
    },
}


class ActorRole(models.TextChoices):
    STAFF = "staff", _("Medewerker")
    INITIATOR = "initiator", _("Initiatiefnemer")
    SYSTEM = "system", _("Systeem")


# Weeks in `in_progress` after which the initiator gets a check-in.
CHECK_IN_WEEKS = (4, 12)
# Survey and check-in answer links stay open this many days.
ANSWER_LINK_DAYS = 14
# A survey score at or below this flags the case for the coordinator.
LOW_SCORE = 2


class PublicationStatus(models.TextChoices):
    """Whether an idea shows on the public pages. Nothing is public before a broker
    reviewed it: consent to publish makes it "to review", a broker's publication makes
    it public, and a broker (with a reason) or the initiator's withdrawn consent takes
    it off again."""

    TO_REVIEW = "to_review", _("Te beoordelen")
    PUBLISHED = "published", _("Openbaar")
    UNPUBLISHED = "unpublished", _("Niet openbaar")


ALLOWED_PUBLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    PublicationStatus.TO_REVIEW: frozenset(
        {PublicationStatus.PUBLISHED, PublicationStatus.UNPUBLISHED}
    ),
    # Published → published: the broker corrects the public title or summary (the
    # history keeps the change like any other).
    PublicationStatus.PUBLISHED: frozenset(
        {PublicationStatus.PUBLISHED, PublicationStatus.UNPUBLISHED}
    ),
    PublicationStatus.UNPUBLISHED: frozenset(
        {PublicationStatus.TO_REVIEW, PublicationStatus.PUBLISHED}
    ),
}

# The public summary is short: the gallery shows it, not the whole description.
PUBLIC_SUMMARY_MAX = 600
