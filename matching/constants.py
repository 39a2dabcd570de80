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
ALLOWED_OFFER_TRANSITIONS: dict[str, frozenset[str]] = {
    OfferStatus.OPEN: frozenset({OfferStatus.CLOSED}),
    OfferStatus.CLOSED: frozenset({OfferStatus.OPEN}),
}


class SuggestionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Voorgesteld")
    ACCEPTED = "accepted", _("Geaccepteerd, toestemming gevraagd")
    INTRODUCED = "introduced", _("Voorgesteld aan elkaar")
    DECLINED = "declined", _("Niet doorgegaan (geen toestemming)")
    DISMISSED = "dismissed", _("Afgewezen door makelaar")


class DismissReason(models.TextChoices):
    """Why a broker set a suggestion aside: what `manage.py tune_matching` learns from.
    Only "about something else" says the engine was wrong."""

    OTHER_SUBJECT = "other_subject", _("Gaat over iets anders")
    KNOW_EACH_OTHER = "know_each_other", _("Kennen elkaar al")
    NOT_NOW = "not_now", _("Past nu niet (fase, plek of moment)")
    OTHER = "other", _("Andere reden")


# Every allowed (from, to) pair of a suggestion; anything else is refused. The broker
# accepts (both sides are asked for consent) or dismisses a suggestion once; an accepted
# one ends when both said yes (introduced), or with a no, a side that can no longer be
# introduced, or silence until the questions expired (declined). The ends are final:
# finding again refreshes only suggestions nobody decided about.
ALLOWED_SUGGESTION_TRANSITIONS: dict[str, frozenset[str]] = {
    SuggestionStatus.SUGGESTED: frozenset({SuggestionStatus.ACCEPTED, SuggestionStatus.DISMISSED}),
    SuggestionStatus.ACCEPTED: frozenset({SuggestionStatus.INTRODUCED, SuggestionStatus.DECLINED}),
    SuggestionStatus.INTRODUCED: frozenset(),
    SuggestionStatus.DECLINED: frozenset(),
    SuggestionStatus.DISMISSED: frozenset(),
}


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

# matching.models.TermFrequency: the row holding the number of documents counted.
TERM_TOTAL = ""
