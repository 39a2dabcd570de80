import logging

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

logger = logging.getLogger(__name__)


class ChosenLanguageMiddleware:
    """Dutch unless the visitor chose another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many Dutch
    residents have an English browser; the municipality's default is Dutch, so only an
    explicit choice (the language cookie set by /i18n/setlang/) changes it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: the thread goes on in its own language afterwards (a
        # resident's English must not reach work done next in the same thread).
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class RequestBodyLimitMiddleware:
    """413 for a body larger than MAX_REQUEST_BODY_BYTES, before anything reads it.

    Django keeps files of a multipart body out of DATA_UPLOAD_MAX_MEMORY_SIZE and writes
    them to disk, and the CSRF check parses the body of every POST: without this, one
    anonymous POST could fill the web pod's disk. A body without a length (chunked) is
    not read by Django at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_BYTES:
            logger.info("event=request_body_refused length=%s", length)
            message = _("Het verzoek is te groot: hoogstens %(size)s, bijlagen meegeteld.") % {
                "size": filesizeformat(settings.MAX_REQUEST_BODY_BYTES)
            }
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            # A page of the site, not a line of plain text: a resident whose files were
            # too many or too large needs the way back and what to do.
            return render(request, "413.html", {"message": message}, status=413)
        return self.get_response(request)


class RefuseNulBytesMiddleware:
    """400 for a path or query string with a NUL byte (%00).

    PostgreSQL cannot store or compare text with NUL in it: a filter or a lookup on such
    a value fails with a DataError, a 500. No page of ours needs one, so the request is
    refused before any view sees it (forms already refuse NUL in what they read).
    The API answers in JSON, as it does for every other refusal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or (request.META.get("QUERY_STRING") and _nul_in(request.GET)):
            # Junk, not an attack worth an error-level line with a traceback (what
            # raising SuspiciousOperation logs): a note, and the 400 page.
            logger.info("event=nul_byte_refused")
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Het adres bevat een ongeldig teken.")}, status=400
                )
            return bad_request(request, None)
        return self.get_response(request)


def _nul_in(query) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


class StaffPagesPrivateMiddleware:
    """Pages for signed-in staff stay out of every cache (browser and proxies alike):
    they show residents' names, addresses and phone numbers. Residents have no
    accounts; their private pages set their own headers (config/http.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            # What Django's never_cache sets, and private besides.
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class MethodNotAllowedPageMiddleware:
    """405 with the site's own page (templates/405.html). Django's require_POST and
    require_http_methods answer with an empty body, which a browser shows as a blank
    page: someone who opens a form's address (a bookmark, a reload, a typed URL) gets
    to read what happened and where to go. One mechanism for every such view; the API
    answers in JSON itself and is left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 405
            or getattr(response, "streaming", False)
            or response.content
            or request.path.startswith("/api/")
        ):
            return response
        page = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
