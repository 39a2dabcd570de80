"""Probe of the new staff forms: malformed input is a message on the page, never a 500."""

import pytest
from django.urls import reverse

from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.mark.parametrize("value", ["abc", NUL, "9" * 30, "-1", "\u00b2"])
def test_inserting_a_malformed_standard_text_choice_is_a_message(client, broker, value):
    initiative = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    response = client.post(
        reverse("brokers:case-transition", args=[initiative.reference]),
        {"insert": "1", "transition-standard_text": value, "transition-outcome_message": "Hoi"},
    )
    assert response.status_code < 500
    assert "Kies eerst een standaardtekst." in response.content.decode()


@pytest.mark.parametrize("query", [{"kind": NUL}, {"theme": NUL}, {"area": NUL}])
def test_network_filters_with_nul_bytes(client, broker, query):
    client.force_login(broker)
    assert client.get(reverse("brokers:network"), query).status_code < 500


def test_queue_search_with_nul_bytes(client, broker):
    client.force_login(broker)
    response = client.post(reverse("brokers:queue"), {"q": f"moes{NUL}tuin"}, follow=True)
    assert response.status_code < 500
    assert client.get(reverse("brokers:queue"), {"q": NUL}).status_code < 500


def test_a_posted_row_id_in_other_digits_is_no_500(client, broker):
    """ "²".isdigit() is true but int("²") fails: the views take ASCII digits only."""
    from tests.matching.test_views import _suggestion

    a, _b, suggestion = _suggestion()
    client.force_login(broker)
    response = client.post(
        reverse("matching:accept", args=[suggestion.pk]), {"initiative": "\u00b2"}
    )
    assert response.status_code < 500
    response = client.post(reverse("brokers:tasks_done"), {"task": ["\u00b2", "9" * 30]})
    assert response.status_code < 500


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"submission_key": "not-a-uuid", "title": "x" * 10_000, "neighbourhood": "abc"},
        {"title": "Moes\x00tuin", "description": "\x00", "theme": "\u00b2", "channel": "\x00"},
        {"needs": ["\x00", "9" * 30], "preferred_channel": "x" * 500},
    ],
)
def test_assisted_intake_with_malformed_input_is_a_message(client, broker, data):
    client.force_login(broker)
    response = client.post(reverse("initiatives:intake"), data)
    assert response.status_code in (200, 400)
    assert "Er ging iets mis" in response.content.decode()


@pytest.mark.parametrize("decision", ["", "Confirm", "bevestigen", None])
def test_a_paper_ballot_check_without_a_clear_decision_changes_nothing(client, broker, decision):
    """Four eyes: the second person's click confirms or rejects. A post that says
    neither (no button value, a typo) must not throw the first person's entry away."""
    from accounts.roles import Role
    from tests.accounts.factories import StaffFactory
    from tests.voting.factories import PaperBallotEntryFactory
    from voting.models import PaperBallotEntry

    entry = PaperBallotEntryFactory(
        entered_by=StaffFactory(role=Role.BROKER), code__heading__round__ballot_open=True
    )
    client.force_login(broker)
    data = {"entry": entry.pk} | ({} if decision is None else {"decision": decision})
    response = client.post(
        reverse("voting:paper-decide", args=[entry.code.heading.round.pk]), data, follow=True
    )
    assert PaperBallotEntry.objects.filter(pk=entry.pk).exists()
    assert response.status_code == 400
