from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.forms import OfferForm as HelpOfferForm
from initiatives.forms import ResidentForm
from initiatives.models import Theme
from neighbourhoods.models import Neighbourhood


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
        "consent_contact",
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
