from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import OfferKind, OfferStatus


class Offer(models.Model):
    """Time, skills, space or materials someone offers, with what they would like in
    return (as on an exchange floor). Contact details are personal data."""

    kind = models.CharField(_("wat biedt u aan"), max_length=20, choices=OfferKind.choices)
    description = models.TextField(_("omschrijving"), max_length=2000)
    in_return = models.TextField(_("wat zou u graag terug willen"), max_length=1000, blank=True)
    # Offered to one idea (from the gallery's "I want to help"), or to anyone.
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="offers",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        "brokers.Organisation", on_delete=models.SET_NULL, null=True, blank=True
    )
    theme = models.ForeignKey("initiatives.Theme", on_delete=models.SET_NULL, null=True, blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", on_delete=models.SET_NULL, null=True, blank=True
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    consent_contact_at = models.DateTimeField(null=True, blank=True)
    consent_matching_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:50]}"
