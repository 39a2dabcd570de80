"""Staff sign-in through the municipality's OpenID Connect provider (mozilla-django-oidc):
the backend makes and updates accounts from the provider's claims, the middleware asks
the provider again while a session lasts, the views start and end sign-in. Settings in
config/settings/oidc.py."""
