"""The one sign-in page for staff: the municipality's provider (OIDC), local passwords,
or both (settings.OIDC_ENABLED, LOCAL_PASSWORDS_ENABLED)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseNotAllowed


class SignInView(auth_views.LoginView):
    def post(self, request, *args, **kwargs):
        if not settings.LOCAL_PASSWORDS_ENABLED:
            return HttpResponseNotAllowed(["GET"])
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provider_sign_in"] = settings.OIDC_ENABLED
        context["local_passwords"] = settings.LOCAL_PASSWORDS_ENABLED
        context["provider_refused"] = self.request.GET.get("sso") == "geweigerd"
        return context
