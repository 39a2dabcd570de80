"""A helper's own offer page (/aanbod/<token>/) is a private link like the resident's:
whoever holds it sees the offer and can withdraw it. It was missing from the log filter,
so every 404 and every access-log line wrote the link in full."""

import logging

import pytest
from django.urls import reverse

from config.logging import RedactTokensFilter, redact

TOKEN = "eyJpIjoiNGY3YjEyYzMiLCJ2IjoxfQ:1uQx2Z:Zk9SignatureXyz"


@pytest.mark.parametrize(
    "raw", ["/aanbod/{token}/", "/%61anbod/{token}/", "/AANBOD/{token}/", "/aanbod//./{token}/"]
)
def test_an_offer_link_is_not_logged(raw):
    line = redact(f'127.0.0.1 "POST {raw.format(token=TOKEN)} HTTP/1.1" 302 0')
    assert TOKEN.casefold() not in line.casefold()
    assert "[token]" in line


def test_djangos_not_found_line_for_an_offer_link_keeps_no_token():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/aanbod/{TOKEN}/",),
        None,
    )
    RedactTokensFilter().filter(record)
    assert TOKEN not in record.getMessage()


def test_the_offer_pages_without_a_token_stay_as_they_were():
    for path in (reverse("matching:offer_new"), reverse("matching:offer_thanks")):
        line = f'"GET {path} HTTP/1.1" 200'
        assert redact(line) == line
