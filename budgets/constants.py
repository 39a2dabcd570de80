"""The grant's statuses and its workflow as data (config.transitions runs it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GrantStatus(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    APPROVED = "approved", _("Toegekend")
    DECLINED = "declined", _("Afgewezen")
    PAID = "paid", _("Uitbetaald")
    ACCOUNTED = "accounted", _("Verantwoord")


class GrantDecision(models.TextChoices):
    APPROVE = "approve", _("Toekennen")
    APPROVE_PART = "approve_part", _("Deels toekennen")
    DECLINE = "decline", _("Afwijzen")


# Every allowed (from, to) pair; anything else is refused. A grant starts requested
# (grant_request); approval or refusal is decided once; only approved money is paid out,
# and only paid money is accounted for. Declined and accounted are final.
ALLOWED_GRANT_TRANSITIONS: dict[str, frozenset[str]] = {
    GrantStatus.REQUESTED: frozenset({GrantStatus.APPROVED, GrantStatus.DECLINED}),
    GrantStatus.APPROVED: frozenset({GrantStatus.PAID}),
    GrantStatus.PAID: frozenset({GrantStatus.ACCOUNTED}),
    GrantStatus.DECLINED: frozenset(),
    GrantStatus.ACCOUNTED: frozenset(),
}

# Grants whose approved money counts against the budget.
COMMITTING_STATUSES = (GrantStatus.APPROVED, GrantStatus.PAID, GrantStatus.ACCOUNTED)
# A grant event only, not a status: the money an accounted grant did not spend came back
# to the budget (the grant itself stays accounted; see Grant.returned_at).
GRANT_EVENT_RETURNED = "returned"

# The note of an accounting that did not spend everything. Stored in Dutch with the event
# (the history); the timeline writes it anew in the reader's language and notation.
RETURNED_NOTE = _(
    "€ %(returned)s is niet uitgegeven en moet terug naar het wijkbudget. "
    "Het is weer vrij als de terugbetaling is vastgelegd."
)
