"""Ask the provider again, while a session lasts, whether its person still qualifies."""

import logging
import time

import requests
from django.conf import settings
from django.contrib import auth

from ..services import provider_username, staff_roles_sync
from .backend import ProviderBackend, claims_roles

logger = logging.getLogger(__name__)

CHECKED_AT = "oidc_roles_checked_at"


class ProviderRolesMiddleware:
    """For a session signed in through the provider (it holds the access token): at
    every request, or every OIDC_RECHECK_SECONDS, read the person's claims from the
    provider's userinfo endpoint and synchronise their roles. A rejected token, another
    person, or groups that grant no role any more end the session before the view
    runs. A provider that does not answer ends nothing (logged): staff keep working
    through its outage with the roles they had."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        token = session.get("oidc_access_token") if session is not None else None
        if token and request.user.is_authenticated and self._due(session):
            self._recheck(request, token)
        return self.get_response(request)

    @staticmethod
    def _due(session) -> bool:
        checked_at = session.get(CHECKED_AT, 0)
        return time.time() - checked_at >= settings.OIDC_RECHECK_SECONDS

    def _recheck(self, request, token: str) -> None:
        user = request.user
        try:
            claims = ProviderBackend().get_userinfo(token, None, None)
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 0
            if status in (400, 401, 403):
                return self._end(request, reason="token_rejected")
            logger.warning("event=oidc_recheck_unavailable status=%s", status)
            return None
        except (requests.RequestException, ValueError) as error:
            logger.warning("event=oidc_recheck_unavailable error=%s", type(error).__name__)
            return None
        if provider_username(str(claims.get("sub") or "")) != user.get_username():
            return self._end(request, reason="subject_mismatch")
        if not staff_roles_sync(user=user, roles=claims_roles(claims)):
            return self._end(request, reason="no_role")
        request.session[CHECKED_AT] = time.time()
        return None

    @staticmethod
    def _end(request, *, reason: str) -> None:
        logger.info("event=staff_access_ended user_id=%s reason=%s", request.user.pk, reason)
        auth.logout(request)
