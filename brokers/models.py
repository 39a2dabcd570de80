from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import OrganisationKind


class BrokerProfile(models.Model):
    """The named contact a resident deals with."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="broker_profile"
    )
    display_name = models.CharField(_("naam voor bewoners"), max_length=120)
    direct_phone = models.CharField(_("direct telefoonnummer"), max_length=30, blank=True)
    direct_email = models.EmailField(_("direct e-mailadres"), blank=True)
    active_from = models.DateField(_("actief vanaf"), null=True, blank=True)
    active_to = models.DateField(_("actief tot en met"), null=True, blank=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("makelaarsprofiel")
        verbose_name_plural = _("makelaarsprofielen")

    def __str__(self):
        return self.display_name

    @property
    def reply_email(self) -> str:
        return self.direct_email or self.user.email


class Organisation(models.Model):
    """A partner in the broker's network."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=OrganisationKind.choices)
    description = models.TextField(_("wat doen zij"), blank=True)
    themes = models.ManyToManyField("initiatives.Theme", blank=True, verbose_name=_("thema's"))
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood", blank=True, verbose_name=_("werkgebied")
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerkpartner")
        verbose_name_plural = _("netwerkpartners")

    def __str__(self):
        return self.name
