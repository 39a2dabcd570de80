from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = _("Wijkbudgetten")

    def ready(self):
        from initiatives.case_file import PANELS, CasePanel
        from initiatives.timeline import SOURCES

        from .case_panel import case_panel_context, case_panel_querysets
        from .timeline import grant_entries

        PANELS.append(
            CasePanel(
                key="budget",
                template_name="budgets/_case_panel.html",
                get_context=case_panel_context,
                order=60,
                querysets=case_panel_querysets,
            )
        )
        SOURCES.append(grant_entries)
