"""Probe of the address list upload: a malformed CSV is a Dutch message next to the
file field, never a 500, and never echoes an address."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.voting.factories import HeadingFactory
from voting.models import VoterCode

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "content",
    [
        # An address with a comma nobody quoted: more fields than the header names.
        b"adres,postcode\nDiezerstraat 1, Zwolle,8011 AB\n",
        b"adres,postcode\nDiezer\x00straat 1,8011 AB\n",
        b"adres,postcode\n" + b"x" * 200_000 + b",8011 AB\n",
        b'adres,postcode\n"Diezerstraat 1,8011 AB\n',
        b"\xff\xfe\x00\x00garbage",
        b"",
    ],
)
def test_a_malformed_address_list_is_a_message_not_a_500(client, coordinator, content):
    heading = HeadingFactory(round__feasibility=True)
    client.force_login(coordinator)
    upload = SimpleUploadedFile("lijst.csv", content, content_type="text/csv")
    response = client.post(reverse("voting:codes", args=[heading.round.pk]), {"file": upload})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "Diezerstraat" not in response.content.decode()
        assert not VoterCode.objects.exists()


def test_an_unquoted_comma_in_an_address_names_the_line(client, coordinator):
    heading = HeadingFactory(round__feasibility=True)
    client.force_login(coordinator)
    content = b"adres,postcode\nDiezerstraat 1, Zwolle,8011 AB\n"
    upload = SimpleUploadedFile("lijst.csv", content, content_type="text/csv")
    response = client.post(reverse("voting:codes", args=[heading.round.pk]), {"file": upload})
    assert response.status_code == 400
    assert "Regel 2: deze regel heeft meer kolommen" in response.content.decode()


def test_an_oversized_field_says_the_file_is_unreadable(client, coordinator):
    heading = HeadingFactory(round__feasibility=True)
    client.force_login(coordinator)
    content = b"adres,postcode\n" + b"x" * 200_000 + b",8011 AB\n"
    upload = SimpleUploadedFile("lijst.csv", content, content_type="text/csv")
    response = client.post(reverse("voting:codes", args=[heading.round.pk]), {"file": upload})
    assert response.status_code == 400
    assert "geen leesbare CSV" in response.content.decode()


def test_an_address_list_over_the_size_limit_is_refused_before_it_is_read(
    client, coordinator, monkeypatch
):
    """The service reads the whole list into memory: a file far larger than any real list
    (the wrong export, say) must not take the web worker down with it."""
    monkeypatch.setattr("voting.forms.ADDRESS_LIST_MAX_BYTES", 1000, raising=False)
    heading = HeadingFactory(round__feasibility=True)
    client.force_login(coordinator)
    content = b"adres,postcode\n" + b"".join(
        b"Diezerstraat %d,8011 AB\n" % number for number in range(1, 100)
    )
    assert len(content) > 1000
    upload = SimpleUploadedFile("lijst.csv", content, content_type="text/csv")
    response = client.post(reverse("voting:codes", args=[heading.round.pk]), {"file": upload})
    assert response.status_code == 400
    assert "Dit bestand is groter dan een adressenlijst kan zijn" in response.content.decode()
    assert not VoterCode.objects.exists()


def test_letters_left_in_storage_go_when_the_ballot_closes(coordinator):
    """A letter holds a plain code and an address: once nobody can vote online with it,
    it is not kept, whether or not someone pressed "verwijderen" after printing."""
    from voting.constants import RoundStatus
    from voting.services import codes_issue, round_advance
    from voting.services.codes import letters_render

    heading = HeadingFactory(round__feasibility=True)
    batch = codes_issue(
        actor=coordinator, vote_round=heading.round, upload=b"adres,postcode\nA 1,8011 AB\n"
    )
    # The letters are drawn by a task since issue 19's letters step.
    assert letters_render(batch_id=batch.pk)
    batch.refresh_from_db()
    name = batch.file.name
    storage = batch.file.storage
    assert storage.exists(name)
    heading.round.status = RoundStatus.BALLOT_OPEN
    heading.round.save(update_fields=["status"])
    round_advance(actor=coordinator, vote_round=heading.round, to=RoundStatus.COUNTING)
    batch.refresh_from_db()
    assert not batch.file and batch.deleted_at is not None
    assert not storage.exists(name)
