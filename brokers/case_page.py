"""What every part of the case file's body written in Python needs (brokers.case_body,
brokers.case_body_actions): the context, the case, its CSRF field and the view it was
opened from, and the template filters they print through."""

from django.template.defaultfilters import date
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.timezone import template_localtime

from config.markup import escape

from .case_markup import action_form_html, message_form_html

DASH = "–"
HTMX = 'hx-target="#case-body" hx-swap="outerHTML"'


def printed_date(value, format_string: str) -> str:
    """{{ value|date:"..." }}: in the current time zone, escaped."""
    return escape(date(template_localtime(value), format_string))


def broker_name(user) -> str:
    """{{ user.broker_profile.display_name|default:user.get_username }}"""
    if user is None:
        return ""
    profile = getattr(user, "broker_profile", None)
    return (profile.display_name if profile is not None else "") or user.get_username()


def include(context, name: str, **values) -> str:
    """{% include name with values %}: rendered in the page's context."""
    template = context.template.engine.get_template(name)
    with context.push(**values):
        return template.render(context)


class CasePage:
    """What every part of the body needs: the context, the case, the CSRF field and
    the view the case file was opened from."""

    def __init__(self, context):
        self.context = context
        self.initiative = context["initiative"]
        self.csrf_field = CsrfTokenNode().render(context)
        self.view_query = context.get("view_query", "")
        self.failed_form = context.get("failed_form")

    def url(self, name: str, *args) -> str:
        return reverse(name, args=[self.initiative.reference, *args])

    def action(self, form, name: str, label: str) -> str:
        """{% url name initiative.reference as action %}{% case_action form action label %}"""
        return action_form_html(
            form,
            action=self.url(name),
            label=label,
            view_query=self.view_query,
            csrf_field=self.csrf_field,
            failed_form=self.failed_form,
        )

    def message(self, form, name: str) -> str:
        return message_form_html(
            form,
            action=self.url(name),
            view_query=self.view_query,
            csrf_field=self.csrf_field,
            failed_form=self.failed_form,
            previewed=self.context.get("previewed"),
            preview=self.context.get("preview"),
        )

    def post_form(self, name: str, *args, css: str) -> str:
        """The opening of a plain POST form to one of the case's own actions."""
        url = escape(self.url(name, *args)) + escape(self.view_query)
        return (
            f'<form method="post" action="{url}" class="{css}"\n'
            f'{" " * (12 if css == "inline-form" else 8)}hx-post="{url}" {HTMX}>'
            f"{self.csrf_field}\n"
        )
