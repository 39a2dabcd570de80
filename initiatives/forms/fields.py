"""The pieces every resident's form is made of: text that refuses markup and control
characters, phone numbers, files checked by content, consents, the resident's form base
(its labels say what may stay empty) and keeping checked files across an error."""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from config.forms import AccessibleFormMixin

from ..attachments import ALLOWED_LABEL, ALLOWED_TYPES, MAX_COUNT, MAX_SIZE, detect_type
from ..pending_uploads import pending_open


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


# Invisible control characters that pasted or imported text sometimes carries (a bell, an
# escape): nobody typed them on purpose, so they go; a vertical tab or form feed (a line
# break in a word processor) becomes a line break. NUL stays refused by Django's own check.
_CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")
_CONTROL_LINE_BREAKS = re.compile(r"[\x0b\x0c]")


def _only_invisible(value: str) -> bool:
    """Nothing anyone can read: only white space and format characters (a zero-width
    space or joiner, a direction mark). Such a title or name looked filled in to the
    form's "required" check and reached the broker's queue as an empty-looking row."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value)


class TextField(forms.CharField):
    """A text field that refuses markup and says so, instead of silently stripping it,
    and refuses what cannot be stored (lone surrogates)."""

    default_validators = [reject_markup, reject_surrogates]

    def to_python(self, value):
        if isinstance(value, str):
            value = _CONTROL_CHARACTERS.sub("", _CONTROL_LINE_BREAKS.sub("\n", value))
            if _only_invisible(value):
                value = ""
        return super().to_python(value)


def required_error(message):
    return {"required": message}


def language_field(label, **kwargs):
    """The language of our messages to someone; not sent: the caller decides. Each
    language in its own name ("English", also on a Dutch page), as in the language menu:
    that is what its readers look for."""
    return forms.ChoiceField(
        label=label,
        choices=[
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Kies een van de mogelijkheden.")},
        **kwargs,
    )


def too_long_error(limit):
    # Django fills in limit_value and show_value when the validator fails.
    return {
        "max_length": _("Gebruik hoogstens %(limit_value)d tekens. U gebruikte er %(show_value)d.")
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to `max_count` files of at most MAX_SIZE each, checked by their content
    (`allowed` MIME types, named `allowed_label` in messages). Grants' receipts use it too."""

    widget = MultipleFileInput

    def __init__(
        self,
        *args,
        max_count=MAX_COUNT,
        allowed=ALLOWED_TYPES,
        allowed_label=ALLOWED_LABEL,
        **kwargs,
    ):
        kwargs.setdefault("required", False)
        self.max_count, self.allowed, self.allowed_label = max_count, allowed, allowed_label
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [f for f in files if f]
        if len(files) > self.max_count:
            raise forms.ValidationError(
                _("Kies hoogstens %(max)s bestanden. U koos er %(count)s.")
                % {"max": self.max_count, "count": len(files)},
                code="too_many",
            )
        errors = []
        for upload in files:
            if upload.size > MAX_SIZE:
                errors.append(
                    _("%(name)s is te groot. Een bestand mag hoogstens 10 MB zijn.")
                    % {"name": upload.name}
                )
            elif detect_type(upload, self.allowed) is None:
                errors.append(
                    _("%(name)s is geen %(allowed)s. Kies een ander bestand.")
                    % {"name": upload.name, "allowed": self.allowed_label}
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


# Personal details and the submission key are never offered again by the browser: on a
# shared computer (a walk-in hour, a library, the broker's intake of several residents)
# the next person would be shown the previous one's name, address or key. Issue 14 chose
# this over WCAG 1.3.5's purpose tokens (name, tel, ...); the e-mail and phone inputs
# still say what they are by their type.
# The form's key, and what staff type in about someone else, are never offered again by
# the browser (a shared computer at a walk-in hour). What residents type about themselves
# keeps its purpose (autocomplete="name", ...; WCAG 1.3.5), so their own browser may help.
NOT_REMEMBERED = {"autocomplete": "off"}
PERSONAL_FIELDS = ("name", "email", "phone", "address", "postcode")


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
