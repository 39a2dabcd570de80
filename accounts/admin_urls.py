"""The admin signs in and out where all staff do (included before the admin's own URLs):
on the one sign-in page, and out of the provider's session too."""

from django.urls import path
from django.views.generic import RedirectView

from .oidc.views import SignOutView

urlpatterns = [
    path("login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("logout/", SignOutView.as_view()),
]
