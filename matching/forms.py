from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import AccessibleFormMixin
from initiatives.models import Theme
from neighbourhoods.models import Neighbourhood

from .constants import OfferKind


class OfferForm(AccessibleFormMixin, forms.Form):
    optional_marker = True

    kind = forms.ChoiceField(
        label=_("Wat biedt u aan?"), choices=OfferKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Vertel wat u aanbiedt"),
        help_text=_("Bijvoorbeeld: ik kan twee zaterdagen per maand helpen met klussen."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )
    in_return = forms.CharField(
        label=_("Wat zou u graag terug willen?"),
        help_text=_(
            "Op een beursvloer geeft iedereen iets én krijgt iets terug. Mag leeg blijven."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("In welke wijk?"),
        queryset=Neighbourhood.objects.order_by("name"),
        required=False,
        empty_label=_("Maakt niet uit"),
    )
    theme = forms.ModelChoiceField(
        label=_("Bij welk thema past het?"),
        queryset=Theme.objects.order_by("order", "name"),
        required=False,
        empty_label=_("Weet ik niet"),
    )
    name = forms.CharField(label=_("Uw naam (of de naam van uw organisatie)"), max_length=200)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={
            "invalid": _("Dit e-mailadres klopt niet. Bijvoorbeeld: naam@voorbeeld.nl")
        },
    )
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)
    consent_matching = forms.BooleanField(
        label=_(
            "Ik vind het goed dat de ideeënmakelaar mij voorstelt aan initiatiefnemers. "
            "Mijn gegevens worden pas gedeeld als wij allebei ja zeggen."
        ),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Geef een e-mailadres of telefoonnummer op."))
        return data
