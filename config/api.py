"""What every API endpoint shares: parsers, renderer, authentication and error handling
that answer in Dutch and in JSON, never with a 500 or an HTML page (config/openapi.py
documents those refusals for every operation).

DRF imports these classes from its settings while rest_framework.views is still being
imported: this module must not import that (or drf_spectacular.openapi) itself."""

import json
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from rest_framework import authentication, parsers, renderers, serializers, status
from rest_framework.exceptions import APIException, ParseError, PermissionDenied

from .outage import DATABASE_ERRORS, database_unavailable

logger = logging.getLogger(__name__)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with Dutch messages (DRF's own says "JSON parse error - " and
    Python's reason, in English), and a 400 for JSON nested too deeply to decode:
    Python's decoder gives up with a RecursionError (a 500) on a few kilobytes of
    brackets."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("De JSON is te diep genest.")) from None
        except ParseError as error:
            # DRF raises its ParseError while handling the decoder's ValueError.
            reason = error.__context__
            if isinstance(reason, json.JSONDecodeError):
                message = _("Dit is geen geldige JSON (regel %(line)s, teken %(column)s).") % {
                    "line": reason.lineno,
                    "column": reason.colno,
                }
            elif isinstance(reason, UnicodeDecodeError):
                message = _("De gegevens zijn geen geldige UTF-8-tekst.")
            else:
                message = _("Dit is geen geldige JSON.")
            raise ParseError(message) from None


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, with a Dutch message instead of "Multipart form parse
    error - " and Django's English reason."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError:
            raise ParseError(_("Het multipart-formulier kan niet worden gelezen.")) from None


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, refusing a missing CSRF token in Dutch (DRF's own
    answer is "CSRF Failed: " and Django's English reason)."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except PermissionDenied:
            raise PermissionDenied(
                _(
                    "Stuur bij een verzoek met een sessie ook het CSRF-token mee (de kop "
                    "X-CSRFToken), of gebruik een token (Authorization: Token ...)."
                )
            ) from None


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer, also for an answer that repeats a lone surrogate a client
    sent (a choice it refused, say): UTF-8 cannot encode one, and DRF's renderer fails
    with a 500. Such an answer escapes it (\\ud800), as JSON allows."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            # Every non-ASCII character as an escape, lone surrogates included. (DRF
            # makes a renderer per request: this one answers only this request.)
            self.ensure_ascii = True
            return super().render(data, accepted_media_type, renderer_context)


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self):
        super().__init__(
            _("Het verzoek is te groot. Zonder bijlagen mag het hoogstens %(size)s zijn.")
            % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
        )


def exception_handler(exc, context):
    """DRF's exception handler, and a JSON answer for a request Django refuses to read:
    a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413, too many fields or files a 400
    (Django would answer with the HTML 400 page and log an error). A database that is
    away is a 503 with Retry-After: an outage the client may try again, not a fault of
    ours (a 500) or of the request."""
    from rest_framework.views import exception_handler as drf_exception_handler
    from rest_framework.views import set_rollback

    if isinstance(exc, DATABASE_ERRORS):
        set_rollback()
        return database_unavailable(context["request"])
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, TooManyFieldsSent):
        exc = ParseError(_("Het verzoek heeft te veel velden."))
    elif isinstance(exc, TooManyFilesSent):
        exc = ParseError(_("Het verzoek heeft te veel bestanden."))
    return drf_exception_handler(exc, context)


def not_found(request, exception=None):
    """handler404: JSON under /api/ (an address no endpoint matches, such as a year that
    is not a number), the site's page everywhere else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Niet gevonden.")}, status=404)
    return page_not_found(request, exception)


class RefusalSerializer(serializers.Serializer):
    """A refusal: why, in Dutch (or in the language the client chose with the language
    cookie)."""

    detail = serializers.CharField()
