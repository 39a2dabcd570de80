"""Sign-in and sign-out (under /accounts/). The names "login" and "logout" are the
ones settings.LOGIN_URL and the templates use."""

from django.urls import path

from .oidc.views import ProviderCallbackView, ProviderSignInView, SignOutView
from .views import SignInView

urlpatterns = [
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", SignOutView.as_view(), name="logout"),
    path("oidc/start/", ProviderSignInView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", ProviderCallbackView.as_view(), name="oidc_authentication_callback"),
]
