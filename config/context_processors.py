from django.conf import settings
from django.utils.html import format_html


def site(request):
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "MUNICIPALITY_PHONE": settings.MUNICIPALITY_PHONE,
        # The number as a tel: link, for sentences that name it ("Bel %(phone)s"): one
        # tap on a phone.
        "MUNICIPALITY_PHONE_LINK": format_html(
            '<a href="{}">{}</a>',
            tel_href(settings.MUNICIPALITY_PHONE),
            settings.MUNICIPALITY_PHONE,
        ),
        "FIRST_CONTACT_WORKING_DAYS": settings.FIRST_CONTACT_WORKING_DAYS,
        # The municipality's design tokens (config/settings/theme.py).
        "THEME_STYLESHEET": settings.THEMES.get(settings.THEME, settings.THEMES["neutral"]),
    }


def tel_href(phone: str) -> str:
    """A phone number as a tel: link target: digits, and a leading + when there is one."""
    phone = phone or ""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}"


def of_municipality(name: str, language: str = "nl") -> str:
    """The municipality as it reads after "van"/"of": MUNICIPALITY_NAME is a title
    ("Gemeente Zwolle"), and "van Gemeente Zwolle" is not Dutch: "van de gemeente
    Zwolle" ("of the municipality of Zwolle"). Any other name stays as it is."""
    first, _, rest = (name or "").partition(" ")
    if first.lower() != "gemeente" or not rest:
        return name
    return f"the municipality of {rest}" if language == "en" else f"de gemeente {rest}"
