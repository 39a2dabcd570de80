from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import AccessibleFormMixin

from .codes import LENGTH


class PlanChoices(forms.CheckboxSelectMultiple):
    """Each plan's cost on its checkbox, for the money counter (static/js/ballot.js)."""

    def __init__(self, *args, costs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.costs = costs or {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"]["data-cost"] = self.costs.get(str(value), 0)
        return option


class BallotForm(AccessibleFormMixin, forms.Form):
    summary_with_labels = False

    code = forms.CharField(
        label=_("Uw stemcode"),
        help_text=_("Deze staat in de brief die u kreeg, zoals KD7M-2QXR-9HTA."),
        max_length=LENGTH + 10,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Vul de stemcode uit uw brief in.")},
    )
    plans = forms.MultipleChoiceField(
        label=_("Kies plannen"),
        required=False,
    )

    def __init__(self, *args, plans, hint, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["plans"]
        field.choices = [(str(p.pk), p.title) for p in plans]
        field.widget = PlanChoices(costs={str(p.pk): p.cost for p in plans})
        field.help_text = hint


class PaperBallotForm(BallotForm):
    code = forms.CharField(
        label=_("Stemcode op het papieren biljet"),
        max_length=LENGTH + 10,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class AddressListForm(AccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Adressenlijst (CSV)"),
        help_text=_(
            "Kolommen 'adres' en 'postcode', en bij codes per bewoner 'stemmers'. "
            "Het bestand wordt niet bewaard."
        ),
    )


class ReissueForm(AccessibleFormMixin, forms.Form):
    address = forms.CharField(label=_("Adres (straat en huisnummer)"), max_length=200)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    reason = forms.CharField(label=_("Reden"), max_length=300)


class PlanCheckForm(AccessibleFormMixin, forms.Form):
    feasible = forms.TypedChoiceField(
        label=_("Haalbaar?"),
        choices=[("1", _("Ja, op het stembiljet")), ("0", _("Nee, niet haalbaar"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden (gaat naar de initiatiefnemer)"), required=False, widget=forms.Textarea
    )
