from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"
    verbose_name = _("Wijken")

    def ready(self):
        from brokers.case_file import PANELS, CasePanel
        from initiatives.timeline import SOURCES

        from .timeline import grant_entries
        from .views import case_panel_context

        PANELS.append(
            CasePanel(
                key="budget",
                template_name="neighbourhoods/_case_panel.html",
                get_context=case_panel_context,
                order=60,
            )
        )
        SOURCES.append(grant_entries)
