from django.contrib import admin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_name", "is_active"]
    list_filter = ["kind", "is_active", "themes"]
    search_fields = ["name", "contact_name"]
    filter_horizontal = ["themes", "neighbourhoods"]
