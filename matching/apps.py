from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Koppelen")

    def ready(self):
        from initiatives.case_file import PANELS, CasePanel
        from initiatives.timeline import SOURCES

        from .selectors import case_panel_context
        from .timeline import offer_entries

        SOURCES.append(offer_entries)
        PANELS.append(
            CasePanel(
                key="matching",
                template_name="matching/_case_panel.html",
                get_context=case_panel_context,
                order=60,
            )
        )
