"""Browser policies on every response: the Permissions-Policy header
(settings.PERMISSIONS_POLICY: which browser features the pages may use; an empty list
switches a feature off), and the identity provider's origins in the
Content-Security-Policy's form-action (Chromium checks where a form's answer redirects to:
signing in and out goes to the provider). Read from the settings at each response, so a
provider configured later (or by a test) is allowed too."""

from urllib.parse import urlsplit

from django.conf import settings

_PROVIDER_ENDPOINTS = ("OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_LOGOUT_ENDPOINT")


def _header(policy: dict[str, list[str]]) -> str:
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


def provider_origins() -> list[str]:
    """https://host[:port] of the provider's sign-in and sign-out endpoints, once each."""
    origins = []
    for name in _PROVIDER_ENDPOINTS:
        parts = urlsplit(getattr(settings, name, "") or "")
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.scheme and parts.netloc and origin not in origins:
            origins.append(origin)
    return origins


class BrowserPoliciesMiddleware:
    """Inside django-csp's middleware (after it in MIDDLEWARE): its `_csp_update` on the
    response adds to the configured policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions = _header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        if origins := provider_origins():
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), *origins]
            response._csp_update = update
        return response
