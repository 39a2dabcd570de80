"""Prometheus metrics at /metrics (prometheus_client).

Two kinds: request latency by view, measured in every web process (RequestMetrics
middleware; under gunicorn the processes share their figures through the files in
PROMETHEUS_MULTIPROC_DIR, see config/gunicorn.py), and the state of the work (outbox
backlog, follow-ups waiting, overdue first contacts, Celery queue lengths), read from
PostgreSQL and Redis when Prometheus asks, so every replica answers the same.

The apps plug their figures in with `gauge_register` in AppConfig.ready(); this module
knows none of them. /metrics answers only a request with METRICS_TOKEN as its bearer
token and/or from METRICS_ALLOWED_NETWORKS, and is off (404) when neither is set."""

import hmac
import ipaddress
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from .http import client_address
from .redis import redis_client

logger = logging.getLogger(__name__)

REQUEST_LATENCY = Histogram(
    "ideeen_http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it, by view.",
    ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class RequestMetricsMiddleware:
    """First in MIDDLEWARE: the whole request is measured. The label is the view's URL
    name (never the path, which may hold a private link's token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or match._func_path) if match else "unresolved"
        REQUEST_LATENCY.labels(view, request.method, str(response.status_code)).observe(
            time.perf_counter() - started
        )
        return response


@dataclass(frozen=True)
class _Gauge:
    documentation: str
    read: Callable[[], float]


_GAUGES: dict[str, _Gauge] = {}


def gauge_register(name: str, documentation: str, read: Callable[[], float]) -> None:
    """A figure read when Prometheus scrapes (a count or an age from the database)."""
    _GAUGES[name] = _Gauge(documentation, read)


def celery_queue_lengths() -> dict[str, int]:
    """Messages waiting in each Celery queue (a Redis list per queue)."""
    client = redis_client(settings.CELERY_BROKER_URL)
    names = [queue.name for queue in settings.CELERY_TASK_QUEUES]
    with client.pipeline(transaction=False) as pipe:
        for name in names:
            pipe.llen(name)
        return dict(zip(names, pipe.execute(), strict=True))


class _StateCollector:
    """The registered gauges and the queue lengths, read at scrape time. A figure that
    cannot be read is left out (and logged), not reported as zero."""

    def collect(self):
        for name, gauge in _GAUGES.items():
            try:
                value = gauge.read()
            except Exception:
                logger.warning("event=metrics_gauge_failed gauge=%s", name, exc_info=True)
                continue
            yield GaugeMetricFamily(name, gauge.documentation, value=value)
        try:
            lengths = celery_queue_lengths()
        except Exception:
            logger.warning("event=metrics_queue_lengths_failed", exc_info=True)
            return
        family = GaugeMetricFamily(
            "ideeen_celery_queue_length", "Tasks waiting in each Celery queue.", labels=["queue"]
        )
        for queue, length in lengths.items():
            family.add_metric([queue], length)
        yield family


def _process_registry() -> CollectorRegistry:
    """This process's figures, or every gunicorn process's when they share a folder."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def _allowed(request) -> bool:
    token, networks = settings.METRICS_TOKEN, settings.METRICS_ALLOWED_NETWORKS
    if not token and not networks:
        raise Http404
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return False
    if networks:
        try:
            address = ipaddress.ip_address(client_address(request))
        except ValueError:
            return False
        return any(address in ipaddress.ip_network(net, strict=False) for net in networks)
    return True


@never_cache
def metrics(request):
    if not _allowed(request):
        response = HttpResponse("Forbidden\n", status=403, content_type="text/plain")
        if settings.METRICS_TOKEN:
            response.status_code = 401
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    state = CollectorRegistry()
    state.register(_StateCollector())
    body = generate_latest(_process_registry()) + generate_latest(state)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
