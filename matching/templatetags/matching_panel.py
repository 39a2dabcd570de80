from django import template
from django.template.defaulttags import CsrfTokenNode

from .. import reasons as reason
from ..markup import case_panel_html

register = template.Library()


@register.simple_tag(takes_context=True)
def matching_case_panel(context, panel_context):
    """The case file's matching panel, written in Python (matching.markup), with the
    page's own {% csrf_token %} field in its forms."""
    return case_panel_html(panel_context, csrf_field=CsrfTokenNode().render(context))


@register.filter
def reasons_shown(reasons) -> str:
    """A suggestion's stored reasons in the reader's language (matching.reasons)."""
    return "; ".join(reason.reasons_shown(reasons))
