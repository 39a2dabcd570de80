from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Berichten")

    def ready(self):
        from initiatives.timeline import SOURCES

        from .timeline import check_in_entries, survey_entries

        for source in (check_in_entries, survey_entries):
            if source not in SOURCES:
                SOURCES.append(source)
