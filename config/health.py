import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from config.celery import app as celery_app
from config.db_deadline import deadline
from config.outage import RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


# The probe's own bound, well within the compose healthcheck's timeout: a frozen
# database makes /healthz say so in seconds instead of hanging with it.
DATABASE_CHECK_SECONDS = 2


def _database_ok() -> bool:
    try:
        with deadline(DATABASE_CHECK_SECONDS), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("event=healthz_database_unreachable")
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            return True
    except Exception:
        logger.warning("event=healthz_broker_unreachable")
        return False


@never_cache
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
