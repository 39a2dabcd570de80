from django.contrib import admin

from .models import BrokerProfile, Organisation


@admin.register(BrokerProfile)
class BrokerProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "direct_phone", "active_from", "active_to"]
    search_fields = ["display_name", "user__email"]
    list_select_related = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_name", "is_active"]
    list_filter = ["kind", "is_active", "themes"]
    search_fields = ["name", "contact_name"]
    filter_horizontal = ["themes", "neighbourhoods"]
