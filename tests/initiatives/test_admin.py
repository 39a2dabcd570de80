"""The Django admin changes ideas and initiators only through the services: each change
leaves a history row saying who changed what and when, and shows in the case timeline."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brokers.selectors import search_query
from initiatives.constants import InitiatorKind, PreferredChannel, PublicationStatus, Status
from initiatives.models import Initiative, InitiatorUpdate, UpdateKind
from initiatives.timeline import initiative_timeline
from matching import services as matching
from matching.models import MatchSuggestion
from tests.admin_pages import change_form_data, editable_fields
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db


def _initiator_url(initiative):
    return reverse("admin:initiatives_initiator_change", args=[initiative.initiator_id])


def _initiative_url(initiative):
    return reverse("admin:initiatives_initiative_change", args=[initiative.pk])


def _post(client, url, **changes):
    """Post the change page back with `changes` (None: the box unticked, the input
    emptied)."""
    data = change_form_data(client, url)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return client.post(url, data)


def _updates(initiative):
    return list(InitiatorUpdate.objects.filter(initiative=initiative))


def test_withdrawing_matching_consent_in_the_admin_goes_through_the_service(
    admin_client, admin_user, broker
):
    a = InitiativeFactory(initiator=InitiatorFactory(matching_allowed=True, public=True))
    b = InitiativeFactory(initiator=InitiatorFactory(matching_allowed=True))
    suggestion = MatchSuggestion.objects.create(
        initiative=a, other_initiative=b, score=1.0, reasons=[{"code": "theme"}]
    )

    response = _post(admin_client, _initiator_url(a), consent_matching=None)

    assert response.status_code == 302
    a.initiator.refresh_from_db()
    assert a.initiator.consent_matching_at is None
    assert a.initiator.consent_publish_at is not None  # untouched
    (update,) = _updates(a)
    assert update.kind == UpdateKind.DETAILS
    assert update.actor == admin_user
    assert update.text == "Toestemming ingetrokken: contactgegevens delen bij een koppeling"
    # The case timeline says who did it, and the initiator sees it on their page too.
    (entry,) = [
        e for e in initiative_timeline(a, for_initiator=True) if e.kind == "initiator_update"
    ]
    assert entry.actor == admin_user.get_username()
    assert "Toestemming ingetrokken" in entry.text
    # And it counts as the resident's own withdrawal would: nobody asks them any more.
    with pytest.raises(ValidationError):
        matching.match_accept(suggestion=suggestion, actor=broker)


def test_giving_consents_in_the_admin_is_recorded_per_consent(admin_client, admin_user):
    initiative = InitiativeFactory(initiator=InitiatorFactory(consent_contact_at=None))

    _post(
        admin_client,
        _initiator_url(initiative),
        consent_contact="on",
        consent_matching="on",
        consent_publish="on",
    )

    initiator = initiative.initiator
    initiator.refresh_from_db()
    assert None not in (
        initiator.consent_contact_at,
        initiator.consent_matching_at,
        initiator.consent_publish_at,
    )
    (update,) = _updates(initiative)
    assert update.text.splitlines() == [
        "Toestemming gegeven: contact opnemen",
        "Toestemming gegeven: contactgegevens delen bij een koppeling",
        "Toestemming gegeven: idee openbaar tonen",
    ]
    # Consent makes the idea wait for a broker's review: nothing is public before it.
    assert not Initiative.objects.public().filter(pk=initiative.pk).exists()
    assert initiative.publication.status == PublicationStatus.TO_REVIEW


def test_contact_details_changed_in_the_admin_are_named_not_copied_into_the_history(
    admin_client, admin_user
):
    initiative = InitiativeFactory(initiator=InitiatorFactory(name="Truus Jansen"))
    other_case = InitiativeFactory(initiator=initiative.initiator)

    response = _post(
        admin_client,
        _initiator_url(initiative),
        name="Truus Hoogeveen",
        email="truus.hoogeveen@example.nl",
        phone=None,
        address="Bloemstraat 12",
        kind=InitiatorKind.RESIDENTS_GROUP,
    )

    assert response.status_code == 302
    initiator = initiative.initiator
    initiator.refresh_from_db()
    assert (initiator.name, initiator.email, initiator.phone, initiator.address) == (
        "Truus Hoogeveen",
        "truus.hoogeveen@example.nl",
        "",
        "Bloemstraat 12",
    )
    # Every case of this initiator shows the change; no detail itself is in it.
    for case in (initiative, other_case):
        (update,) = _updates(case)
        assert update.actor == admin_user
        assert update.text.splitlines() == [
            "Soort: Bewoner → Groep bewoners",
            "Naam gewijzigd",
            "E-mailadres gewijzigd",
            "Telefoonnummer verwijderd",
            "Adres gewijzigd",
        ]
    # The search document follows the name (a PostgreSQL trigger).
    assert Initiative.objects.filter(search_document=search_query("Hoogeveen")).count() == 2


def test_an_initiator_left_without_any_contact_is_refused_next_to_the_field(admin_client):
    initiative = InitiativeFactory(initiator=InitiatorFactory(address=""))

    response = _post(admin_client, _initiator_url(initiative), email=None, phone=None)

    assert response.status_code == 200
    assert "Geef een e-mailadres, telefoonnummer of adres op." in response.content.decode()
    initiative.initiator.refresh_from_db()
    assert initiative.initiator.email and initiative.initiator.phone
    assert not InitiatorUpdate.objects.exists()


def test_saving_an_unchanged_initiator_writes_no_history(admin_client):
    initiative = InitiativeFactory()

    assert _post(admin_client, _initiator_url(initiative)).status_code == 302

    assert not InitiatorUpdate.objects.exists()


def test_retention_and_erasure_fields_are_not_editable_in_the_admin(admin_client):
    initiative = InitiativeFactory()
    fields = editable_fields(admin_client, _initiator_url(initiative))

    assert {"consent_contact", "consent_matching", "consent_publish"} <= fields
    assert not fields & {
        "anonymised_at",
        "erasure_requested_at",
        "consent_contact_at",
        "consent_matching_at",
        "consent_publish_at",
    }


def test_correcting_an_idea_in_the_admin_goes_through_the_service(admin_client, admin_user):
    initiative = InitiativeFactory(title="Bankje", status=Status.IN_CONVERSATION)

    response = _post(
        admin_client,
        _initiative_url(initiative),
        title="Moestuin bij de flat",
        needs=["location", "volunteers"],
    )

    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Moestuin bij de flat"
    assert initiative.needs == ["location", "volunteers"]
    (update,) = _updates(initiative)
    assert update.kind == UpdateKind.DETAILS
    assert update.actor == admin_user
    assert update.text.splitlines() == ["Titel gewijzigd", "Gevraagde hulp gewijzigd"]
    assert Initiative.objects.filter(search_document=search_query("moestuin")).exists()


def test_status_links_and_the_initiator_of_an_idea_are_not_editable_in_the_admin(
    admin_client,
):
    initiative = InitiativeFactory()

    assert editable_fields(admin_client, _initiative_url(initiative)) == {
        "title",
        "description",
        "theme",
        "neighbourhood",
        "channel",
        "needs",
    }


@pytest.mark.parametrize("model", ["initiative", "initiator"])
def test_ideas_and_initiators_are_neither_added_nor_deleted_in_the_admin(admin_client, model):
    initiative = InitiativeFactory()
    pk = initiative.pk if model == "initiative" else initiative.initiator_id

    assert admin_client.get(reverse(f"admin:initiatives_{model}_add")).status_code == 403
    delete = reverse(f"admin:initiatives_{model}_delete", args=[pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Initiative.objects.filter(pk=initiative.pk).exists()


def test_only_staff_who_work_cases_correct_an_idea(civil_servant):
    from config.errors import NotAllowed
    from initiatives.services import initiative_details_change

    initiative = InitiativeFactory(title="Bankje")
    with pytest.raises(NotAllowed):
        initiative_details_change(
            initiative=initiative,
            actor=civil_servant,
            title="Moestuin",
            description=initiative.description,
            theme=initiative.theme,
            neighbourhood=initiative.neighbourhood,
            channel=initiative.channel,
            needs=initiative.needs,
        )
    initiative.refresh_from_db()
    assert initiative.title == "Bankje"


def test_every_detail_and_consent_changed_at_once_is_named_in_the_forms_order(admin_user, caplog):
    from initiatives.services import initiator_details_change

    initiator = InitiatorFactory(address="Bloemstraat 1")  # contact consent only
    initiative = InitiativeFactory(initiator=initiator)

    with caplog.at_level("INFO", logger="initiatives.services.corrections"):
        changed = initiator_details_change(
            initiator=initiator,
            actor=admin_user,
            kind=InitiatorKind.SMALL_BUSINESS,
            name="Bakkerij Smit",
            email="",
            phone="038 123 45 67",
            postcode="",
            address="Markt 3",
            preferred_channel=PreferredChannel.PHONE,
            language="en",
            consent_contact=False,
            consent_matching=True,
            consent_publish=True,
        )

    (update,) = _updates(initiative)
    assert update.text.splitlines() == [
        "Soort: Bewoner → Kleine ondernemer",
        "Naam gewijzigd",
        "E-mailadres verwijderd",
        "Telefoonnummer gewijzigd",
        "Postcode verwijderd",
        "Adres gewijzigd",
        "Liefst contact via: E-mail → Telefoon",
        "Taal van de berichten: Nederlands → Engels",
        "Toestemming ingetrokken: contact opnemen",
        "Toestemming gegeven: contactgegevens delen bij een koppeling",
        "Toestemming gegeven: idee openbaar tonen",
    ]
    changed.refresh_from_db()
    assert (changed.kind, changed.name, changed.email, changed.postcode, changed.language) == (
        InitiatorKind.SMALL_BUSINESS,
        "Bakkerij Smit",
        "",
        "",
        "en",
    )
    assert changed.consent_contact_at is None
    assert None not in (changed.consent_matching_at, changed.consent_publish_at)
    # The log names the fields, never their values.
    assert [r.getMessage() for r in caplog.records] == [
        f"event=initiator_details_changed initiator_id={initiator.pk} "
        f"actor_id={admin_user.pk} fields=kind,name,email,phone,postcode,address,"
        "preferred_channel,language,consent_contact_at,consent_matching_at,consent_publish_at"
    ]
