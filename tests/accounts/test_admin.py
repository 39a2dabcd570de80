"""The Django admin changes a broker profile (a broker's end date above all) only
through broker_profile_change, which keeps the profile's history."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import BrokerProfile, BrokerProfileChange
from accounts.roles import can_be_named_broker
from accounts.selectors import broker_list
from accounts.services import broker_profile_change
from config.errors import NotAllowed
from initiatives.services import initiative_assign
from tests.admin_pages import change_form_data, editable_fields
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _url(user):
    return reverse("admin:accounts_brokerprofile_change", args=[user.broker_profile.pk])


def _post(client, user, **changes):
    return client.post(_url(user), change_form_data(client, _url(user)) | changes)


def test_ending_a_broker_in_the_admin_goes_through_the_service(
    admin_client, admin_user, broker, coordinator
):
    last_day = timezone.localdate() - timedelta(days=1)

    response = _post(admin_client, broker, active_to=last_day.isoformat())

    assert response.status_code == 302
    profile = BrokerProfile.objects.get(user=broker)
    assert profile.active_to == last_day
    change = BrokerProfileChange.objects.get(profile=profile)
    assert change.actor == admin_user
    assert change.text == f"Actief tot en met: - → {last_day.isoformat()}"
    # From then on nobody can name them as a case's broker.
    broker = get_user_model().objects.get(pk=broker.pk)
    assert not can_be_named_broker(broker)
    assert broker not in broker_list()
    with pytest.raises(ValidationError):
        initiative_assign(initiative=InitiativeFactory(), broker=broker, actor=coordinator)


def test_the_name_residents_see_is_recorded_with_its_old_and_new_value(
    admin_client, admin_user, broker
):
    old = broker.broker_profile.display_name

    _post(admin_client, broker, display_name="Sanne de Makelaar", direct_phone="038 999 99 99")

    change = BrokerProfileChange.objects.get()
    assert change.text.splitlines() == [
        f"Naam voor bewoners: {old} → Sanne de Makelaar",
        "Direct telefoonnummer gewijzigd",
    ]


def test_an_end_date_before_the_start_is_refused_next_to_the_field(admin_client, broker):
    today = timezone.localdate()

    response = _post(
        admin_client,
        broker,
        active_from=today.isoformat(),
        active_to=(today - timedelta(days=1)).isoformat(),
    )

    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    profile = BrokerProfile.objects.get(user=broker)
    assert profile.active_from is None and profile.active_to is None
    assert not BrokerProfileChange.objects.exists()


def test_saving_an_unchanged_profile_writes_no_history(admin_client, broker):
    assert _post(admin_client, broker).status_code == 302
    assert not BrokerProfileChange.objects.exists()


def test_a_profile_keeps_its_account_and_is_neither_added_nor_deleted_in_the_admin(
    admin_client, broker
):
    assert "user" not in editable_fields(admin_client, _url(broker))
    assert admin_client.get(reverse("admin:accounts_brokerprofile_add")).status_code == 403
    delete = reverse("admin:accounts_brokerprofile_delete", args=[broker.broker_profile.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert BrokerProfile.objects.filter(user=broker).exists()


def test_only_a_coordinator_changes_a_broker_profile(broker):
    profile = broker.broker_profile
    with pytest.raises(NotAllowed):
        broker_profile_change(
            profile=profile,
            actor=broker,
            display_name=profile.display_name,
            direct_phone=profile.direct_phone,
            direct_email=profile.direct_email,
            active_from=None,
            active_to=timezone.localdate(),
        )
    profile.refresh_from_db()
    assert profile.active_to is None


def test_the_broker_list_is_read_anew_on_every_use(broker, coordinator):
    """broker_list() builds its query once a day and hands out copies: each reads the
    accounts as they are then (an ended broker drops out at once)."""
    first = broker_list()
    assert set(first) == {broker, coordinator}
    BrokerProfile.objects.filter(user=broker).update(
        active_to=timezone.localdate() - timedelta(days=1)
    )
    assert set(broker_list()) == {coordinator} and set(first) == {broker, coordinator}
    assert broker_list() is not broker_list()
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert str(broker_list(today=tomorrow).query) != str(broker_list().query)
