"""SubmissionForm is the one validation path for an idea: the web form, the API (JSON and
multipart) and staff's assisted intake all go through it."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Neighbourhood, normalise_postcode
from neighbourhoods.selectors import neighbourhood_by_code, neighbourhood_for_postcode

from ..attachments import MAX_COUNT
from ..constants import Channel, InitiatorKind, Need, PreferredChannel
from ..models import Theme
from ..selectors import theme_by_slug
from ..services import InitiatorData
from .fields import (
    NOT_REMEMBERED,
    AttachmentsField,
    ConsentCheckbox,
    KeepsFilesMixin,
    ReferenceChoiceField,
    ResidentForm,
    TextField,
    clean_phone,
    language_field,
    required_error,
    too_long_error,
)


class SubmissionForm(KeepsFilesMixin, ResidentForm):
    """An idea from a resident. Also the API's validation."""

    channel = Channel.WEB
    # Where contact details must allow contact: the web form needs e-mail or phone.
    contact_fields = ("email", "phone")
    # A resident may type only the four digits: they find the neighbourhood when it is
    # the same for the whole block.
    full_postcode_only = False
    # What the checks across fields say; the resident reads "uw", the staff form
    # (IntakeForm) speaks of the initiator.
    wording = {
        "no_neighbourhood": _("Kies uw wijk. Of vul uw postcode in, dan zoeken wij de wijk op."),
        "postcode_unknown": _("Bij deze postcode vonden wij geen wijk. Kies uw wijk uit de lijst."),
        "postcode_partial": _(
            "Met alleen de cijfers vinden wij de wijk niet. Vul de hele postcode in, "
            "zoals 8011 AB, of kies uw wijk uit de lijst."
        ),
        "postcode_format": _("Vul een postcode in zoals 8011 AB."),
        "needs_email": _("U koos e-mail. Vul ook uw e-mailadres in."),
        "needs_phone": _("U koos telefoon. Vul ook uw telefoonnummer in."),
        "needs_address": _("U koos een brief. Vul ook uw adres in."),
    }

    # The order of the page (initiatives/_submission_fields.html), which the error
    # summary follows.
    field_order = [
        "website",
        "title",
        "description",
        "theme",
        "neighbourhood",
        "postcode",
        "needs",
        "attachments",
        "initiator_kind",
        "name",
        "email",
        "phone",
        "address",
        "preferred_channel",
        "consent_matching",
        "consent_publish",
    ]
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput(NOT_REMEMBERED))
    # Honeypot: hidden from people (and from screen readers); bots fill it in.
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))

    title = TextField(
        label=_("Titel van uw idee"),
        help_text=_("Een paar woorden, bijvoorbeeld: Moestuin achter de flat."),
        max_length=200,
        error_messages=required_error(_("Geef uw idee een titel.")) | too_long_error(200),
    )
    description = TextField(
        label=_("Wat wilt u doen, en voor wie?"),
        help_text=_("Schrijf het zoals u het zou vertellen. Het hoeft niet af te zijn."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=required_error(_("Vertel wat u wilt doen, en voor wie."))
        | too_long_error(5000),
    )
    theme = ReferenceChoiceField(
        lookup=theme_by_slug,
        label=_("Waar gaat uw idee over?"),
        queryset=Theme.objects.order_by("order", "name"),
        to_field_name="slug",
        empty_label=_("Kies een onderwerp"),
        error_messages={
            "required": _("Kies waar uw idee over gaat."),
            "invalid_choice": _("Dit onderwerp kennen wij niet. Kies een onderwerp uit de lijst."),
        },
    )
    neighbourhood = ReferenceChoiceField(
        lookup=neighbourhood_by_code,
        label=_("In welke wijk?"),
        help_text=_("Weet u het niet? Vul dan hieronder uw postcode in."),
        queryset=Neighbourhood.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("Weet ik niet"),
        error_messages={
            "invalid_choice": _("Deze wijk kennen wij niet. Kies een wijk uit de lijst."),
        },
    )
    postcode = forms.CharField(
        label=_("Postcode (als u de wijk niet weet)"),
        # Room for the spaces people type ("8011  AB", " 8011 ab "): clean_postcode reads
        # them. At 7 a valid postcode with a second space was refused for its length.
        max_length=20,
        required=False,
        error_messages={"max_length": _("Vul een postcode in zoals 8011 AB.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": 8}),
    )
    needs = forms.MultipleChoiceField(
        label=_("Waar wilt u hulp bij?"),
        help_text=_("Kies wat u wilt. Niets kiezen mag ook."),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Kies hulp uit de lijst.")},
    )
    initiator_kind = forms.ChoiceField(
        label=_("Wie bent u?"),
        choices=InitiatorKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wie u bent."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )
    name = TextField(
        label=_("Uw naam"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages=required_error(_("Vul uw naam in.")) | too_long_error(200),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")}
        | too_long_error(254),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        error_messages=too_long_error(30),
    )
    address = TextField(
        label=_("Adres (alleen nodig als u liever een brief krijgt)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages=too_long_error(300),
    )
    preferred_channel = forms.ChoiceField(
        label=_("Hoe wilt u dat wij contact met u opnemen?"),
        choices=PreferredChannel.choices,
        widget=forms.RadioSelect,
        initial=PreferredChannel.EMAIL,
        error_messages={
            "required": _("Kies hoe wij contact met u opnemen."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )
    consent_matching = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_(
            "Mijn naam en contactgegevens mogen gedeeld worden met iemand met een idee dat "
            "op het mijne lijkt."
        ),
        required=False,
    )
    consent_publish = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("Mijn idee mag op deze website staan (zonder mijn naam en contactgegevens)."),
        required=False,
    )
    attachments = AttachmentsField(
        label=_("Bijlagen (mag ook leeg blijven)"),
        help_text=_(
            "Bijvoorbeeld een tekening of foto. PDF, JPG, PNG of Word (DOCX). "
            "Hoogstens 5 bestanden van elk hoogstens 10 MB."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # While the resident types, similar public ideas appear below (htmx). POSTed, so
        # what they type (it may name people) never lands in a URL or an access log; only
        # these two fields are sent, not the rest of the form.
        similar = {
            "hx-post": reverse("initiatives:similar"),
            "hx-trigger": "input changed delay:600ms",
            "hx-target": "#similar-ideas",
            "hx-include": "#id_title, #id_description",
            "hx-params": "title,description",
            "hx-sync": "closest form:abort",
        }
        for name in ("title", "description"):
            self.fields[name].widget.attrs.update(similar)

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "").strip()
        if not value:
            return ""
        normalised = normalise_postcode(value)
        if normalised is None or (self.full_postcode_only and len(normalised) != 6):
            raise forms.ValidationError(self.wording["postcode_format"])
        return normalised

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean_website(self):
        value = self.cleaned_data.get("website", "")
        if value:
            # A friendly message: a person who somehow filled it in can still go on.
            raise forms.ValidationError(
                _(
                    "Dit formulier kon niet worden verstuurd. Maak het veld 'Laat dit veld "
                    "leeg' leeg, of bel ons."
                ),
                code="honeypot",
            )
        return value

    def clean(self):
        data = super().clean()
        email, phone, address = (data.get(f, "") for f in ("email", "phone", "address"))
        if not any(data.get(f) for f in self.contact_fields) and not self._has_errors(
            *self.contact_fields
        ):
            self.add_error(self.contact_fields[0], self.contact_missing_message())
        preferred = data.get("preferred_channel")
        needed = {
            PreferredChannel.EMAIL: ("email", email, self.wording["needs_email"]),
            PreferredChannel.PHONE: ("phone", phone, self.wording["needs_phone"]),
            PreferredChannel.LETTER: ("address", address, self.wording["needs_address"]),
        }.get(preferred)
        if needed and not needed[1] and not self._has_errors(needed[0]):
            self.add_error("preferred_channel", needed[2])
        files = data.get("attachments") or []
        if (
            self.kept
            and len(files) + len(self.kept) > MAX_COUNT
            and "attachments" not in self.errors
        ):
            self.add_error(
                "attachments",
                _(
                    "U koos %(count)s bestanden, met de bewaarde erbij. "
                    "Er passen er hoogstens %(max)s."
                )
                % {"count": len(files) + len(self.kept), "max": MAX_COUNT},
            )
        if not data.get("neighbourhood") and not self._has_errors("neighbourhood", "postcode"):
            postcode = data.get("postcode")
            found = neighbourhood_for_postcode(postcode) if postcode else None
            if found is not None:
                data["neighbourhood"] = found
            elif postcode and len(postcode) == 4:
                # Four digits that span more than one neighbourhood: the whole postcode
                # (or a choice from the list) decides, not "nothing found".
                self.add_error("postcode", self.wording["postcode_partial"])
            elif postcode:
                self.add_error("neighbourhood", self.wording["postcode_unknown"])
            else:
                self.add_error("neighbourhood", self.wording["no_neighbourhood"])
        return data

    def _has_errors(self, *names) -> bool:
        return any(name in self.errors for name in names)

    def contact_missing_message(self):
        return _("Vul een e-mailadres of een telefoonnummer in (of allebei).")

    def messages_language(self) -> str:
        """The resident's messages come in the language they filled the form in."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    def submission_kwargs(self) -> dict:
        """The arguments for initiatives.services.initiative_intake."""
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "description": data["description"].strip(),
            "theme": data["theme"],
            "neighbourhood": data["neighbourhood"],
            "initiator": InitiatorData(
                kind=data["initiator_kind"],
                name=data["name"].strip(),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                postcode=data.get("postcode", ""),
                address=data.get("address", "").strip(),
                preferred_channel=data["preferred_channel"],
                consent_matching=data.get("consent_matching", False),
                consent_publish=data.get("consent_publish", False),
                language=self.messages_language(),
            ),
            "channel": self.cleaned_data.get("channel") or self.channel,
            "needs": data.get("needs", []),
            "attachments": self.all_attachments(),
            "submission_key": data.get("submission_key"),
        }


class ApiSubmissionForm(SubmissionForm):
    """The API's submission: the web form's fields, plus the language of the messages,
    which a client states (a phone app in English, say) instead of a language switch."""

    language = language_field(_("Taal van onze berichten"))

    def messages_language(self) -> str:
        return self.cleaned_data.get("language") or super().messages_language()
