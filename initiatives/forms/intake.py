"""Staff's assisted intake: the submission form as a broker fills it in during a call, a
walk-in hour or from a letter, addressed to the broker ("the idea", "the resident")."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..constants import STAFF_NEED_CHOICES, Channel
from .fields import (
    NOT_REMEMBERED,
    PERSONAL_FIELDS,
    ConsentCheckbox,
    TextField,
    language_field,
    too_long_error,
)
from .submission import SubmissionForm


class IntakeForm(SubmissionForm):
    """Staff register an idea on a resident's behalf (phone, walk-in hour, letter...)."""

    contact_fields = ("email", "phone", "address")

    channel = forms.ChoiceField(
        label=_("Hoe kwam het idee binnen?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.WEB],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het idee binnenkwam.")},
    )
    consent_matching = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("De bewoner wil dat zijn of haar gegevens gedeeld worden bij een koppeling."),
        required=False,
    )
    consent_publish = forms.BooleanField(
        widget=ConsentCheckbox,
        label=_("De bewoner wil dat het idee op de website staat (zonder naam)."),
        required=False,
    )
    address = TextField(
        label=_("Adres (voor een brief)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=NOT_REMEMBERED),
        error_messages=too_long_error(300),
    )

    # Staff fill this form in whatever language they work in: the resident's language is
    # asked, Dutch unless changed.
    language = language_field(
        _("In welke taal krijgt de bewoner onze berichten?"), initial=settings.LANGUAGE_CODE
    )
    take_on = forms.BooleanField(
        label=_("Ik pak dit zelf op: ik word de ideeënmakelaar van dit idee."),
        help_text=_(
            "Elk idee heeft één vaste makelaar. Zet het vinkje uit als een collega of de "
            "coördinator het idee toewijst."
        ),
        required=False,
        initial=True,
    )
    confirmed_in_call = forms.BooleanField(
        label=_(
            "Bevestiging telefonisch gegeven: ik heb de bewoner in dit gesprek verteld dat het "
            "idee is geregistreerd en wat er nu gebeurt."
        ),
        help_text=_(
            "Dan komt er geen taak om de bewoner hierover terug te bellen. Een e-mail of "
            "brief gaat nog wel, als de bewoner die wil."
        ),
        required=False,
    )

    # What the broker reads: about the resident and "the idea", not "your idea".
    STAFF_WORDING = {
        "title": (_("Titel van het idee"), None, _("Geef het idee een titel.")),
        "description": (
            _("Wat wil de bewoner doen, en voor wie?"),
            _("Schrijf het op zoals de bewoner het vertelt. Het hoeft niet af te zijn."),
            _("Vul in wat de bewoner wil doen, en voor wie."),
        ),
        "theme": (_("Waar gaat het idee over?"), None, _("Kies waar het idee over gaat.")),
        "neighbourhood": (
            None,
            _("Weet de bewoner het niet? Vul dan hieronder de postcode in."),
            None,
        ),
        "postcode": (_("Postcode (als de wijk niet bekend is)"), None, None),
        "needs": (_("Waar wil de bewoner hulp bij?"), _("Niets kiezen mag ook."), None),
    }

    # The page's order (the error summary follows it); the confirmation comes last.
    field_order = [
        "channel",
        *SubmissionForm.field_order,
        "language",
        "take_on",
        "confirmed_in_call",
    ]

    # Staff type the postcode from a call or a letter, also for a letter back: the whole
    # postcode, not four digits.
    full_postcode_only = True
    # The checks across fields, addressed to the broker about the initiator.
    wording = {
        "no_neighbourhood": _(
            "Kies de wijk van de initiatiefnemer. Of vul de postcode in, dan wordt de "
            "wijk opgezocht."
        ),
        "postcode_unknown": _(
            "Bij deze postcode is geen wijk gevonden. Kies de wijk uit de lijst."
        ),
        "postcode_partial": _("Vul een postcode in als 1234 AB."),
        "postcode_format": _("Vul een postcode in als 1234 AB."),
        "needs_email": _("U koos e-mail. Vul ook het e-mailadres van de initiatiefnemer in."),
        "needs_phone": _("U koos telefoon. Vul ook het telefoonnummer van de initiatiefnemer in."),
        "needs_address": _("U koos een brief. Vul ook het adres van de initiatiefnemer in."),
    }

    def messages_language(self) -> str:
        return self.cleaned_data.get("language") or settings.LANGUAGE_CODE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        # Staff type in someone else's details: no autofill of their own or the last one's.
        for name in PERSONAL_FIELDS:
            self.fields[name].widget.attrs.update(NOT_REMEMBERED)
        for name, (label, hint, required) in self.STAFF_WORDING.items():
            field = self.fields[name]
            if label:
                field.label = label
            if hint:
                field.help_text = hint
            if required:
                field.error_messages = field.error_messages | {"required": required}
        self.fields["name"].label = _("Naam van de bewoner")
        self.fields["initiator_kind"].label = _("Wie is de initiatiefnemer?")
        self.fields["preferred_channel"].label = _("Hoe wil de bewoner contact?")
        for name, message in (
            ("name", _("Vul de naam van de initiatiefnemer in.")),
            ("initiator_kind", _("Kies wie de initiatiefnemer is.")),
            ("preferred_channel", _("Kies hoe de initiatiefnemer contact wil.")),
        ):
            field = self.fields[name]
            field.error_messages = field.error_messages | {"required": message}
        # The resident's own words ("mijn idee") read wrongly in the broker's form.
        self.fields["needs"].choices = STAFF_NEED_CHOICES

    def contact_missing_message(self):
        return _("Vul een e-mailadres, telefoonnummer of adres in.")
