import re
import socket
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from initiatives.constants import Status
from initiatives.links import private_token
from initiatives.models import Initiative, InitiativeAttachment, InitiatorUpdate
from initiatives.services import (
    attachment_add,
    initiative_information_add,
    initiative_link_renew,
    submission_followups_start,
)
from matching.models import Offer
from matching.services import offer_submit
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme
from tests.initiatives.files import PDF, upload
from tests.initiatives.links import private_link_targets
from tests.initiatives.payloads import submission_data
from tests.messaging.factories import OutboundMessageFactory
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db

SUBMIT = "/idee-indienen/"


def _confirmation_of(location: str):
    """The idea a confirmation address is for. Its token is signed with the second it was
    made, so two answers to one idea may differ in their text when a second passes."""
    assert location.startswith("/idee-indienen/ontvangen/"), location
    from initiatives.links import read_confirmation_token

    return read_confirmation_token(location.rstrip("/").rsplit("/", 1)[1])[:2]


@pytest.fixture(autouse=True)
def _setup():
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300", name="Binnenstad"))


def _mine(initiative):
    return reverse("initiatives:mine", args=[private_token(initiative)])


# --- Submitting ---


def test_form_page_carries_a_submission_key_and_hidden_honeypot(client):
    html = client.get(SUBMIT).content.decode()
    assert re.search(r'name="submission_key" value="[0-9a-f-]{36}"', html)
    assert 'class="hp-field"' in html
    assert 'hx-post="/idee-indienen/vergelijkbaar/"' in html


def test_submit_redirects_to_confirmation_with_reference_and_due_date(client):
    response = client.post(SUBMIT, submission_data())

    initiative = Initiative.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert initiative.reference in html
    assert "binnen 5 werkdagen" in html
    assert page["Cache-Control"] == "private, no-store"
    assert initiative.channel == "web"
    assert initiative.neighbourhood.code == "WK019300"
    submission_followups_start()  # the worker, a few seconds later
    ack = OutboundMessage.objects.get(initiative=initiative, kind=MessageKind.ACKNOWLEDGEMENT)
    assert private_link_targets(ack.body) == {initiative.pk}
    # The private link is in the e-mail, not on the page, when there is an address.
    assert private_link_targets(html) == set()


def test_confirmation_shows_link_when_resident_has_no_email(client):
    response = client.post(
        SUBMIT, submission_data(email="", phone="06 12345678", preferred_channel="phone")
    )
    initiative = Initiative.objects.get()
    html = client.get(response["Location"]).content.decode()
    assert private_link_targets(html) == {initiative.pk}
    submission_followups_start()  # the worker, a few seconds later
    assert initiative.messages.get().channel == MessageChannel.PHONE_TASK
    # Revoking the link ends the confirmation page too: it showed the link.
    initiative_link_renew(initiative=initiative)
    assert client.get(response["Location"]).status_code == 404


def test_double_submit_creates_one_initiative(client):
    data = submission_data()
    first = client.post(SUBMIT, data | {"attachments": upload()})
    second = client.post(SUBMIT, data | {"attachments": upload()})

    assert Initiative.objects.count() == 1
    assert InitiativeAttachment.objects.count() == 1
    assert _confirmation_of(first["Location"]) == _confirmation_of(second["Location"])


def test_wrong_input_keeps_everything_typed_including_files(client, settings):
    data = submission_data(title="", phone="06 12345678", email="fout", consent_matching="on")
    response = client.post(
        SUBMIT, data | {"attachments": [upload("schets.pdf"), upload("nep.pdf", b"MZ" * 200)]}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert Initiative.objects.count() == 0
    assert 'class="error-summary" role="alert"' in html
    assert 'href="#id_title"' in html
    assert 'href="#id_email"' in html
    assert 'href="#id_attachments"' in html
    assert "nep.pdf is geen PDF" in html
    assert data["description"] in html
    assert 'value="06 12345678"' in html
    assert 'value="fout"' in html
    assert re.search(r'name="consent_matching"[^>]*checked', html)
    assert re.search(r'value="funding"[^>]*checked', html)
    assert data["submission_key"] in html
    # The good file is kept (the bad one is not), offered as "already chosen".
    assert "hebben wij bewaard" in html
    kept = re.findall(r'name="kept_attachments" value="([^"]+)"', html)
    assert len(kept) == 1
    assert "schets.pdf" in html
    assert len(list((settings.MEDIA_ROOT / "pending").iterdir())) == 1

    fixed = data | {"title": "Schetsen", "email": "anna@example.nl", "kept_attachments": kept}
    assert client.post(SUBMIT, fixed).status_code == 302
    attachment = Initiative.objects.get().attachments.get()
    assert attachment.original_name == "schets.pdf"
    assert attachment.file.read() == PDF
    assert list((settings.MEDIA_ROOT / "pending").iterdir()) == []


def test_forged_or_foreign_kept_tokens_are_ignored(client, settings):
    (settings.MEDIA_ROOT / "pending").mkdir(parents=True)
    (settings.MEDIA_ROOT / "pending" / "x.pdf").write_bytes(PDF)
    data = submission_data(kept_attachments=["pending/x.pdf", "garbage:token"])
    assert client.post(SUBMIT, data).status_code == 302
    assert not InitiativeAttachment.objects.exists()


def test_honeypot_blocks_without_creating(client):
    response = client.post(SUBMIT, submission_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "niet worden verstuurd" in response.content.decode()
    assert not Initiative.objects.exists()


def test_rate_limit_per_address_with_friendly_message(client, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "2/hour"}
    }
    for _ in range(2):
        assert client.post(SUBMIT, submission_data()).status_code == 302
    response = client.post(SUBMIT, submission_data(title="Derde idee"))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Probeer het over een uur opnieuw" in html
    assert "Derde idee" in html
    assert Initiative.objects.count() == 2
    # Another address is not affected.
    other = client.post(SUBMIT, submission_data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_rate_limit_cannot_be_dodged_with_a_forwarded_header(client, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "2/hour"}
    }
    for number in range(2):
        forged = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{number}"}
        assert client.post(SUBMIT, submission_data(), **forged).status_code == 302
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.99"}
    assert client.post(SUBMIT, submission_data(), **forged).status_code == 429


def test_submission_never_500s_on_garbage(client):
    response = client.post(
        SUBMIT, {"theme": ["a", "b"], "needs": "x" * 10000, "submission_key": "not-a-uuid"}
    )
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_undecodable_bytes_in_the_web_form_never_reach_the_database_as_surrogates(client):
    """A browser cannot send a lone surrogate, but a form POST can carry its UTF-8-like
    bytes (%ED%A0%80): Django reads undecodable bytes as U+FFFD, so the form sees an
    ordinary (if odd) character, never half of one."""
    body = urlencode(submission_data(title="Buurttuin"), doseq=True).replace(
        "Buurttuin", "Buurt%ED%A0%80"
    )
    response = client.post(SUBMIT, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert Initiative.objects.get().title == "Buurt\ufffd\ufffd\ufffd"


def test_similar_ideas_partial_shows_only_public_ones(client):
    InitiativeFactory(
        title="Repair café in het buurthuis",
        published=True,
        initiator=InitiatorFactory(public=True),
    )
    InitiativeFactory(title="Repair café geheim", initiator=InitiatorFactory(email="x@y.nl"))

    html = client.post("/idee-indienen/vergelijkbaar/", {"title": "repair"}).content.decode()

    assert "Repair café in het buurthuis" in html
    assert "geheim" not in html
    assert client.post("/idee-indienen/vergelijkbaar/").content.strip() == b""
    # What a resident types may name people: it never travels in a URL.
    assert client.get("/idee-indienen/vergelijkbaar/", {"title": "repair"}).status_code == 405


# --- Mijn idee ---


def test_mine_shows_status_broker_timeline_and_messages(client, broker):
    initiative = InitiativeFactory(broker=broker)
    OutboundMessageFactory(
        kind="acknowledgement",
        subject="We hebben uw idee ontvangen",
        body="Beste Anna",
        initiative=initiative,
    )
    response = client.get(_mine(initiative))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nieuw" in html
    assert broker.broker_profile.display_name in html
    assert "We hebben uw idee ontvangen" in html
    assert response["Referrer-Policy"] == "same-origin"


def test_mine_page_query_count_does_not_grow_with_the_case(
    client, broker, django_assert_max_num_queries
):
    initiative = InitiativeFactory(
        broker=broker, published=True, initiator=InitiatorFactory(public=True)
    )
    for n in range(10):
        files = [upload()] if n < 5 else []
        initiative_information_add(initiative=initiative, text=f"Stap {n}", files=files)
        offer_submit(
            actor=None,
            kind="time",
            description="Hulp",
            name="K",
            email="k@example.nl",
            initiative=initiative,
        )
        OutboundMessageFactory(task=True, kind="x", subject="S", body="B", initiative=initiative)
    with django_assert_max_num_queries(20):
        response = client.get(_mine(initiative))
    assert response.content.decode().count("Informatie toegevoegd") == 10


def test_mine_needs_a_genuine_current_link(client):
    initiative = InitiativeFactory()
    assert client.get(f"/mijn-idee/{initiative.reference}/").status_code == 404
    assert client.get(_mine(initiative)[:-3] + "xx/").status_code == 404
    old = _mine(initiative)
    initiative_link_renew(initiative=initiative)
    assert client.get(old).status_code == 404


def test_add_information_with_file(client):
    initiative = InitiativeFactory()
    url = reverse("initiatives:mine_information", args=[private_token(initiative)])

    response = client.post(url, {"text": "Wij zijn al met 6 buren.", "attachments": upload()})

    assert response.status_code == 302
    update = InitiatorUpdate.objects.get(initiative=initiative)
    assert update.text == "Wij zijn al met 6 buren."
    assert update.attachments.count() == 1
    html = client.get(_mine(initiative)).content.decode()
    assert "Informatie toegevoegd" in html
    assert "Wij zijn al met 6 buren." in html


def test_add_information_errors_are_shown_on_the_page(client):
    initiative = InitiativeFactory()
    url = reverse("initiatives:mine_information", args=[private_token(initiative)])
    response = client.post(url, {"text": "<script>x</script>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#info_text"' in html
    assert not InitiatorUpdate.objects.exists()


def test_add_information_keeps_good_files_after_another_error(client):
    initiative = InitiativeFactory()
    url = reverse("initiatives:mine_information", args=[private_token(initiative)])
    typed = "Wij zijn al met 6 buren. " * 250  # over the 5,000 characters

    response = client.post(url, {"text": typed, "attachments": upload()})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#info_text"' in html
    assert "Bestanden die u al koos" in html
    assert typed.strip() in html  # what they typed is still there
    assert not InitiatorUpdate.objects.exists()
    kept = re.findall(r'name="kept_attachments" value="([^"]+)"', html)
    assert len(kept) == 1

    response = client.post(url, {"text": "Wij zijn al met 6 buren.", "kept_attachments": kept})
    assert response.status_code == 302
    assert initiative.attachments.count() == 1


def test_files_kept_per_address_are_limited(client, monkeypatch):
    from initiatives import throttles

    monkeypatch.setattr(throttles, "KEPT_FILES_PER_HOUR", 2)
    initiative = InitiativeFactory()
    url = reverse("initiatives:mine_information", args=[private_token(initiative)])
    too_long = "x" * 6000
    first = client.post(url, {"text": too_long, "attachments": [upload(), upload()]})
    assert first.content.decode().count('name="kept_attachments"') == 2
    second = client.post(url, {"text": too_long, "attachments": upload()})
    assert 'name="kept_attachments"' not in second.content.decode()


def test_change_preferences(client):
    initiative = InitiativeFactory(initiator=InitiatorFactory(email="a@example.nl"))
    url = reverse("initiatives:mine_preferences", args=[private_token(initiative)])

    response = client.post(
        url,
        {"preferred_channel": "phone", "email": "a@example.nl", "phone": "06 11122233"},
    )

    assert response.status_code == 302
    initiative.initiator.refresh_from_db()
    assert initiative.initiator.preferred_channel == "phone"
    assert initiative.initiator.phone == "06 11122233"
    assert "Contactvoorkeuren gewijzigd" in client.get(_mine(initiative)).content.decode()


def test_the_resident_chooses_the_language_of_the_messages(client):
    initiative = InitiativeFactory(initiator=InitiatorFactory(email="a@example.nl"))
    url = reverse("initiatives:mine_preferences", args=[private_token(initiative)])
    page = client.get(_mine(initiative)).content.decode()
    assert re.search(r'<input type="radio" name="language" value="nl"[^>]*checked', page)

    response = client.post(
        url, {"preferred_channel": "email", "email": "a@example.nl", "language": "en"}
    )

    assert response.status_code == 302
    initiative.initiator.refresh_from_db()
    assert initiative.initiator.language == "en"
    update = InitiatorUpdate.objects.get(initiative=initiative)
    assert "Taal van de berichten: Nederlands → Engels" in update.text  # the case file
    refused = client.post(
        url, {"preferred_channel": "email", "email": "a@example.nl", "language": "fr"}
    )
    assert refused.status_code == 200
    assert 'href="#pref_language_0"' in refused.content.decode()
    initiative_link_renew(initiative=initiative)
    message = initiative.messages.get(kind=MessageKind.NEW_LINK)
    assert message.subject.startswith("Your link for your idea")


def test_withdraw(client):
    initiative = InitiativeFactory()
    url = reverse("initiatives:mine_withdraw", args=[private_token(initiative)])

    refused = client.post(url, {"reason": "Geen tijd meer"})
    assert refused.status_code == 200
    assert 'href="#withdraw_confirm"' in refused.content.decode()
    assert "Geen tijd meer" in refused.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == Status.NEW

    assert client.post(url, {"reason": "Geen tijd meer", "confirm": "on"}).status_code == 302

    initiative.refresh_from_db()
    assert initiative.status == Status.WITHDRAWN
    assert initiative.messages.filter(kind=MessageKind.OUTCOME).exists()
    # A second withdraw is refused kindly, not with a 500.
    response = client.post(url, {"reason": "", "confirm": "on"}, follow=True)
    assert "al afgesloten" in response.content.decode()


def test_new_link_from_mine_revokes_this_link(client):
    initiative = InitiativeFactory()
    token = private_token(initiative)
    response = client.post(reverse("initiatives:mine_new_link", args=[token]))
    assert response.status_code == 302
    assert client.get(f"/mijn-idee/{token}/").status_code == 404
    assert initiative.messages.filter(kind=MessageKind.NEW_LINK).count() == 1


def test_new_link_from_mine_without_email_shows_the_new_link(client):
    """A resident without e-mail was told "look in your e-mail"; they hold the old link,
    so they land on their page at the new one, told to keep its address."""
    initiative = InitiativeFactory(initiator=InitiatorFactory(no_email=True))
    token = private_token(initiative)
    response = client.post(reverse("initiatives:mine_new_link", args=[token]), follow=True)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert "Kijk in uw e-mail" not in html
    assert "Bewaar het adres van deze pagina goed" in html
    new_path = response.redirect_chain[-1][0]
    assert new_path != f"/mijn-idee/{token}/"
    assert client.get(new_path).status_code == 200
    assert client.get(f"/mijn-idee/{token}/").status_code == 404


def test_erasure_request(client):
    initiative = InitiativeFactory()
    url = reverse("initiatives:mine_erasure", args=[private_token(initiative)])
    assert 'href="#erasure_confirm"' in client.post(url).content.decode()
    initiative.initiator.refresh_from_db()
    assert initiative.initiator.erasure_requested_at is None

    response = client.post(url, {"confirm": "on"}, follow=True)
    initiative.initiator.refresh_from_db()
    assert initiative.initiator.erasure_requested_at is not None
    assert "verwijderen uw naam" in response.content.decode()


def test_new_link_by_email_answers_the_same_for_known_and_unknown(client):
    InitiativeFactory(initiator=InitiatorFactory(email="bekend@example.nl"))
    known = client.post("/mijn-idee/nieuwe-link/", {"email": "bekend@example.nl"}, follow=True)
    unknown = client.post("/mijn-idee/nieuwe-link/", {"email": "onbekend@example.nl"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert _main(known) == _main(unknown)
    assert "Kijk in uw e-mail" in _main(known)
    assert OutboundMessage.objects.filter(kind=MessageKind.NEW_LINK).count() == 1


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# --- Attachments ---


def _attachment(initiative):
    return attachment_add(initiative=initiative, files=[upload("plan van Anna.pdf", PDF)])[0]


def test_resident_downloads_own_attachment_only(client):
    initiative, other = InitiativeFactory(), InitiativeFactory()
    mine, theirs = _attachment(initiative), _attachment(other)
    token = private_token(initiative)

    response = client.get(reverse("initiatives:mine_attachment", args=[token, mine.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "Anna" not in response["Content-Disposition"]
    wrong = reverse("initiatives:mine_attachment", args=[token, theirs.pk])
    assert client.get(wrong).status_code == 404


def test_staff_download_is_for_brokers_only(client, broker, civil_servant):
    attachment = _attachment(InitiativeFactory())
    url = reverse("initiatives:staff_attachment", args=[attachment.pk])

    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(civil_servant)
    assert client.get(url).status_code == 403
    client.force_login(broker)
    assert client.get(url).status_code == 200


# --- Gallery ---


def test_gallery_lists_public_ideas_without_personal_data(client, django_assert_max_num_queries):
    hood = NeighbourhoodFactory(code="WK019301", name="Assendorp")
    for n in range(30):
        InitiativeFactory(
            title=f"Publiek idee {n}",
            neighbourhood=hood,
            published=True,
            initiator=InitiatorFactory(public=True, name=f"Geheime Naam {n}"),
        )
    InitiativeFactory(title="Niet openbaar")

    with django_assert_max_num_queries(8):
        response = client.get("/ideeen/")

    html = response.content.decode()
    assert "30 ideeën gevonden" in html
    assert "Niet openbaar" not in html
    assert "Geheime Naam" not in html
    assert "@example.nl" not in html


def test_gallery_filters_by_neighbourhood_and_theme(client):
    a = NeighbourhoodFactory(code="WK019301", name="Assendorp")
    b = NeighbourhoodFactory(code="WK019302", name="Wipstrik")
    InitiativeFactory(
        title="Idee in A", neighbourhood=a, published=True, initiator=InitiatorFactory(public=True)
    )
    InitiativeFactory(
        title="Sport in B",
        neighbourhood=b,
        theme=theme("sport"),
        published=True,
        initiator=InitiatorFactory(public=True),
    )

    html = client.get("/ideeen/", {"wijk": "WK019301"}).content.decode()
    assert "Idee in A" in html and "Sport in B" not in html
    html = client.get("/ideeen/", {"thema": "sport"}).content.decode()
    assert "Sport in B" in html and "Idee in A" not in html


def test_i_want_to_help_creates_an_offer(client):
    initiative = InitiativeFactory(published=True, initiator=InitiatorFactory(public=True))
    url = reverse("matching:gallery_detail", args=[initiative.reference])

    response = client.post(
        url,
        {
            "kind": "time",
            "description": "Ik kan zaterdag helpen met spitten.",
            "name": "Kees",
            "email": "kees@example.nl",
            "consent_contact": "on",
        },
    )

    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.initiative == initiative
    assert offer.theme == initiative.theme
    bad = client.post(url, {"kind": "time", "description": "", "name": ""})
    assert bad.status_code == 200
    assert 'class="error-summary"' in bad.content.decode()


def test_private_ideas_have_no_gallery_page(client):
    initiative = InitiativeFactory()
    url = reverse("matching:gallery_detail", args=[initiative.reference])
    assert client.get(url).status_code == 404


def test_a_reference_with_a_slash_from_before_the_check_takes_no_gallery_page_down(client):
    odd = InitiativeFactory(
        reference="2012/17",
        title="Oud idee",
        published=True,
        initiator=InitiatorFactory(public=True),
    )
    url = reverse("matching:gallery_detail", args=[odd.reference])
    assert f'href="{url}"' in client.get("/ideeen/").content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert "Oud idee" in page.content.decode()


def test_the_admin_makes_no_reference_and_the_model_refuses_a_slash(admin_client):
    # Ideas come in through the services (form, intake, import), which give the reference;
    # the admin's own "add" could only fail (no reference, no submission date).
    assert admin_client.get("/admin/initiatives/initiative/add/").status_code == 403
    initiative = InitiativeFactory()
    change = admin_client.get(f"/admin/initiatives/initiative/{initiative.pk}/change/")
    assert 'name="reference"' not in change.content.decode()
    initiative.reference = "2012/17"
    with pytest.raises(ValidationError) as refused:
        initiative.full_clean()
    assert "letters, cijfers en streepjes" in str(refused.value.message_dict["reference"])


# --- Assisted intake ---


def test_intake_is_for_brokers(client, civil_servant):
    assert client.get("/makelaar/nieuw-idee/")["Location"].startswith("/accounts/login/")
    client.force_login(civil_servant)
    assert client.get("/makelaar/nieuw-idee/").status_code == 403


def test_broker_registers_a_walk_in_idea_for_a_resident_without_email(client, broker):
    client.force_login(broker)
    data = submission_data(
        channel="walk_in",
        email="",
        phone="",
        address="Dorpsstraat 1, 8011 AB Zwolle",
        preferred_channel="letter",
    )

    response = client.post("/makelaar/nieuw-idee/", data, follow=True)

    initiative = Initiative.objects.get()
    assert initiative.channel == "walk_in"
    assert initiative.registered_by == broker
    assert initiative.status_changes.get().actor == broker
    ack = initiative.messages.get()
    assert ack.channel == MessageChannel.LETTER_TASK
    html = response.content.decode()
    assert initiative.reference in html
    assert "Brief sturen" in html


def test_case_file_shows_attachments_with_the_guarded_link_and_initiator_updates(client, broker):
    initiative = InitiativeFactory(broker=broker)
    attachment = _attachment(initiative)
    initiative_information_add(initiative=initiative, text="Al vijf buren.", files=[])
    client.force_login(broker)

    html = client.get(reverse("brokers:case", args=[initiative.reference])).content.decode()

    assert reverse("initiatives:staff_attachment", args=[attachment.pk]) in html
    assert "plan van Anna.pdf" in html
    assert "Informatie toegevoegd" in html
    assert "Al vijf buren." in html


def test_pages_and_errors_are_available_in_english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # as set by the language switch
    html = client.get(SUBMIT).content.decode()
    assert "Send your idea" in html
    assert "Title of your idea" in html
    html = client.post(SUBMIT, {}).content.decode()
    assert "Give your idea a title." in html
    assert "Something went wrong" in html


def test_mine_shows_every_message_but_no_internal_entry(client, broker):
    """Every timeline source, seen from the initiator's page: the broker's notes, contact
    moments, referrals, survey scores and pending call tasks stay internal; every message
    that went to the initiator (e-mail, or a call/letter task once done) is shown."""
    from datetime import date

    from brokers import services as brokers
    from messaging.services import message_task_complete
    from tests.brokers.factories import OrganisationFactory

    initiative = InitiativeFactory(broker=broker)
    brokers.case_note_create(initiative=initiative, actor=broker, text="GEHEIME-NOTITIE")
    brokers.contact_moment_create(
        initiative=initiative,
        actor=broker,
        happened_on=date.today(),
        channel="phone",
        duration_minutes=10,
        intervention="thinking_along",
        summary="GESPREK-SAMENVATTING",
    )
    brokers.referral_create(
        initiative=initiative,
        organisation=OrganisationFactory(),
        actor=broker,
        reason="DOORVERWIJS-REDEN",
    )

    def message(key, channel, subject):
        # An e-mail goes to the initiator's address; a task has none.
        return OutboundMessageFactory(
            key=key, kind="x", channel=channel, subject=subject, body="tekst", initiative=initiative
        )

    message("m1", MessageChannel.EMAIL, "E-MAIL-ONDERWERP")
    message("m2", MessageChannel.PHONE_TASK, "OPEN-BELTAAK")
    done = message("m3", MessageChannel.LETTER_TASK, "VERSTUURDE-BRIEF")
    message_task_complete(message_id=done.pk, actor=broker)

    html = client.get(_mine(initiative)).content.decode()

    internal_texts = ["GEHEIME-NOTITIE", "GESPREK-SAMENVATTING", "DOORVERWIJS-REDEN"]
    internal_texts.append("OPEN-BELTAAK")
    for internal in internal_texts:
        assert internal not in html, internal
    for shown in ("E-MAIL-ONDERWERP", "VERSTUURDE-BRIEF"):
        assert shown in html, shown


def test_a_double_click_does_not_count_for_the_limit(client, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "2/hour"}
    }
    data = submission_data()
    first = client.post(SUBMIT, data)
    again = client.post(SUBMIT, data)
    assert _confirmation_of(first["Location"]) == _confirmation_of(again["Location"])
    assert client.post(SUBMIT, submission_data()).status_code == 302
    assert client.post(SUBMIT, submission_data()).status_code == 429
    assert Initiative.objects.count() == 2


def test_a_refused_form_can_be_sent_again_once_the_limit_allows(client, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "1/hour"}
    }
    assert client.post(SUBMIT, submission_data()).status_code == 302
    refused = submission_data(title="Tweede idee")
    assert client.post(SUBMIT, refused).status_code == 429
    # The same form (same submission_key) later, when the limit allows it: a new idea,
    # not taken for a repeat of the refused one.
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"submission": "10/hour"}
    }
    assert client.post(SUBMIT, refused).status_code == 302
    assert Initiative.objects.filter(title="Tweede idee").count() == 1


@pytest.fixture
def redis_away(monkeypatch):
    """The limit's Redis script pointed at a port where nothing listens."""
    import redis

    from initiatives import throttles

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    nobody = redis.Redis(port=port, socket_connect_timeout=0.5).register_script("return 1")
    monkeypatch.setattr(throttles, "_script", nobody)
    return throttles


def test_submission_goes_through_when_redis_does_not_answer(client, redis_away):
    data = submission_data()
    assert client.post(SUBMIT, data).status_code == 302
    assert client.post(SUBMIT, data).status_code == 302  # the unique key still holds
    assert Initiative.objects.count() == 1


def test_forms_without_a_key_are_refused_while_redis_does_not_answer(rf, redis_away):
    # A new-link request sends e-mail, which cannot go out either: no unlimited sending.
    assert redis_away.submission_allowed(rf.post("/")) is False
    assert redis_away.submission_admit(rf.post("/"), "k") is redis_away.Admission.UNCHECKED


def test_a_resident_who_used_english_gets_english_messages(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post(SUBMIT, submission_data())
    initiative = Initiative.objects.get()
    assert initiative.initiator.language == "en"
    submission_followups_start()  # the worker, a few seconds later
    ack = OutboundMessage.objects.get(initiative=initiative, kind=MessageKind.ACKNOWLEDGEMENT)
    assert ack.subject.startswith("We have received your idea")
    assert "Dear " in ack.body and "Kind regards" in ack.body


def test_a_resident_gets_dutch_messages_by_default(client):
    client.post(SUBMIT, submission_data(), HTTP_ACCEPT_LANGUAGE="en")
    initiative = Initiative.objects.get()
    assert initiative.initiator.language == "nl"
    submission_followups_start()
    assert initiative.messages.get().subject.startswith("We hebben uw idee ontvangen")


def test_staff_working_in_english_register_a_resident_who_reads_dutch(client, broker):
    client.force_login(broker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    data = submission_data(email="", phone="06 12345678", preferred_channel="phone")
    client.post("/makelaar/nieuw-idee/", data | {"channel": "phone"})
    assert Initiative.objects.get().initiator.language == "nl"


def test_staff_record_that_a_caller_reads_english(client, broker):
    client.force_login(broker)
    page = client.get("/makelaar/nieuw-idee/").content.decode()
    assert re.search(r'<input type="radio" name="language" value="nl"[^>]*checked', page)
    data = submission_data(email="sam@example.nl") | {"channel": "phone", "language": "en"}

    client.post("/makelaar/nieuw-idee/", data)

    initiative = Initiative.objects.get()
    assert initiative.initiator.language == "en"
    assert initiative.messages.get().subject.startswith("We have received your idea")
    client.cookies.pop("django_language", None)
    case = client.get(reverse("brokers:case", args=[initiative.reference])).content.decode()
    assert re.search(r"Taal van de berichten</dt><dd>Engels</dd>", case)


@pytest.mark.parametrize("action", ["informatie", "voorkeuren", "intrekken", "verwijderen", "link"])
def test_an_action_address_asked_with_get_shows_the_page(client, action):
    """After errors the page is shown at the action's address; the language switch or a
    reload then asks for it with GET, which gave an empty 405."""
    token = private_token(InitiativeFactory())
    response = client.get(f"/mijn-idee/{token}/{action}/")
    assert response.status_code == 302
    assert response["Location"] == f"/mijn-idee/{token}/"


@pytest.mark.parametrize("url", ["/", "/ideeen/", "/wijkbudgetten/", "/aanbod/bedankt/"])
def test_public_pages_answer_head_requests(client, url):
    # Link checkers and monitoring ask with HEAD; require_GET answered 405.
    assert client.head(url).status_code == 200


# --- A repeated submission_key (issue 14, item 3) ---

ALREADY_RECEIVED = "/idee-indienen/al-ontvangen/"
SENDER_COOKIE = "ideeen_afzender"


def test_the_form_gives_the_browser_a_random_cookie_without_personal_data(client, settings):
    response = client.get(SUBMIT)
    cookie = response.cookies[SENDER_COOKIE]
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", cookie.value)
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == SUBMIT
    assert not cookie["max-age"] and not cookie["expires"]  # ends with the browser session
    # Another form page in the same browser (a second tab, a reload) keeps it.
    assert SENDER_COOKIE not in client.get(SUBMIT).cookies
    data = submission_data()
    client.post(SUBMIT, data)
    # Redis notes a keyed digest of it with the key, not the value itself.
    from initiatives import throttles

    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    noted = throttles._client().get(f"{prefix}:submission:key:{data['submission_key']}")
    assert noted and cookie.value.encode() not in noted and b"Anna" not in noted


def test_a_repeated_key_from_another_browser_gets_a_neutral_answer(client):
    """Someone at the same walk-in computer later, or anyone who got hold of the key: the
    first idea's confirmation would show its private link (no e-mail here)."""
    data = submission_data(email="", phone="06 12345678", preferred_channel="phone")
    client.get(SUBMIT)
    first = client.post(SUBMIT, data)
    initiative = Initiative.objects.get()

    other = Client()
    for attempt in (data, data | {"name": "Iemand Anders", "phone": "06 87654321"}):
        response = other.post(SUBMIT, attempt)
        assert (response.status_code, response["Location"]) == (302, ALREADY_RECEIVED)
    page = other.get(ALREADY_RECEIVED)
    html = page.content.decode()
    assert "al ontvangen" in html
    assert reverse("initiatives:new_link") in html
    assert initiative.reference not in html and "Anna" not in html and "0612" not in html
    assert private_link_targets(html) == set()
    assert Initiative.objects.count() == 1
    # The browser that sent it still gets its confirmation on a repeat.
    assert _confirmation_of(client.post(SUBMIT, data)["Location"]) == _confirmation_of(
        first["Location"]
    )
    assert "/idee-indienen/ontvangen/" in first["Location"]


def test_a_double_click_that_leaves_before_the_first_answer_gets_the_confirmation(client):
    """The second POST of a double click is sent before the first answer (and anything
    it sets) arrives: it carries what the form page set."""
    client.get(SUBMIT)
    second_click = Client()
    second_click.cookies[SENDER_COOKIE] = client.cookies[SENDER_COOKIE].value
    data = submission_data()

    first = client.post(SUBMIT, data)
    second = second_click.post(SUBMIT, data)

    assert "/idee-indienen/ontvangen/" in first["Location"]
    assert _confirmation_of(second["Location"]) == _confirmation_of(first["Location"])
    assert Initiative.objects.count() == 1


def test_a_repeat_while_redis_does_not_answer_gets_the_neutral_answer(client, redis_away):
    # Without Redis nobody can tell which browser sent the first: the unique key stops
    # the double, and the repeat is not shown the first idea's page.
    data = submission_data()
    assert "/idee-indienen/ontvangen/" in client.post(SUBMIT, data)["Location"]
    assert client.post(SUBMIT, data)["Location"] == ALREADY_RECEIVED
    assert Initiative.objects.count() == 1


def _form_pages(client, broker):
    """Every page with a form that asks for personal data, as a resident or broker sees it."""
    public = InitiativeFactory(published=True, initiator=InitiatorFactory(public=True))
    mine = InitiativeFactory()
    help_url = reverse("matching:gallery_detail", args=[public.reference])
    yield "idea form", client.get(SUBMIT)
    yield "idea form with errors", client.post(SUBMIT, submission_data(title=""))
    yield "new link", client.get("/mijn-idee/nieuwe-link/")
    yield "new link with errors", client.post("/mijn-idee/nieuwe-link/", {"email": "x"})
    yield "offer", client.get("/aanbod/")
    yield "offer with errors", client.post("/aanbod/", {"name": "Kees", "email": "x"})
    yield "i want to help", client.get(help_url)
    yield "i want to help with errors", client.post(help_url, {"name": "Kees", "email": "x"})
    yield "mijn idee", client.get(_mine(mine))
    yield "mijn idee with errors", client.post(_mine(mine) + "voorkeuren/", {"email": "x"})
    client.force_login(broker)
    yield "intake", client.get("/makelaar/nieuw-idee/")
    yield "intake with errors", client.post("/makelaar/nieuw-idee/", submission_data(title=""))


PERSONAL_INPUTS = ("submission_key", "name", "email", "phone", "address", "postcode")


def test_pages_that_ask_for_personal_data_are_never_stored_or_autofilled(client, broker):
    """A shared computer (a walk-in hour, a library): the next visitor must not get the
    page from the browser's cache, nor the previous visitor's key, nor (at the staff's
    intake) someone else's details offered. Residents' own details keep their purpose
    (WCAG 1.3.5: their browser may fill in their name and address)."""
    seen = set()
    for label, response in _form_pages(client, broker):
        assert response.status_code in (200, 400), label
        assert "no-store" in response.get("Cache-Control", ""), label
        html = response.content.decode()
        for name in PERSONAL_INPUTS:
            for tag in re.findall(rf'<input[^>]*\bname="{name}"[^>]*>', html):
                seen.add(name)
                if name == "submission_key" or label.startswith("intake"):
                    assert 'autocomplete="off"' in tag, (label, tag)
                else:
                    assert re.search(
                        r'autocomplete="(name|email|tel|street-address|postal-code)"', tag
                    ), (label, tag)
    assert seen == set(PERSONAL_INPUTS)


def test_a_case_by_id_is_read_by_brokers_only(broker, civil_servant):
    from initiatives.selectors import initiative_get_for_staff

    initiative = InitiativeFactory()

    assert initiative_get_for_staff(viewer=broker, pk=initiative.pk) == initiative
    assert initiative_get_for_staff(viewer=broker, pk=None) is None
    assert initiative_get_for_staff(viewer=civil_servant, pk=initiative.pk) is None


def test_the_confirmation_page_is_the_sending_browsers_only(client):
    """A resident without e-mail: the confirmation page shows the private link. The next
    visitor of a shared computer who finds its address in the history gets the neutral
    answer, not the link."""
    data = submission_data(email="", phone="06 12345678", preferred_channel="phone")
    client.get(SUBMIT)
    confirmation = client.post(SUBMIT, data)["Location"]
    initiative = Initiative.objects.get()
    mine = client.get(confirmation)
    assert mine.status_code == 200 and initiative.reference in mine.content.decode()
    assert private_link_targets(mine.content.decode())

    other = Client()
    response = other.get(confirmation)
    assert (response.status_code, response["Location"]) == (302, ALREADY_RECEIVED)
    html = other.get(ALREADY_RECEIVED).content.decode()
    assert initiative.reference not in html and private_link_targets(html) == set()
