from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import can_see_figures

from ..selectors import YEARS, figures_for_year


class CanSeeFigures(permissions.BasePermission):
    message = gettext_lazy("Alleen beleidsmedewerkers en coördinatoren mogen de cijfers zien.")

    def has_permission(self, request, view):
        return can_see_figures(request.user)


class FiguresYearView(APIView):
    """The yearly figures of the ideas submitted in `year` (the same JSON as the
    download and `manage.py export_figures`)."""

    permission_classes = [permissions.IsAuthenticated, CanSeeFigures]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, year: int):
        if year not in YEARS:
            return Response(
                {
                    "detail": gettext("Kies een jaar tussen %(first)s en %(last)s.")
                    % {"first": YEARS.start, "last": YEARS.stop - 1}
                },
                status=400,
            )
        return Response(figures_for_year(year))
