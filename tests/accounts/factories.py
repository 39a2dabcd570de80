from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import BrokerProfile, BrokerProfileChange
from accounts.roles import Role
from accounts.services import staff_account_save


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff account with one role, made through the same service as `add_staff`."""

    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"staff{n}@gemeente.example")
    role = "broker"
    password = "correct-horse-battery"
    display_name = factory.Sequence(lambda n: f"Makelaar {n}")

    @classmethod
    def _create(cls, model_class, *args, email, role, password, display_name, **kwargs):
        user, _ = staff_account_save(
            email=email,
            role=role,
            password=password,
            display_name=display_name,
            phone="038 123 45 67",
        )
        return user


class BrokerProfileFactory(factory.django.DjangoModelFactory):
    """A broker's profile. The account and its profile come from StaffFactory (the
    add_staff service); the fields given here are then set on that profile."""

    class Meta:
        model = BrokerProfile

    user = factory.SubFactory(StaffFactory, role=Role.BROKER)
    display_name = factory.Sequence(lambda n: f"Makelaar {n}")
    direct_phone = "038 123 45 67"

    class Params:
        # Replies go to this address instead of the account's.
        own_reply_address = factory.Trait(
            direct_email=factory.Sequence(lambda n: f"makelaar{n}@gemeente.example")
        )
        # No longer at work since yesterday.
        departed = factory.Trait(
            active_to=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
        )

    @classmethod
    def _create(cls, model_class, *args, user, **fields):
        profile, _ = model_class.objects.update_or_create(user=user, defaults=fields)
        return profile


class BrokerProfileChangeFactory(factory.django.DjangoModelFactory):
    """A history row as broker_profile_change writes it; drive changes through the service."""

    class Meta:
        model = BrokerProfileChange

    profile = factory.SubFactory(BrokerProfileFactory)
    actor = factory.SubFactory(StaffFactory, role=Role.COORDINATOR)
    text = "Actief tot en met: - → 2026-12-31"
