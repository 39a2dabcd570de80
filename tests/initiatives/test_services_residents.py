import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from initiatives.constants import Channel, InitiatorKind, PreferredChannel, Status
from initiatives.links import private_token
from initiatives.models import Initiative, InitiativeAttachment, InitiatorUpdate, UpdateKind
from initiatives.selectors import initiative_get_by_token, initiative_similar
from initiatives.services import (
    InitiatorData,
    attachment_add,
    initiative_information_add,
    initiative_intake,
    initiative_link_renew,
    initiative_links_send,
    initiator_erasure_request,
    initiator_preferences_change,
)
from initiatives.timeline import initiative_timeline
from matching.services import offer_submit
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme
from tests.initiatives.files import PDF, PNG, docx_bytes, upload
from tests.initiatives.links import private_link_targets
from tests.messaging.factories import OutboundMessageFactory
from tests.neighbourhoods.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def _intake(**overrides):
    data = {
        "actor": None,
        "title": "Speeltuin opknappen",
        "description": "De speeltuin is kapot. Wij willen hem samen opknappen.",
        "theme": theme("groen-leefomgeving"),
        "neighbourhood": NeighbourhoodFactory(),
        "initiator": InitiatorData(
            kind=InitiatorKind.RESIDENT, name="Anna de Vries", email="anna@example.nl"
        ),
        "channel": Channel.WEB,
        "needs": ["volunteers"],
    }
    return initiative_intake(**(data | overrides))


def test_intake_stores_files_under_random_names(settings):
    initiative, created = _intake(
        attachments=[upload("Anna de Vries plan.pdf"), upload("foto.png", PNG, "image/png")]
    )

    assert created
    files = list(initiative.attachments.order_by("pk"))
    assert [f.content_type for f in files] == ["application/pdf", "image/png"]
    assert [f.original_name for f in files] == ["Anna de Vries plan.pdf", "foto.png"]
    for stored in files:
        assert "Anna" not in stored.file.name
        assert stored.file.name.startswith("attachments/")
        assert (settings.MEDIA_ROOT / stored.file.name).exists()


def test_same_submission_key_gives_one_initiative_and_files_once():
    key = uuid.uuid4()
    first, created_first = _intake(submission_key=key, attachments=[upload()])
    second, created_second = _intake(submission_key=key, attachments=[upload()])

    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Initiative.objects.count() == 1
    assert InitiativeAttachment.objects.count() == 1


def test_attachment_add_checks_content_and_count():
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError):
        attachment_add(initiative=initiative, files=[upload("virus.pdf", b"MZ\x90\x00" * 50)])
    attachment_add(
        initiative=initiative,
        files=[upload("a.docx", docx_bytes(), "application/octet-stream")] * 1
        + [upload(f"{n}.pdf") for n in range(4)],
    )
    assert initiative.attachments.count() == 5
    with pytest.raises(ValidationError):
        attachment_add(initiative=initiative, files=[upload()])


def test_information_added_shows_in_timeline_with_file_names():
    initiative = InitiativeFactory()
    update = initiative_information_add(
        initiative=initiative, text="Wij hebben al 5 buren.", files=[upload("lijst.pdf", PDF)]
    )

    assert update.kind == UpdateKind.INFORMATION
    entries = [e for e in initiative_timeline(initiative) if e.kind == "initiator_update"]
    assert len(entries) == 1
    assert "Wij hebben al 5 buren." in entries[0].text
    assert "lijst.pdf" in entries[0].text


def test_information_needs_text_or_file():
    with pytest.raises(ValidationError):
        initiative_information_add(initiative=InitiativeFactory(), text="  ", files=[])


def test_preferences_change_records_what_changed_not_the_details():
    initiative = InitiativeFactory(initiator=InitiatorFactory(email="oud@example.nl"))

    update = initiator_preferences_change(
        initiative=initiative,
        preferred_channel=PreferredChannel.PHONE,
        email="nieuw@example.nl",
        phone="06 98765432",
        consent_matching=True,
        consent_publish=False,
    )

    initiative.initiator.refresh_from_db()
    assert initiative.initiator.email == "nieuw@example.nl"
    assert initiative.initiator.preferred_channel == PreferredChannel.PHONE
    assert initiative.initiator.consent_matching_at is not None
    assert "Telefoon" in update.text
    assert "nieuw@example.nl" not in update.text
    assert "06 98765432" not in update.text
    assert "Toestemming gegeven: contactgegevens delen" in update.text
    titles = [e.title for e in initiative_timeline(initiative, for_initiator=True)]
    assert "Contactvoorkeuren gewijzigd" in titles


def test_preferences_unchanged_records_nothing():
    initiative = InitiativeFactory()
    initiator = initiative.initiator
    result = initiator_preferences_change(
        initiative=initiative,
        preferred_channel=initiator.preferred_channel,
        email=initiator.email,
        phone=initiator.phone,
        consent_matching=False,
        consent_publish=False,
    )
    assert result is None
    assert not InitiatorUpdate.objects.exists()


def test_link_renew_revokes_old_link_and_queues_new_one():
    initiative = InitiativeFactory()
    old_token = private_token(initiative)

    renewed = initiative_link_renew(initiative=initiative)

    assert initiative_get_by_token(old_token) is None
    assert initiative_get_by_token(private_token(renewed)).pk == initiative.pk
    message = OutboundMessage.objects.get(initiative=initiative, kind=MessageKind.NEW_LINK)
    assert private_link_targets(message.body) == {initiative.pk}
    assert old_token not in message.body


def test_links_send_matches_address_case_insensitively_and_skips_anonymised():
    known = InitiativeFactory(initiator=InitiatorFactory(email="Piet@Example.nl"))
    InitiativeFactory(
        initiator=InitiatorFactory(email="piet@example.nl", anonymised_at="2026-01-01T00:00Z")
    )
    assert initiative_links_send(email="piet@example.NL") == 1
    assert OutboundMessage.objects.filter(kind=MessageKind.NEW_LINK).get().initiative == known
    assert initiative_links_send(email="nobody@example.nl") == 0


def test_asking_for_links_by_address_revokes_nothing():
    """Audit finding: anyone who knew a resident's address could break their link by
    asking for a new one. The current link is sent again instead, once a day at most."""
    import re

    from initiatives.links import read_private_token

    initiative = InitiativeFactory(initiator=InitiatorFactory(email="piet@example.nl"))
    initiative_links_send(email="piet@example.nl")
    initiative_links_send(email="piet@example.nl")
    initiative.refresh_from_db()
    assert initiative.link_version == 1
    message = OutboundMessage.objects.get(kind=MessageKind.NEW_LINK)
    token = re.search(r"/mijn-idee/([^/\s]+)/", message.body).group(1)
    assert read_private_token(token) == (initiative.public_id.hex, 1)
    assert "Oude links werken niet meer" not in message.body


def test_renewing_from_the_page_says_old_links_stopped_working():
    initiative = InitiativeFactory()
    initiative_link_renew(initiative=initiative)
    message = OutboundMessage.objects.get(kind=MessageKind.NEW_LINK)
    assert "Oude links werken niet meer" in message.body


def test_a_new_link_goes_by_letter_but_never_becomes_a_call_task():
    # Nobody can read a link out over the phone; a letter carries it fine.
    by_phone = InitiativeFactory(initiator=InitiatorFactory(no_email=True))
    initiative_link_renew(initiative=by_phone)
    assert not OutboundMessage.objects.filter(kind=MessageKind.NEW_LINK).exists()
    by_letter = InitiativeFactory(
        initiator=InitiatorFactory(no_email=True, preferred_channel="letter", address="Dorp 1")
    )
    initiative_link_renew(initiative=by_letter)
    message = OutboundMessage.objects.get(kind=MessageKind.NEW_LINK)
    assert message.channel == MessageChannel.LETTER_TASK
    assert message.to_email == ""


def test_erasure_request_is_recorded_once():
    initiative = InitiativeFactory()
    first = initiator_erasure_request(initiative=initiative)
    again = initiator_erasure_request(initiative=initiative)
    assert first.erasure_requested_at is not None
    assert again.erasure_requested_at == first.erasure_requested_at
    assert InitiatorUpdate.objects.filter(kind=UpdateKind.ERASURE).count() == 1
    # The case itself stays as it was; the retention job anonymises later.
    initiative.refresh_from_db()
    assert initiative.status == Status.NEW


def test_offer_shows_on_timeline_without_the_helpers_details():
    initiative = InitiativeFactory(published=True, initiator=InitiatorFactory(public=True))
    offer_submit(
        actor=None,
        kind="time",
        description="Ik kan elke zaterdag helpen.",
        name="Kees Helper",
        email="kees@example.nl",
        initiative=initiative,
    )
    entries = [e for e in initiative_timeline(initiative, for_initiator=True) if e.kind == "offer"]
    assert len(entries) == 1
    assert "Kees" not in entries[0].title + entries[0].text


def test_similar_finds_only_public_ideas_by_word_prefix():
    public = InitiativeFactory(
        title="Buurtmoestuin achter de flat",
        published=True,
        initiator=InitiatorFactory(public=True),
    )
    InitiativeFactory(title="Buurtmoestuin geheim", initiator=InitiatorFactory())
    InitiativeFactory(
        title="Buurtmoestuin ingetrokken",
        published=True,
        initiator=InitiatorFactory(public=True),
        status=Status.WITHDRAWN,
        closed_at="2026-01-01T00:00Z",
    )

    assert [i.pk for i in initiative_similar(title="buurtmoes")] == [public.pk]
    # Every title word must occur; before a title, description words will do.
    assert initiative_similar(title="buurtmoestuin zwembad") == []
    found = initiative_similar(description="Een zwembad of een buurtmoestuin")
    assert [i.pk for i in found] == [public.pk]
    assert initiative_similar(title="!!! <> :* | &") == []


def test_similar_ranks_among_the_most_recent_matches(monkeypatch):
    # A common word can match most ideas: only the most recent matches are ranked.
    monkeypatch.setattr("initiatives.selectors.SIMILAR_CANDIDATES", 2)
    now = timezone.now()
    old_best = InitiativeFactory(
        title="Buurtmoestuin buurtmoestuin buurtmoestuin",
        published=True,
        initiator=InitiatorFactory(public=True),
        submitted_at=now - timedelta(days=30),
    )
    recent = [
        InitiativeFactory(
            title=f"Buurtmoestuin {n}",
            published=True,
            initiator=InitiatorFactory(public=True),
            submitted_at=now - timedelta(days=n),
        )
        for n in (1, 2)
    ]

    found = initiative_similar(title="buurtmoestuin")

    assert {i.pk for i in found} == {i.pk for i in recent}
    assert old_best.pk not in {i.pk for i in found}


def test_pending_uploads_sweep_removes_only_old_files(settings):
    import os
    import time
    from datetime import timedelta

    from initiatives.pending_uploads import pending_read, pending_store, pending_uploads_sweep
    from initiatives.tasks import pending_uploads_sweep as sweep_task

    old, fresh = pending_store(upload("oud.pdf")), pending_store(upload("nieuw.pdf"))
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(settings.MEDIA_ROOT / old.stored_name, (two_days_ago, two_days_ago))

    assert sweep_task() == 1
    assert pending_read(old.token) is None
    assert pending_read(fresh.token).original_name == "nieuw.pdf"
    assert pending_uploads_sweep(older_than=timedelta(0)) == 1
    assert pending_store(upload("x.pdf", b"not a pdf at all" * 10)) is None


def test_renewing_the_link_puts_the_new_one_in_letters_not_yet_printed():
    import re

    from initiatives.links import read_private_token

    initiative = InitiativeFactory(
        initiator=InitiatorFactory(no_email=True, preferred_channel="letter", address="Dorp 1")
    )
    first = initiative_link_renew(initiative=initiative)
    renewed = initiative_link_renew(initiative=first)
    letters = OutboundMessage.objects.filter(kind=MessageKind.NEW_LINK).order_by("pk")
    assert letters.count() == 2
    for letter in letters:
        (token,) = re.findall(r"/mijn-idee/([^/\s]+)/", letter.body)
        assert read_private_token(token) == (renewed.public_id.hex, renewed.link_version)


def test_renewing_relinks_unsent_mail_but_never_the_lost_link_page():
    import re

    from initiatives.links import read_private_token
    from messaging.services import messages_unsent_relink

    initiative = InitiativeFactory()
    waiting = OutboundMessageFactory(
        kind="acknowledgement",
        subject="Ontvangen",
        body="Uw pagina: https://x.nl/mijn-idee/oud.token:abc/\n"
        "Kwijt? https://x.nl/mijn-idee/nieuwe-link/\n",
        initiative=initiative,
    )
    renewed = initiative_link_renew(initiative=initiative)
    waiting.refresh_from_db()
    (token,) = re.findall(r"/mijn-idee/([^/\s]+:[^/\s]+)/", waiting.body)
    assert read_private_token(token) == (renewed.public_id.hex, renewed.link_version)
    assert "https://x.nl/mijn-idee/nieuwe-link/" in waiting.body
    assert messages_unsent_relink(initiative=renewed, url="https://x.nl/mijn-idee/t:1/") == 2
