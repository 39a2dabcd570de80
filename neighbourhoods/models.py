"""Places: neighbourhoods (CBS codes) and the postcode ranges that lie in them. Reference
data that every floor reads; budgets live in the budgets app."""

import re

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")

postcode_bound_validator = RegexValidator(
    r"^[1-9][0-9]{3}[A-Z]{2}$", _("Gebruik de vorm 1234AB, zonder spatie.")
)


# A neighbourhood's code is part of the open budget pages' links
# (/wijkbudgetten/<code>/<year>/): letters and digits, with single hyphens between them
# (WK019301, BU01930100). No slash, space or dot, which a link cannot carry as they are.
NEIGHBOURHOOD_CODE_PATTERN = r"[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*"
neighbourhood_code_validator = RegexValidator(
    rf"\A{NEIGHBOURHOOD_CODE_PATTERN}\Z",
    _("Een wijkcode bestaat alleen uit letters, cijfers en streepjes, zoals WK019301."),
    code="neighbourhood_code",
)


def normalise_postcode(value: str) -> str | None:
    """'8011 ab' -> '8011AB'; '8011' -> '8011'; anything else -> None."""
    match = POSTCODE_RE.match(value or "")
    if not match:
        return None
    return match.group(1) + (match.group(2) or "").upper()


class Neighbourhood(models.Model):
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[neighbourhood_code_validator],
        help_text=_("CBS-buurt- of wijkcode, zoals WK019301."),
    )
    name = models.CharField(_("naam"), max_length=120)
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    # The outline for the maps: a GeoJSON Polygon or MultiPolygon in WGS84, simplified
    # for drawing (manage.py import_neighbourhoods, from the CBS wijk- en buurtkaart).
    shape = models.JSONField(_("vorm"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self):
        return self.name


class PostcodeRange(models.Model):
    """An inclusive range of six-character postcodes (1234AA..1234ZZ) in a neighbourhood."""

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="postcode_ranges"
    )
    start = models.CharField(_("van"), max_length=6, validators=[postcode_bound_validator])
    end = models.CharField(_("tot en met"), max_length=6, validators=[postcode_bound_validator])

    class Meta:
        ordering = ["start"]
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lte=models.F("end")), name="postcode_range_order"
            )
        ]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self):
        return f"{self.start}–{self.end}"
