import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.selectors import broker_list, staff_display_name
from config.form_markup import keep_markup_of
from config.forms import AccessibleFormMixin
from initiatives.constants import ALLOWED_TRANSITIONS, CLOSED_STATUSES, Status

from .constants import MAX_CONTACT_MINUTES, ContactChannel, InterventionType, ReferralOutcome
from .models import Organisation, StandardText
from .selectors import broker_with_open_cases_list

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BrokerChoiceField(forms.ModelChoiceField):
    """Brokers by the name residents know them by. The queryset is set per form
    (broker_list() depends on today's date); the class-level one is only a default."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("Kies een makelaar"))
        kwargs.setdefault("queryset", get_user_model().objects.none())
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return staff_display_name(obj)


class BrokerForm(AccessibleFormMixin, forms.Form):
    """The case file's and the handover's forms: plain labels, so optional fields say so.
    Every broker choice offers the brokers a case may be assigned to today."""

    optional_marker = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, BrokerChoiceField):
                field.queryset = broker_list()


class AssignForm(BrokerForm):
    broker = BrokerChoiceField(label=_("Nieuwe ideeënmakelaar"))
    note = forms.CharField(label=_("Toelichting (intern)"), required=False, max_length=500)


class BulkAssignForm(BrokerForm):
    initiatives = forms.TypedMultipleChoiceField(
        label=_("Ideeën"), coerce=int, choices=(), required=True
    )
    broker = BrokerChoiceField(label=_("Toewijzen aan"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; the service checks each case.
        values = self.data.getlist("initiatives") if hasattr(self.data, "getlist") else []
        self.fields["initiatives"].choices = [(v, v) for v in values]
        self.fields["initiatives"].error_messages["required"] = _("Kies minstens één idee.")


class HandoverForm(BrokerForm):
    from_broker = BrokerChoiceField(label=_("Van (vertrekkende) makelaar"))
    to_broker = BrokerChoiceField(label=_("Naar makelaar"))
    note = forms.CharField(label=_("Toelichting (intern)"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A broker who left (or whose end date passed) still hands their open cases over.
        self.fields["from_broker"].queryset = broker_with_open_cases_list()

    def clean(self):
        data = super().clean()
        if data.get("from_broker") and data.get("from_broker") == data.get("to_broker"):
            self.add_error("to_broker", _("Kies een andere makelaar."))
        return data


class ContactMomentForm(BrokerForm):
    """Every mistake is reported at once, in words about this field (not Django's
    generic ones): the date checks the service makes are made here too, so a wrong date
    is not reported only after the other fields are right."""

    happened_on = forms.DateField(
        label=_("Datum"),
        widget=DATE_INPUT,
        error_messages={
            "required": _("Vul de datum van het contact in."),
            "invalid": _("Vul een datum in, zoals 15-11-2026."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Hoe was het contact?"),
        choices=ContactChannel.choices,
        error_messages={
            "required": _("Kies hoe het contact was."),
            "invalid_choice": _("Kies hoe het contact was."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"),
        min_value=1,
        max_value=MAX_CONTACT_MINUTES,
        initial=15,
        error_messages={
            "required": _("Vul een duur van minstens 1 minuut in."),
            "invalid": _("Vul de duur in hele minuten in, zoals 15."),
            "min_value": _("Vul een duur van minstens 1 minuut in."),
            "max_value": _("Vul een duur van hoogstens %(limit_value)s minuten in."),
        },
    )
    intervention = forms.ChoiceField(
        label=_("Wat heeft u gedaan?"),
        choices=InterventionType.choices,
        error_messages={
            "required": _("Kies wat u heeft gedaan."),
            "invalid_choice": _("Kies wat u heeft gedaan."),
        },
    )
    summary = forms.CharField(
        label=_("Korte samenvatting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Schrijf kort op wat er besproken is.")},
    )

    def __init__(self, *args, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.fields["happened_on"].initial = timezone.localdate

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("De datum kan niet in de toekomst liggen."))
        if self.initiative is not None and day < timezone.localdate(self.initiative.submitted_at):
            raise forms.ValidationError(_("De datum ligt voor de dag waarop het idee binnenkwam."))
        return day


class StandardTextSelect(forms.Select):
    """The standard texts, each option saying which new statuses it suits
    (data-statuses, "" for a message without a change): static/js/casefile.js shows only
    the texts that suit the status chosen. Without JavaScript the server checks it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.statuses = {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        key = str(value)
        if key in self.statuses:
            option["attrs"]["data-statuses"] = " ".join(self.statuses[key])
        return option


# Its markup depends on its choices (in the key) and on which statuses each suits.
keep_markup_of(
    StandardTextSelect,
    lambda widget: tuple((key, tuple(fits)) for key, fits in widget.statuses.items()),
)


class StandardTextField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Standaardtekst"),
            help_text=_(
                "Kies een tekst en klik op 'Tekst invoegen'. Naam, titel en makelaar worden "
                "ingevuld; daarna kunt u de tekst nog aanpassen."
            ),
            queryset=StandardText.objects.filter(is_active=True),
            required=False,
            empty_label=_("Geen: zelf schrijven"),
            widget=StandardTextSelect,
            **kwargs,
        )


class MessageFormMixin:
    """A form with a message to the initiator, a standard text to start it from and a
    preview before it is sent (brokers/views/case_messages.py). `text_field` holds the
    words; `statuses()` are the changes the message may come with (None: no change)."""

    text_field = "message"

    def statuses(self) -> list:
        return [None]

    def text_fits(self, text) -> bool:
        return any(text.fits(status) for status in self.statuses())

    def offer_texts(self, texts) -> None:
        """The standard texts that suit this message, from rows already read (the case
        file reads every active text once): those for the chosen outcome first."""
        statuses = self.statuses()
        offered = []  # (text, the statuses it suits)
        for text in texts:
            fits = [status or "" for status in statuses if text.fits(status)]
            if fits:
                offered.append((text, fits))
        offered.sort(key=lambda row: (row[0].outcome == "", row[0].name))
        field = self.fields["standard_text"]
        field.choices = [("", field.empty_label)] + [
            (text.pk, field.label_from_instance(text)) for text, fits in offered
        ]
        field.widget.statuses = {str(text.pk): fits for text, fits in offered}


class TransitionForm(MessageFormMixin, BrokerForm):
    # Required when closing only: its label says so instead of "(niet verplicht)".
    conditionally_required = ("outcome_message",)
    text_field = "outcome_message"

    to_status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=(),
        error_messages={"required": _("Kies de nieuwe status.")},
    )
    standard_text = StandardTextField()
    note = forms.CharField(
        label=_("Reden (intern)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    outcome_message = forms.CharField(
        label=_("Bericht aan de initiatiefnemer (verplicht bij afsluiten)"),
        help_text=_(
            "Sluit u het idee af, schrijf dan in gewone taal wat er is gebeurd en waarom. "
            "Bij een andere status mag dit leeg blijven. Wat u hier schrijft, gaat naar de "
            "initiatiefnemer."
        ),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ALLOWED_TRANSITIONS[initiative.status]
        self.fields["to_status"].choices = [(s.value, s.label) for s in Status if s in allowed]
        self.fields["to_status"].widget.attrs["data-text-status"] = ""
        if initiative.status in CLOSED_STATUSES:
            # Reopening ends with a named broker who is active now.
            self.fields["broker"] = BrokerChoiceField(
                label=_("Ideeënmakelaar na heropenen"),
                help_text=_(
                    "Leeg laten: de vorige makelaar blijft, als die nog actief is. "
                    "De initiatiefnemer krijgt bericht."
                ),
                required=False,
                queryset=broker_list(),
            )

    def statuses(self) -> list:
        """The chosen new status (as typed in a bound form), else every allowed one."""
        allowed = [choice[0] for choice in self.fields["to_status"].choices]
        chosen = self.data.get(self.add_prefix("to_status")) if self.is_bound else None
        chosen = chosen or self.initial.get("to_status")
        return [chosen] if chosen in allowed else allowed

    def clean(self):
        data = super().clean()
        if data.get("to_status") in CLOSED_STATUSES and not data.get("outcome_message", "").strip():
            self.add_error(
                "outcome_message", _("Schrijf de initiatiefnemer wat er is gebeurd en waarom.")
            )
        return data


class CaseMessageForm(MessageFormMixin, BrokerForm):
    """A message to the initiator without a change of status."""

    standard_text = StandardTextField()
    message = forms.CharField(
        label=_("Wat wilt u de initiatiefnemer laten weten?"),
        help_text=_(
            "In gewone taal. Aanhef, groet en uw contactgegevens komen er vanzelf bij; "
            "bekijk het voorbeeld voor u verstuurt."
        ),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf het bericht aan de initiatiefnemer.")},
    )
    # One message per form: sending twice (a double click, a resent form) queues it once.
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("key"):
            self.initial["key"] = uuid.uuid4()


class NoteForm(BrokerForm):
    text = forms.CharField(
        label=_("Interne notitie"),
        help_text=_("Alleen voor medewerkers. De initiatiefnemer ziet dit nooit."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class WaitingForm(BrokerForm):
    reason = forms.CharField(
        label=_("Waarop wacht u?"),
        help_text=_("Bijvoorbeeld: gevraagd om een begroting te sturen."),
        max_length=300,
    )
    since = forms.DateField(label=_("Gevraagd op"), widget=DATE_INPUT, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["since"].initial = timezone.localdate


class ReferralForm(BrokerForm):
    organisation = forms.ModelChoiceField(
        label=_("Netwerkpartner"),
        queryset=Organisation.objects.filter(is_active=True),
        empty_label=_("Kies een netwerkpartner"),
    )
    reason = forms.CharField(
        label=_("Waarom doorverwijzen?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ReferralOutcomeForm(BrokerForm):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (v, label) for v, label in ReferralOutcome.choices if v != ReferralOutcome.PENDING
        ],
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)
