"""Settings shared by every environment. Every value comes from the environment;
`.env.example` explains each variable. local/test/production only override."""

import sys
from datetime import date
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .environment import BASE_DIR, env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the site, used in links inside e-mails (no trailing slash).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
MUNICIPALITY_NAME = env("MUNICIPALITY_NAME", default="Gemeente Zwolle")
MUNICIPALITY_PHONE = env("MUNICIPALITY_PHONE", default="14 038")
# The promise to every initiator: first contact within this many working days.
FIRST_CONTACT_WORKING_DAYS = env.int("FIRST_CONTACT_WORKING_DAYS", default=5)


# Days the office is closed besides weekends and public holidays (ISO dates, comma
# separated): they do not count as working days for that promise.
def _dates(name: str) -> list[date]:
    # Refused at start-up, not by the first page that counts working days.
    try:
        return [date.fromisoformat(day.strip()) for day in env.list(name, default=[])]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: dates like 2026-05-15, comma separated") from error


CLOSED_DAYS = _dates("CLOSED_DAYS")
# Walk-in hours shown on the home page, in plain words.
_DEMO_WALK_IN_HOURS = (
    "Elke dinsdag en donderdag van 9.00 tot 12.00 uur in het Stadskantoor, Lübeckplein 2.",
    "Every Tuesday and Thursday from 9.00 to 12.00 at the Stadskantoor, Lübeckplein 2.",
)
WALK_IN_HOURS = env("WALK_IN_HOURS", default=_DEMO_WALK_IN_HOURS[0])
# The same in English, for the English pages (empty: the Dutch text, marked as Dutch).
# The English demo text only goes with the Dutch demo text, never with a municipality's own.
WALK_IN_HOURS_EN = env(
    "WALK_IN_HOURS_EN",
    default=_DEMO_WALK_IN_HOURS[1] if _DEMO_WALK_IN_HOURS[0] == WALK_IN_HOURS else "",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "accounts",
    "neighbourhoods",
    "initiatives",
    "brokers",
    "messaging",
    "budgets",
    "voting",
    "matching",
    "figures",
    "retention",
    "demo",
]

MIDDLEWARE = [
    # Outermost: request latency by view for /metrics (config/metrics.py).
    "config.metrics.RequestMetricsMiddleware",
    # First, so the whole request is under its database deadline.
    "config.db_deadline.DatabaseDeadlineMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (config/settings/security.py).
    "csp.middleware.CSPMiddleware",
    "config.security.BrowserPoliciesMiddleware",
    "config.middleware.StaffPagesPrivateMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "config.middleware.RefuseNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads the body (the CSRF check parses a multipart body).
    "config.middleware.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff signed in through the provider lose access once their groups no longer qualify.
    "accounts.oidc.middleware.ProviderRolesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A readable page for a 405 (a form's address opened directly): config/middleware.py.
    "config.middleware.MethodNotAllowedPageMiddleware",
    # request.htmx: whether a case action answers with a fragment (initiatives/case_actions.py).
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
            "libraries": {"site": "config.templatetags"},
        },
    },
]

# Django's form renderer, with the plain <input> and <textarea> written in Python (same
# markup, config/forms.py).
FORM_RENDERER = "config.forms.QuickWidgetRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/ideeen"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Services own their transactions; tasks and commands call them too.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Parameters travel apart from the SQL (psycopg server-side binding): PostgreSQL's own
# error log shows $1, not what a resident typed.
DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
# A statement a connection has run this many times is prepared, so PostgreSQL stops
# parsing and planning it anew (Django's default is never; 0 or less keeps that).
_prepare_threshold = env.int("DATABASE_PREPARE_THRESHOLD", default=5)
DATABASES["default"]["OPTIONS"]["prepare_threshold"] = max(_prepare_threshold, 0) or None
# ...but planned for each call's own values: a generic plan cannot see how common a word
# is ("similar ideas" took 350 ms against 17 ms; 100,000 ideas, `python -m bench residents`).
_server_settings = {"plan_cache_mode": "force_custom_plan"}
# A database that is away or frozen must not hold a request (or a worker) for as long as
# it is gone: connecting, statements and lock waits have limits (DATABASE_*_TIMEOUT). A
# frozen server answers nothing: config/db_deadline.py cuts a web request's connection.
DATABASES["default"]["OPTIONS"]["connect_timeout"] = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
# Management commands (migrate, imports, exports, the demo data) may run long statements
# and wait for locks on purpose, and nobody waits for them in a browser: no statement or
# lock timeout for them. `manage.py runserver` is the web tier and keeps both.
_MANAGEMENT_COMMAND = Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] != ["runserver"]
if not _MANAGEMENT_COMMAND:
    _server_settings["statement_timeout"] = round(
        1000 * env.float("DATABASE_STATEMENT_TIMEOUT", default=30)
    )
    _server_settings["lock_timeout"] = round(1000 * env.float("DATABASE_LOCK_TIMEOUT", default=5))


def _with_server_settings(options: str, values: dict) -> str:
    """`-c name=value` for every value the given options (DATABASE_URL's ?options=...)
    do not set themselves."""
    added = [f"-c {name}={value}" for name, value in values.items() if f"{name}=" not in options]
    return " ".join([options, *added]).strip()


DATABASES["default"]["OPTIONS"]["options"] = _with_server_settings(
    DATABASES["default"]["OPTIONS"].get("options", ""), _server_settings
)
# Seconds a web request may take before its database connection is cut: it then ends
# with a 503 instead of waiting for a frozen database (0: never cut).
WEB_DATABASE_TIMEOUT = env.float("WEB_DATABASE_TIMEOUT", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# AUTHENTICATION_BACKENDS: local passwords and/or the municipality's OIDC provider.
from .oidc import *  # noqa: E402, F403

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Each role to its own work (brokers.views.queue.staff_start).
LOGIN_REDIRECT_URL = "brokers:start"
LOGOUT_REDIRECT_URL = "/"

# Reverse proxies in front of gunicorn that append to X-Forwarded-For (0: none, 1: the
# usual TLS proxy), for the per-address limits (config/http.py: limit_address). Too high
# lets visitors choose their own address; too low puts everyone under one limit.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "config.http.limit_address"
# Lock an account/address pair out after repeated failed sign-ins (an IPv6 address by
# its /64: config/http.py).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files: local disk or S3-compatible object storage (config/settings/storage.py).
from .storage import *  # noqa: E402, F403
from .storage import file_storages  # noqa: E402

STORAGES = {
    **file_storages(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The largest request body Django reads into memory (its default). Files in a multipart
# upload do not count (they go to disk); a JSON body counts whole, and decoded takes many
# times its size in memory. Over it the API answers 413 (config/api.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The largest request body read at all, files included (config.middleware.
# RequestBodyLimitMiddleware): above the largest form (10 receipts of 10 MB).
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=120 * 1024 * 1024)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ideeenmakelaar@gemeente.example")

# Celery and REDIS_URL (the broker; also the cache below).
from .celery import *  # noqa: E402, F403
from .celery import REDIS_URL  # noqa: E402

# Workers: a claimed outbox message whose worker died is sent again after this lease.
OUTBOX_CLAIM_SECONDS = env.int("OUTBOX_CLAIM_SECONDS", default=300)
# Remind an initiator after the broker has waited this many working days for them.
WAITING_REMINDER_WORKING_DAYS = env.int("WAITING_REMINDER_WORKING_DAYS", default=5)
# The satisfaction survey goes out this many days after a case closed.
SURVEY_DELAY_DAYS = env.int("SURVEY_DELAY_DAYS", default=2)
# Personal data is anonymised this many months after a case closed.
RETENTION_MONTHS = env.int("RETENTION_MONTHS", default=24)
# Match suggestions kept per initiative.
MATCH_SUGGESTIONS_PER_CASE = env.int("MATCH_SUGGESTIONS_PER_CASE", default=5)

from .api import *  # noqa: E402, F403
from .figures import *  # noqa: E402, F403
from .privacy import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403
from .theme import *  # noqa: E402, F403
from .voting import *  # noqa: E402, F403

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("CACHE_URL", default=REDIS_URL),
        "KEY_PREFIX": "ideeen",
    }
}

# Logs, metrics, error reports.
from .observability import *  # noqa: E402, F403
