from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "messaging"
    verbose_name = _("Berichten")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from initiatives.timeline import SOURCES

        from .texts import custom_texts_forget

        for signal in (post_save, post_delete):
            signal.connect(custom_texts_forget, sender="messaging.MessageTemplate")

        from .timeline import check_in_entries, survey_entries

        for source in (check_in_entries, survey_entries):
            if source not in SOURCES:
                SOURCES.append(source)
