from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils import timezone

from accounts import roles
from brokers.case_body import case_body_html
from brokers.case_markup import action_form_html, message_form_html
from brokers.selectors import deadline_mark as _deadline_mark
from config.dates import short_date as _short_date
from config.working_days import working_days_between

register = template.Library()


@register.simple_tag(takes_context=True)
def case_body(context):
    """The case file's body (brokers.case_body), from the page's context."""
    return case_body_html(context)


@register.simple_tag(takes_context=True)
def case_action(context, form, action, label):
    """A case action's form (brokers.case_markup), with the page's {% csrf_token %}."""
    return action_form_html(
        form,
        action=action,
        label=label,
        view_query=context.get("view_query", ""),
        csrf_field=CsrfTokenNode().render(context),
        failed_form=context.get("failed_form"),
    )


@register.simple_tag(takes_context=True)
def case_message_form(context, form, action):
    """A message to the initiator (brokers.case_markup), with the page's {% csrf_token %}."""
    return message_form_html(
        form,
        action=action,
        view_query=context.get("view_query", ""),
        csrf_field=CsrfTokenNode().render(context),
        failed_form=context.get("failed_form"),
        previewed=context.get("previewed"),
        preview=context.get("preview"),
    )


@register.simple_tag(takes_context=True)
def staff_nav(context) -> dict:
    """What the staff navigation may show to the current user (from accounts.roles)."""
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


@register.filter
def working_days_since(day) -> int:
    """Working days from `day` up to today (how long a case has been waiting)."""
    return working_days_between(day, timezone.localdate()) if day else 0


@register.filter
def short_date(day) -> str:
    """'15 nov.' (English '15 Nov'), as the queue writes its dates (config.dates)."""
    return _short_date(day) if day else ""
