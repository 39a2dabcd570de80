"""The one read-only admin for records that only the services write."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the services only (the outbox sender, the resident's answer, matching,
    the retention job, a decision on a grant): to look at, not to change. Saving a whole
    row from a page opened a minute ago could undo what a worker did since (mark a message
    sent, say)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """History rows under the record they belong to: appended by the services, never
    edited."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        # Every field shown is read-only: a field the model does not let a form edit
        # (created_at) is otherwise a FieldError, and the record's page a 500.
        return self.fields or super().get_readonly_fields(request, obj)
