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
    """Which cases (ticked ones, or every case matching the view) and what to do. Each
    action's hint says who is told and how (the handover's confirmation says it too)."""

    # Each action needs its own fields only: no "(niet verplicht)" on any; each message
    # says on its own what to do.
    optional_marker = False
    summary_with_labels = False

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
    broker = BrokerChoiceField(
        label=_("Toewijzen aan"),
        required=False,
        help_text=_(
            "Elke initiatiefnemer krijgt bericht wie nu zijn of haar makelaar is: per e-mail, "
            "of via een bel- of briefopdracht in ‘Berichten en taken’."
        ),
    )
    reason = forms.CharField(
        label=_("Wacht op initiatiefnemer; waarop"),
        required=False,
        max_length=300,
        help_text=_("Alleen voor u en uw collega's: de initiatiefnemers krijgen geen bericht."),
    )
    to_status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[("", _("Kies een status")), *Status.choices],
        required=False,
    )
    message = forms.CharField(
        label=_("Bericht aan elke initiatiefnemer"),
        required=False,
        max_length=5000,
        help_text=_(
            "Elke initiatiefnemer krijgt dit bericht, per e-mail of via een bel- of "
            "briefopdracht in ‘Berichten en taken’; bij afsluiten is het verplicht. Zonder "
            "bericht krijgen zij bij een andere status niets."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    # Where the error summary's "choose a case" links to: the first case's checkbox in
    # the table (the queue page sets it; the form has no input of that name of its own).
    first_pick = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_bulk_%s")  # not the filter form's ids on one page
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

    def point_at(self, rows) -> None:
        """The queue's rows: "choose a case" links to the first one's checkbox."""
        if rows:
            self.first_pick = f"pick-{rows[0].initiative.pk}"

    def picked(self) -> set[int]:
        """The ticked cases as posted, so a page shown again keeps them ticked."""
        values = self.data.getlist("initiatives") if hasattr(self.data, "getlist") else []
        return {int(v) for v in values if str(v).isdigit()}

    def error_summary(self):
        own = self["initiatives"].anchor
        return [
            (self.first_pick if anchor == own and self.first_pick else anchor, message)
            for anchor, message in super().error_summary()
        ]


class SavedViewForm(BrokerForm):
    optional_marker = False
    summary_with_labels = False

    name = forms.CharField(
        label=_("Deze filters bewaren als"),
        max_length=80,
        error_messages={"required": _("Geef de weergave een naam.")},
        help_text=_("De filters, de volgorde en de zoekterm worden bewaard, de pagina niet."),
    )
    shared = forms.BooleanField(label=_("Delen met collega's"), required=False)
    # Set by the second button after "a view with this name exists": replace it.
    replace = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_view_%s")
        super().__init__(*args, **kwargs)

    @property
    def name_in_use(self) -> bool:
        """Refused because the broker has a view of this name: offer to replace it."""
        return self.has_error("name", "exists")


def queue_forms(user, context: dict, posted: dict | None = None) -> dict:
    """The queue's bulk and saved-view forms: `posted` (refused, shown again), else as a
    fresh page shows them. The saved-view form starts from the view that is open when it
    is the broker's own: saving it again keeps its name and its sharing (colleagues do
    not silently lose it)."""
    initial, active = {}, context.get("active_view")
    if active:
        for view in context["saved_views"]:
            if str(view.pk) == active and view.owner_id == user.pk:
                initial = {"name": view.name, "shared": view.shared}
    return {
        "bulk_form": BulkActionForm(initial={"broker": user.pk}),
        "saved_view_form": SavedViewForm(initial=initial),
        **(posted or {}),
    }
