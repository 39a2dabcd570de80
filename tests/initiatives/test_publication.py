"""Reviewed publication: nothing of an idea is public before a broker publishes it; the
public pages show the broker's title and summary, never the idea's own text; the
initiator's withdrawn consent takes it off at once."""

import pytest
from django.urls import reverse

from config.errors import NotAllowed, TransitionNotAllowed
from initiatives.constants import (
    ALLOWED_PUBLICATION_TRANSITIONS,
    PublicationStatus,
)
from initiatives.links import private_token
from initiatives.models import Initiative, Publication, PublicationStatusChange
from initiatives.services import (
    initiator_erasure_request,
    initiator_preferences_change,
    initiator_publication_withdraw,
    publication_prefill,
    publication_publish,
    publication_request,
    publication_unpublish,
)
from initiatives.services.publication import PUBLICATION_STATES
from tests.initiatives.factories import (
    InitiativeFactory,
    InitiatorFactory,
    PublicationFactory,
    theme,
)
from tests.initiatives.payloads import submission_data
from tests.neighbourhoods.factories import NeighbourhoodFactory, PostcodeRangeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _setup():
    theme("groen-leefomgeving")
    PostcodeRangeFactory(neighbourhood=NeighbourhoodFactory(code="WK019300", name="Binnenstad"))


PRIVATE = "Kerkstraat 12, bel 06 98765432"


def _idea(**kwargs):
    return InitiativeFactory(
        title="Moestuin Kerkstraat 12",
        description=f"Wij willen een moestuin. Adres: {PRIVATE}.",
        initiator=InitiatorFactory(public=True),
        **kwargs,
    )


def _publish(initiative, broker, title="Samen een moestuin", summary="Buren tuinieren samen."):
    return publication_publish(initiative=initiative, title=title, summary=summary, actor=broker)


def test_a_submission_with_consent_waits_for_review_and_is_nowhere_public(client):
    response = client.post("/idee-indienen/", submission_data(title="Moestuin Kerkstraat 12"))
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.publication.status == PublicationStatus.TO_REVIEW
    assert [c.to_status for c in PublicationStatusChange.objects.all()] == ["to_review"]
    assert not Initiative.objects.public().exists()
    assert "Kerkstraat" not in client.get("/ideeen/").content.decode()
    assert client.get(f"/ideeen/{initiative.reference}/").status_code == 404


def test_without_consent_there_is_nothing_to_review(client):
    client.post("/idee-indienen/", submission_data(consent_publish=None))
    assert not Publication.objects.exists()


def test_published_pages_show_the_public_text_only(client, broker):
    initiative = _idea()
    publication_request(initiative=initiative)
    _publish(initiative, broker)

    gallery = client.get("/ideeen/").content.decode()
    detail = client.get(f"/ideeen/{initiative.reference}/").content.decode()
    for html in (gallery, detail):
        assert "Samen een moestuin" in html
        assert "Kerkstraat" not in html
    assert "Buren tuinieren samen." in detail
    change = initiative.publication.status_changes.order_by("pk").last()
    assert (change.to_status, change.title, change.actor) == (
        "published",
        "Samen een moestuin",
        broker,
    )


def test_prefill_is_the_idea_and_the_original_stays(broker):
    initiative = _idea()
    publication_request(initiative=initiative)
    assert publication_prefill(initiative)["title"] == "Moestuin Kerkstraat 12"
    _publish(initiative, broker)
    initiative.refresh_from_db()
    assert initiative.title == "Moestuin Kerkstraat 12"
    assert publication_prefill(initiative)["title"] == "Samen een moestuin"


def test_unpublish_needs_a_reason_and_takes_it_off(client, broker):
    initiative = _idea()
    publication_request(initiative=initiative)
    _publish(initiative, broker)
    with pytest.raises(Exception, match="waarom"):
        publication_unpublish(initiative=initiative, reason=" ", actor=broker)
    publication_unpublish(initiative=initiative, reason="Adres in de tekst.", actor=broker)
    assert client.get(f"/ideeen/{initiative.reference}/").status_code == 404
    last = initiative.publication.status_changes.order_by("pk").last()
    assert (last.to_status, last.note) == ("unpublished", "Adres in de tekst.")


def test_only_brokers_publish_and_only_with_consent(broker, civil_servant):
    initiative = _idea()
    publication_request(initiative=initiative)
    with pytest.raises(NotAllowed):
        _publish(initiative, civil_servant)
    without = InitiativeFactory(initiator=InitiatorFactory())
    with pytest.raises(Exception, match="toestemming"):
        _publish(without, broker)


def test_withdrawing_consent_on_mine_unpublishes_at_once(client, broker):
    initiative = _idea()
    publication_request(initiative=initiative)
    _publish(initiative, broker)
    mine = reverse("initiatives:mine", args=[private_token(initiative)])
    html = client.get(mine).content.decode()
    assert "Samen een moestuin" in html and "Haal mijn idee van de website" in html

    response = client.post(reverse("initiatives:mine_unpublish", args=[private_token(initiative)]))

    assert response.status_code == 302
    assert client.get(f"/ideeen/{initiative.reference}/").status_code == 404
    initiative.refresh_from_db()
    assert initiative.initiator.consent_publish_at is None
    assert initiative.publication.status == PublicationStatus.UNPUBLISHED
    assert "Niets van uw idee staat openbaar" in client.get(mine).content.decode()


def test_preferences_and_erasure_unpublish_too(broker):
    first, second = _idea(), _idea()
    for initiative in (first, second):
        publication_request(initiative=initiative)
        _publish(initiative, broker)
    initiator_preferences_change(
        initiative=first,
        preferred_channel="email",
        email=first.initiator.email,
        phone="",
        consent_matching=False,
        consent_publish=False,
    )
    assert not Initiative.objects.public().filter(pk=first.pk).exists()
    # Consent again: waits for review again, not public at once.
    initiator_preferences_change(
        initiative=first,
        preferred_channel="email",
        email=first.initiator.email,
        phone="",
        consent_matching=False,
        consent_publish=True,
    )
    first.publication.refresh_from_db()
    assert first.publication.status == PublicationStatus.TO_REVIEW
    assert not Initiative.objects.public().filter(pk=first.pk).exists()

    _publish(second, broker)
    initiator_erasure_request(initiative=second)
    second.publication.refresh_from_db()
    assert second.publication.status == PublicationStatus.UNPUBLISHED
    assert not Initiative.objects.public().filter(pk=second.pk).exists()
    assert initiator_publication_withdraw(initiative=second) is not None
    assert initiator_publication_withdraw(initiative=second) is None  # nothing left to withdraw


@pytest.mark.parametrize("from_status", list(PublicationStatus))
@pytest.mark.parametrize("to_status", list(PublicationStatus))
def test_every_publication_transition_pair(from_status, to_status, broker):
    publication = PublicationFactory(status=from_status)
    allowed = to_status in ALLOWED_PUBLICATION_TRANSITIONS[from_status]
    if allowed:
        PUBLICATION_STATES.transition(
            publication, to=to_status, actor=broker, history={"actor_role": "staff"}
        )
        publication.refresh_from_db()
        assert publication.status == to_status
    else:
        with pytest.raises(TransitionNotAllowed):
            PUBLICATION_STATES.transition(
                publication, to=to_status, actor=broker, history={"actor_role": "staff"}
            )


def test_queue_filter_lists_the_review_task(client, broker, django_assert_max_num_queries):
    waiting = [PublicationFactory().initiative for _ in range(3)]
    published = PublicationFactory(published=True).initiative
    client.force_login(broker)
    with django_assert_max_num_queries(25):
        html = client.get("/makelaar/?review=true").content.decode()
    for initiative in waiting:
        assert initiative.reference in html
    assert published.reference not in html
    assert "Openbaar tonen: te beoordelen" in html


def test_case_file_panel_publishes_with_and_without_htmx(client, broker):
    initiative = _idea(in_conversation=True)
    publication_request(initiative=initiative)
    client.force_login(broker)
    case = client.get(f"/makelaar/ideeen/{initiative.reference}/").content.decode()
    assert 'id="publicatie"' in case and 'value="Moestuin Kerkstraat 12"' in case
    url = reverse("initiatives:publication_publish", args=[initiative.reference])

    empty = client.post(url, {"publish-title": "", "publish-summary": "x" * 601})
    assert empty.status_code == 400
    assert "Geef de openbare titel." in empty.content.decode()
    assert "Gebruik hoogstens 600 tekens. U gebruikte er 601." in empty.content.decode()

    done = client.post(url, {"publish-title": "Samen tuinieren", "publish-summary": "Buren."})
    assert done.status_code == 302
    assert done["Location"].endswith("#panel-publication")
    fragment = client.post(
        reverse("initiatives:publication_unpublish", args=[initiative.reference]),
        {"unpublish-reason": "Foto van een kind."},
        HTTP_HX_REQUEST="true",
    )
    assert fragment.status_code == 200
    assert "Het idee is niet (meer) openbaar." in fragment.content.decode()
    initiative.publication.refresh_from_db()
    assert initiative.publication.status == PublicationStatus.UNPUBLISHED


def test_review_pages_are_for_brokers_only(client, civil_servant):
    initiative = PublicationFactory().initiative
    client.force_login(civil_servant)
    url = reverse("initiatives:publication_review", args=[initiative.reference])
    assert client.get(url).status_code == 403
