"""The network: organisations a broker refers to, by kind, theme and area."""

from django.http import Http404
from django.shortcuts import render

from accounts.guards import staff_required
from accounts.roles import is_broker
from initiatives.selectors import theme_list
from neighbourhoods.selectors import neighbourhood_list

from ..constants import OrganisationKind
from ..models import Organisation
from ..selectors import organisation_get_for_viewer, organisation_list


@staff_required(is_broker)
def network(request):
    kind = request.GET.get("kind", "")
    theme = request.GET.get("theme", "")
    area = request.GET.get("area", "")
    organisations = organisation_list(viewer=request.user, kind=kind, theme=theme, area=area)
    return render(
        request,
        "brokers/network.html",
        {
            "organisations": organisations,
            "kinds": OrganisationKind.choices,
            "kind": kind,
            "themes": theme_list(),
            "theme": theme,
            "areas": neighbourhood_list(),
            "area": area,
        },
    )


@staff_required(is_broker)
def organisation_detail(request, pk: int):
    try:
        organisation = organisation_get_for_viewer(viewer=request.user, pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return render(request, "brokers/organisation_detail.html", {"organisation": organisation})
