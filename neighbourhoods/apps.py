from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodsConfig(AppConfig):
    """Places: neighbourhoods and postcode ranges, reference data on the ground floor."""

    name = "neighbourhoods"
    verbose_name = _("Wijken")
