"""Start and finish a sign-in at the provider, and sign out of both."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import resolve_url
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)


class _OnlyWhenEnabled:
    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ProviderSignInView(_OnlyWhenEnabled, OIDCAuthenticationRequestView):
    """To the provider's sign-in page (authorization code flow with PKCE)."""


class ProviderCallbackView(_OnlyWhenEnabled, OIDCAuthenticationCallbackView):
    """Back from the provider: the code is exchanged and the account made or updated
    (accounts.oidc.backend)."""


class SignOutView(OIDCLogoutView):
    """Sign-out for everyone (POST only). Who signed in through the provider is sent on
    to its end_session endpoint, which ends the provider's session too and sends them
    back to the home page."""

    http_method_names = ["post"]


def provider_logout_url(request) -> str:
    """Where signing out leads (settings.OIDC_OP_LOGOUT_URL_METHOD; called before the
    session ends, while it still holds the ID token)."""
    home = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if not (settings.OIDC_OP_LOGOUT_ENDPOINT and id_token):
        return home
    query = urlencode(
        {"id_token_hint": id_token, "post_logout_redirect_uri": request.build_absolute_uri(home)}
    )
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"
