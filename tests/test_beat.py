"""One beat at a time (config/beat.py): the lock against the real Redis. The whole
cluster, with a second beat started by mistake, is in tests/replicas/."""

import pytest
import redis
from django.conf import settings

from config.beat import LOCK_KEY, SingleBeatScheduler
from config.celery import app


@pytest.fixture
def schedulers(tmp_path):
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(LOCK_KEY)
    made = []

    def make(name):
        scheduler = SingleBeatScheduler(app=app, schedule_filename=str(tmp_path / name))
        made.append(scheduler)
        return scheduler

    yield make, client
    client.delete(LOCK_KEY)


def test_the_second_beat_stands_by_until_the_first_lets_go(schedulers):
    make, client = schedulers
    first, second = make("first"), make("second")
    assert first._hold() and not second._hold()
    assert first._hold(), "the holder renews its lock"
    assert 0 < client.pttl(LOCK_KEY) <= settings.BEAT_LOCK_SECONDS * 1000
    # Standing by, a beat ticks again soon, and sends nothing meanwhile.
    assert second.tick() == settings.BEAT_LOCK_SECONDS / 3
    first.close()
    assert second._hold()
    assert not first._hold()


def test_a_lock_that_ran_out_is_taken_over(schedulers):
    make, client = schedulers
    first, second = make("first"), make("second")
    assert first._hold()
    client.delete(LOCK_KEY)  # as if its time ran out while the first beat hung
    assert second._hold()
    assert not first._hold(), "the first no longer renews a lock that is not its own"


def test_a_beat_ticks_often_enough_to_renew_its_lock(schedulers):
    make, _ = schedulers
    assert make("one").max_interval <= settings.BEAT_LOCK_SECONDS / 3
