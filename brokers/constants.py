from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles, stored as Django groups with these names."""

    BROKER = "broker", _("Ideeënmakelaar")
    COORDINATOR = "coordinator", _("Coördinator")
    CIVIL_SERVANT = "civil_servant", _("Beleidsmedewerker")


class OrganisationKind(models.TextChoices):
    WELFARE = "welfare", _("Welzijnsorganisatie")
    FUND = "fund", _("Fonds")
    HOUSING_CORPORATION = "housing_corporation", _("Woningcorporatie")
    COMPANY = "company", _("Bedrijf")
    MUNICIPAL_DEPARTMENT = "municipal_department", _("Gemeentelijke afdeling")
    SOCIAL_TEAM = "social_team", _("Sociaal wijkteam")
    OTHER = "other", _("Anders")
