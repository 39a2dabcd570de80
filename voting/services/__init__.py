"""Every write to vote rounds, plans, codes and ballots goes through here."""

from .ballots import (
    CodeRefused,
    ballot_cast,
    ballot_check,
    ballots_shuffle,
    paper_ballot_confirm,
    paper_ballot_enter,
    paper_ballot_reject,
)
from .codes import (
    code_reissue,
    code_revoke,
    codes_issue,
    letters_render,
    letters_render_unfinished,
)
from .plans import plan_add, plan_check
from .results import round_count
from .rounds import ROUND_STATES, round_advance, round_create

__all__ = [
    "ROUND_STATES",
    "CodeRefused",
    "ballot_cast",
    "ballot_check",
    "ballots_shuffle",
    "code_reissue",
    "code_revoke",
    "codes_issue",
    "letters_render",
    "letters_render_unfinished",
    "paper_ballot_confirm",
    "paper_ballot_enter",
    "paper_ballot_reject",
    "plan_add",
    "plan_check",
    "round_advance",
    "round_count",
    "round_create",
]
