from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    CheckIn,
    Initiative,
    InitiativeAssignment,
    InitiativeStatusChange,
    Initiator,
    SubmissionFollowUp,
    Survey,
    Theme,
)
from .services import submission_followups_retry


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "name_en", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


class ReadOnlyInline(admin.TabularInline):
    """History is appended by the services, never edited."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatusChangeInline(ReadOnlyInline):
    model = InitiativeStatusChange
    fields = ["created_at", "from_status", "to_status", "actor", "actor_role", "note"]
    readonly_fields = fields


class AssignmentInline(ReadOnlyInline):
    model = InitiativeAssignment
    fields = ["created_at", "broker", "previous_broker", "actor", "note"]
    readonly_fields = fields


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "status",
        "theme",
        "neighbourhood",
        "channel",
        "broker",
        "submitted_at",
        "first_contact_due",
    ]
    list_filter = ["status", "channel", "theme", "neighbourhood"]
    search_fields = ["reference", "title"]
    list_select_related = ["theme", "neighbourhood", "broker"]
    raw_id_fields = ["initiator"]
    date_hierarchy = "submitted_at"
    # Status, dates and broker change through the workflow services, which keep history.
    readonly_fields = [
        "reference",
        "status",
        "submitted_at",
        "first_contact_due",
        "first_contact_at",
        "closed_at",
        "broker",
        "registered_by",
    ]
    inlines = [StatusChangeInline, AssignmentInline]

    def has_add_permission(self, request):
        # Ideas come in through the services (form, intake, import), which give each its
        # reference and deadline; an idea added here would have neither.
        return False


@admin.register(Initiator)
class InitiatorAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "preferred_channel", "created_at", "anonymised_at"]
    list_filter = ["kind", "preferred_channel"]
    search_fields = ["name", "email"]


@admin.register(InitiativeStatusChange)
class InitiativeStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["initiative", "from_status", "to_status", "actor", "actor_role", "created_at"]
    list_filter = ["to_status", "actor_role"]
    list_select_related = ["initiative", "actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SubmissionFollowUp)
class SubmissionFollowUpAdmin(admin.ModelAdmin):
    """New submissions whose acknowledgement and matching have not started yet; a failed
    one (see the worker's log, event=submission_followup_failed) waits here."""

    list_display = ["initiative", "created_at", "failed_at"]
    list_filter = [("failed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["initiative"]
    readonly_fields = ["initiative", "created_at", "failed_at"]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Opnieuw proberen"))
    def retry(self, request, queryset):
        count = submission_followups_retry(
            initiative_ids=list(queryset.values_list("pk", flat=True)), actor=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)s inzending gaat opnieuw naar de worker.",
                "%(count)s inzendingen gaan opnieuw naar de worker.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["initiative", "created_at", "score", "answered_at", "flagged_at"]
    list_filter = [("flagged_at", admin.EmptyFieldListFilter)]
    readonly_fields = [f.name for f in Survey._meta.fields]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["initiative", "week", "created_at", "answered_at", "needs_help"]
    readonly_fields = [f.name for f in CheckIn._meta.fields]
