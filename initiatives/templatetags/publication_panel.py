from django import template
from django.template.defaulttags import CsrfTokenNode

from ..publication_markup import publication_panel_html

register = template.Library()


@register.simple_tag(takes_context=True)
def publication_panel(context):
    """The publication panel, written in Python (initiatives.publication_markup), from
    the template's `panel_context`, with the page's own {% csrf_token %} field."""
    return publication_panel_html(
        context["panel_context"], csrf_field=CsrfTokenNode().render(context)
    )
