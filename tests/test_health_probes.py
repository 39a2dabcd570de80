"""The Kubernetes probes: /healthz/live answers while the process runs, whatever is down;
/healthz/ready only when the database, Redis and every migration are there."""

import pytest

from config import health_probes

pytestmark = pytest.mark.django_db


def test_live_needs_nothing(client, settings):
    from config.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz/live")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_ready_checks_database_redis_and_migrations(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": True, "broker": True, "cache": True, "migrations": True},
    }


def test_not_ready_while_redis_is_away(client):
    from config.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz/ready")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] is False
    assert response["Retry-After"]


def test_not_ready_with_a_migration_pending(client, monkeypatch):
    from django.db.migrations.recorder import MigrationRecorder

    monkeypatch.setattr(health_probes, "_migrated", False)
    # The newest migration recorded as not applied (rolled back with the test), as after
    # a deploy whose migrate Job has not run yet.
    MigrationRecorder.Migration.objects.order_by("-applied", "-pk").first().delete()
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] is False


def test_the_old_healthz_stays(client):
    assert client.get("/healthz").json()["status"] == "ok"
