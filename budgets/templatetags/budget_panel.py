from django import template
from django.template.defaulttags import CsrfTokenNode

from ..markup import budget_panel_html

register = template.Library()


@register.simple_tag(takes_context=True)
def budget_panel(context):
    """The budget panel, written in Python (budgets.markup), from the template's context,
    with the page's own {% csrf_token %} field in its forms."""
    request = context.get("request")
    return budget_panel_html(
        context,
        csrf_field=CsrfTokenNode().render(context),
        full_path=request.get_full_path() if request is not None else "",
    )
