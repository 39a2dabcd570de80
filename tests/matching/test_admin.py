"""The Django admin opens and closes offers only through offer_status_change, which keeps
the offer's history; suggestions and introductions are the services' to write."""

import pytest
from django.urls import reverse

from config.errors import TransitionNotAllowed
from matching import services
from matching.constants import ALLOWED_OFFER_TRANSITIONS, OfferStatus
from matching.models import Introduction, MatchSuggestion, Offer, OfferStatusChange
from tests.admin_pages import change_form_data, editable_fields
from tests.initiatives.factories import InitiativeFactory
from tests.matching.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _offer_url(offer):
    return reverse("admin:matching_offer_change", args=[offer.pk])


def _idea_needing_a_place(offer):
    return InitiativeFactory(
        title="Taalcafé voor nieuwkomers",
        description="Wekelijks Nederlands oefenen met een kop koffie.",
        needs=["location"],
        neighbourhood=offer.neighbourhood,
    )


def test_closing_an_offer_in_the_admin_goes_through_the_service(admin_client, admin_user):
    offer = OfferFactory(neighbourhood=InitiativeFactory().neighbourhood)
    data = change_form_data(admin_client, _offer_url(offer)) | {"status": OfferStatus.CLOSED}

    response = admin_client.post(_offer_url(offer), data)

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED
    change = OfferStatusChange.objects.get(offer=offer)
    assert (change.from_status, change.to_status, change.actor) == (
        OfferStatus.OPEN,
        OfferStatus.CLOSED,
        admin_user,
    )
    # A closed offer is suggested to nobody.
    services.match_find(initiative_id=_idea_needing_a_place(offer).pk)
    assert not MatchSuggestion.objects.filter(offer=offer).exists()


def test_saving_an_offer_without_changing_its_status_writes_no_history(admin_client):
    offer = OfferFactory()

    response = admin_client.post(
        _offer_url(offer), change_form_data(admin_client, _offer_url(offer))
    )

    assert response.status_code == 302
    assert not OfferStatusChange.objects.exists()


def test_only_the_status_of_an_offer_is_editable_in_the_admin(admin_client):
    offer = OfferFactory()

    assert editable_fields(admin_client, _offer_url(offer)) == {"status"}
    assert admin_client.get(reverse("admin:matching_offer_add")).status_code == 403
    delete = reverse("admin:matching_offer_delete", args=[offer.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Offer.objects.filter(pk=offer.pk).exists()


@pytest.mark.parametrize("from_status", OfferStatus.values)
@pytest.mark.parametrize("to_status", OfferStatus.values)
def test_offer_transitions_follow_the_table_exactly(broker, from_status, to_status):
    offer = OfferFactory(status=from_status)
    if to_status in ALLOWED_OFFER_TRANSITIONS[from_status]:
        services.offer_status_change(offer=offer, to_status=to_status, actor=broker)
        offer.refresh_from_db()
        assert offer.status == to_status
        assert OfferStatusChange.objects.filter(offer=offer, to_status=to_status).count() == 1
    else:
        with pytest.raises(TransitionNotAllowed):
            services.offer_status_change(offer=offer, to_status=to_status, actor=broker)
        offer.refresh_from_db()
        assert offer.status == from_status
        assert not OfferStatusChange.objects.exists()


def test_only_brokers_open_or_close_offers(civil_servant):
    from django.core.exceptions import PermissionDenied

    offer = OfferFactory()
    with pytest.raises(PermissionDenied):
        services.offer_status_change(offer=offer, to_status=OfferStatus.CLOSED, actor=civil_servant)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN


def test_suggestions_and_introductions_are_read_only_in_the_admin(admin_client):
    a, b = InitiativeFactory(), InitiativeFactory()
    suggestion = MatchSuggestion.objects.create(
        initiative=a, other_initiative=b, score=0.5, reasons=[{"code": "theme"}]
    )
    introduction = Introduction.objects.create(suggestion=suggestion)

    for model, obj in (("matchsuggestion", suggestion), ("introduction", introduction)):
        change = reverse(f"admin:matching_{model}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200  # still to look at
        assert admin_client.post(change, {}).status_code == 403
        assert admin_client.get(reverse(f"admin:matching_{model}_add")).status_code == 403
        delete = reverse(f"admin:matching_{model}_delete", args=[obj.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"
    assert Introduction.objects.filter(pk=introduction.pk).exists()


def test_a_suggestions_history_is_shown_read_only_under_it(admin_client, broker):
    from matching.models import MatchSuggestionStatusChange
    from tests.initiatives.factories import InitiatorFactory

    a, b = (InitiativeFactory(initiator=InitiatorFactory(matching_allowed=True)) for _ in "ab")
    suggestion = MatchSuggestion.objects.create(
        initiative=a, other_initiative=b, score=0.5, reasons=[{"code": "theme"}]
    )
    services.match_accept(suggestion=suggestion, actor=broker)

    response = admin_client.get(
        reverse("admin:matching_matchsuggestion_change", args=[suggestion.pk])
    )

    [inline] = [
        i
        for i in response.context["inline_admin_formsets"]
        if i.formset.model is MatchSuggestionStatusChange
    ]
    [row] = list(inline)
    assert row.original == MatchSuggestionStatusChange.objects.get(suggestion=suggestion)
    assert (row.original.from_status, row.original.to_status) == ("suggested", "accepted")
    assert not inline.has_add_permission and not inline.has_change_permission
    assert not inline.has_delete_permission
    assert "Geaccepteerd, toestemming gevraagd" in response.content.decode()
