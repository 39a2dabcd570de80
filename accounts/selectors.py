"""Reads of staff accounts: who may be named as a case's broker."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import BrokerProfile
from .roles import Role


def broker_users() -> QuerySet:
    return (
        get_user_model()
        .objects.select_related("broker_profile")
        .order_by("broker_profile__display_name", "pk")
    )


def assignable_broker_q(today: date) -> Q:
    # No profile (LEFT JOIN) reads as "no end date".
    return Q(is_active=True, groups__name__in=[Role.BROKER, Role.COORDINATOR]) & (
        Q(broker_profile__active_to__isnull=True) | Q(broker_profile__active_to__gte=today)
    )


# broker_list's query per day, built once (its joins and conditions took 0.2-0.4 ms, on
# every form with a broker choice). Never read itself: each caller gets a copy (.all()).
_BROKER_LISTS: dict[date, QuerySet] = {}


def broker_list(*, today: date | None = None) -> QuerySet:
    """Brokers and coordinators a case may be assigned to now: active accounts whose
    profile has not ended (BrokerProfile.active_to, inclusive). For every assignment
    choice; evaluate it per request, the date moves on."""
    today = today or timezone.localdate()
    built = _BROKER_LISTS.get(today)
    if built is None:
        if len(_BROKER_LISTS) >= 4:
            _BROKER_LISTS.clear()
        built = _BROKER_LISTS[today] = broker_users().filter(assignable_broker_q(today)).distinct()
    return built.all()


def broker_profile_public_list() -> QuerySet[BrokerProfile]:
    """The brokers residents see on the home page, with their direct numbers."""
    return BrokerProfile.objects.filter(user__is_active=True).order_by("display_name")


def staff_display_name(user) -> str:
    """The name staff go by: their profile's name for residents, else the account name.
    No query when the profile was loaded with the user (select_related("broker_profile"))."""
    profile = getattr(user, "broker_profile", None)
    return profile.display_name if profile else user.get_username()
