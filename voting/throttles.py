"""Tries at the ballot page with a code that did not work, counted per address and per
code prefix (the first four characters) in Redis, per hour: someone guessing codes from
one address, or guessing around one prefix from many, is stopped; a resident who mistypes
once or twice is not. Like initiatives/throttles.py: a Redis that does not answer lets
the try through (a code has 60 random bits; the limit is a second line)."""

import logging
import time

import redis
from django.conf import settings

from config.http import limit_address
from config.redis import redis_client

from .codes import PREFIX_LENGTH, code_normalise

logger = logging.getLogger(__name__)

WINDOW = 3600


def _keys(request, typed: str) -> list[str]:
    prefix = f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:voting-tries"
    window = int(time.time() // WINDOW)
    code = code_normalise(typed) or "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    keys = [f"{prefix}:address:{limit_address(request)}:{window}"]
    if code:
        keys.append(f"{prefix}:code:{code[:PREFIX_LENGTH]}:{window}")
    return keys


def _client():
    return redis_client(settings.CACHES["default"]["LOCATION"])


def code_tries_left(request, typed: str) -> bool:
    """False when this address or this code's prefix failed too often this hour."""
    try:
        counts = _client().mget(_keys(request, typed))
    except redis.RedisError:
        logger.warning("event=voting_tries_unavailable")
        return True
    limit = settings.VOTING_CODE_TRIES_PER_HOUR
    return all(int(count or 0) < limit for count in counts)


def code_try_failed(request, typed: str) -> None:
    try:
        pipeline = _client().pipeline()
        for key in _keys(request, typed):
            pipeline.incr(key)
            pipeline.expire(key, WINDOW)
        pipeline.execute()
    except redis.RedisError:
        logger.warning("event=voting_tries_unavailable")
