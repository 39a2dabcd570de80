"""Assisted intake (walkthrough, issue 16, defect 8): the staff form's messages speak to
the broker about the initiator, a badly formatted postcode gets a format error, and the
registering broker can take the idea on. The resident's own form keeps saying "uw"."""

import pytest
from django.urls import reverse
from django.utils import translation

from initiatives.forms import IntakeForm, SubmissionForm
from initiatives.models import Initiative
from messaging.constants import MessageChannel, MessageKind
from tests.initiatives.factories import theme
from tests.initiatives.payloads import submission_data
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db

INTAKE = "/makelaar/nieuw-idee/"


@pytest.fixture(autouse=True)
def _setup():
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300", name="Binnenstad"))
    with translation.override("nl"):
        yield


def _errors(cls, **overrides):
    form = cls(submission_data(channel="phone", **overrides))
    form.is_valid()
    return {field: " ".join(messages) for field, messages in form.errors.items()}


@pytest.mark.parametrize(
    ("overrides", "field", "staff", "resident"),
    [
        (
            {"postcode": "", "neighbourhood": ""},
            "neighbourhood",
            "Kies de wijk van de initiatiefnemer.",
            "Kies uw wijk.",
        ),
        (
            {"postcode": "9999 ZZ"},
            "neighbourhood",
            "Bij deze postcode is geen wijk gevonden.",
            "Kies uw wijk uit de lijst.",
        ),
        ({"name": ""}, "name", "Vul de naam van de initiatiefnemer in.", "Vul uw naam in."),
        (
            {"initiator_kind": ""},
            "initiator_kind",
            "Kies wie de initiatiefnemer is.",
            "Kies wie u bent.",
        ),
        (
            {"email": "", "phone": "06 1111 2222"},
            "preferred_channel",
            "het e-mailadres van de initiatiefnemer",
            "Vul ook uw e-mailadres in.",
        ),
        ({"postcode": "1234"}, "postcode", "Vul een postcode in als 1234 AB.", "hele postcode"),
        ({"postcode": "12"}, "postcode", "Vul een postcode in als 1234 AB.", "zoals 8011 AB"),
    ],
)
def test_the_staff_form_speaks_of_the_initiator_the_resident_form_of_you(
    overrides, field, staff, resident
):
    staff_errors = _errors(IntakeForm, **overrides)
    resident_errors = _errors(SubmissionForm, **overrides)
    assert staff in staff_errors[field]
    assert " uw " not in f" {staff_errors[field]} ".lower()
    assert resident in resident_errors[field]


def test_four_digits_still_find_the_neighbourhood_for_a_resident():
    form = SubmissionForm(submission_data(postcode="8011"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["neighbourhood"].code == "WK019300"
    assert "postcode" in _errors(IntakeForm, postcode="8011")


def test_the_help_option_reads_without_mijn_for_staff(client, broker):
    client.force_login(broker)
    page = client.get(INTAKE).content.decode()
    assert "Meedenken over het idee" in page and "mijn idee" not in page
    assert "Meedenken over mijn idee" in client.get(reverse("initiatives:submit")).content.decode()


def test_the_registering_broker_takes_the_idea_on_by_default(client, broker):
    client.force_login(broker)
    page = client.get(INTAKE).content.decode()
    assert "Ik pak dit zelf op" in page
    assert 'name="take_on"' in page and "checked" in page.split('name="take_on"')[1][:80]
    response = client.post(INTAKE, submission_data(channel="phone") | {"take_on": "on"})
    initiative = Initiative.objects.get()
    assert initiative.broker == broker
    assert response["Location"] == reverse("brokers:case", args=[initiative.reference])
    page = client.get(response["Location"]).content.decode()
    assert "U bent de ideeënmakelaar van dit idee." in page
    assert initiative.messages.filter(kind=MessageKind.BROKER_ASSIGNED).count() == 1


def test_unticked_the_idea_waits_for_triage(client, broker):
    client.force_login(broker)
    client.post(INTAKE, submission_data(channel="phone"))
    assert Initiative.objects.get().broker is None


def test_told_in_the_call_no_task_to_call_back_about_the_broker(client, broker):
    client.force_login(broker)
    data = submission_data(
        channel="phone", email="", phone="06 1111 2222", preferred_channel="phone"
    )
    client.post(INTAKE, data | {"take_on": "on", "confirmed_in_call": "on"})
    initiative = Initiative.objects.get()
    assert initiative.broker == broker
    open_tasks = initiative.messages.filter(
        channel=MessageChannel.PHONE_TASK, done_at__isnull=True, sent_at__isnull=True
    )
    assert not open_tasks.exists()


def test_every_need_has_one_staff_label_and_the_stored_choices_stay():
    """One mapping beside the choices (initiatives.constants): every need has a staff
    label, none in the resident's first person; the model's choices (and so the
    migrations) keep the resident's words."""
    from initiatives.constants import STAFF_NEED_LABELS, Need, staff_need_labels

    assert set(STAFF_NEED_LABELS) == set(Need)
    with translation.override("nl"):
        assert not [label for label in STAFF_NEED_LABELS.values() if "mijn" in str(label)]
        assert staff_need_labels(["thinking_along", "gone", "funding"]) == [
            "Meedenken over het idee",
            "Geld zoeken",
        ]
    field = Initiative._meta.get_field("needs").base_field
    assert dict(field.choices)["thinking_along"] == "Meedenken over mijn idee"
