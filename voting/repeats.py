"""A ballot sent twice from one page (a double click, a second press while the answer is
slow): the first is cast, the second finds its code used and was told "Met deze code
kunt u niet stemmen", which reads as a lost vote. The ballot page carries a random key;
a cast notes that key with its code's digest in Redis, inside the ballot's transaction,
so a second request waiting on the code's row finds the note once it may go on, and gets
the thanks instead. Only the same page with the same code does: anyone else still gets
the neutral refusal. A Redis that does not answer leaves the refusal (as before)."""

import logging
import re

import redis
from django.conf import settings

from config.redis import redis_client

from .codes import code_digest, code_normalise

logger = logging.getLogger(__name__)

PAGE_KEY = re.compile(r"^[0-9a-f]{32}$")
# Long enough for a slow answer and a second press; the thanks page lasts an hour.
REMEMBER_SECONDS = 600


def _key(page_key: str, heading_id: int) -> str | None:
    if not PAGE_KEY.match(page_key or ""):
        return None
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    return f"{prefix}:ballot-sent:{heading_id}:{page_key}"


def _digest(code: str) -> str:
    normalised = code_normalise(code)
    return code_digest(normalised) if normalised else ""


def _client():
    return redis_client(settings.CACHES["default"]["LOCATION"])


def ballot_sent_note(*, page_key: str, heading_id: int, code: str) -> None:
    """Call inside the transaction that casts the ballot, after the cast."""
    key = _key(page_key, heading_id)
    if key is None:
        return
    try:
        _client().set(key, _digest(code), ex=REMEMBER_SECONDS)
    except redis.RedisError:
        logger.warning("event=ballot_repeat_note_unavailable")


def ballot_sent_before(*, page_key: str, heading_id: int, code: str) -> bool:
    """True when this page already cast a ballot with this code."""
    key = _key(page_key, heading_id)
    if key is None:
        return False
    try:
        noted = _client().get(key)
    except redis.RedisError:
        logger.warning("event=ballot_repeat_note_unavailable")
        return False
    return noted is not None and noted.decode() == _digest(code) != ""
