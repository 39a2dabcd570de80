"""Kubernetes probes. /healthz/live: the process answers (no dependency is checked, so
a database outage never makes the cluster restart every replica). /healthz/ready: this
replica can serve (database, Redis, every migration applied); while it is not, the
Service sends it no traffic. /healthz (config/health.py) stays for docker compose."""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .health import _broker_ok, _database_ok
from .outage import RETRY_AFTER_SECONDS
from .redis import redis_client

logger = logging.getLogger(__name__)

# Once every migration this code knows is applied, it stays so for this process.
_migrated = False


def _migrations_applied() -> bool:
    global _migrated
    if _migrated:
        return True
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        targets = executor.loader.graph.leaf_nodes()
        _migrated = not executor.migration_plan(targets)
    except Exception:
        logger.warning("event=healthz_migrations_unknown")
        return False
    if not _migrated:
        logger.warning("event=healthz_migrations_pending")
    return _migrated


def _cache_ok() -> bool:
    location = settings.CACHES["default"].get("LOCATION")
    if not isinstance(location, str) or not location.startswith(("redis://", "rediss://")):
        return True
    try:
        return bool(redis_client(location).ping())
    except Exception:
        logger.warning("event=healthz_cache_unreachable")
        return False


@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request):
    database = _database_ok()
    checks = {
        "database": database,
        "broker": _broker_ok(),
        "cache": _cache_ok(),
        "migrations": database and _migrations_applied(),
    }
    healthy = all(checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
