from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """The outbox: every message to a resident or a staff member, sent once (at least once:
    messaging.services.message_send says when a duplicate can still happen)."""

    name = "messaging"
    verbose_name = _("Berichten")

    def ready(self):
        from .metrics import register

        register()
