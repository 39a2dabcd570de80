"""Who may do what. Every view, API view and service asks these, not the groups directly."""

from .constants import Role


def _groups(user) -> set[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_coordinator(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.COORDINATOR in _groups(user)


def is_broker(user) -> bool:
    """Brokers and coordinators work cases; so do superusers."""
    return is_coordinator(user) or Role.BROKER in _groups(user)


def can_see_figures(user) -> bool:
    return is_coordinator(user) or Role.CIVIL_SERVANT in _groups(user)
