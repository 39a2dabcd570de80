from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokersConfig(AppConfig):
    name = "brokers"
    verbose_name = _("Ideeënmakelaars en netwerk")

    def ready(self):
        from initiatives.timeline import SOURCES

        from . import metrics
        from .timeline import contact_entries, note_entries, referral_entries

        SOURCES.extend([contact_entries, note_entries, referral_entries])
        metrics.register()
