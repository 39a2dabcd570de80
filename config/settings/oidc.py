"""Staff sign-in through the municipality's own OpenID Connect provider
(mozilla-django-oidc; accounts/oidc/). Off unless OIDC_ENABLED: `make run` and the tests
sign in with local passwords. Roles come from the provider's groups claim at every
sign-in and every re-check (accounts/roles.py: roles_from_groups)."""

from .environment import env

OIDC_ENABLED = env.bool("OIDC_ENABLED", default=False)
# Local passwords (the sign-in form, the admin's) can be switched off once every member
# of staff signs in through the provider. API tokens are not affected.
LOCAL_PASSWORDS_ENABLED = env.bool("LOCAL_PASSWORDS_ENABLED", default=True)

OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile groups")
# The provider's endpoints (its /.well-known/openid-configuration lists them).
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
# end_session_endpoint: signing out here signs out at the provider too (empty: only here).
OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT", default="")
OIDC_OP_LOGOUT_URL_METHOD = "accounts.oidc.views.provider_logout_url"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=5)
OIDC_STORE_ACCESS_TOKEN = True
OIDC_STORE_ID_TOKEN = True
OIDC_CREATE_USER = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
# A provider sign-in that gives no role ends on the sign-in page with a message.
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=geweigerd"

# The claim that lists the person's groups, and which groups give which role (comma
# separated; a person may hold several). A person in none of them has no access.
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
OIDC_ROLE_GROUPS = {
    "broker": env.list("OIDC_GROUPS_BROKER", default=["ideeenmakelaar-makelaars"]),
    "coordinator": env.list("OIDC_GROUPS_COORDINATOR", default=["ideeenmakelaar-coordinatoren"]),
    "civil_servant": env.list("OIDC_GROUPS_CIVIL_SERVANT", default=["ideeenmakelaar-beleid"]),
    "administrator": env.list("OIDC_GROUPS_ADMINISTRATOR", default=["ideeenmakelaar-beheer"]),
}
# Seconds between asking the provider again (userinfo) whether a signed-in person still
# holds their groups; losing them ends the session at the next request after that.
# 0: at every request.
OIDC_RECHECK_SECONDS = env.int("OIDC_RECHECK_SECONDS", default=0)
# Link a first provider sign-in to an existing local account with the same e-mail
# address (made with `add_staff`), so its cases stay with that person.
OIDC_LINK_BY_EMAIL = env.bool("OIDC_LINK_BY_EMAIL", default=True)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["django.contrib.auth.backends.ModelBackend"] if LOCAL_PASSWORDS_ENABLED else []),
    *(["accounts.oidc.backend.ProviderBackend"] if OIDC_ENABLED else []),
]
