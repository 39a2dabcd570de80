from django.contrib import admin

from .models import Introduction, MatchSuggestion, Offer


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "initiative", "neighbourhood", "status", "created_at"]
    list_filter = ["kind", "status", "neighbourhood"]
    search_fields = ["description", "name"]
    list_select_related = ["initiative", "neighbourhood"]


@admin.register(MatchSuggestion)
class MatchSuggestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "score", "created_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in MatchSuggestion._meta.fields]


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ["suggestion", "created_at"]
    readonly_fields = ["suggestion", "created_at"]
