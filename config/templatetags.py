"""Template tags for every page, loaded as `{% load site %}` (TEMPLATES "libraries")."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

from .context_processors import of_municipality, site, tel_href

register = template.Library()


@register.simple_tag
def content_lang(language: str = "") -> str:
    """` lang="nl"` on text people wrote themselves (an idea, a budget's rules, a note from
    staff) when the page is in another language, so a screen reader reads it with the
    right voice. Nothing when the page is in that language: <html lang> already says it.

    Staff and residents write in the municipality's language unless we know better:
    pass the language a text was written in when it is stored (Initiator.language)."""
    language = language or settings.LANGUAGE_CODE
    page = translation.get_language() or settings.LANGUAGE_CODE
    if language.split("-")[0] == page.split("-")[0]:
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag
def site_values() -> dict:
    """What the `site` context processor gives every page, for a template rendered
    without a request and so without context processors: Django renders 500.html with
    an empty context."""
    return site(None)


@register.filter
def markup_number(value) -> str:
    """A number as SVG and CSS read it, whatever the page's language: a decimal point,
    no thousands separator. Django writes numbers in the page's format ("55,0" on a
    Dutch page), which a browser ignores in width="..." (the bar is then not drawn).
    Use it wherever a number goes into markup rather than into text for people."""
    if value is None or value == "":
        return "0"
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return f"{number:.4f}".rstrip("0").rstrip(".")


# "van de gemeente Zwolle" (see config.context_processors.of_municipality).
register.filter("of_municipality", of_municipality)

# A phone number as a tel: link target (defined beside the context processor that uses it).
register.filter("tel_href", tel_href)
