from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferKind(models.TextChoices):
    TIME = "time", _("Tijd")
    SKILLS = "skills", _("Kennis of vaardigheden")
    SPACE = "space", _("Ruimte of een plek")
    MATERIALS = "materials", _("Spullen of materiaal")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")
