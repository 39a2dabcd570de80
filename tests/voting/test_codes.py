import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from voting.codes import code_digest, code_display, code_new, code_normalise
from voting.constants import CodeStatus, CodeUnit, LettersStatus
from voting.letters import Letter, letters_pdf
from voting.models import LetterBatch, VoterCode
from voting.services import (
    code_reissue,
    codes_issue,
    letters_render,
    letters_render_unfinished,
)

from .factories import HeadingFactory, VoterCodeFactory

pytestmark = pytest.mark.django_db

CSV = "adres;postcode;stemmers\nDiezerstraat 1;8011 RB;2\nDiezerstraat 3A;8011rb;1\n"


def test_codes_are_read_generously_and_stored_only_as_keyed_hashes(settings):
    code = code_new()
    assert code_normalise(code_display(code).lower().replace("-", " ")) == code
    assert code_normalise("IIII-OOOO-1111") is None
    digest = code_digest(code)
    settings.VOTING_CODE_KEY = "another key"
    assert code_digest(code) != digest


def test_an_address_list_makes_codes_and_letters_and_keeps_no_address(
    coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("voting.tasks.letters_render.delay", queued.append)
    heading = HeadingFactory(round__feasibility=True, round__code_unit=CodeUnit.VOTER)
    with django_capture_on_commit_callbacks(execute=True):
        batch = codes_issue(actor=coordinator, vote_round=heading.round, upload=CSV.encode())
    assert batch.codes == 3
    assert VoterCode.objects.filter(heading=heading, status=CodeStatus.ISSUED).count() == 3
    # The upload stores the codes and queues the letters; it does not draw them.
    assert queued == [batch.pk]
    assert batch.status == LettersStatus.QUEUED and not batch.file
    source = batch.source.name
    with django_capture_on_commit_callbacks(execute=True):
        assert letters_render(batch_id=batch.pk) is True
    batch.refresh_from_db()
    assert batch.status == LettersStatus.READY and batch.done == 3
    assert batch.file.read().startswith(b"%PDF")
    # The plain codes and addresses waiting for the task are gone with it.
    assert not batch.source and not default_storage.exists(source)
    # A task delivered twice draws the letters once.
    assert letters_render(batch_id=batch.pk) is False
    stored = " ".join(
        f"{row}" for row in VoterCode.objects.values_list("digest", "address_digest", "reason")
    )
    assert "Diezerstraat" not in stored


def test_a_list_with_bad_rows_stores_nothing_and_names_every_line(coordinator):
    heading = HeadingFactory(round__feasibility=True)
    bad = (
        "adres,postcode\nDiezerstraat 1,8011 RB\n,8011 RB\n"
        "Diezerstraat 5,80112\nDiezerstraat 1,8011RB\n"
    )
    with pytest.raises(ValidationError) as caught:
        codes_issue(actor=coordinator, vote_round=heading.round, upload=bad.encode())
    messages = caught.value.message_dict["file"]
    assert [m.split(":")[0] for m in messages] == ["Regel 3", "Regel 4", "Regel 5"]
    assert not VoterCode.objects.exists()
    assert not LetterBatch.objects.exists()


def test_a_list_without_its_columns_is_refused(coordinator):
    heading = HeadingFactory(round__feasibility=True)
    with pytest.raises(ValidationError) as caught:
        codes_issue(actor=coordinator, vote_round=heading.round, upload=b"straat\nx\n")
    assert "adres" in caught.value.message_dict["file"][0]


def test_several_neighbourhoods_get_their_codes_by_postcode(coordinator):
    heading = HeadingFactory(round__feasibility=True)
    HeadingFactory(round=heading.round)
    with pytest.raises(ValidationError) as caught:
        codes_issue(
            actor=coordinator, vote_round=heading.round, upload=b"adres,postcode\nA 1,9999 ZZ\n"
        )
    assert "hoort niet bij een wijk" in caught.value.message_dict["file"][0]


def test_a_lost_letter_gets_a_new_code_and_the_old_one_stops(coordinator):
    heading = HeadingFactory(round__ballot_open=True)
    codes_issue(
        actor=coordinator,
        vote_round=heading.round,
        upload=b"adres,postcode\nKerkstraat 2,8011 AB\n",
    )
    old = VoterCode.objects.get()
    pdf = code_reissue(
        actor=coordinator,
        vote_round=heading.round,
        address=" kerkstraat 2",
        postcode="8011ab",
        reason="Brief kwijt",
    )
    assert pdf.startswith(b"%PDF")
    old.refresh_from_db()
    assert (old.status, old.reason) == (CodeStatus.REVOKED, "Brief kwijt")
    assert VoterCode.objects.filter(status=CodeStatus.ISSUED).count() == 1
    with pytest.raises(ValidationError):
        code_reissue(
            actor=coordinator,
            vote_round=heading.round,
            address="Elders 1",
            postcode="8011 AB",
            reason="x",
        )


def test_letters_render_for_many_codes(db):
    vote_round = VoterCodeFactory().heading.round
    letters = [Letter(code_new(), f"Straat {n}", "8011 AB", "Assendorp") for n in range(50)]
    pdf = letters_pdf(vote_round, letters)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page[^s]", pdf)) == 50


def test_letters_no_worker_is_drawing_are_queued_again_and_a_live_render_is_left_alone(
    coordinator,
):
    heading = HeadingFactory(round__feasibility=True)
    upload = b"adres,postcode\nA 1,8011 AB\nA 2,8011 AB\n"
    batch = codes_issue(actor=coordinator, vote_round=heading.round, upload=upload)
    assert letters_render_unfinished() == [batch.pk]  # never started (broker away)
    # A worker is drawing it: no second one starts.
    LetterBatch.objects.filter(pk=batch.pk).update(
        status=LettersStatus.RENDERING, started_at=timezone.now(), done=1
    )
    assert letters_render_unfinished() == []
    assert letters_render(batch_id=batch.pk) is False
    # That worker died long ago: the beat queues it and the letters are drawn anew.
    LetterBatch.objects.filter(pk=batch.pk).update(started_at=timezone.now() - timedelta(hours=1))
    assert letters_render_unfinished() == [batch.pk]
    assert letters_render(batch_id=batch.pk) is True
    batch.refresh_from_db()
    assert batch.status == LettersStatus.READY and batch.done == 2
    assert letters_render_unfinished() == []
