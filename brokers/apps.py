from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokersConfig(AppConfig):
    name = "brokers"
    verbose_name = _("Ideeënmakelaars en netwerk")

    def ready(self):
        from initiatives.case_file import PANELS, CasePanel
        from initiatives.timeline import SOURCES

        from . import metrics
        from .timeline import contact_entries, note_entries, referral_entries
        from .workbench.news import news_panel_context, news_panel_querysets

        SOURCES.extend([contact_entries, note_entries, referral_entries])
        PANELS.append(
            CasePanel(
                key="news",
                template_name="brokers/case_panel_news.html",
                get_context=news_panel_context,
                order=5,
                querysets=news_panel_querysets,
            )
        )
        metrics.register()
