"""Staff roles and who may do what. Every view, API view and service asks these, not the
groups directly."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles, stored as Django groups with these names."""

    BROKER = "broker", _("Ideeënmakelaar")
    COORDINATOR = "coordinator", _("Coördinator")
    CIVIL_SERVANT = "civil_servant", _("Beleidsmedewerker")


# Administrators (the Django admin, every staff page) are superusers, not a group: the role
# name the provider's groups map to (settings.OIDC_ROLE_GROUPS) and `add_staff` uses.
ADMINISTRATOR = "administrator"


def roles_from_groups(groups, mapping: dict[str, list[str]]) -> set[str]:
    """The roles a person holds by the provider's groups claim: `mapping` gives, per role
    (Role values and ADMINISTRATOR), the provider's group names that grant it. Matching is
    exact; a claim that is not a list of strings grants nothing."""
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list | tuple):
        return set()
    held = {group for group in groups if isinstance(group, str)}
    known = {*Role.values, ADMINISTRATOR}
    return {role for role, names in mapping.items() if role in known and held & set(names)}


def _groups(user) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_signed_in(user) -> bool:
    """Anyone signed in, with a role or none (where sign-in leads sorts them out)."""
    return bool(getattr(user, "is_authenticated", False))


def is_coordinator(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.COORDINATOR in _groups(user)


def is_broker(user) -> bool:
    """Brokers and coordinators work cases; so do superusers."""
    return is_coordinator(user) or Role.BROKER in _groups(user)


def can_see_figures(user) -> bool:
    return is_coordinator(user) or Role.CIVIL_SERVANT in _groups(user)


def can_be_named_broker(user, *, today=None) -> bool:
    """Whether a case may name this person as its broker now: an active broker or
    coordinator whose profile has not ended (BrokerProfile.active_to, inclusive)."""
    if not is_broker(user):
        return False
    profile = getattr(user, "broker_profile", None)
    if profile is None or profile.active_to is None:
        return True
    return profile.active_to >= (today or timezone.localdate())
