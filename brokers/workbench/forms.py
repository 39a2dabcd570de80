"""The queue's bulk-action and saved-view forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.constants import CLOSED_STATUSES, Status

from ..forms import BrokerChoiceField, BrokerForm

ACTIONS = [
    ("assign", _("Toewijzen")),
    ("waiting", _("Wacht op initiatiefnemer")),
    ("status", _("Status wijzigen")),
]


VIEW_CHANGED = _(
    "Er is niets gedaan: laad de weergave opnieuw, kijk welke ideeën erin staan en kies dan "
    "opnieuw."
)


class BulkActionForm(BrokerForm):
    """Which cases (ticked ones, or every case matching the view) and what to do."""

    action = forms.ChoiceField(label=_("Actie"), choices=ACTIONS, required=False)
    initiatives = forms.TypedMultipleChoiceField(
        label=_("Ideeën"), coerce=int, choices=(), required=False
    )
    scope = forms.ChoiceField(
        label=_("Welke ideeën"),
        choices=[("picked", _("Aangevinkt")), ("matching", _("Alle in deze weergave"))],
        required=False,
    )
    # With "matching": how many cases the page said the view has, and its search term
    # (posted, not in the URL: it may hold a name). The action runs on that view only if
    # it still has that many cases.
    expected = forms.IntegerField(required=False, min_value=0)
    search = forms.CharField(required=False, max_length=200)
    broker = BrokerChoiceField(label=_("Toewijzen aan"), required=False)
    reason = forms.CharField(label=_("Waarop wacht u"), required=False, max_length=300)
    to_status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[("", _("Kies een status")), *Status.choices],
        required=False,
    )
    message = forms.CharField(
        label=_("Bericht aan elke initiatiefnemer"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; the service checks each case.
        values = self.data.getlist("initiatives") if hasattr(self.data, "getlist") else []
        self.fields["initiatives"].choices = [(v, v) for v in values]

    def clean(self):
        data = super().clean()
        action = data.get("action") or "assign"
        data["action"] = action
        if data.get("scope") != "matching" and not data.get("initiatives"):
            self.add_error("initiatives", _("Kies minstens één idee."))
        if data.get("scope") == "matching" and data.get("expected") is None:
            self.add_error("scope", VIEW_CHANGED)
        if action == "assign" and not data.get("broker"):
            self.add_error("broker", _("Kies aan wie u de ideeën toewijst."))
        if action == "waiting" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Schrijf op waarop u wacht."))
        if action == "status" and not data.get("to_status"):
            self.add_error("to_status", _("Kies de nieuwe status."))
        if data.get("to_status") in CLOSED_STATUSES and not (data.get("message") or "").strip():
            self.add_error("message", _("Schrijf de initiatiefnemers wat er is gebeurd en waarom."))
        return data


class SavedViewForm(BrokerForm):
    name = forms.CharField(
        label=_("Naam van de weergave"),
        max_length=80,
        error_messages={"required": _("Geef de weergave een naam.")},
    )
    shared = forms.BooleanField(label=_("Delen met collega's"), required=False)
