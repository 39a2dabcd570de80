from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import AccessibleFormMixin
from config.money import MoneyField
from initiatives.forms import AttachmentsField
from neighbourhoods.models import Neighbourhood

from .models import (
    RECEIPT_MAX_COUNT,
    RECEIPT_TYPES,
    BudgetHolder,
    FundingSource,
    GrantDecision,
    NeighbourhoodBudget,
)


def money_field(**kwargs) -> MoneyField:
    """Every money field: the one shared field (config.money)."""
    return MoneyField(**kwargs)


class GrantRequestForm(AccessibleFormMixin, forms.Form):
    budget = forms.ModelChoiceField(
        label=_("Uit welk wijkbudget"),
        queryset=NeighbourhoodBudget.objects.none(),
        error_messages={"required": _("Kies een wijkbudget.")},
    )
    amount_requested = money_field(
        label=_("Gevraagd bedrag in euro's"),
        min_value=0.01,
    )
    purpose = forms.CharField(
        label=_("Waarvoor is het geld?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Schrijf op waarvoor het geld is.")},
    )
    beneficiaries = forms.CharField(
        label=_("Wie hebben er iets aan?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Schrijf op wie er iets aan hebben.")},
    )

    def __init__(self, *args, budgets=None, budget_rows=None, **kwargs):
        """`budget_rows`: the budgets already read (the case file's one round trip): the
        choices come from them; a posted choice is still checked against `budgets`."""
        super().__init__(*args, **kwargs)
        if budgets is not None:
            field = self.fields["budget"]
            field.queryset = budgets
            if budget_rows is not None:
                field.choices = [("", field.empty_label)] + [
                    (b.pk, field.label_from_instance(b)) for b in budget_rows
                ]
            # Usually there is one budget for the idea's neighbourhood this year: choose it.
            first = list(budget_rows[:2] if budget_rows is not None else budgets[:2])
            if len(first) == 1:
                field.initial = first[0].pk


class GrantDecisionForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=GrantDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een besluit.")},
    )
    amount = money_field(
        label=_("Bedrag bij deels toekennen"),
        required=False,
        min_value=0.01,
    )
    reason = forms.CharField(
        label=_("Uitleg voor de initiatiefnemer"),
        help_text=_("Dit bericht gaat naar de initiatiefnemer. Schrijf in gewone woorden."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf de initiatiefnemer waarom u dit besluit neemt.")},
    )


class GrantAccountForm(AccessibleFormMixin, forms.Form):
    story = forms.CharField(
        label=_("Wat heeft het opgeleverd?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vertel kort wat het initiatief heeft opgeleverd.")},
    )
    actual_spend = money_field(
        label=_("Werkelijk uitgegeven, in euro's"),
        min_value=0,
    )
    story_public = forms.BooleanField(
        label=_("De initiatiefnemer vindt het goed dat dit verhaal openbaar is"), required=False
    )
    # The attachments' field: checked by content, at most RECEIPT_MAX_COUNT at once.
    receipts = AttachmentsField(
        label=_("Bonnen: PDF, JPG of PNG (mag ook leeg blijven)"),
        help_text=_("Hoogstens 10 bestanden van elk hoogstens 10 MB."),
        max_count=RECEIPT_MAX_COUNT,
        allowed=RECEIPT_TYPES,
        allowed_label=_("PDF, JPG of PNG"),
    )


class FundingLineForm(AccessibleFormMixin, forms.Form):
    source = forms.ChoiceField(
        label=_("Bron"),
        choices=[(v, label) for v, label in FundingSource.choices if v != FundingSource.WIJKBUDGET],
        error_messages={"required": _("Kies een bron.")},
    )
    amount = money_field(
        label=_("Bedrag in euro's (als bekend)"),
        required=False,
        min_value=0.01,
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)


class BudgetForm(AccessibleFormMixin, forms.Form):
    neighbourhood = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.order_by("name"),
        error_messages={"required": _("Kies een wijk.")},
    )
    year = forms.IntegerField(
        label=_("Jaar"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": _("Vul een jaar in."), "invalid": _("Vul een jaar in.")},
    )
    amount = money_field(label=_("Bedrag in euro's"), min_value=0)
    holder = forms.ChoiceField(label=_("Wie beheert het budget"), choices=BudgetHolder.choices)
    holder_name = forms.CharField(label=_("Naam beheerder"), required=False, max_length=200)
    rules = forms.CharField(
        label=_("Regels in gewone woorden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
