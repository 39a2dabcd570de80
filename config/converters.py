"""The path converter for keys that people choose and links carry: a case's reference
and a neighbourhood's code (`<key:reference>`, `<key:code>`).

New keys are checked against their pattern (`initiatives.models.reference_validator`,
`neighbourhoods.models.neighbourhood_code_validator`), which allows nothing a link cannot
carry, and this converter passes those through unchanged. A key stored before the checks
may still hold a slash, a space or a "%": it is percent-encoded into the link and decoded
again for the view, so such a row never takes a page down (NoReverseMatch) and its own
page still opens."""

from urllib.parse import quote, unquote

from django.urls import register_converter


class KeyConverter:
    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        key = unquote(value)
        if "\x00" in key:
            # PostgreSQL cannot compare text with NUL in it: no such page (404).
            raise ValueError("NUL in a key")
        return key

    def to_url(self, value) -> str:
        return quote(str(value), safe="")


# Imported by every URL module that uses it, so it is registered before their patterns.
register_converter(KeyConverter, "key")
