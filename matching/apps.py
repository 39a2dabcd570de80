from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Koppelen")

    def ready(self):
        from brokers.case_file import PANELS, CasePanel
        from initiatives.services import AFTER_SUBMIT_HOOKS

        from .selectors import case_panel_context
        from .services import enqueue_initiative_matching

        if enqueue_initiative_matching not in AFTER_SUBMIT_HOOKS:
            AFTER_SUBMIT_HOOKS.append(enqueue_initiative_matching)
        if not any(panel.key == "matching" for panel in PANELS):
            PANELS.append(
                CasePanel(
                    key="matching",
                    template_name="matching/_case_panel.html",
                    get_context=case_panel_context,
                    order=60,
                )
            )
