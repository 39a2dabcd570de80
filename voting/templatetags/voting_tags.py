from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euros(value) -> str:
    """Whole euros in the page's language: € 2.500 in Dutch, € 2,500 in English."""
    try:
        amount = int(value)
    except (TypeError, ValueError):
        return ""
    return f"€\u00a0{number_format(amount, decimal_pos=0, force_grouping=True)}"
