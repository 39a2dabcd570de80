from django.contrib import admin

from .models import BrokerProfile


@admin.register(BrokerProfile)
class BrokerProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "direct_phone", "active_from", "active_to"]
    search_fields = ["display_name", "user__email"]
    list_select_related = ["user"]
