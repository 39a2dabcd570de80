from django.contrib import admin

from .models import Offer


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "initiative", "neighbourhood", "status", "created_at"]
    list_filter = ["kind", "status", "neighbourhood"]
    search_fields = ["description", "name"]
    list_select_related = ["initiative", "neighbourhood"]
