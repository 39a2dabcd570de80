"""Reads for the vote pages: the round with its headings and plans, and the published
results with turnout per neighbourhood and channel (a fixed number of queries)."""

from collections import defaultdict

from django.db.models import Count, F, Prefetch, Q

from .constants import Channel, CodeStatus, PlanStatus, RoundStatus
from .models import Ballot, Heading, Plan, VoterCode, VoteRound


def round_get_public(public_id) -> VoteRound | None:
    """A round with its headings and feasible plans (three queries)."""
    feasible = Plan.objects.filter(status=PlanStatus.FEASIBLE).order_by("number")
    return (
        VoteRound.objects.filter(public_id=public_id)
        .prefetch_related(
            Prefetch(
                "headings",
                queryset=Heading.objects.select_related("budget__neighbourhood").prefetch_related(
                    Prefetch("plans", queryset=feasible, to_attr="ballot_plans")
                ),
            )
        )
        .first()
    )


def round_list_public():
    return VoteRound.objects.exclude(status=RoundStatus.PLANS_IN).order_by("-ballot_opens")


def round_results(vote_round: VoteRound) -> list[dict]:
    """Per heading: the plans by votes with money, and turnout per channel."""
    ballots = defaultdict(dict)
    for row in (
        Ballot.objects.filter(heading__round=vote_round)
        .values("heading_id", "channel")
        .annotate(n=Count("id"))
    ):
        ballots[row["heading_id"]][row["channel"]] = row["n"]
    codes = dict(
        VoterCode.objects.filter(heading__round=vote_round)
        .exclude(status=CodeStatus.REVOKED)
        .values_list("heading_id")
        .annotate(n=Count("id"))
    )
    results = []
    for heading in vote_round.headings.all():
        plans = sorted(heading.ballot_plans, key=lambda p: (-(p.votes or 0), p.cost, p.number))
        funded = [p for p in plans if p.funded_rank]
        per_channel = [
            (label, ballots[heading.pk].get(value, 0)) for value, label in Channel.choices
        ]
        total = sum(n for _label, n in per_channel)
        eligible = codes.get(heading.pk, 0)
        results.append(
            {
                "heading": heading,
                "plans": plans,
                "funded": funded,
                "spent": sum(p.cost for p in funded),
                "per_channel": per_channel,
                "ballots": total,
                "eligible": eligible,
                "turnout": round(100 * total / eligible, 1) if eligible else None,
            }
        )
    return results


def vote_figures(year: int) -> list[dict]:
    """Published rounds whose ballot closed in `year`, per neighbourhood: ballots per
    channel, codes sent, turnout, plans funded and their money (for the yearly figures;
    counts only, nothing about a voter). Four queries."""
    headings = list(
        Heading.objects.filter(round__status=RoundStatus.PUBLISHED, round__ballot_closes__year=year)
        .select_related("round", "budget__neighbourhood")
        .annotate(
            online=Count("ballots", filter=Q(ballots__channel=Channel.ONLINE), distinct=True),
            paper=Count("ballots", filter=Q(ballots__channel=Channel.PAPER), distinct=True),
        )
        .order_by("round__ballot_closes", "budget__neighbourhood__name")
    )
    ids = [heading.pk for heading in headings]
    codes = dict(
        VoterCode.objects.filter(heading_id__in=ids)
        .exclude(status=CodeStatus.REVOKED)
        .values_list("heading_id")
        .annotate(n=Count("id"))
    )
    funded = defaultdict(lambda: [0, 0])
    for heading_id, cost in Plan.objects.filter(
        heading_id__in=ids, funded_rank__isnull=False
    ).values_list("heading_id", "cost"):
        funded[heading_id][0] += 1
        funded[heading_id][1] += cost
    rows = []
    for heading in headings:
        ballots = heading.online + heading.paper
        eligible = codes.get(heading.pk, 0)
        rows.append(
            {
                "round": heading.round.title,
                "round_id": heading.round_id,
                "neighbourhood": heading.budget.neighbourhood.name,
                "neighbourhood_code": heading.budget.neighbourhood.code,
                "amount": heading.amount,
                "ballots_online": heading.online,
                "ballots_paper": heading.paper,
                "codes": eligible,
                "turnout_percent": round(100 * ballots / eligible, 1) if eligible else None,
                "plans_funded": funded[heading.pk][0],
                "money_funded": funded[heading.pk][1],
            }
        )
    return rows


def vote_winners(year: int) -> list[dict]:
    """The winning plans of published rounds whose ballot closed in `year`, as their
    results pages show them (one query)."""
    return list(
        Plan.objects.filter(
            heading__round__status=RoundStatus.PUBLISHED,
            heading__round__ballot_closes__year=year,
            funded_rank__isnull=False,
        )
        .order_by(
            "heading__round__ballot_closes",
            "heading__round_id",
            "heading__budget__neighbourhood__name",
            "funded_rank",
        )
        .values(
            "number",
            "title",
            "cost",
            "votes",
            "funded_rank",
            round=F("heading__round__title"),
            round_id=F("heading__round_id"),
            neighbourhood=F("heading__budget__neighbourhood__name"),
            neighbourhood_code=F("heading__budget__neighbourhood__code"),
        )
    )
