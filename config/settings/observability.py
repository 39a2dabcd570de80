"""Watching the platform: logs (LOG_FORMAT text or json, always through the redaction
filter of config/logging.py), Prometheus metrics (config/metrics.py) and optional error
reports to a Sentry-compatible service (config/sentry.py)."""

import os

from .environment import env

LOG_FORMAT = env("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("LOG_FORMAT: text or json")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # key=value lines; callers pass ids and counts, never personal data.
        "text": {"format": "%(asctime)s level=%(levelname)s logger=%(name)s %(message)s"},
        # One JSON object per line, for the cluster's log collector.
        "json": {"()": "config.log_format.JSONFormatter"},
    },
    "filters": {"redact_tokens": {"()": "config.logging.RedactTokensFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# /metrics: a bearer token and/or the networks allowed to scrape (CIDR, comma separated).
# With neither, /metrics is off (404).
METRICS_TOKEN = env("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=[])
# gunicorn's processes share their request figures through files in this folder
# (prometheus_client's multiprocess mode; emptied when gunicorn starts).
if _multiproc_dir := env("PROMETHEUS_MULTIPROC_DIR", default=""):
    os.makedirs(_multiproc_dir, exist_ok=True)

# Error reports to a Sentry-compatible service (Sentry, GlitchTip); empty: none.
SENTRY_DSN = env("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env("SENTRY_ENVIRONMENT", default="production")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
if SENTRY_DSN:
    from config.sentry import sentry_init

    sentry_init(SENTRY_DSN, environment=SENTRY_ENVIRONMENT, traces=SENTRY_TRACES_SAMPLE_RATE)
