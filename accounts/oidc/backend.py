"""The authentication backend for the provider's authorization-code flow."""

import logging

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ..roles import roles_from_groups
from ..services import staff_account_from_provider

logger = logging.getLogger(__name__)


def claims_roles(claims: dict) -> set[str]:
    """The roles the provider's claims grant (settings.OIDC_GROUPS_CLAIM and
    OIDC_ROLE_GROUPS)."""
    return roles_from_groups(claims.get(settings.OIDC_GROUPS_CLAIM), settings.OIDC_ROLE_GROUPS)


class ProviderBackend(OIDCAuthenticationBackend):
    """Accounts are keyed by the provider's `sub` (never by a changeable e-mail address);
    made at the first sign-in, their roles synchronised at every one. Someone whose
    groups grant no role is refused (the callback then ends on the sign-in page)."""

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        subject = str(claims.get("sub") or "")
        # OIDC Core 5.3.2: the userinfo answer is about the person in the ID token.
        if not subject or subject != str(payload.get("sub")):
            logger.warning("event=staff_provider_refused reason=subject_mismatch")
            return None
        roles = claims_roles(claims)
        user = staff_account_from_provider(
            subject=subject,
            email=str(claims.get("email") or ""),
            name=str(claims.get("name") or ""),
            roles=roles,
            link_by_email=settings.OIDC_LINK_BY_EMAIL and claims.get("email_verified") is not False,
        )
        if not roles:
            logger.info(
                "event=staff_provider_refused reason=no_role user_id=%s",
                user.pk if user else "-",
            )
            return None
        return user
