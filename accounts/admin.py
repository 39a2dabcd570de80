from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from config.admin import ReadOnlyInline
from config.forms import form_add_service_errors

from .models import BrokerProfile, BrokerProfileChange
from .services import broker_profile_change, broker_profile_period_check

PROFILE_FIELDS = ["display_name", "direct_phone", "direct_email", "active_from", "active_to"]


class BrokerProfileForm(forms.ModelForm):
    class Meta:
        model = BrokerProfile
        fields = PROFILE_FIELDS

    def clean(self):
        data = super().clean()
        try:
            broker_profile_period_check(
                active_from=data.get("active_from"), active_to=data.get("active_to")
            )
        except ValidationError as exc:
            form_add_service_errors(self, exc)
        return data


class BrokerProfileChangeInline(ReadOnlyInline):
    """History is appended by the service, never edited."""

    model = BrokerProfileChange
    fields = ["created_at", "actor", "text"]


@admin.register(BrokerProfile)
class BrokerProfileAdmin(admin.ModelAdmin):
    """Changes go through broker_profile_change, which keeps the profile's history.
    Profiles come with a staff account (`add_staff`)."""

    form = BrokerProfileForm
    list_display = ["display_name", "user", "direct_phone", "active_from", "active_to"]
    search_fields = ["display_name", "user__email"]
    list_select_related = ["user"]
    fields = ["user", *PROFILE_FIELDS]
    readonly_fields = ["user"]
    inlines = [BrokerProfileChangeInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # an end date (active_to) says a broker left; the history stays

    def save_model(self, request, obj, form, change):
        broker_profile_change(
            profile=obj,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in PROFILE_FIELDS},
        )
