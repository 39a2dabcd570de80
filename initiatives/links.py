"""The resident's private link: signed, unguessable, revocable (by bumping the
initiative's link_version). Never the reference alone."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "initiatives.private-link"


def private_token(initiative) -> str:
    return signing.dumps({"i": initiative.public_id.hex, "v": initiative.link_version}, salt=_SALT)


def read_private_token(token: str) -> tuple[str, int] | None:
    """(public_id hex, link_version) from a token, or None when it was tampered with."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or "i" not in data or "v" not in data:
        return None
    return str(data["i"]), int(data["v"])


def private_url(initiative) -> str:
    return settings.SITE_URL + reverse("initiatives:mine", args=[private_token(initiative)])


_CONFIRMATION_SALT = "initiatives.confirmation"
# The confirmation page is for the moment right after submitting, not a second link.
CONFIRMATION_MAX_AGE = 24 * 60 * 60


def confirmation_token(initiative) -> str:
    # With the link version: the page shows the private link to residents without
    # e-mail, so revoking the link must end this page too.
    return signing.dumps(
        {"i": initiative.public_id.hex, "v": initiative.link_version}, salt=_CONFIRMATION_SALT
    )


def read_confirmation_token(token: str) -> tuple[str, int] | None:
    """(public_id hex, link_version), or None when tampered with or over a day old."""
    try:
        data = signing.loads(token, salt=_CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return None
    if isinstance(data, str):  # made before the version was in it: the first version
        return data, 1
    if not isinstance(data, dict) or "i" not in data or "v" not in data:
        return None
    return str(data["i"]), int(data["v"])
