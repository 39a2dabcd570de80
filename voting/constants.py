"""A vote round's phases and its workflow as data (config.transitions runs it), and the
choices a round makes before its ballot opens."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundStatus(models.TextChoices):
    PLANS_IN = "plans_in", _("Plannen indienen")
    FEASIBILITY = "feasibility", _("Toets op haalbaarheid")
    BALLOT_OPEN = "ballot_open", _("Stemmen")
    COUNTING = "counting", _("Tellen")
    PUBLISHED = "published", _("Uitslag bekend")


# Every allowed (from, to) pair; anything else is refused. One step forward at a time:
# no phase can be skipped and none reopened (a published result is final).
ALLOWED_ROUND_TRANSITIONS: dict[str, frozenset[str]] = {
    RoundStatus.PLANS_IN: frozenset({RoundStatus.FEASIBILITY}),
    RoundStatus.FEASIBILITY: frozenset({RoundStatus.BALLOT_OPEN}),
    RoundStatus.BALLOT_OPEN: frozenset({RoundStatus.COUNTING}),
    RoundStatus.COUNTING: frozenset({RoundStatus.PUBLISHED}),
    RoundStatus.PUBLISHED: frozenset(),
}


class BallotRule(models.TextChoices):
    APPROVAL = "approval", _("Kies een aantal plannen (tussen een minimum en een maximum)")
    KNAPSACK = "knapsack", _("Kies plannen die samen binnen het budget passen")


class CountingMethod(models.TextChoices):
    GREEDY = "greedy", _("Meeste stemmen eerst")
    EQUAL_SHARES = "equal_shares", _("Gelijke delen (Method of Equal Shares)")


class Completion(models.TextChoices):
    """What Equal Shares does with money its first pass leaves over."""

    ADD_ONE = "add_one", _("Iedereen een euro meer, zo vaak als het past; daarna meeste stemmen")
    GREEDY_FILL = "greedy_fill", _("Wat overblijft: meeste stemmen eerst")


class CodeUnit(models.TextChoices):
    HOUSEHOLD = "household", _("Eén code per adres (huishouden)")
    VOTER = "voter", _("Eén code per stemgerechtigde bewoner")


class PlanStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend")
    FEASIBLE = "feasible", _("Haalbaar: op het stembiljet")
    LEFT_OUT = "left_out", _("Niet haalbaar")


class CodeStatus(models.TextChoices):
    ISSUED = "issued", _("Verstuurd")
    USED = "used", _("Gebruikt")
    REVOKED = "revoked", _("Ingetrokken")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Op papier")


class LettersStatus(models.TextChoices):
    """A letter batch's PDF, made by a task after the upload (services/codes.py)."""

    QUEUED = "queued", _("In de wachtrij")
    RENDERING = "rendering", _("Wordt gemaakt")
    READY = "ready", _("Klaar")
