"""`manage.py check --deploy` passes with production settings and a production-like
environment, and production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x7!kq2-production-like-secret-0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
    "DJANGO_ALLOWED_HOSTS": "ideeen.gemeente.example",
    "VOTING_CODE_KEY": "production-like-voting-key-5e4f3a2b1c0d9e8f",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/ideeen",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
}


def _run(env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_in_production():
    result = _run(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_needs_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _run(env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_closed_day_that_is_no_date_stops_the_start():
    result = _run(PRODUCTION_ENV | {"CLOSED_DAYS": "2026-05-15,15 mei"})
    assert result.returncode != 0
    assert "CLOSED_DAYS: dates like 2026-05-15" in result.stderr
    assert _run(PRODUCTION_ENV | {"CLOSED_DAYS": "2026-05-15, 2027-05-07"}).returncode == 0


def test_every_setting_is_documented_in_env_example():
    import re

    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )
    source = "".join(p.read_text() for p in (ROOT / "config" / "settings").glob("*.py"))
    used = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', source))
    server = (ROOT / "config" / "gunicorn.py").read_text()
    used |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z][A-Z0-9_]+)"', server))
    assert "WEB_CONCURRENCY" in used
    assert used <= documented, f"not in .env.example: {sorted(used - documented)}"


def test_production_keeps_the_database_options():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['NAME'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], "
        "d['OPTIONS']['server_side_binding'], d['OPTIONS']['prepare_threshold'])"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=clean | PRODUCTION_ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split() == ["ideeen", "60", "True", "True", "5"], result.stderr


def test_production_needs_a_database_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = _run(env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_every_beat_job_names_a_registered_task():
    from config.celery import app

    app.loader.import_default_modules()
    unknown = {
        name: entry["task"]
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
        if entry["task"] not in app.tasks
    }
    assert unknown == {}


@pytest.mark.django_db
def test_statements_are_planned_for_their_own_values():
    # Prepared statements keep their parse, not a generic plan (config/settings/base.py).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_custom_plan",)


def test_own_walk_in_hours_never_get_the_demo_english_text():
    code = "from django.conf import settings; print(repr(settings.WALK_IN_HOURS_EN))"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WALK_IN")}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=clean | {"WALK_IN_HOURS": "Maandag 9-12 in het wijkcentrum."},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().endswith("''"), result.stdout + result.stderr
