"""Forms of the Django admin pages for ideas."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..constants import Need


class InitiativeAdminForm(forms.ModelForm):
    # Boxes to tick, not the array's comma-separated text box: Django's array field put a
    # typed value into its error message and then formatted that message again, so a "%"
    # in what was typed was a 500.
    needs = forms.MultipleChoiceField(
        label=_("gevraagde hulp"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
