from django.contrib import admin

from .models import OutboundMessage


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "channel",
        "initiative",
        "created_at",
        "sent_at",
        "attempts",
        "failed_at",
    ]
    list_filter = ["kind", "channel", ("sent_at", admin.EmptyFieldListFilter), "failed_at"]
    search_fields = ["initiative__reference", "key"]
    readonly_fields = [f.name for f in OutboundMessage._meta.fields]
    list_select_related = ["initiative"]

    def has_add_permission(self, request):
        return False
