"""Casting a ballot: online with a code, or on paper, typed in by one staff member and
confirmed by a second (four eyes).

Single use holds under any number of simultaneous requests: the code is marked used by
one conditional UPDATE (`status = issued`), which PostgreSQL runs for one request at a
time per row; only the request that changed the row stores a ballot, in the same
transaction. The ballot row gets a random id and the day only, and nothing that names
the code (models.py)."""

import logging
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.roles import is_broker
from config.errors import NotAllowed

from ..codes import code_digest, code_normalise
from ..constants import BallotRule, Channel, CodeStatus, PlanStatus, RoundStatus
from ..models import Ballot, Heading, PaperBallotEntry, Plan, VoterCode, VoteRound

logger = logging.getLogger(__name__)

# One answer for a code that is wrong, used, revoked, malformed or tried too often: a
# guesser learns nothing from it, a resident knows where to turn.
CODE_REFUSED = gettext_lazy(
    "Met deze code kunt u niet stemmen. Kijk of u de code goed heeft overgenomen. "
    "Lukt het niet? Kom naar een spreekuur of bel de gemeente."
)


class CodeRefused(ValidationError):
    def __init__(self):
        super().__init__({"code": CODE_REFUSED}, code="code_refused")


def _euros(amount: int) -> str:
    return f"€ {amount:,}".replace(",", ".")


def _approval_problem(vote_round, count: int) -> str | None:
    low, high = vote_round.min_choices, vote_round.max_choices
    if count < low:
        return ngettext(
            "Kies minstens %(low)s plan. U koos er %(count)s.",
            "Kies minstens %(low)s plannen. U koos er %(count)s.",
            low,
        ) % {"low": low, "count": count}
    if high is not None and count > high:
        return ngettext(
            "Kies hoogstens %(high)s plan. U koos er %(count)s: haal er %(over)s weg.",
            "Kies hoogstens %(high)s plannen. U koos er %(count)s: haal er %(over)s weg.",
            high,
        ) % {"high": high, "count": count, "over": count - high}
    return None


def _knapsack_problem(vote_round, heading, count: int, total: int) -> str | None:
    if total > heading.amount:
        return _(
            "Uw plannen kosten samen %(total)s. Dat is %(over)s meer dan het budget "
            "van %(amount)s. Haal een of meer plannen weg."
        ) % {
            "total": _euros(total),
            "over": _euros(total - heading.amount),
            "amount": _euros(heading.amount),
        }
    if not count:
        return _("Kies minstens één plan.")
    least = -(-heading.amount * (vote_round.min_share or 0) // 100)
    if total < least:
        return _(
            "Kies plannen voor samen minstens %(least)s. Nu is het %(total)s: "
            "kies er nog %(short)s bij."
        ) % {"least": _euros(least), "total": _euros(total), "short": _euros(least - total)}
    return None


def ballot_check(
    *, heading: Heading, plan_ids: Collection, feasible: Collection[Plan] | None = None
) -> list[Plan]:
    """The chosen plans when the ballot keeps the round's rules; otherwise a refusal
    that says what to change. `feasible`: the heading's plans on the ballot when the
    caller has them already (the ballot page does); they cannot change once the ballot
    is open (plan_check works in the feasibility phase only)."""
    vote_round = heading.round
    try:
        wanted = {int(pk) for pk in plan_ids}
    except (TypeError, ValueError):
        wanted = None
    if wanted is None:
        plans = []
    elif feasible is not None:
        plans = [
            plan
            for plan in feasible
            if plan.pk in wanted
            and plan.heading_id == heading.pk
            and plan.status == PlanStatus.FEASIBLE
        ]
    else:
        plans = list(
            Plan.objects.filter(heading=heading, status=PlanStatus.FEASIBLE, pk__in=wanted)
        )
    if wanted is None or len(plans) != len(wanted):
        raise ValidationError({"plans": _("Kies alleen plannen van dit stembiljet.")})
    count, total = len(plans), sum(plan.cost for plan in plans)
    if vote_round.ballot_rule == BallotRule.APPROVAL:
        problem = _approval_problem(vote_round, count)
    else:
        problem = _knapsack_problem(vote_round, heading, count, total)
    if problem:
        raise ValidationError({"plans": problem})
    return plans


def _closed() -> ValidationError:
    return ValidationError(_("Stemmen kan nu niet: de stemming is niet open."))


def _open(heading: Heading, *statuses) -> None:
    if heading.round.status not in statuses:
        raise _closed()


# The round as it is now, not as the page read it, locked against a phase change (which
# takes FOR UPDATE) until the ballot is stored: a ballot either goes in before the round
# moves on to counting, or is refused. FOR KEY SHARE, so ballots do not wait for each other.
_ROUND_NOW_SQL = """
SELECT status, ballot_closes FROM voting_voteround WHERE id = %s FOR KEY SHARE
"""


def _still_open_online(round_id: int) -> None:
    """Call inside the ballot's transaction."""
    with connection.cursor() as cursor:
        cursor.execute(_ROUND_NOW_SQL, [round_id])
        status, closes = cursor.fetchone()
    if not VoteRound(status=status, ballot_closes=closes).takes_online_ballots():
        raise _closed()


# The code is found by its digest alone (a unique index), and its heading compared
# afterwards: with `heading_id` in the WHERE, PostgreSQL may walk the heading's index
# instead, through every code of the neighbourhood (measured 20-30 ms a ballot with
# 120,000 codes when the statistics still described an empty table, as right after the
# codes were made).
_CODE_USE_SQL = """
UPDATE voting_votercode SET status = %s, channel = %s
WHERE digest = %s AND status = %s
RETURNING heading_id
"""


def _code_use(digest: str, channel: str) -> int | None:
    """Mark an issued code used in one statement (one request at a time per row, so a
    code is used once however many try at the same moment); the heading it belongs
    to, or None when no issued code has this digest. Call inside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute(_CODE_USE_SQL, [CodeStatus.USED, channel, digest, CodeStatus.ISSUED])
        row = cursor.fetchone()
    return row[0] if row else None


def ballot_cast(
    *, heading: Heading, code: str, plan_ids: Collection, feasible: Collection[Plan] | None = None
) -> Ballot:
    """One online ballot. The rules are checked before the code is touched: a ballot
    that breaks them is refused with what to change, and nothing is stored.
    `feasible`: as for ballot_check."""
    if not heading.round.takes_online_ballots():
        raise _closed()
    plans = ballot_check(heading=heading, plan_ids=plan_ids, feasible=feasible)
    normalised = code_normalise(code)
    if normalised is None:
        raise CodeRefused()
    with transaction.atomic():
        _still_open_online(heading.round_id)
        if _code_use(code_digest(normalised), Channel.ONLINE) != heading.pk:
            raise CodeRefused()  # unknown, used, revoked, or another heading's (rolled back)
        ballot = Ballot.objects.create(
            heading=heading,
            plans=sorted(plan.pk for plan in plans),
            channel=Channel.ONLINE,
            cast_on=timezone.localdate(),
        )
    logger.info("event=ballot_cast heading_id=%s channel=online", heading.pk)
    return ballot


def _require_staff(actor) -> None:
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars en coördinatoren kunnen dit doen."))


def paper_ballot_enter(*, actor, heading: Heading, code: str, plan_ids: Collection):
    """A paper ballot as typed in by a first staff member; it counts once a second
    confirms it. The code must be unused and not already waiting."""
    _require_staff(actor)
    _open(heading, RoundStatus.BALLOT_OPEN, RoundStatus.COUNTING)
    plans = ballot_check(heading=heading, plan_ids=plan_ids)
    normalised = code_normalise(code)
    if normalised is None:
        raise CodeRefused()
    with transaction.atomic():
        voter_code = (
            VoterCode.objects.select_for_update()
            .filter(digest=code_digest(normalised), status=CodeStatus.ISSUED)
            .first()
        )
        if voter_code is None or voter_code.heading_id != heading.pk:
            raise CodeRefused()
        if PaperBallotEntry.objects.filter(code=voter_code).exists():
            raise ValidationError(
                {"code": _("Dit stembiljet is al ingevoerd en wacht op controle.")}
            )
        entry = PaperBallotEntry.objects.create(
            code=voter_code, plans=sorted(plan.pk for plan in plans), entered_by=actor
        )
    logger.info("event=paper_ballot_entered heading_id=%s", heading.pk)
    return entry


def paper_ballot_confirm(*, actor, entry: PaperBallotEntry) -> Ballot:
    """The second pair of eyes: another staff member saw the same paper. The code is
    marked used, the ballot stored, and the entry (the only link between the two) goes."""
    _require_staff(actor)
    with transaction.atomic():
        locked = (
            PaperBallotEntry.objects.select_for_update()
            .select_related("code__heading__round")
            .get(pk=entry.pk)
        )
        if locked.entered_by_id == actor.pk:
            raise NotAllowed(_("Een ander moet dit stembiljet controleren dan wie het invoerde."))
        heading = locked.code.heading
        _open(heading, RoundStatus.BALLOT_OPEN, RoundStatus.COUNTING)
        used = VoterCode.objects.filter(pk=locked.code_id, status=CodeStatus.ISSUED).update(
            status=CodeStatus.USED, channel=Channel.PAPER
        )
        if used != 1:
            raise ValidationError(
                _("Met deze code is intussen al gestemd. Dit biljet telt niet: keur het af.")
            )
        ballot = Ballot.objects.create(
            heading=heading, plans=locked.plans, channel=Channel.PAPER, cast_on=timezone.localdate()
        )
        locked.delete()
    logger.info("event=paper_ballot_confirmed heading_id=%s", heading.pk)
    return ballot


def paper_ballot_reject(*, actor, entry: PaperBallotEntry) -> None:
    """The second staff member saw something else on the paper: the entry goes, the code
    stays unused, and the paper can be typed in again."""
    _require_staff(actor)
    PaperBallotEntry.objects.filter(pk=entry.pk).delete()
    logger.info("event=paper_ballot_rejected")


# Ballot secrecy against whoever reads the database itself (an administrator, a restored
# backup): a ballot is stored in the transaction that uses its code, so the two rows carry
# that transaction's id (PostgreSQL's xmin) and the ballots lie in the order of voting.
# Rewriting the ballots of open and counting rounds in one transaction, in random order,
# gives them all one new xmin and a new physical order; VACUUM then drops the old row
# versions. The beat does it every few minutes (settings: voting-ballots-shuffle) and the
# round's move to counting once more, so the link lasts minutes, not the whole vote.
_SHUFFLE_SQL = """
WITH gone AS (
    DELETE FROM voting_ballot
    WHERE heading_id IN (
        SELECT h.id FROM voting_heading h JOIN voting_voteround r ON r.id = h.round_id
        WHERE r.status IN (%s, %s)
    )
    RETURNING *
)
INSERT INTO voting_ballot SELECT * FROM gone ORDER BY random()
"""


def ballots_shuffle() -> int:
    """Rewrite the open and counting rounds' ballots (see above); returns how many."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_SHUFFLE_SQL, [RoundStatus.BALLOT_OPEN, RoundStatus.COUNTING])
        rewritten = cursor.rowcount
    if rewritten and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM voting_ballot")
    logger.info("event=ballots_shuffled count=%s", rewritten)
    return rewritten
