from django import template

from brokers import roles
from brokers.selectors import deadline_mark as _deadline_mark

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_nav(context) -> dict:
    """What the staff navigation may show to the current user (from brokers.roles)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "cases": roles.is_broker(user),
        "handover": roles.is_coordinator(user),
        "figures": roles.can_see_figures(user),
        "admin": bool(getattr(user, "is_superuser", False)),
    }


@register.simple_tag
def deadline_mark(initiative):
    return _deadline_mark(initiative)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
