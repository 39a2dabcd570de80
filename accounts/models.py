"""Staff accounts beyond Django's user: the broker's profile that residents see.

The table keeps the name it had in the brokers app (migration accounts 0001)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        db_table = "brokers_brokerprofile"

    def __str__(self):
        return self.display_name

    @property
    def reply_email(self) -> str:
        return self.direct_email or self.user.email


class BrokerProfileChange(models.Model):
    """Append-only history of a broker profile: who changed the name residents see, the
    direct numbers, or the period the broker works here (an end date takes them off
    every assignment choice), and when."""

    profile = models.ForeignKey(BrokerProfile, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What changed, one line per field.
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("wijziging van makelaarsprofiel")
        verbose_name_plural = _("wijzigingen van makelaarsprofielen")

    def __str__(self):
        return f"{self.profile_id} ({self.created_at:%Y-%m-%d})"
