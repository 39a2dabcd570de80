"""The web-form submission the benchmark sends (bench/measures/residents.py and the
locust scenario), urlencoded with a fresh submission_key."""

import uuid
from urllib.parse import urlencode


def submission_body(*, csrf: str, run: str, postcode: str = "8011 AB") -> tuple[str, str]:
    """(submission_key, urlencoded body). The title, "Bench <run> buurtmoestuin", is how
    the benchmark finds and removes its own rows afterwards."""
    key = str(uuid.uuid4())
    body = urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "submission_key": key,
            "title": f"Bench {run} buurtmoestuin",
            "description": "Met de buren groente kweken op het grasveld achter de flat.",
            "theme": "groen-leefomgeving",
            "postcode": postcode,
            "needs": ["volunteers", "funding"],
            "initiator_kind": "resident",
            "name": "Bench Bewoner",
            "email": "bench@example.nl",
            "preferred_channel": "email",
        },
        doseq=True,
    )
    return key, body
