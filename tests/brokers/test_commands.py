import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.roles import can_see_figures, is_broker, is_coordinator

pytestmark = pytest.mark.django_db


def test_add_staff_creates_and_updates_with_one_role():
    call_command(
        "add_staff", "Karin@Gemeente.example", "--role", "broker", "--password", "pw-123456!"
    )
    user = get_user_model().objects.get(email="karin@gemeente.example")
    assert is_broker(user) and not is_coordinator(user)
    assert user.broker_profile.display_name

    call_command("add_staff", "karin@gemeente.example", "--role", "civil_servant")
    user = get_user_model().objects.get(email="karin@gemeente.example")
    assert list(user.groups.values_list("name", flat=True)) == ["civil_servant"]
    assert can_see_figures(user) and not is_broker(user)
    assert user.check_password("pw-123456!")  # an update without --password keeps it


def test_add_staff_refuses_unknown_role():
    with pytest.raises(CommandError):
        call_command("add_staff", "x@gemeente.example", "--role", "mayor")
