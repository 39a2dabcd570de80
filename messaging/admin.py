from django import forms
from django.contrib import admin
from django.template import Template, TemplateSyntaxError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from config.admin import ReadOnlyAdmin

from .constants import MessageKind
from .models import MessageTemplate, OutboundMessage
from .texts import default_text, render_template_text, sample_context


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ReadOnlyAdmin):
    list_display = [
        "kind",
        "channel",
        "initiative",
        "created_at",
        "sent_at",
        "attempts",
        "failed_at",
        "cancelled_at",
        "last_error",
    ]
    list_filter = [
        "kind",
        "channel",
        ("sent_at", admin.EmptyFieldListFilter),
        "failed_at",
        ("cancelled_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["initiative__reference", "key"]
    # The text as staff may see it: without the resident's private link (body_for_staff).
    readonly_fields = [
        "body_for_staff" if f.name == "body" else f.name for f in OutboundMessage._meta.fields
    ]
    exclude = ["body"]
    list_select_related = ["initiative"]


class MessageTemplateForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("soort"), choices=MessageKind.choices)

    class Meta:
        model = MessageTemplate
        fields = ["kind", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "cols": 100})}

    def clean(self):
        data = super().clean()
        for name in ("subject", "body"):
            try:
                Template(data.get(name) or "")
            except TemplateSyntaxError as exc:
                self.add_error(name, _("Fout in de templatetaal: %(error)s") % {"error": exc})
        if not self.errors:
            try:
                render_template_text(data["subject"], data["body"], sample_context())
            except Exception as exc:
                self.add_error(
                    "body", _("Dit sjabloon kan niet worden gemaakt: %(error)s") % {"error": exc}
                )
        return data


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """Administrators edit message texts; the preview renders them against a made-up
    case. Without a row, the shipped default (templates/messaging/<kind>.txt) is used."""

    form = MessageTemplateForm
    list_display = ["__str__", "subject", "updated_at"]
    readonly_fields = ["preview", "default"]
    fields = ["kind", "subject", "body", "preview", "default"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        kind = request.GET.get("kind")
        if kind:
            initial["subject"], initial["body"] = default_text(kind)
        return initial

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Voorbeeld (met een verzonnen idee)"))
    def preview(self, obj):
        if not obj or not obj.pk:
            return _("Sla op om het voorbeeld te zien.")
        subject, body = render_template_text(obj.subject, obj.body, sample_context())
        return format_html(
            "<strong>{}</strong><pre style='white-space:pre-wrap'>{}</pre>", subject, body
        )

    @admin.display(description=_("Standaardtekst"))
    def default(self, obj):
        if not obj or not obj.kind:
            return "-"
        subject, body = default_text(obj.kind)
        return format_html(
            "<strong>{}</strong><pre style='white-space:pre-wrap'>{}</pre>", subject, body
        )
