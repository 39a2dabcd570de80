import re
import uuid
from pathlib import Path

from django.conf import settings
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
        ordering = ["-year", "neighbourhood__name"]
        verbose_name = _("wijkbudget")
        verbose_name_plural = _("wijkbudgetten")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "year"], name="one_budget_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.neighbourhood} {self.year}"


class GrantStatus(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    APPROVED = "approved", _("Toegekend")
    DECLINED = "declined", _("Afgewezen")
    PAID = "paid", _("Uitbetaald")
    ACCOUNTED = "accounted", _("Verantwoord")


class GrantDecision(models.TextChoices):
    APPROVE = "approve", _("Toekennen")
    APPROVE_PART = "approve_part", _("Deels toekennen")
    DECLINE = "decline", _("Afwijzen")


# Grants whose approved money counts against the budget.
COMMITTING_STATUSES = (GrantStatus.APPROVED, GrantStatus.PAID, GrantStatus.ACCOUNTED)
# A grant event only: the money an accounted grant did not spend came back to the budget
# (the grant itself stays accounted; see Grant.returned_at).
GRANT_EVENT_RETURNED = "returned"


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


def receipt_upload_to(instance, filename):
    # A random name: a receipt's file name often names the person ("factuur J. de Vries").
    suffix = Path(filename).suffix.lower()[:8]
    return f"grants/{instance.grant_id}/{uuid.uuid4().hex}{suffix}"


class GrantReceipt(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(_("bon of factuur"), upload_to=receipt_upload_to)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
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
        ordering = ["created_at", "pk"]
        verbose_name = _("financieringsregel")
        verbose_name_plural = _("financieringsregels")
        indexes = [models.Index(fields=["initiative", "source"])]

    def __str__(self):
        return f"{self.initiative_id}: {self.source}"
