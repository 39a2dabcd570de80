"""Browser-side protection: the Content-Security-Policy (django-csp), the
Permissions-Policy header (config/security.py) and the language cookie's flags."""

import base64
import hashlib
import re

from csp.constants import NONE, SELF

from .environment import BASE_DIR, env


def _inline_style_hashes(template: str) -> list[str]:
    """The hash of each <style> block of a page that must not depend on static files
    (500.html, rendered when anything may have failed): allowed by its exact text."""
    text = (BASE_DIR / "templates" / template).read_text()
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
        for css in re.findall(r"<style>(.*?)</style>", text, re.DOTALL)
    ]


# Only the site's own scripts and styles: no inline <script>, no style="" attribute, no
# eval. Page scripts live in static/js/, htmx is told not to inject its own <style>
# (templates/base.html, meta htmx-config). Images and media may also come from the
# object store's origin(s) when files are served through signed URLs.
_MEDIA_SOURCES = env.list("CSP_MEDIA_SOURCES", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, *_inline_style_hashes("500.html")],
        "img-src": [SELF, "data:", *_MEDIA_SOURCES],
        "media-src": [SELF, *_MEDIA_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # The identity provider's origins are added per response (config/security.py).
        "form-action": [SELF, *env.list("CSP_FORM_ACTION_SOURCES", default=[])],
        "frame-ancestors": [NONE],
    },
}
if _report_uri := env("CSP_REPORT_URI", default=""):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [_report_uri]

# Powerful browser features the site never uses, switched off for every page (and for
# anything a page might embed).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# The language choice: not readable by scripts, not sent along with other sites'
# requests; Secure in production (config/settings/production.py).
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = env.bool("LANGUAGE_COOKIE_SECURE", default=False)
