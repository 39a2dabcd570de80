from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Ontvangstbevestiging")
    BROKER_ASSIGNED = "broker_assigned", _("Uw ideeënmakelaar")
    OUTCOME = "outcome", _("Uitkomst")
    NEW_LINK = "new_link", _("Nieuwe link")
    GRANT_DECISION = "grant_decision", _("Besluit over wijkbudget")


class MessageChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    # No e-mail address: the broker calls or writes, and marks the task done.
    PHONE_TASK = "phone_task", _("Bellen (taak voor de makelaar)")
    LETTER_TASK = "letter_task", _("Brief sturen (taak voor de makelaar)")


# Backoff for unsent e-mail, in seconds after the n-th failed attempt.
RETRY_BACKOFF_SECONDS = [60, 300, 900, 3600, 6 * 3600]
MAX_ATTEMPTS = 10
# A claimed message whose worker died is picked up again after this many seconds.
CLAIM_SECONDS = 300
