"""The initiator's answers to a survey or a check-in (a private link in a message)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import AccessibleFormMixin

from .fields import too_long_error


class SurveyForm(AccessibleFormMixin, forms.Form):
    optional_marker = True

    score = forms.TypedChoiceField(
        label=_("Welk cijfer geeft u onze hulp?"),
        help_text=_("1 is heel slecht, 5 is heel goed."),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een cijfer van 1 tot 5.")},
    )
    comment = forms.CharField(
        label=_("Wilt u iets uitleggen?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        error_messages=too_long_error(2000),
    )


class CheckInForm(AccessibleFormMixin, forms.Form):
    # No "(niet verplicht)": the answer is needed unless the box below is ticked, and
    # its hint says so.
    optional_marker = False

    answer = forms.CharField(
        label=_("Hoe gaat het met uw idee?"),
        help_text=_(
            "Schrijf het in een paar zinnen. Praat u liever? Vink dan hieronder aan: "
            "dan mag dit leeg blijven."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
        error_messages=too_long_error(2000),
    )
    needs_help = forms.BooleanField(
        label=_("Ik wil graag dat de ideeënmakelaar contact met mij opneemt."), required=False
    )

    def clean(self):
        data = super().clean()
        # An answer refused for its length is there: asking for one would contradict it.
        if "answer" in self.errors:
            return data
        if not data.get("answer", "").strip() and not data.get("needs_help"):
            self.add_error("answer", _("Schrijf kort hoe het gaat, of vraag om contact."))
        return data
