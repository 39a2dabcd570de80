import re
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Survey
from messaging.constants import MessageChannel
from messaging.models import OutboundMessage
from messaging.services import message_queue
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import (
    CheckInFactory,
    InitiativeFactory,
    InitiatorFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


def _failed(initiative, n):
    message = message_queue(
        key=f"failed-{n}",
        kind="outcome",
        channel=MessageChannel.EMAIL,
        subject=f"Uitkomst {n}",
        body="...",
        to_email="x@example.nl",
        initiative=initiative,
    )
    OutboundMessage.objects.filter(pk=message.pk).update(
        attempts=10, failed_at=timezone.now(), last_error="SMTPRecipientsRefused: 550 no such user"
    )
    return message


def test_staff_page_lists_failed_messages_with_reason_and_open_tasks(
    client, broker, django_assert_max_num_queries
):
    for n in range(5):
        initiative = InitiativeFactory(broker=broker)
        _failed(initiative, n)
    task = message_queue(
        key="task",
        kind="outcome",
        channel=MessageChannel.PHONE_TASK,
        subject="Bellen: uitkomst",
        body="Bel de initiatiefnemer.",
        initiative=InitiativeFactory(broker=broker),
    )
    message_queue(  # a colleague's case: not on this broker's page
        key="other",
        kind="outcome",
        channel=MessageChannel.PHONE_TASK,
        subject="Niet van mij",
        body="...",
        initiative=InitiativeFactory(broker=StaffFactory(role="broker")),
    )
    client.force_login(broker)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("brokers:outbox"))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("550 no such user") == 5
    assert "Bellen: uitkomst" in content
    assert "Niet van mij" not in content

    response = client.post(reverse("brokers:task_done", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None and task.done_by == broker


def test_staff_page_is_for_brokers_only(client, civil_servant):
    assert client.get(reverse("brokers:outbox")).status_code == 302  # to the login
    client.force_login(civil_servant)
    assert client.get(reverse("brokers:outbox")).status_code == 403


def test_coordinator_sees_everything_and_low_scores(client, coordinator):
    initiative = InitiativeFactory(realised=True)
    _failed(initiative, 1)
    SurveyFactory(initiative=initiative, low_score=True, comment="Niemand belde")
    client.force_login(coordinator)
    content = client.get(reverse("brokers:outbox")).content.decode()
    assert "Uitkomst 1" in content and "Niemand belde" in content


def _survey():
    initiative = InitiativeFactory(realised=True)
    survey = SurveyFactory(initiative=initiative)
    return survey, reverse(
        "initiatives:survey", args=[signing.dumps(survey.pk, salt="messaging.survey")]
    )


def test_survey_page_error_keeps_input_then_one_answer(client):
    survey, url = _survey()
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    response = client.post(url, {"comment": "Fijne hulp"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in content and "Kies een cijfer van 1 tot 5." in content
    assert "Fijne hulp" in content  # what they typed is still there
    response = client.post(url, {"score": "5", "comment": "Fijne hulp"})
    assert "Dank u wel" in response.content.decode()
    survey.refresh_from_db()
    assert survey.score == 5
    response = client.post(url, {"score": "1"})
    assert "gesloten" in response.content.decode()
    survey.refresh_from_db()
    assert survey.score == 5


def test_tampered_or_expired_links(client):
    survey, url = _survey()
    assert client.get(url[:-3] + "xx/").status_code == 404
    Survey.objects.filter(pk=survey.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert "gesloten" in client.get(url).content.decode()


def test_check_in_page(client):
    initiative = InitiativeFactory(in_progress=True, initiator=InitiatorFactory())
    check_in = CheckInFactory(initiative=initiative, week=4)
    url = reverse(
        "initiatives:check_in", args=[signing.dumps(check_in.pk, salt="messaging.check-in")]
    )
    response = client.post(url, {"answer": ""})
    assert "Schrijf kort hoe het gaat" in response.content.decode()
    client.post(url, {"answer": "Goed!", "needs_help": "on"})
    check_in.refresh_from_db()
    assert check_in.answer == "Goed!" and check_in.needs_help


def test_staff_never_see_a_residents_private_link(client, broker):
    """Audit finding: the current link was readable in the case timeline, the API and
    the outbox list, so staff could act on the resident's page as the resident. Only a
    letter still to be sent shows it: the broker prints that letter as it is."""
    from initiatives.links import private_token
    from initiatives.services import initiative_link_renew
    from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

    by_email = initiative_link_renew(initiative=InitiativeFactory(broker=broker))
    by_letter = initiative_link_renew(
        initiative=InitiativeFactory(
            broker=broker,
            initiator=InitiatorFactory(
                no_email=True, preferred_channel="letter", address="Kerkstraat 1"
            ),
        )
    )
    client.force_login(broker)
    # (A token ends in its signature: the part before the first colon names the idea.)
    email_token = private_token(by_email).split(":")[0]
    for url in (
        f"/makelaar/ideeen/{by_email.reference}/",
        f"/api/v1/cases/{by_email.reference}/",
        "/makelaar/berichten/",
    ):
        html = client.get(url).content.decode()
        assert email_token not in html, url
    assert "[afgeschermd]" in client.get(f"/makelaar/ideeen/{by_email.reference}/").content.decode()
    letter = client.get(f"/makelaar/ideeen/{by_letter.reference}/").content.decode()
    assert re.search(r"/mijn-idee/[A-Za-z0-9_-]+:", letter)


def test_tasks_of_a_case_without_a_broker_are_on_every_brokers_list(client, broker):
    """A broker registers an idea for a resident without e-mail (assisted intake): the
    acknowledgement is a call task on a case nobody has claimed yet. It must be on the
    list of the broker who registered it, and of every other broker."""
    from accounts.roles import Role
    from initiatives.constants import Channel, InitiatorKind, PreferredChannel
    from initiatives.services import InitiatorData, initiative_submit
    from tests.initiatives.factories import theme

    initiative = initiative_submit(
        actor=broker,
        title="Bankje bij de bushalte",
        description="Een bankje voor wie op de bus wacht.",
        theme=theme(),
        neighbourhood=None,
        initiator=InitiatorData(
            kind=InitiatorKind.RESIDENT,
            name="Kees Bakker",
            phone="06 2222 3333",
            preferred_channel=PreferredChannel.PHONE,
        ),
        channel=Channel.PHONE,
        needs=[],
    )
    assert initiative.broker is None
    task = OutboundMessage.objects.get(initiative=initiative)
    assert task.channel == MessageChannel.PHONE_TASK
    for viewer in (broker, StaffFactory(role=Role.BROKER)):
        client.force_login(viewer)
        outbox = client.get(reverse("brokers:outbox")).content.decode()
        assert f'name="task" value="{task.pk}"' in outbox
        assert f"{initiative.reference} Bankje bij de bushalte" in outbox


def test_the_admin_shows_messages_without_the_private_link(client):
    from initiatives.links import private_token
    from initiatives.services import initiative_link_renew
    from tests.initiatives.factories import InitiativeFactory

    initiative = initiative_link_renew(initiative=InitiativeFactory())
    message = OutboundMessage.objects.get(initiative=initiative)
    admin = StaffFactory(role="superuser")
    client.force_login(admin)
    html = client.get(f"/admin/messaging/outboundmessage/{message.pk}/change/").content.decode()
    assert "[afgeschermd]" in html
    assert private_token(initiative).split(":")[0] not in html


def test_a_survey_is_read_by_staff_who_work_cases_only(broker, civil_servant):
    from initiatives.selectors import survey_get_for_viewer

    survey, _url = _survey()

    assert survey_get_for_viewer(viewer=broker, pk=survey.pk) == survey
    assert survey_get_for_viewer(viewer=broker, pk=survey.pk + 1) is None
    assert survey_get_for_viewer(viewer=civil_servant, pk=survey.pk) is None
