from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from config.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Introduction,
    MatchSuggestion,
    MatchSuggestionStatusChange,
    MatchWeights,
    Offer,
    OfferStatusChange,
)
from .reasons import reasons_shown
from .services import offer_status_change


class OfferStatusChangeInline(ReadOnlyInline):
    """History is appended by the service, never edited."""

    model = OfferStatusChange
    fields = ["created_at", "from_status", "to_status", "actor", "note"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    """Staff open or close an offer here (offer_status_change keeps its history). What
    someone offered, and their contact details and consents, are theirs: read-only."""

    list_display = ["__str__", "kind", "initiative", "neighbourhood", "status", "created_at"]
    list_filter = ["kind", "status", "neighbourhood"]
    search_fields = ["description", "name"]
    list_select_related = ["initiative", "neighbourhood"]
    readonly_fields = [f.name for f in Offer._meta.fields if f.name != "status"]
    inlines = [OfferStatusChangeInline]

    def has_add_permission(self, request):
        return False  # offers come in through /aanbod/ and "Ik wil helpen" (offer_submit)

    def has_delete_permission(self, request, obj=None):
        return False  # retention anonymises them

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            offer_status_change(
                offer=obj, to_status=form.cleaned_data["status"], actor=request.user
            )


class MatchSuggestionStatusChangeInline(ReadOnlyInline):
    """History is appended by the suggestion's state machine, never edited."""

    model = MatchSuggestionStatusChange
    fields = ["created_at", "from_status", "to_status", "actor", "note"]


@admin.register(MatchSuggestion)
class MatchSuggestionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "score", "created_at"]
    list_filter = ["status"]
    inlines = [MatchSuggestionStatusChangeInline]
    # The reasons as the broker reads them, not their stored codes.
    exclude = ["reasons"]
    readonly_fields = ["reasons_shown"]

    @admin.display(description=_("waarom"))
    def reasons_shown(self, obj):
        return "; ".join(reasons_shown(obj.reasons))


@admin.register(Introduction)
class IntroductionAdmin(ReadOnlyAdmin):
    list_display = ["suggestion", "created_at"]


@admin.register(MatchWeights)
class MatchWeightsAdmin(ReadOnlyAdmin):
    """Weights learnt by `manage.py tune_matching --apply`; the newest is in force."""

    list_display = ["created_at", "decisions", "precision_after", "recall_after", "minimum"]
