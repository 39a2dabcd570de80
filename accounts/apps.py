from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts and their roles: the ground floor every other app asks."""

    name = "accounts"
    verbose_name = _("Medewerkers")
