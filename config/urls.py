from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import health_probes
from .health import healthz
from .metrics import metrics

api_patterns = [
    path("", include("initiatives.api.urls")),
    path("", include("figures.api.urls")),
    path("cases/", include("brokers.api.urls")),
]

# A database that is away answers 503 with Retry-After, not 500 (config/outage.py).
handler500 = "config.outage.server_error"


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: the icon, not a 404."""
    return redirect(static("img/favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("healthz/live", health_probes.live, name="healthz-live"),
    path("healthz/ready", health_probes.ready, name="healthz-ready"),
    path("metrics", metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin signs in and out where all staff do (provider and/or local passwords).
    path("admin/", include("accounts.admin_urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", include(api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("cijfers/", include("figures.urls")),
    path("", include("budgets.urls")),
    path("", include("voting.urls")),
    path("makelaar/", include("brokers.urls")),
    path("", include("initiatives.urls")),
    path("", include("matching.urls")),
]

# JSON under /api/, the site's own page elsewhere.
handler404 = "config.api.not_found"

# No public media URL, not even in DEBUG: attachments, pending uploads and receipts hold
# personal data and are only served by the guarded download views.
