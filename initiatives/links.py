"""The resident's private link: signed, unguessable, revocable (by bumping the
initiative's link_version). Never the reference alone."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

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


def confirmation_token(initiative, *, browser: str = "") -> str:
    # With the link version: the page shows the private link to residents without
    # e-mail, so revoking the link must end this page too. With a digest of the browser
    # that sent the idea (its sender cookie, initiatives.throttles.browser_sender): the
    # page is that browser's only, not the next visitor's of a shared computer who finds
    # its address in the history.
    data = {"i": initiative.public_id.hex, "v": initiative.link_version}
    if browser:
        data["b"] = _browser_digest(browser)
    return signing.dumps(data, salt=_CONFIRMATION_SALT)


def _browser_digest(browser: str) -> str:
    return salted_hmac(_CONFIRMATION_SALT, browser, algorithm="sha256").hexdigest()[:32]


def read_confirmation_token(token: str, *, browser: str = "") -> tuple[str, int, bool] | None:
    """(public_id hex, link_version, whether `browser` may see it), or None when tampered
    with or over a day old."""
    try:
        data = signing.loads(token, salt=_CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return None
    if isinstance(data, str):  # made before the version was in it: the first version
        return data, 1, True
    if not isinstance(data, dict) or "i" not in data or "v" not in data:
        return None
    bound = str(data.get("b", ""))
    same_browser = not bound or constant_time_compare(bound, _browser_digest(browser))
    return str(data["i"]), int(data["v"]), same_browser
