from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Ontvangstbevestiging")
    BROKER_ASSIGNED = "broker_assigned", _("Uw ideeënmakelaar")
    OUTCOME = "outcome", _("Uitkomst")
    REOPENED = "reopened", _("Idee weer geopend")
    # A status change that does not close the case, with a few words from the broker.
    STATUS_UPDATE = "status_update", _("Nieuws over uw idee")
    # The broker writes to the initiator without changing the status.
    BROKER_MESSAGE = "broker_message", _("Bericht van uw ideeënmakelaar")
    NEW_LINK = "new_link", _("Nieuwe link")
    WAITING_REMINDER = "waiting_reminder", _("Herinnering: de makelaar wacht op u")
    SURVEY = "survey", _("Tevredenheidsvraag")
    CHECK_IN = "check_in", _("Hoe gaat het met uw idee?")
    BROKER_DIGEST = "broker_digest", _("Dagoverzicht voor de makelaar")
    ESCALATION = "escalation", _("Eerste contact te laat (coördinator)")
    MATCH_CONSENT = "match_consent", _("Vraag om toestemming voor een kennismaking")
    INTRODUCTION = "introduction", _("Kennismaking")
    GRANT_DECISION = "grant_decision", _("Besluit over wijkbudget")
    # To someone who offered help: received, with their private link to see or withdraw it.
    OFFER_RECEIVED = "offer_received", _("Bevestiging van een aanbod")
    VOTE_PLAN_LEFT_OUT = "vote_plan_left_out", _("Plan niet op het stembiljet")


# Kinds whose newest message makes an older one that has not reached the resident yet
# wrong rather than incomplete ("Uw ideeënmakelaar is …" after a reassignment and its
# undo): a newer one replaces an open call or letter task of the kind for the case
# instead of being added to it. E-mails already sent stay as they are.
SUPERSEDING_KINDS = frozenset({MessageKind.BROKER_ASSIGNED, MessageKind.WAITING_REMINDER})


class MessageChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    # No e-mail address: the broker calls or writes, and marks the task done.
    PHONE_TASK = "phone_task", _("Bellen (taak voor de makelaar)")
    LETTER_TASK = "letter_task", _("Brief sturen (taak voor de makelaar)")


# Backoff for unsent e-mail, in seconds after the n-th failed attempt.
RETRY_BACKOFF_SECONDS = [60, 300, 900, 3600, 6 * 3600]
MAX_ATTEMPTS = 10
