from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Ideeën")

    def ready(self):
        from .resident_timeline import offer_entries, update_entries
        from .timeline import SOURCES

        SOURCES.extend([update_entries, offer_entries])
