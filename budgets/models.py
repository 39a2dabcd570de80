"""Neighbourhood budgets (wijkbudgetten), the grants they fund and the funding ledger.

The tables keep the names they had when budgets lived in the neighbourhoods app
(migration budgets 0001 took the models over without touching the data)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Neighbourhood

from .constants import COMMITTING_STATUSES, GRANT_EVENT_RETURNED, GrantDecision, GrantStatus


class BudgetHolder(models.TextChoices):
    MUNICIPALITY = "municipality", _("De gemeente")
    ASSOCIATION = "association", _("Een erkende bewonersvereniging")


class NeighbourhoodBudget(models.Model):
    """The money for one neighbourhood in one year, and who decides about it."""

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("wijk")
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(_("bedrag"), max_digits=12, decimal_places=2)
    holder = models.CharField(
        _("beheerder"),
        max_length=20,
        choices=BudgetHolder.choices,
        default=BudgetHolder.MUNICIPALITY,
    )
    holder_name = models.CharField(
        _("naam beheerder"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld de naam van de bewonersvereniging."),
    )
    rules = models.TextField(_("regels in gewone woorden"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "neighbourhoods_neighbourhoodbudget"
        ordering = ["-year", "neighbourhood__name"]
        verbose_name = _("wijkbudget")
        verbose_name_plural = _("wijkbudgetten")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "year"], name="one_budget_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.neighbourhood} {self.year}"


class Grant(models.Model):
    """A request for money from a neighbourhood budget for one initiative, and what became
    of it: decided, paid, accounted for. Unspent money returns to the budget."""

    budget = models.ForeignKey(
        NeighbourhoodBudget,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("budget"),
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("idee"),
    )
    amount_requested = models.DecimalField(_("gevraagd bedrag"), max_digits=12, decimal_places=2)
    purpose = models.TextField(_("waarvoor is het geld"), max_length=2000)
    beneficiaries = models.TextField(_("wie hebben er iets aan"), max_length=1000)
    status = models.CharField(
        _("stand"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.REQUESTED
    )
    decision = models.CharField(
        _("besluit"), max_length=20, choices=GrantDecision.choices, blank=True
    )
    amount_approved = models.DecimalField(
        _("toegekend bedrag"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    decision_reason = models.TextField(_("uitleg bij het besluit"), blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(_("uitbetaald op"), null=True, blank=True)
    accounted_at = models.DateTimeField(_("verantwoord op"), null=True, blank=True)
    story = models.TextField(_("wat heeft het opgeleverd"), blank=True)
    # The initiator allowed the story to be shown on the open budget page and in exports.
    story_public = models.BooleanField(_("verhaal mag openbaar"), default=False)
    actual_spend = models.DecimalField(
        _("werkelijk uitgegeven"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Money paid out but not spent is back in the budget only once it has been paid
    # back: until then it still counts as spent, so it cannot be granted a second time.
    returned_at = models.DateTimeField(_("terugbetaald op"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "neighbourhoods_grant"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("toekenning")
        verbose_name_plural = _("toekenningen")
        indexes = [models.Index(fields=["budget", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested__gt=0), name="grant_request_positive"
            ),
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True) | Q(amount_approved__gt=0),
                name="grant_approved_positive",
            ),
            models.CheckConstraint(
                condition=Q(actual_spend__isnull=True) | Q(actual_spend__gte=0),
                name="grant_spend_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.initiative_id}: € {self.amount_requested} ({self.status})"

    @property
    def unspent(self):
        """What was paid out but not spent, once accounted for: it must come back."""
        if self.status != GrantStatus.ACCOUNTED or self.actual_spend is None:
            return 0
        return max(self.amount_approved - self.actual_spend, 0)

    @property
    def committed(self):
        """What this grant takes from the budget: the approved amount, or once accounted
        for and any unspent money paid back, what was actually spent."""
        if self.status not in COMMITTING_STATUSES:
            return 0
        if self.unspent and self.returned_at is None:
            return self.amount_approved
        if self.status == GrantStatus.ACCOUNTED and self.actual_spend is not None:
            return min(self.actual_spend, self.amount_approved)
        return self.amount_approved


# Receipts follow the attachments' rules (initiatives/attachments.py), for these types
# and at most this many in one accounting.
RECEIPT_TYPES = ("application/pdf", "image/jpeg", "image/png")
RECEIPT_MAX_COUNT = 10


def receipt_upload_to(instance, filename):
    # A random name: a receipt's file name often names the person ("factuur J. de Vries");
    # the extension is the detected type's, never the sender's.
    return f"grants/{instance.grant_id}/{uuid.uuid4().hex}{instance.extension}"


class GrantReceipt(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(_("bon of factuur"), upload_to=receipt_upload_to)
    # Detected from the content when stored (empty for receipts stored before that).
    content_type = models.CharField(_("soort bestand"), max_length=100, blank=True)
    extension = models.CharField(max_length=8, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "neighbourhoods_grantreceipt"
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("bon")
        verbose_name_plural = _("bonnen")

    def __str__(self):
        return self.file.name


class GrantEvent(models.Model):
    """Append-only history of a grant (request, decision, payment, accounting, unspent
    money paid back)."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(
        max_length=20,
        choices=[*GrantStatus.choices, (GRANT_EVENT_RETURNED, _("Terugbetaald"))],
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "neighbourhoods_grantevent"
        ordering = ["created_at", "pk"]
        verbose_name = _("gebeurtenis toekenning")
        verbose_name_plural = _("gebeurtenissen toekenningen")

    def __str__(self):
        return f"{self.grant_id}: {self.status}"


class FundingSource(models.TextChoices):
    WIJKBUDGET = "wijkbudget", _("Wijkbudget")
    MUNICIPAL_SUBSIDY = "municipal_subsidy", _("Subsidie van de gemeente")
    FUND = "fund", _("Fonds")
    SPONSOR = "sponsor", _("Sponsor")
    CROWDFUNDING = "crowdfunding", _("Crowdfunding")
    IN_KIND = "in_kind", _("Hulp in natura (spullen, ruimte, tijd)")
    OTHER = "other", _("Anders")
    NONE = "none", _("Geen geld nodig")


# Sources that are money. `in_kind` and `none` are not financial support.
FINANCIAL_SOURCES = frozenset(
    {
        FundingSource.WIJKBUDGET,
        FundingSource.MUNICIPAL_SUBSIDY,
        FundingSource.FUND,
        FundingSource.SPONSOR,
        FundingSource.CROWDFUNDING,
        FundingSource.OTHER,
    }
)


class FundingLine(models.Model):
    """One line of an initiative's funding ledger. A grant approval writes a `wijkbudget`
    line; brokers record the other sources, or that no money was needed."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="funding_lines"
    )
    source = models.CharField(_("bron"), max_length=20, choices=FundingSource.choices)
    amount = models.DecimalField(
        _("bedrag"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    grant = models.OneToOneField(
        Grant, on_delete=models.CASCADE, null=True, blank=True, related_name="funding_line"
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "neighbourhoods_fundingline"
        ordering = ["created_at", "pk"]
        verbose_name = _("financieringsregel")
        verbose_name_plural = _("financieringsregels")
        indexes = [models.Index(fields=["initiative", "source"])]

    def __str__(self):
        return f"{self.initiative_id}: {self.source}"
