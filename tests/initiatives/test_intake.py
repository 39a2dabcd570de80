"""Assisted intake: the form speaks to the broker, lands on the new case file, and a
confirmation given during the call is recorded instead of a task to call back."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative
from messaging.constants import MessageChannel
from tests.initiatives.factories import theme
from tests.initiatives.payloads import submission_data
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db

INTAKE = "/makelaar/nieuw-idee/"


@pytest.fixture(autouse=True)
def _theme(db):
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300", name="Binnenstad"))


def test_the_intake_form_addresses_the_broker(client, broker):
    client.force_login(broker)
    page = client.get(INTAKE).content.decode()
    assert "Titel van het idee" in page and "Titel van uw idee" not in page
    assert "Wat wil de bewoner doen, en voor wie?" in page
    assert "<h2>Het idee</h2>" in page and "Uw idee" not in page
    assert "Bevestiging telefonisch gegeven" in page
    errors = client.post(INTAKE, submission_data(channel="phone", title="")).content.decode()
    assert "Geef het idee een titel." in errors and "Geef uw idee een titel." not in errors


def test_registering_lands_on_the_new_case_file(client, broker):
    client.force_login(broker)
    response = client.post(INTAKE, submission_data(channel="phone"))
    initiative = Initiative.objects.get()
    assert response["Location"] == reverse("brokers:case", args=[initiative.reference])
    page = client.get(response["Location"]).content.decode()
    assert f"Idee {initiative.reference} is geregistreerd." in page


def test_a_confirmation_given_in_the_call_is_recorded_not_a_task_to_call_back(client, broker):
    client.force_login(broker)
    data = submission_data(
        channel="phone", email="", phone="06 1111 2222", preferred_channel="phone"
    )
    client.post(INTAKE, data | {"confirmed_in_call": "on"})
    initiative = Initiative.objects.get()
    acknowledgement = initiative.messages.get()
    assert acknowledgement.channel == MessageChannel.PHONE_TASK
    assert acknowledgement.done_by == broker and acknowledgement.sent_at is not None
    page = client.get(reverse("brokers:case", args=[initiative.reference])).content.decode()
    assert "De bevestiging die u in het gesprek gaf, is vastgelegd." in page
    # The outbox lists each open task with its "Gedaan" button (the subject is shown
    # without the reference, which stands once on the case's line).
    outbox = client.get(reverse("brokers:outbox")).content.decode()
    assert f'name="task" value="{acknowledgement.pk}"' not in outbox

    # Without the tick the call-back task stays on the list.
    client.post(INTAKE, data | {"submission_key": "5f0c3f65-2d0e-4b8a-9d57-3a1c3c1d1f00"})
    second = Initiative.objects.exclude(pk=initiative.pk).get()
    task = second.messages.get()
    assert task.sent_at is None
    outbox = client.get(reverse("brokers:outbox")).content.decode()
    assert f'name="task" value="{task.pk}"' in outbox
    assert "We hebben uw idee ontvangen" in outbox


def test_an_email_still_goes_out_after_a_confirmation_in_the_call(client, broker):
    client.force_login(broker)
    client.post(INTAKE, submission_data(channel="phone") | {"confirmed_in_call": "on"})
    acknowledgement = Initiative.objects.get().messages.get()
    assert acknowledgement.channel == MessageChannel.EMAIL and acknowledgement.done_by is None
