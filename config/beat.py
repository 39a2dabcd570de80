"""One beat at a time, however many are started. Every Celery beat process takes the
same Redis lock before it sends anything: the one holding it sends the schedule and
renews the lock at every tick; any other (a second replica, one started by mistake)
stands by, sends nothing, and takes over within BEAT_LOCK_SECONDS when the first one
stops. The scheduled tasks are idempotent and keyed besides (docs: HOUSE_STYLE), so
even a beat that lost its lock mid-tick does no harm."""

import contextlib
import logging
import uuid

import redis
from celery.beat import PersistentScheduler
from django.conf import settings

logger = logging.getLogger(__name__)

LOCK_KEY = "ideeen:beat:lock"
# Renew only if the lock is still ours; delete only if it is still ours.
_RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"  # noqa: E501
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"  # noqa: E501


class SingleBeatScheduler(PersistentScheduler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lock_seconds = settings.BEAT_LOCK_SECONDS
        # Tick often enough to renew the lock well before it runs out.
        self.max_interval = min(self.max_interval, self.lock_seconds / 3)
        self._redis = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_timeout=5, socket_connect_timeout=2
        )
        self._token = uuid.uuid4().hex
        self._holding = None  # not yet asked

    def tick(self, *args, **kwargs):
        if not self._hold():
            return self.lock_seconds / 3
        return super().tick(*args, **kwargs)

    def _hold(self) -> bool:
        ttl_ms = int(self.lock_seconds * 1000)
        try:
            if self._holding is True:
                held = bool(self._redis.eval(_RENEW, 1, LOCK_KEY, self._token, ttl_ms))
            else:
                held = bool(self._redis.set(LOCK_KEY, self._token, nx=True, px=ttl_ms))
        except redis.RedisError as error:
            logger.warning("event=beat_lock_unavailable error=%s", type(error).__name__)
            held = False
        if held is not self._holding:  # the first tick, and every change
            logger.info("event=%s", "beat_active" if held else "beat_standby")
        self._holding = held
        return held

    def close(self):
        if self._holding is True:
            # Where Redis does not answer, the lock runs out by itself.
            with contextlib.suppress(redis.RedisError):
                self._redis.eval(_RELEASE, 1, LOCK_KEY, self._token)
            self._holding = False
        super().close()
