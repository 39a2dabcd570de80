"""Celery's broker (Redis) away: the app pointed at a port where nothing listens, so a
task published from a web request or a service fails as it does in an outage."""

import socket

import pytest

from config.celery import app


def _point_app_at(url: str) -> None:
    # Drop the app's cached pools, so the next publish connects to `url`.
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_broker_away(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    previous = app.conf.broker_url
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    _point_app_at(settings.CELERY_BROKER_URL)
    yield
    _point_app_at(previous)
