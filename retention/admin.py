from django.contrib import admin

from .models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
