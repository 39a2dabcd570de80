from django.contrib import admin

from config.admin import ReadOnlyAdmin

from .models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = [
        "started_at",
        "finished_at",
        "initiators_anonymised",
        "erasure_requests_done",
        "offers_anonymised",
        "survey_answers_anonymised",
        "check_in_answers_anonymised",
        "messages_blanked",
    ]
    readonly_fields = [f.name for f in RetentionRun._meta.fields]
