"""One Redis client per URL and process, for the few places that talk to Redis directly
(the submission limit, the outbox's hand-over note). Short timeouts: a Redis that does
not answer must never hold up a request; every caller has a way on without it."""

from functools import cache

import redis


@cache
def redis_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
