"""Forms of the Django admin pages for ideas and the thesaurus."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from ..constants import Need
from ..models import SynonymGroup


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


class WordLinesField(forms.CharField):
    """One word per line. Empty lines (a last Enter, a blank line between words) are not
    words; every other check, with its message, is the service's (synonym_group_check)."""

    def to_python(self, value):
        text = super().to_python(value)
        ProhibitNullCharactersValidator()(text)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value


class SynonymGroupForm(forms.ModelForm):
    words = WordLinesField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("woorden"),
        help_text=_("Eén woord per regel, zoals mensen het schrijven."),
    )

    class Meta:
        model = SynonymGroup
        fields = ["words", "note", "active", "setting"]
