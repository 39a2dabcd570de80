"""The forms on the resident's own page (Mijn idee) and the lost-link form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..attachments import MAX_COUNT
from ..constants import PreferredChannel
from .fields import (
    AttachmentsField,
    KeepsFilesMixin,
    ResidentForm,
    TextField,
    clean_phone,
    language_field,
    required_error,
    too_long_error,
)
from .submission import SubmissionForm


class InformationForm(KeepsFilesMixin, ResidentForm):
    text = TextField(
        label=_("Wat wilt u toevoegen?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=too_long_error(5000),
    )
    attachments = AttachmentsField(
        label=_("Bestanden (mag ook leeg blijven)"),
        help_text=_("PDF, JPG, PNG of Word (DOCX). Hoogstens 5 bestanden per idee, elk 10 MB."),
    )

    def __init__(self, *args, attachment_count=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.attachment_count = attachment_count

    def clean(self):
        data = super().clean()
        files = (data.get("attachments") or []) + self.kept
        if "text" in data and not data["text"].strip() and not files and not self.errors:
            self.add_error("text", _("Schrijf iets of kies een bestand."))
        if self.attachment_count + len(files) > MAX_COUNT:
            self.add_error(
                "attachments",
                _("Uw idee heeft al %(count)s bijlagen. Er passen er hoogstens %(max)s bij.")
                % {"count": self.attachment_count, "max": MAX_COUNT},
            )
        return data


class PreferencesForm(ResidentForm):
    preferred_channel = SubmissionForm.base_fields["preferred_channel"]
    email = SubmissionForm.base_fields["email"]
    phone = SubmissionForm.base_fields["phone"]
    consent_matching = SubmissionForm.base_fields["consent_matching"]
    consent_publish = SubmissionForm.base_fields["consent_publish"]
    # Not sent: stays as it is.
    language = language_field(_("In welke taal wilt u onze berichten krijgen?"))

    def __init__(self, *args, has_address=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_address = has_address

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("email") and not data.get("phone") and not self.has_address:
            self.add_error("email", _("Vul een e-mailadres of een telefoonnummer in."))
        preferred = data.get("preferred_channel")
        if preferred == PreferredChannel.EMAIL and not data.get("email"):
            self.add_error("preferred_channel", _("U koos e-mail. Vul ook uw e-mailadres in."))
        if preferred == PreferredChannel.PHONE and not data.get("phone"):
            self.add_error("preferred_channel", _("U koos telefoon. Vul ook uw telefoonnummer in."))
        if preferred == PreferredChannel.LETTER and not self.has_address:
            self.add_error(
                "preferred_channel",
                _(
                    "U koos een brief, maar wij hebben uw adres niet. Kies iets anders, "
                    "of bel ons om uw adres door te geven."
                ),
            )
        return data


class WithdrawForm(ResidentForm):
    reason = TextField(
        label=_("Waarom stopt u? (mag ook leeg blijven)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=too_long_error(1000),
    )
    confirm = forms.BooleanField(
        label=_("Ja, ik wil mijn idee intrekken."),
        error_messages=required_error(_("Zet een vinkje als u uw idee echt wilt intrekken.")),
    )


class ErasureForm(ResidentForm):
    confirm = forms.BooleanField(
        label=_("Ja, verwijder mijn naam en contactgegevens."),
        error_messages=required_error(
            _("Zet een vinkje als u uw gegevens echt wilt laten verwijderen.")
        ),
    )


class NewLinkForm(ResidentForm):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
    )
