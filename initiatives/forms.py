"""The resident's forms. SubmissionForm is the one validation path for an idea: the web
form, the API (JSON and multipart) and staff's assisted intake all go through it."""

import re

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from config.forms import AccessibleFormMixin
from matching.constants import OfferKind
from neighbourhoods.models import Neighbourhood, normalise_postcode
from neighbourhoods.selectors import neighbourhood_by_code, neighbourhood_for_postcode

from .attachments import ALLOWED_LABEL, MAX_COUNT, MAX_SIZE, detect_type
from .constants import Channel, InitiatorKind, Need, PreferredChannel
from .models import Theme
from .pending_uploads import pending_open
from .selectors import theme_by_slug
from .services import InitiatorData


class ConsentCheckbox(forms.CheckboxInput):
    """A consent counts only when it is given plainly: a ticked box ("on") or an API's
    true. Django's checkbox reads any other text, "0", "no" or "nee" included, as yes."""

    YES = {"on", "true", "1", "yes", "ja"}

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if isinstance(value, str):
            return value.strip().lower() in self.YES
        return value is True or value == 1


# Something that looks like markup: "<" directly followed by a letter, "/", "!" or "?".
# A tag (<b>, </p>, <!--) or a character code (&amp;, &#60;). Plain words stay plain
# words ("javascript: leren programmeren"); every page escapes what it shows anyway.
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|&#?\w+;", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9 ()\-]{8,20}$")
_SURROGATE = re.compile("[\ud800-\udfff]")


def reject_markup(value: str) -> None:
    if value and _MARKUP.search(value):
        raise forms.ValidationError(
            _(
                "Schrijf gewone tekst, zonder HTML-code zoals <b> of &amp;. "
                "Een < of > mag wel, met een spatie erna."
            ),
            code="markup",
        )


def reject_surrogates(value: str) -> None:
    """A lone surrogate (half of a character, as the JSON escape \\ud800) cannot be stored
    or sent on: PostgreSQL and UTF-8 refuse it. Browsers never send one (Django reads
    undecodable form bytes as U+FFFD); a JSON client can."""
    if value and _SURROGATE.search(value):
        raise forms.ValidationError(
            _(
                "Deze tekst bevat een teken dat wij niet kunnen verwerken. Haal het weg, "
                "of typ de tekst opnieuw."
            ),
            code="surrogate",
        )


def clean_phone(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not _PHONE.match(value) or not 10 <= len(digits) <= 15:
        raise forms.ValidationError(
            _("Vul een telefoonnummer in zoals 06 12345678 of 038 123 45 67."), code="phone"
        )
    return value


class TextField(forms.CharField):
    """A text field that refuses markup and says so, instead of silently stripping it,
    and refuses what cannot be stored (lone surrogates)."""

    default_validators = [reject_markup, reject_surrogates]


def _required(message):
    return {"required": message}


def _language_field(label, **kwargs):
    """The language of our messages to someone; not sent: the caller decides."""
    return forms.ChoiceField(
        label=label,
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Kies een van de mogelijkheden.")},
        **kwargs,
    )


def _too_long(limit):
    # Django fills in limit_value and show_value when the validator fails.
    return {
        "max_length": _("Gebruik hoogstens %(limit_value)d tekens. U gebruikte er %(show_value)d.")
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to MAX_COUNT files of at most MAX_SIZE each, checked by their content."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [f for f in files if f]
        if len(files) > MAX_COUNT:
            raise forms.ValidationError(
                _("Kies hoogstens %(max)s bestanden. U koos er %(count)s.")
                % {"max": MAX_COUNT, "count": len(files)},
                code="too_many",
            )
        errors = []
        for upload in files:
            if upload.size > MAX_SIZE:
                errors.append(
                    _("%(name)s is te groot. Een bestand mag hoogstens 10 MB zijn.")
                    % {"name": upload.name}
                )
            elif detect_type(upload) is None:
                errors.append(
                    _("%(name)s is geen %(allowed)s. Kies een ander bestand.")
                    % {"name": upload.name, "allowed": ALLOWED_LABEL}
                )
        if errors:
            raise forms.ValidationError(errors, code="file_type")
        return files


class ReferenceChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that checks the chosen key against reference data kept in memory
    (config/reference_data.py) instead of one query per submission. The options it shows
    still come from its queryset."""

    def __init__(self, *args, lookup, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookup = lookup

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = self.lookup(str(value))
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


class ResidentForm(AccessibleFormMixin, forms.Form):
    """A form of this module: its labels say what may stay empty ("mag ook leeg blijven"),
    so no "(niet verplicht)" markers, and every message says what to do on its own, so the
    error summary shows the messages without the labels."""

    summary_with_labels = False


class KeepsFilesMixin:
    """A form with an `attachments` field whose checked files are kept when the form
    comes back with errors (pending_uploads), and offered again as "files you already
    chose" (templates/initiatives/_kept_files.html, sent back as `kept_attachments`)."""

    def __init__(self, *args, kept=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = list(kept)

    def all_attachments(self) -> list:
        """The files chosen now and the kept ones, once the form is valid."""
        chosen = list(self.cleaned_data.get("attachments") or [])
        return chosen + [pending_open(pending) for pending in self.kept]


class SubmissionForm(KeepsFilesMixin, ResidentForm):
    """An idea from a resident. Also the API's validation."""

    channel = Channel.WEB
    # Where contact details must allow contact: the web form needs e-mail or phone.
    contact_fields = ("email", "phone")

    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people (and from screen readers); bots fill it in.
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))

    title = TextField(
        label=_("Titel van uw idee"),
        help_text=_("Een paar woorden, bijvoorbeeld: Moestuin achter de flat."),
        max_length=200,
        error_messages=_required(_("Geef uw idee een titel.")) | _too_long(200),
    )
    description = TextField(
        label=_("Wat wilt u doen, en voor wie?"),
        help_text=_("Schrijf het zoals u het zou vertellen. Het hoeft niet af te zijn."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=_required(_("Vertel wat u wilt doen, en voor wie.")) | _too_long(5000),
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
        max_length=7,
        required=False,
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
        error_messages=_required(_("Vul uw naam in.")) | _too_long(200),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    address = TextField(
        label=_("Adres (alleen nodig als u liever een brief krijgt)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
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
    consent_contact = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("De ideeënmakelaar mag contact met mij opnemen over mijn idee."),
        help_text=_("Dit is nodig: anders kunnen wij u niet helpen."),
        error_messages=_required(_("Zonder uw toestemming kunnen wij geen contact opnemen.")),
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
        if normalised is None:
            raise forms.ValidationError(_("Vul een postcode in zoals 8011 AB."))
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
            PreferredChannel.EMAIL: (
                "email",
                email,
                _("U koos e-mail. Vul ook uw e-mailadres in."),
            ),
            PreferredChannel.PHONE: (
                "phone",
                phone,
                _("U koos telefoon. Vul ook uw telefoonnummer in."),
            ),
            PreferredChannel.LETTER: (
                "address",
                address,
                _("U koos een brief. Vul ook uw adres in."),
            ),
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
            elif postcode:
                self.add_error(
                    "neighbourhood",
                    _("Bij deze postcode vonden wij geen wijk. Kies uw wijk uit de lijst."),
                )
            else:
                self.add_error(
                    "neighbourhood",
                    _("Kies uw wijk. Of vul uw postcode in, dan zoeken wij de wijk op."),
                )
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
                consent_contact=data["consent_contact"],
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

    language = _language_field(_("Taal van onze berichten"))

    def messages_language(self) -> str:
        return self.cleaned_data.get("language") or super().messages_language()


class IntakeForm(SubmissionForm):
    """Staff register an idea on a resident's behalf (phone, walk-in hour, letter...)."""

    contact_fields = ("email", "phone", "address")

    channel = forms.ChoiceField(
        label=_("Hoe kwam het idee binnen?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.WEB],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het idee binnenkwam.")},
    )
    consent_contact = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("De bewoner geeft toestemming om contact op te nemen over het idee."),
        error_messages=_required(_("Vraag de bewoner om toestemming voor contact.")),
    )
    consent_matching = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("De bewoner wil dat zijn of haar gegevens gedeeld worden bij een koppeling."),
        required=False,
    )
    consent_publish = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("De bewoner wil dat het idee op de website staat (zonder naam)."),
        required=False,
    )
    address = TextField(
        label=_("Adres (voor een brief)"),
        max_length=300,
        required=False,
    )

    # Staff fill this form in whatever language they work in: the resident's language is
    # asked, Dutch unless changed.
    language = _language_field(
        _("In welke taal krijgt de bewoner onze berichten?"), initial=settings.LANGUAGE_CODE
    )

    field_order = ["channel"]

    def messages_language(self) -> str:
        return self.cleaned_data.get("language") or settings.LANGUAGE_CODE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["name"].label = _("Naam van de bewoner")
        self.fields["initiator_kind"].label = _("Wie is de initiatiefnemer?")
        self.fields["preferred_channel"].label = _("Hoe wil de bewoner contact?")

    def contact_missing_message(self):
        return _("Vul een e-mailadres, telefoonnummer of adres in.")


class InformationForm(KeepsFilesMixin, ResidentForm):
    text = TextField(
        label=_("Wat wilt u toevoegen?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_too_long(5000),
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
    language = _language_field(_("In welke taal wilt u onze berichten krijgen?"))

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
        error_messages=_too_long(1000),
    )
    confirm = forms.BooleanField(
        label=_("Ja, ik wil mijn idee intrekken."),
        error_messages=_required(_("Zet een vinkje als u uw idee echt wilt intrekken.")),
    )


class ErasureForm(ResidentForm):
    confirm = forms.BooleanField(
        label=_("Ja, verwijder mijn naam en contactgegevens."),
        error_messages=_required(
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


class OfferForm(ResidentForm):
    """'I want to help' on a public idea."""

    kind = forms.ChoiceField(
        label=_("Wat kunt u bieden?"),
        choices=OfferKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat u kunt bieden.")},
    )
    description = TextField(
        label=_("Vertel wat u wilt doen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required(_("Vertel wat u wilt doen.")) | _too_long(2000),
    )
    in_return = TextField(
        label=_("Wat zou u graag terug willen? (mag ook leeg blijven)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_too_long(1000),
    )
    name = TextField(
        label=_("Uw naam"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages=_required(_("Vul uw naam in.")) | _too_long(200),
    )
    email = SubmissionForm.base_fields["email"]
    phone = SubmissionForm.base_fields["phone"]
    consent_contact = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("De ideeënmakelaar mag contact met mij opnemen over mijn aanbod."),
        error_messages=_required(_("Zonder uw toestemming kunnen wij geen contact opnemen.")),
    )
    consent_matching = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("Mijn naam en contactgegevens mogen gedeeld worden met de initiatiefnemer."),
        required=False,
    )
    website = SubmissionForm.base_fields["website"]

    clean_phone = PreferencesForm.clean_phone
    clean_website = SubmissionForm.clean_website

    def clean(self):
        data = super().clean()
        contact_errors = "email" in self.errors or "phone" in self.errors
        if not data.get("email") and not data.get("phone") and not contact_errors:
            self.add_error("email", _("Vul een e-mailadres of een telefoonnummer in (of allebei)."))
        return data

    def offer_kwargs(self, language: str) -> dict:
        """What matching.services.offer_submit takes from a valid form."""
        data = self.cleaned_data
        fields = ("kind", "description", "in_return", "name", "email", "phone")
        return {name: data[name] for name in fields} | {
            "consent_matching": data["consent_matching"],
            "language": language,
        }
