from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .constants import StandardTextPurpose
from .models import Organisation, StandardText


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_name", "is_active"]
    list_filter = ["kind", "is_active", "themes"]
    search_fields = ["name", "contact_name"]
    filter_horizontal = ["themes", "neighbourhoods"]


class StandardTextForm(forms.ModelForm):
    class Meta:
        model = StandardText
        fields = ["name", "purpose", "outcome", "body", "is_active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12, "cols": 80})}
        # The message around the text already greets and signs: a text with its own
        # "Beste {naam}" reached the initiator with two greetings.
        help_texts = {
            "body": _(
                "Gewone taal (B1), zonder aanhef en groet: die staan al in het bericht. "
                "Mogelijk: {naam}, {titel}, {kenmerk}, {makelaar}, {gemeente}."
            )
        }

    def clean(self):
        data = super().clean()
        if data.get("outcome") and data.get("purpose") == StandardTextPurpose.UPDATE:
            self.add_error(
                "outcome",
                _(
                    "Een uitkomst hoort bij een tekst voor afsluiten. Laat dit leeg, of kies "
                    "bij 'gebruiken' voor afsluiten."
                ),
            )
        return data

    def clean_body(self):
        body = self.cleaned_data["body"]
        try:
            services.standard_text_check(body)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["body"]) from None
        return body


@admin.register(StandardText)
class StandardTextAdmin(admin.ModelAdmin):
    """Administrators keep the brokers' standard texts. No delete: a text no longer
    wanted is switched off ("in gebruik"), so nothing that refers to it breaks."""

    form = StandardTextForm
    list_display = ["name", "purpose", "outcome", "is_active", "updated_at"]
    list_filter = ["purpose", "outcome", "is_active"]
    search_fields = ["name", "body"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.standard_text_save(text=obj, actor=request.user)
