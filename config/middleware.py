from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
