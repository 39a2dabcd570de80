from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Ideeën")

    def ready(self):
        from messaging.texts import SAMPLE_CONTEXTS

        from . import metrics
        from .case_file import PANELS, CasePanel
        from .resident_timeline import check_in_entries, survey_entries, update_entries
        from .selectors import attachment_list, attachment_querysets
        from .services.messages import message_sample_context
        from .timeline import SOURCES
        from .views.publication import publication_panel_context

        SOURCES.extend([update_entries, check_in_entries, survey_entries])
        metrics.register()
        SAMPLE_CONTEXTS.append(message_sample_context)
        PANELS.append(
            CasePanel(
                key="attachments",
                template_name="initiatives/case_panel_attachments.html",
                get_context=lambda initiative, request, rows=None: {
                    "attachments": rows[0] if rows else attachment_list(initiative=initiative)
                },
                order=50,
                querysets=lambda initiative, request: attachment_querysets(initiative=initiative),
            )
        )
        # The review of what is public: before the other panels, it is a task.
        PANELS.append(
            CasePanel(
                key="publication",
                template_name="initiatives/case_panel_publication.html",
                get_context=publication_panel_context,
                order=30,
            )
        )
