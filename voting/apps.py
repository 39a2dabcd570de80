from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "voting"
    verbose_name = _("Stemmen over het wijkbudget")

    def ready(self):
        from messaging.texts import SAMPLE_CONTEXTS

        from .services.plans import message_sample_context

        SAMPLE_CONTEXTS.append(message_sample_context)
