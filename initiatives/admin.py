from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import URLField
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config.admin import ReadOnlyAdmin, ReadOnlyInline
from config.forms import form_add_service_errors

from .forms.admin import InitiativeAdminForm, SynonymGroupForm
from .models import (
    AccessibilityStatement,
    CheckIn,
    DocumentRebuild,
    Initiative,
    InitiativeAssignment,
    InitiativeStatusChange,
    Initiator,
    InitiatorUpdate,
    SubmissionFollowUp,
    Survey,
    SynonymGroup,
    SynonymGroupChange,
    Theme,
)
from .services import (
    documents_rebuild_start,
    initiative_details_change,
    initiator_contact_check,
    initiator_details_change,
    submission_followups_retry,
    synonym_group_check,
    synonym_group_save,
)
from .statements import STATEMENT_FIELDS, accessibility_statement_update


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "name_en", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


class StatusChangeInline(ReadOnlyInline):
    model = InitiativeStatusChange
    fields = ["created_at", "from_status", "to_status", "actor", "actor_role", "note"]


class AssignmentInline(ReadOnlyInline):
    model = InitiativeAssignment
    fields = ["created_at", "broker", "previous_broker", "actor", "note"]


class InitiatorUpdateInline(ReadOnlyInline):
    model = InitiatorUpdate
    fields = ["created_at", "kind", "actor", "text"]


# What staff may correct in an idea (initiative_details_change); the rest changes through
# the workflow (status, broker, dates, outcome), the resident's own page (link) or the
# broker's actions (waiting).
INITIATIVE_DETAILS = ["title", "description", "theme", "neighbourhood", "channel", "needs"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    form = InitiativeAdminForm
    list_display = [
        "reference",
        "title",
        "status",
        "theme",
        "neighbourhood",
        "channel",
        "broker",
        "submitted_at",
        "first_contact_due",
    ]
    list_filter = ["status", "channel", "theme", "neighbourhood"]
    search_fields = ["reference", "title"]
    list_select_related = ["theme", "neighbourhood", "broker"]
    date_hierarchy = "submitted_at"
    # Status, dates and broker change through the workflow services, which keep history.
    readonly_fields = [
        "reference",
        "status",
        "submitted_at",
        "first_contact_due",
        "first_contact_at",
        "closed_at",
        "broker",
        "initiator",
        "outcome_message",
        "waiting_since",
        "waiting_reason",
        "link_version",
        "registered_by",
    ]
    # The reference, what staff may correct, then the rest (read-only) in the order above.
    fields = ["reference", *INITIATIVE_DETAILS, *readonly_fields[1:]]
    inlines = [StatusChangeInline, AssignmentInline, InitiatorUpdateInline]

    def has_add_permission(self, request):
        return False  # ideas come in through initiative_submit (and the intake page)

    def has_delete_permission(self, request, obj=None):
        return False  # cases stay, for the figures; retention anonymises them

    def save_model(self, request, obj, form, change):
        initiative_details_change(
            initiative=obj,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in INITIATIVE_DETAILS},
        )


# The consents as boxes to tick: a tick given or taken away goes through the service,
# which records when (the *_at fields, shown read-only) and by whom.
CONSENTS = ["consent_contact", "consent_matching", "consent_publish"]


class InitiatorAdminForm(forms.ModelForm):
    consent_contact = forms.BooleanField(required=False)
    consent_matching = forms.BooleanField(required=False)
    consent_publish = forms.BooleanField(required=False)

    class Meta:
        model = Initiator
        fields = [
            "kind",
            "name",
            "email",
            "phone",
            "postcode",
            "address",
            "preferred_channel",
            "language",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CONSENTS:
            self.fields[name].label = Initiator._meta.get_field(f"{name}_at").verbose_name
            self.fields[name].initial = getattr(self.instance, f"{name}_at", None) is not None

    def clean(self):
        data = super().clean()
        if {"email", "phone", "address"} & set(self.errors):
            return data  # the field's own message says enough
        try:
            initiator_contact_check(
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                address=data.get("address", ""),
            )
        except ValidationError as exc:
            form_add_service_errors(self, exc)
        return data


@admin.register(Initiator)
class InitiatorAdmin(admin.ModelAdmin):
    """Corrections and consents go through initiator_details_change, which records them
    in the timeline of every case of the initiator. Erasure and anonymising are the
    resident's request and the retention job's."""

    form = InitiatorAdminForm
    list_display = ["__str__", "kind", "preferred_channel", "created_at", "anonymised_at"]
    list_filter = ["kind", "preferred_channel"]
    search_fields = ["name", "email"]
    fields = [
        *InitiatorAdminForm.Meta.fields,
        "consent_contact",
        "consent_contact_at",
        "consent_matching",
        "consent_matching_at",
        "consent_publish",
        "consent_publish_at",
        "erasure_requested_at",
        "anonymised_at",
        "created_at",
    ]
    readonly_fields = [
        "consent_contact_at",
        "consent_matching_at",
        "consent_publish_at",
        "erasure_requested_at",
        "anonymised_at",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False  # an initiator comes with their idea

    def has_delete_permission(self, request, obj=None):
        return False  # erasure is a request the retention job carries out

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        initiator_details_change(
            initiator=obj,
            actor=request.user,
            **{name: data[name] for name in [*InitiatorAdminForm.Meta.fields, *CONSENTS]},
        )


@admin.register(InitiativeStatusChange)
class InitiativeStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "from_status", "to_status", "actor", "actor_role", "created_at"]
    list_filter = ["to_status", "actor_role"]
    list_select_related = ["initiative", "actor"]


@admin.register(SubmissionFollowUp)
class SubmissionFollowUpAdmin(ReadOnlyAdmin):
    """New submissions whose acknowledgement and matching have not started yet; a failed
    one (see the worker's log, event=submission_followup_failed) waits here."""

    list_display = ["initiative", "created_at", "failed_at"]
    list_filter = [("failed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["initiative"]
    readonly_fields = ["initiative", "created_at", "failed_at"]
    # Read-only, and never deleted: without its row, the idea would never be acknowledged.
    actions = ["retry"]

    @admin.action(description=_("Opnieuw proberen"))
    def retry(self, request, queryset):
        count = submission_followups_retry(
            initiative_ids=list(queryset.values_list("pk", flat=True)), actor=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)s inzending gaat opnieuw naar de worker.",
                "%(count)s inzendingen gaan opnieuw naar de worker.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "created_at", "score", "answered_at", "flagged_at"]
    list_filter = [("flagged_at", admin.EmptyFieldListFilter)]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "week", "created_at", "answered_at", "needs_help"]


class SynonymGroupChangeInline(ReadOnlyInline):
    model = SynonymGroupChange
    fields = [
        "created_at",
        "actor",
        "reason",
        "words_before",
        "words_after",
        "active_after",
        "setting_after",
    ]


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    """The brokers' thesaurus: words that mean the same thing for matching and search.
    Added and changed through synonym_group_save (history, rebuild of the documents);
    a group is switched off, not deleted, so its history stays."""

    form = SynonymGroupForm
    list_display = ["__str__", "note", "active", "setting", "updated_at"]
    list_filter = ["active", "setting"]
    search_fields = ["words"]
    inlines = [SynonymGroupChangeInline]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            saved = synonym_group_save(
                actor=request.user,
                group=obj if change else None,
                words=form.cleaned_data["words"],
                note=form.cleaned_data["note"],
                active=form.cleaned_data["active"],
                setting=form.cleaned_data["setting"],
            )
        except ValidationError as exc:
            # Checked in clean() below; a race (a word made a stop word?) lands here.
            messages.error(request, " ".join(exc.messages))
            return
        obj.pk = saved.pk

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (_ServiceChecked, form), {})


class _ServiceChecked:
    """The service's own checks as field errors, before anything is saved."""

    def clean(self):
        cleaned = super().clean()
        words = cleaned.get("words")
        if words:
            try:
                cleaned["words"] = synonym_group_check(
                    words=words,
                    group=self.instance if self.instance.pk else None,
                    active=cleaned.get("active", True),
                )
            except ValidationError as exc:
                form_add_service_errors(self, exc)
        return cleaned


@admin.register(DocumentRebuild)
class DocumentRebuildAdmin(ReadOnlyAdmin):
    """Progress of the background rebuild of the documents (after a thesaurus change)."""

    list_display = ["reason", "started_at", "progress", "finished_at"]
    # A button above the list starts one, also when the list is still empty.
    change_list_template = "admin/initiatives/documentrebuild/change_list.html"

    @admin.display(description=_("voortgang"))
    def progress(self, obj):
        return f"{obj.done} / {obj.total} ({obj.percent}%)"

    def get_urls(self):
        start = self.admin_site.admin_view(require_POST(self.start_view))
        return [path("opbouwen/", start, name="initiatives_documentrebuild_start")] + [
            *super().get_urls()
        ]

    def start_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        documents_rebuild_start(reason=_("Met de hand gestart"))
        messages.success(
            request, _("De zoekdocumenten worden op de achtergrond opnieuw opgebouwd.")
        )
        return redirect("admin:initiatives_documentrebuild_changelist")


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    """The one statement (/toegankelijkheid/): edited here, saved by the service."""

    fields = list(STATEMENT_FIELDS)
    formfield_overrides = {URLField: {"assume_scheme": "https"}}  # a report's link: https

    def has_add_permission(self, request):
        return False  # one statement, made by the migration

    def has_delete_permission(self, request, obj=None):
        return False  # a public body always publishes one

    def save_model(self, request, obj, form, change):
        accessibility_statement_update(
            statement=obj,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in STATEMENT_FIELDS},
        )
