"""Our count against pabutools, the reference implementation of participatory budgeting
rules (a dev dependency only): its greedy and Equal Shares rules, with cost satisfaction
and our tie rule, read from our own Pabulib export, give exactly our winners."""

import random

import pytest
from pabutools.election import Cost_Sat
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule

from voting.constants import Completion, CountingMethod, RoundStatus
from voting.counting import Candidate, count
from voting.models import Ballot
from voting.pabulib import heading_as_pabulib, pabulib_read
from voting.services import round_advance

from .factories import BallotFactory, HeadingFactory, PlanFactory

# The tie rule every round states: lower cost, then lower plan number.
TIE = TieBreakingRule(lambda instance, profile, project: (project.cost, int(project.name)))
METHODS = [
    (CountingMethod.GREEDY, Completion.ADD_ONE),
    (CountingMethod.EQUAL_SHARES, Completion.ADD_ONE),
    (CountingMethod.EQUAL_SHARES, Completion.GREEDY_FILL),
]


def pabutools_winners(text: str, method: str, completion: str) -> list[int]:
    instance, profile = parse_pabulib_from_string(text)
    greedy = {"sat_class": Cost_Sat, "tie_breaking": TIE}
    if method == CountingMethod.GREEDY:
        outcome = greedy_utilitarian_welfare(instance, profile, **greedy)
    else:
        mes = {"sat_class": Cost_Sat, "tie_breaking": TIE}
        if completion == Completion.ADD_ONE:
            mes["voter_budget_increment"] = 1
        outcome = completion_by_rule_combination(
            instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare], [mes, greedy]
        )
    # The one difference, on purpose: pabutools' greedy also funds plans nobody voted
    # for when money is left; we never do. Those come last in its order, so leaving them
    # out changes nothing else.
    return sorted(int(p.name) for p in outcome if profile.approval_score(p) > 0)


def _generated_round(rng, *, plans, voters, method, completion):
    heading = HeadingFactory(
        round__counting=True,
        round__method=method,
        round__completion=completion,
        round__max_choices=None,
        amount=rng.randint(20, 60) * 1000,
    )
    made = [
        PlanFactory(
            heading=heading,
            number=n,
            cost=rng.choice([2000, 2500, 5000, rng.randint(5, 250) * 100]),
            feasible=True,
        )
        for n in range(1, plans + 1)
    ]
    liking = [rng.random() for _ in made]
    Ballot.objects.bulk_create(
        BallotFactory.build(
            heading=heading,
            plans=[p.pk for p, like in zip(made, liking, strict=True) if rng.random() < like * 0.5],
        )
        for _ in range(voters)
    )
    return heading


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "completion"), METHODS)
@pytest.mark.parametrize(("plans", "voters", "seed"), [(4, 12, 1), (10, 150, 2), (25, 600, 3)])
def test_our_export_recounted_by_pabutools_gives_our_winners(
    coordinator, method, completion, plans, voters, seed
):
    heading = _generated_round(
        random.Random(seed), plans=plans, voters=voters, method=method, completion=completion
    )
    round_advance(actor=coordinator, vote_round=heading.round, to=RoundStatus.PUBLISHED)
    ours = sorted(heading.plans.filter(funded_rank__isnull=False).values_list("number", flat=True))
    heading.refresh_from_db()
    text = heading_as_pabulib(heading)
    assert pabutools_winners(text, method, completion) == ours
    # Our own reader recounts the file to the same winners.
    recount = pabulib_read(text).recount(method=method, completion=completion)
    assert sorted(int(pid) for pid in recount) == ours
    assert ours  # a round where nothing was funded would prove little


def test_greedy_skips_a_plan_that_no_longer_fits_and_funds_a_cheaper_one():
    plans = [Candidate(1, 1, 6000), Candidate(2, 2, 5000), Candidate(3, 3, 3000)]
    ballots = [[1, 2], [1, 2], [1], [3]]
    assert count(
        method="greedy", completion="", candidates=plans, ballots=ballots, budget=10000
    ) == [1, 3]


def test_ties_go_to_the_lower_cost_then_the_lower_number():
    plans = [Candidate(1, 1, 5000), Candidate(2, 2, 4000), Candidate(3, 3, 4000)]
    ballots = [[1], [2], [3]]
    assert count(
        method="greedy", completion="", candidates=plans, ballots=ballots, budget=8000
    ) == [2, 3]


def test_equal_shares_gives_a_minority_its_share():
    """60 voters want A and B (€ 5,000 each), 40 want C (€ 4,000); € 10,000. Greedy funds
    A and B; Equal Shares funds one of the majority's and the minority's plan."""
    plans = [Candidate(1, 1, 5000), Candidate(2, 2, 5000), Candidate(3, 3, 4000)]
    ballots = [[1, 2]] * 60 + [[3]] * 40
    greedy = count(method="greedy", completion="", candidates=plans, ballots=ballots, budget=10000)
    shares = count(
        method="equal_shares", completion="add_one", candidates=plans, ballots=ballots, budget=10000
    )
    assert sorted(greedy) == [1, 2]
    assert sorted(shares) == [1, 3]


@pytest.mark.django_db
def test_pabulib_count_recounts_a_file(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    text = "\n".join(
        [
            "META",
            "key;value",
            "budget;10000",
            "rule;greedy",
            "vote_type;approval",
            "PROJECTS",
            "project_id;cost;votes;name;selected",
            "1;6000;2;A;1",
            "2;5000;2;B;0",
            "3;3000;1;C;1",
            "VOTES",
            "voter_id;vote",
            "1;1,2",
            "2;1,2",
            "3;1",
            "4;3",
        ]
    )
    path = tmp_path / "ronde.pb"
    path.write_text(text)
    out = StringIO()
    call_command("pabulib_count", str(path), stdout=out)
    assert "funded (2, 9000 together): 1, 3" in out.getvalue()
