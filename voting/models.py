"""A vote round on one or more neighbourhood budgets: its headings, plans, voting codes
and ballots.

Ballot secrecy lives in the tables: a `Ballot` has a random UUID as its key, only the
day it was cast and no link to the `VoterCode` that was used; a code records only that
it was used and through which channel, not when. A paper ballot waiting for its second
staff member (`PaperBallotEntry`) names its code until it is confirmed; confirming
deletes the entry in the same transaction that stores the ballot."""

import uuid
from datetime import date

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budgets.models import Grant, NeighbourhoodBudget
from config.transitions import StatusChange

from .constants import (
    BallotRule,
    Channel,
    CodeStatus,
    CodeUnit,
    Completion,
    CountingMethod,
    LettersStatus,
    PlanStatus,
    RoundStatus,
)


class VoteRound(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("naam"), max_length=200)
    intro = models.TextField(_("uitleg voor bewoners"), blank=True)
    status = models.CharField(
        _("fase"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.PLANS_IN
    )
    # Dates per phase: the day each phase ends (the ballot: opens and closes).
    plans_until = models.DateField(_("plannen indienen tot en met"))
    feasibility_until = models.DateField(_("toets klaar op"))
    ballot_opens = models.DateField(_("stemmen vanaf"))
    ballot_closes = models.DateField(_("stemmen tot en met"))
    results_on = models.DateField(_("uitslag op"))
    help_sessions = models.TextField(
        _("spreekuren"), blank=True, help_text=_("Waar en wanneer bewoners hulp krijgen.")
    )
    ballot_rule = models.CharField(_("soort stembiljet"), max_length=20, choices=BallotRule.choices)
    min_choices = models.PositiveSmallIntegerField(_("minimaal aantal plannen"), default=1)
    max_choices = models.PositiveSmallIntegerField(
        _("maximaal aantal plannen"), null=True, blank=True
    )
    # Knapsack: the least share of the budget a ballot must spend (percent), if set.
    min_share = models.PositiveSmallIntegerField(
        _("minimaal deel van het budget (%)"), null=True, blank=True
    )
    method = models.CharField(_("telmethode"), max_length=20, choices=CountingMethod.choices)
    completion = models.CharField(
        _("aanvulling"), max_length=20, choices=Completion.choices, default=Completion.ADD_ONE
    )
    code_unit = models.CharField(
        _("codes per"), max_length=20, choices=CodeUnit.choices, default=CodeUnit.HOUSEHOLD
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-ballot_opens", "pk"]
        verbose_name = _("stemronde")
        verbose_name_plural = _("stemrondes")
        constraints = [
            models.CheckConstraint(
                condition=Q(plans_until__lte=models.F("feasibility_until"))
                & Q(feasibility_until__lte=models.F("ballot_opens"))
                & Q(ballot_opens__lte=models.F("ballot_closes"))
                & Q(ballot_closes__lte=models.F("results_on")),
                name="vote_round_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(min_share__isnull=True) | Q(min_share__lte=100),
                name="vote_round_min_share_percent",
            ),
        ]

    def __str__(self):
        return self.title

    def takes_online_ballots(self, today: date | None = None) -> bool:
        """Open for ballots online: in its ballot phase and not past the last day its
        letters and page name ("stemmen tot en met"), even while nobody has closed it."""
        today = today or timezone.localdate()
        return self.status == RoundStatus.BALLOT_OPEN and today <= self.ballot_closes


class RoundStatusChange(StatusChange):
    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=RoundStatus.choices)
    to_status = models.CharField(max_length=20, choices=RoundStatus.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("faseovergang stemronde")
        verbose_name_plural = _("faseovergangen stemronde")


class Heading(models.Model):
    """One neighbourhood's budget in a round: its own plans, voters and count."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="headings")
    budget = models.ForeignKey(NeighbourhoodBudget, on_delete=models.PROTECT, related_name="+")
    # Whole euros: the money the residents decide on (at most the budget's amount).
    amount = models.PositiveIntegerField(_("bedrag voor de stemming"))

    class Meta:
        ordering = ["budget__neighbourhood__name", "pk"]
        verbose_name = _("wijk in een stemronde")
        verbose_name_plural = _("wijken in een stemronde")
        constraints = [
            models.UniqueConstraint(fields=["round", "budget"], name="one_heading_per_budget")
        ]

    def __str__(self):
        return f"{self.round} – {self.budget}"


class Plan(models.Model):
    """A plan on (or left off) the ballot, from an initiative."""

    heading = models.ForeignKey(Heading, on_delete=models.CASCADE, related_name="plans")
    # Empty only for a plan read in from a Pabulib file (services/importing.py).
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.PROTECT,
        related_name="vote_plans",
        null=True,
        blank=True,
    )
    # Numbered per round in the order plans came in: the tie rule's last step.
    number = models.PositiveIntegerField(_("plannummer"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting voor de stemmers"), max_length=1500)
    cost = models.PositiveIntegerField(_("kosten (hele euro's)"))
    status = models.CharField(
        _("toets"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.SUBMITTED
    )
    reason = models.TextField(_("reden"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("getoetst op"), null=True, blank=True)
    # Filled in by the count (services/results.py): votes, and the step at which the
    # plan was funded (empty: not funded).
    votes = models.PositiveIntegerField(_("stemmen"), null=True, blank=True)
    funded_rank = models.PositiveSmallIntegerField(_("gekozen als"), null=True, blank=True)
    grant = models.OneToOneField(
        Grant, on_delete=models.SET_NULL, null=True, blank=True, related_name="vote_plan"
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")
        constraints = [
            models.UniqueConstraint(fields=["heading", "initiative"], name="one_plan_per_idea"),
            models.CheckConstraint(condition=Q(cost__gt=0), name="plan_cost_positive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class VoterCode(models.Model):
    """One single-use code: only its keyed hash (voting.codes), never the code itself.
    `address_digest`: a keyed hash of the address it was sent to, so staff can revoke
    and reissue a lost letter's code when the resident gives the address again."""

    heading = models.ForeignKey(Heading, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)
    address_digest = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=20, choices=CodeStatus.choices, default=CodeStatus.ISSUED)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    reason = models.CharField(_("reden intrekken"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("stemcode")
        verbose_name_plural = _("stemcodes")
        indexes = [models.Index(fields=["heading", "status", "channel"])]

    def __str__(self):
        return f"{self.heading_id}: {self.status}"


class Ballot(models.Model):
    """What one voter chose. Nothing here leads to a code or an address."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    heading = models.ForeignKey(Heading, on_delete=models.PROTECT, related_name="ballots")
    plans = ArrayField(models.PositiveIntegerField(), blank=True)  # Plan ids
    channel = models.CharField(max_length=20, choices=Channel.choices)
    cast_on = models.DateField()  # the day only: no time to line it up with anything

    class Meta:
        verbose_name = _("stembiljet")
        verbose_name_plural = _("stembiljetten")

    def __str__(self):
        return f"{self.heading_id}: {len(self.plans)}"


class PaperBallotEntry(models.Model):
    """A paper ballot typed in by one staff member, waiting for a second to confirm it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.OneToOneField(VoterCode, on_delete=models.CASCADE, related_name="+")
    plans = ArrayField(models.PositiveIntegerField(), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("papieren stembiljet (te bevestigen)")
        verbose_name_plural = _("papieren stembiljetten (te bevestigen)")

    def __str__(self):
        return str(self.id)


def letters_upload_to(instance, filename):
    return f"voting/letters/{uuid.uuid4().hex}.pdf"


def letters_input_upload_to(instance, filename):
    return f"voting/letters/{uuid.uuid4().hex}.json"


class LetterBatch(models.Model):
    """The printable letters of one address list. The file holds codes and addresses:
    only coordinators download it, and it is deleted once printed.

    The upload stores the codes (as hashes) and `source`: the letters' plain codes and
    addresses, as private as the PDF, which a task (voting.tasks.letters_render) turns
    into `file` and then deletes. `done` counts the letters drawn so far (progress on
    the round page); `started_at` lets the beat restart a render whose worker died."""

    round = models.ForeignKey(VoteRound, on_delete=models.CASCADE, related_name="letter_batches")
    file = models.FileField(upload_to=letters_upload_to, blank=True)
    source = models.FileField(upload_to=letters_input_upload_to, blank=True)
    status = models.CharField(
        max_length=20, choices=LettersStatus.choices, default=LettersStatus.READY
    )
    done = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    codes = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("brieven")
        verbose_name_plural = _("brieven")

    def __str__(self):
        return f"{self.round_id}: {self.codes}"
