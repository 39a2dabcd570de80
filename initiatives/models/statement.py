"""The accessibility statement (toegankelijkheidsverklaring) Dutch public bodies must
publish, in the format of the model statement (modelverklaring): one row, kept by an
administrator in the admin (through accessibility_statement_update), shown at
/toegankelijkheid/."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplianceStatus(models.TextChoices):
    """The model statement's compliance statuses (A to D)."""

    FULL = "A", _("Voldoet volledig")
    PARTIAL = "B", _("Voldoet gedeeltelijk")
    FIRST_MEASURES = "C", _("Eerste maatregelen genomen")
    NONE = "D", _("Voldoet niet")


class AccessibilityStatement(models.Model):
    status = models.CharField(
        _("nalevingsstatus"),
        max_length=1,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    statement_date = models.DateField(_("datum van de verklaring"))
    audit_date = models.DateField(_("datum laatste onderzoek"), null=True, blank=True)
    audit_by = models.CharField(_("onderzocht door"), max_length=200, blank=True)
    audit_method = models.CharField(
        _("onderzoeksmethode"),
        max_length=300,
        default="WCAG 2.1 niveau AA (EN 301 549), handmatig en met axe-core",
    )
    audit_report_url = models.URLField(_("link naar het onderzoeksrapport"), blank=True)
    known_gaps = models.TextField(
        _("bekende knelpunten"), blank=True, help_text=_("Eén knelpunt per regel.")
    )
    measures = models.TextField(
        _("maatregelen en planning"), blank=True, help_text=_("Eén maatregel per regel.")
    )
    contact_email = models.EmailField(_("e-mailadres voor meldingen"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("toegankelijkheidsverklaring")
        verbose_name_plural = _("toegankelijkheidsverklaring")

    def __str__(self):
        return str(_("Toegankelijkheidsverklaring"))

    @property
    def gap_list(self) -> list[str]:
        return [line.strip() for line in self.known_gaps.splitlines() if line.strip()]

    @property
    def measure_list(self) -> list[str]:
        return [line.strip() for line in self.measures.splitlines() if line.strip()]
