from django.http import Http404
from django.shortcuts import render

from brokers.models import BrokerProfile

from .selectors import initiative_get_by_token
from .timeline import initiative_timeline


def home(request):
    brokers = BrokerProfile.objects.filter(user__is_active=True).order_by("display_name")
    return render(request, "initiatives/home.html", {"brokers": brokers})


def mine(request, token: str):
    initiative = initiative_get_by_token(token)
    if initiative is None:
        raise Http404
    response = render(
        request,
        "initiatives/mine.html",
        {"initiative": initiative, "timeline": initiative_timeline(initiative, for_initiator=True)},
    )
    # The link is private: keep it out of caches and referrers.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
