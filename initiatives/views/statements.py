"""The site's statements, linked from every page's footer: privacy in plain words (from
the real settings) and the accessibility statement (kept by an administrator)."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..privacy import privacy_facts
from ..statements import accessibility_statement_get


@require_safe
def privacy(request):
    return render(request, "initiatives/privacy.html", {"facts": privacy_facts()})


@require_safe
def accessibility(request):
    return render(
        request,
        "initiatives/accessibility.html",
        {"statement": accessibility_statement_get(), "site_url": settings.SITE_URL},
    )
