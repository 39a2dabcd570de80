from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """The outbox: every message to a resident or a staff member, sent exactly once."""

    name = "messaging"
    verbose_name = _("Berichten")
