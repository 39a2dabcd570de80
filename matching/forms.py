from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.forms import (
    ConsentCheckbox,
    PreferencesForm,
    ResidentForm,
    SubmissionForm,
    TextField,
    required_error,
    too_long_error,
)
from initiatives.models import Theme
from neighbourhoods.models import Neighbourhood

from .constants import OfferKind


class HelpOfferForm(ResidentForm):
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
        error_messages=required_error(_("Vertel wat u wilt doen.")) | too_long_error(2000),
    )
    in_return = TextField(
        label=_("Wat zou u graag terug willen? (mag ook leeg blijven)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=too_long_error(1000),
    )
    name = TextField(
        label=_("Uw naam"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages=required_error(_("Vul uw naam in.")) | too_long_error(200),
    )
    email = SubmissionForm.base_fields["email"]
    phone = SubmissionForm.base_fields["phone"]
    consent_matching = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("Mijn naam en contactgegevens mogen gedeeld worden met de initiatiefnemer."),
        required=False,
    )
    website = SubmissionForm.base_fields["website"]
    submission_key = SubmissionForm.base_fields["submission_key"]

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
            "submission_key": data.get("submission_key"),
        }


class OfferForm(HelpOfferForm):
    """An offer to initiatives at large (/aanbod/): the same form as "I want to help" on
    one public idea (its checks, messages, honeypot and consents), with where and what
    the offer fits instead of the idea."""

    neighbourhood = forms.ModelChoiceField(
        label=_("In welke wijk?"),
        queryset=Neighbourhood.objects.order_by("name"),
        required=False,
        empty_label=_("Maakt niet uit"),
        error_messages={"invalid_choice": _("Kies een wijk uit de lijst.")},
    )
    theme = forms.ModelChoiceField(
        label=_("Bij welk thema past het?"),
        queryset=Theme.objects.order_by("order", "name"),
        required=False,
        empty_label=_("Weet ik niet"),
        error_messages={"invalid_choice": _("Kies een thema uit de lijst.")},
    )

    field_order = [
        "kind",
        "description",
        "in_return",
        "neighbourhood",
        "theme",
        "name",
        "email",
        "phone",
        "consent_matching",
        "website",
    ]

    def offer_kwargs(self, language: str) -> dict:
        data = self.cleaned_data
        extra = {"theme": data["theme"], "neighbourhood": data["neighbourhood"]}
        return super().offer_kwargs(language) | extra

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Organisations offer too (a school, a shop, a sports club).
        self.fields["name"].label = _("Uw naam (of de naam van uw organisatie)")
        self.fields["consent_matching"].label = _(
            "Ik vind het goed dat de ideeënmakelaar mij voorstelt aan initiatiefnemers. "
            "Mijn gegevens worden pas gedeeld als wij allebei ja zeggen."
        )


class ConsentAnswerForm(ResidentForm):
    """A side's answer to "may we share your details with the other?"."""

    answer = forms.ChoiceField(
        label=_("Mogen wij uw gegevens met de ander delen?"),
        choices=[("yes", _("Ja, ik wil kennismaken")), ("no", _("Nee, liever niet"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies ja of nee."),
            "invalid_choice": _("Kies ja of nee."),
        },
    )
