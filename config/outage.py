"""Answers for a database that is away (down, restarting, failing over, unreachable).

That is an outage, not a fault in the request: 503 with Retry-After, so clients and
proxies know to come back, JSON for the API and the Dutch error page for people. Django
calls `server_error` (handler500 in config/urls.py) for whatever a view or a middleware
raised; the API's own exception handler (config/api.py) answers the API views."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

# OperationalError: no connection, the connection broke, a timeout; InterfaceError: a
# connection that was already closed.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_detail() -> str:
    return _("De database is even niet bereikbaar. Probeer het over een paar minuten opnieuw.")


def database_unavailable(request) -> HttpResponse:
    # The error's own text names the host and port: not for visitors, and not needed in
    # this line either (Django logs the request with its traceback).
    logger.warning("event=database_unavailable")
    if request is not None and request.path.startswith("/api/"):
        response = JsonResponse({"detail": database_unavailable_detail()}, status=503)
    else:
        # Rendered without the request, like 500.html: the context processors and the
        # site's base template may need the very database that is away.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: Django calls it while handling the exception, so it can look at it."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    return defaults.server_error(request)
