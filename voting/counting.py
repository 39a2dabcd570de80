"""The count of one heading: greedy by votes, or the Method of Equal Shares with its
completion. Pure functions of the plans, the ballots and the budget, in exact rational
arithmetic (Fraction), so that a published round can be recounted by anyone with the
Pabulib file (voting/pabulib.py) and gives the same winners as pabutools' rules with
cost satisfaction (tests/voting/test_pabutools.py holds us to that).

The tie rule, stated up front on every round's page: between plans that are equal at
some step (as many votes; or, with Equal Shares, as cheap per voter), the lower cost
wins, then the lower plan number. Plans nobody voted for are never funded.

Equal Shares, in short: every voter gets an equal share of the budget. Step by step,
the plan whose voters can pay for it with the lowest contribution per euro of the plan
is funded; its voters share the cost equally (who has less left pays what they have,
the others make up the rest). It stops when no plan can be paid for by its own voters.
Completion "add one": the count starts again with one euro more for every voter, for as
long as the result still fits the budget, until no further plan would fit; "greedy
fill" and then, after either, any money left goes to plans by votes, if they fit."""

import contextlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

# The same exact rationals, many times faster (gmpy2 is a wheel; pabutools uses it too).
with contextlib.suppress(ImportError):
    from gmpy2 import mpq as Fraction  # noqa: N812

from .constants import Completion, CountingMethod


@dataclass(frozen=True)
class Candidate:
    id: int
    number: int
    cost: int  # whole euros

    @property
    def tie_key(self) -> tuple[int, int]:
        return (self.cost, self.number)


def vote_counts(ballots: Iterable[Collection[int]]) -> Counter:
    counts: Counter = Counter()
    for ballot in ballots:
        counts.update(ballot)
    return counts


def greedy(
    candidates: Sequence[Candidate],
    votes: Counter,
    budget: int,
    funded: Sequence[int] = (),
) -> list[int]:
    """Most votes first; a plan that no longer fits is skipped, the next may still fit."""
    chosen, taken = list(funded), set(funded)
    left = budget - sum(c.cost for c in candidates if c.id in taken)
    for candidate in sorted(candidates, key=lambda c: (-votes[c.id], c.tie_key)):
        if candidate.id in taken or votes[candidate.id] == 0:
            continue
        if candidate.cost <= left:
            chosen.append(candidate.id)
            left -= candidate.cost
    return chosen


class _Voters:
    """The voters' money, grouped: voters who supported the same funded plans have the
    same amount left, so each plan keeps a count of its supporters per amount (a handful
    of amounts, not thousands of voters)."""

    def __init__(self, ballots: Sequence[frozenset[int]]):
        self.ballots = ballots
        self.supporters: dict[int, list[int]] = defaultdict(list)
        for voter, ballot in enumerate(ballots):
            for plan in ballot:
                self.supporters[plan].append(voter)

    def reset(self, share: Fraction) -> None:
        """Everyone back to the same share (a new pass of the count)."""
        self.amounts: list[Fraction] = [share]  # amount id -> money left
        self.holds = [0] * len(self.ballots)  # voter -> amount id
        self.per_amount = {plan: Counter({0: len(v)}) for plan, v in self.supporters.items()}

    def price(self, plan: int, cost: int) -> Fraction | None:
        """The contribution per supporter (the richer ones' share) that pays for the plan,
        or None when its supporters together cannot."""
        groups = sorted(
            ((self.amounts[a], n) for a, n in self.per_amount[plan].items() if n),
            key=lambda g: g[0],
        )
        paid, remaining = Fraction(), sum(n for _, n in groups)
        for amount, n in groups:
            share = (cost - paid) / remaining
            if share <= amount:
                return share
            paid += amount * n
            remaining -= n
        return None

    def pay(self, plan: int, share: Fraction, open_plans: Collection[int]) -> None:
        moved: dict[int, int] = {}
        for voter in self.supporters[plan]:
            old = self.holds[voter]
            if not self.amounts[old]:
                continue  # nothing left before, nothing left after: same group
            new = moved.get(old)
            if new is None:
                self.amounts.append(self.amounts[old] - min(self.amounts[old], share))
                new = moved[old] = len(self.amounts) - 1
            self.holds[voter] = new
            for other in self.ballots[voter]:
                if other in open_plans:
                    counter = self.per_amount[other]
                    counter[old] -= 1
                    counter[new] += 1


def _equal_shares_once(
    candidates: Sequence[Candidate], voters: _Voters, share: Fraction
) -> list[int]:
    voters.reset(share)
    open_plans = {c.id: c for c in candidates if voters.supporters.get(c.id)}
    # A plan's price per euro only rises as money is spent: last round's is a lower
    # bound, so plans are tried cheapest-first and the search stops early.
    bound = {plan: Fraction(0) for plan in open_plans}
    chosen: list[int] = []
    while open_plans:
        best, tied = None, []
        for plan in sorted(open_plans, key=lambda p: bound[p]):
            if best is not None and bound[plan] > best:
                break
            candidate = open_plans[plan]
            price = voters.price(plan, candidate.cost)
            if price is None:
                del open_plans[plan]
                continue
            per_euro = price / candidate.cost
            bound[plan] = per_euro
            if best is None or per_euro < best:
                best, tied = per_euro, [candidate]
            elif per_euro == best:
                tied.append(candidate)
        if not tied:
            break
        winner = min(tied, key=lambda c: c.tie_key)
        del open_plans[winner.id]
        chosen.append(winner.id)
        voters.pay(winner.id, best * winner.cost, open_plans)
    return chosen


def equal_shares(
    candidates: Sequence[Candidate],
    ballots: Sequence[frozenset[int]],
    budget: int,
    *,
    add_one: bool,
) -> list[int]:
    if not ballots:
        return []
    costs = {c.id: c.cost for c in candidates}
    supported = {plan for ballot in ballots for plan in ballot} & costs.keys()
    share = Fraction(budget, len(ballots))
    voters = _Voters(ballots)
    previous: list[int] = []
    while True:
        chosen = _equal_shares_once(candidates, voters, share)
        if not add_one:
            return chosen
        spent = sum(costs[p] for p in chosen)
        if spent > budget:
            return previous
        if all(p in chosen or spent + costs[p] > budget for p in supported):
            return chosen
        share += 1
        previous = chosen


def count(
    *,
    method: str,
    completion: str,
    candidates: Sequence[Candidate],
    ballots: Iterable[Collection[int]],
    budget: int,
) -> list[int]:
    """The funded plans' ids, in the order the count chose them."""
    known = {c.id for c in candidates}
    # Every ballot counts for the equal share, also one that chose nothing on the list.
    ballots = [frozenset(b) & known for b in ballots]
    votes = vote_counts(ballots)
    if method == CountingMethod.GREEDY:
        return greedy(candidates, votes, budget)
    funded = equal_shares(candidates, ballots, budget, add_one=completion == Completion.ADD_ONE)
    return greedy(candidates, votes, budget, funded)
