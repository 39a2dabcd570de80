from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Koppelen")

    def ready(self):
        from initiatives.case_file import PANELS, CasePanel
        from initiatives.timeline import SOURCES
        from messaging.texts import SAMPLE_CONTEXTS

        from .parties import message_sample_context
        from .selectors import case_panel_context, case_panel_querysets
        from .timeline import offer_entries

        SOURCES.append(offer_entries)
        SAMPLE_CONTEXTS.append(message_sample_context)
        PANELS.append(
            CasePanel(
                key="matching",
                template_name="matching/_case_panel.html",
                get_context=case_panel_context,
                order=60,
                querysets=case_panel_querysets,
            )
        )
