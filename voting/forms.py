import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import AccessibleFormMixin
from config.money import MoneyField

from .codes import LENGTH
from .constants import BallotRule, CodeUnit, Completion, CountingMethod, RoundStatus

# Below what the plan's cost column (a PostgreSQL integer) holds.
PLAN_COST_MAX = 1_000_000_000


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
    # Random per ballot page (voting/repeats.py): a second press of the same page gets
    # the thanks, not a refusal of its code. Never offered again by the browser.
    page_key = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"autocomplete": "off"})
    )

    def __init__(self, *args, plans, hint, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["page_key"] = uuid.uuid4().hex
        field = self.fields["plans"]
        # The widget first: setting the choices hands them to the widget too. The other
        # way round the new widget had none, and the staff's paper ballot (rendered from
        # the widget) offered no plan to tick.
        field.widget = PlanChoices(costs={str(p.pk): p.cost for p in plans})
        field.choices = [(str(p.pk), p.title) for p in plans]
        field.help_text = hint


class PaperBallotForm(BallotForm):
    page_key = None  # staff type in paper ballots one by one: no repeats to recognise
    code = forms.CharField(
        label=_("Stemcode op het papieren biljet"),
        max_length=LENGTH + 10,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


# The largest address list read: the service reads a list whole, and its most rows
# (voting.services.codes.MAX_ROWS, 200,000) take about 10 MB. A larger file is the wrong
# one, and is refused before anything reads it into memory.
ADDRESS_LIST_MAX_BYTES = 32 * 1024 * 1024


class AddressListForm(AccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Adressenlijst (CSV)"),
        help_text=_(
            "Kolommen 'adres' en 'postcode', en bij codes per bewoner 'stemmers'. "
            "Het bestand wordt niet bewaard."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > ADDRESS_LIST_MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "Dit bestand is groter dan een adressenlijst kan zijn (meer dan "
                    "%(mb)s MB). Kies het juiste bestand, of splits de lijst."
                )
                % {"mb": ADDRESS_LIST_MAX_BYTES // (1024 * 1024)}
            )
        return upload


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


class PlanAddForm(AccessibleFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk van het idee"), max_length=20, help_text=_("Zoals 2026-0042.")
    )
    heading = forms.ModelChoiceField(label=_("Wijk"), queryset=None, empty_label=None)
    title = forms.CharField(
        label=_("Titel op het stembiljet"),
        max_length=200,
        required=False,
        help_text=_("Leeg: de openbare titel van het idee, als het openbaar is."),
    )
    # Typed as Dutch people write money ("€ 1.500,-", "1.500"); a number input refused
    # the euro sign and the thousands point.
    cost = MoneyField(
        label=_("Kosten in hele euro's"),
        help_text=_("Zoals 1.500 of € 1.500,-."),
        min_value=1,
        max_value=PLAN_COST_MAX,
        error_messages={
            "min_value": _("Vul een bedrag van minstens € 1 in."),
            "max_value": _("Dit bedrag is te hoog voor één plan."),
        },
    )
    summary = forms.CharField(
        label=_("Samenvatting voor de stemmers"), max_length=1500, widget=forms.Textarea
    )

    def clean_cost(self):
        cost = self.cleaned_data["cost"]
        if cost != cost.to_integral_value():
            raise forms.ValidationError(_("Vul hele euro's in, zonder centen."))
        return int(cost)

    def __init__(self, *args, headings, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Heading

        field = self.fields["heading"]
        field.queryset = Heading.objects.filter(pk__in=[h.pk for h in headings])
        field.label_from_instance = lambda heading: heading.budget.neighbourhood.name


class RoundForm(AccessibleFormMixin, forms.Form):
    """A new round: its rules and counting method are fixed here, before plans come in."""

    optional_marker = True

    title = forms.CharField(
        label=_("Naam"), max_length=200, help_text=_("Zoals 'Assendorp Begroot 2027'.")
    )
    budgets = forms.ModelMultipleChoiceField(
        label=_("Wijkbudgetten"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Elke wijk krijgt een eigen stembiljet en telling, met het hele budget."),
    )
    intro = forms.CharField(label=_("Uitleg voor bewoners"), required=False, widget=forms.Textarea)
    help_sessions = forms.CharField(
        label=_("Spreekuren"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Komt ook in de brieven."),
    )
    plans_until = forms.DateField(
        label=_("Plannen indienen tot en met"), widget=forms.DateInput(attrs={"type": "date"})
    )
    feasibility_until = forms.DateField(
        label=_("Toets klaar op"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ballot_opens = forms.DateField(
        label=_("Stemmen vanaf"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ballot_closes = forms.DateField(
        label=_("Stemmen tot en met"), widget=forms.DateInput(attrs={"type": "date"})
    )
    results_on = forms.DateField(
        label=_("Uitslag op"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ballot_rule = forms.ChoiceField(
        label=_("Soort stembiljet"), choices=BallotRule.choices, widget=forms.RadioSelect
    )
    min_choices = forms.IntegerField(label=_("Minimaal aantal plannen"), min_value=1, initial=1)
    max_choices = forms.IntegerField(
        label=_("Maximaal aantal plannen"), min_value=1, required=False
    )
    min_share = forms.IntegerField(
        label=_("Minimaal deel van het budget (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Alleen bij plannen binnen het budget."),
    )
    method = forms.ChoiceField(
        label=_("Telmethode"), choices=CountingMethod.choices, widget=forms.RadioSelect
    )
    completion = forms.ChoiceField(
        label=_("Geld dat overblijft bij gelijke delen"),
        choices=Completion.choices,
        widget=forms.RadioSelect,
        initial=Completion.ADD_ONE,
    )
    code_unit = forms.ChoiceField(
        label=_("Codes"),
        choices=CodeUnit.choices,
        widget=forms.RadioSelect,
        initial=CodeUnit.HOUSEHOLD,
    )

    DATES = ("plans_until", "feasibility_until", "ballot_opens", "ballot_closes", "results_on")

    def __init__(self, *args, budgets, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["budgets"]
        field.queryset = budgets
        field.label_from_instance = lambda b: (
            f"{b.neighbourhood.name} {b.year} (€ {int(b.amount):,})".replace(",", ".")
        )


class PabulibImportForm(AccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Pabulib-bestand (.pb)"),
        help_text=_(
            "De projecten worden plannen; staan er stemmen in, dan worden dat stembiljetten."
        ),
    )
    budget = forms.ModelChoiceField(label=_("Wijkbudget"), queryset=None)
    phase = forms.ChoiceField(
        label=_("Fase van de nieuwe stemronde"),
        choices=[
            (RoundStatus.FEASIBILITY, RoundStatus.FEASIBILITY.label),
            (RoundStatus.BALLOT_OPEN, RoundStatus.BALLOT_OPEN.label),
            (RoundStatus.COUNTING, RoundStatus.COUNTING.label),
            (RoundStatus.PUBLISHED, RoundStatus.PUBLISHED.label),
        ],
    )
    title = forms.CharField(
        label=_("Naam (leeg: de naam uit het bestand)"), max_length=200, required=False
    )

    def __init__(self, *args, budgets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget"].queryset = budgets
