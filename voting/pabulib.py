"""Pabulib (.pb), the open data format of participatory budgeting research
(pabulib.org; Faliszewski et al., arXiv 2305.11035): our export of a heading, and a
reader for any .pb file, so that anyone can recount a published round.

A file has three sections, each a header line and rows separated by semicolons: META
(key;value), PROJECTS (project_id;cost;votes;name;selected) and VOTES
(voter_id;vote;voting_method). Project ids are our plan numbers; voter ids are 1..n in
an order that says nothing about who voted when (the ballots' random ids)."""

import csv
import io
from dataclasses import dataclass, field

from django.utils import translation

from .constants import BallotRule, Channel, Completion, CountingMethod
from .counting import Candidate, count
from .models import Ballot, Heading, Plan

CHANNEL_NAMES = {Channel.ONLINE: "internet", Channel.PAPER: "paper"}


def _rule(vote_round) -> str:
    if vote_round.method == CountingMethod.GREEDY:
        return "greedy"
    return "equalshares/add1" if vote_round.completion == Completion.ADD_ONE else "equalshares"


def _clean(text: str) -> str:
    return " ".join(str(text).replace(";", ",").split())


def heading_as_pabulib(heading: Heading) -> str:
    vote_round = heading.round
    plans = list(Plan.objects.filter(heading=heading, status="feasible").order_by("number"))
    numbers = {p.pk: p.number for p in plans}
    ballots = list(
        Ballot.objects.filter(heading=heading).order_by("id").values_list("plans", "channel")
    )
    meta = {
        "description": _clean(vote_round.title),
        "country": "Netherlands",
        "unit": _clean(heading.budget.neighbourhood.name),
        "instance": str(vote_round.ballot_opens.year),
        "num_projects": len(plans),
        "num_votes": len(ballots),
        "budget": heading.amount,
        "vote_type": "approval",
        "rule": _rule(vote_round),
        "date_begin": vote_round.ballot_opens.strftime("%d.%m.%Y"),
        "date_end": vote_round.ballot_closes.strftime("%d.%m.%Y"),
        "language": "nl",
        "currency": "EUR",
        "tie_breaking": "lower cost, then lower project_id",
    }
    if vote_round.ballot_rule == BallotRule.APPROVAL:
        meta["min_length"] = vote_round.min_choices
        if vote_round.max_choices:
            meta["max_length"] = vote_round.max_choices
    else:
        meta["max_sum_cost"] = heading.amount
        if vote_round.min_share:
            meta["min_sum_cost"] = -(-heading.amount * vote_round.min_share // 100)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(meta.items())
    writer.writerow(["PROJECTS"])
    writer.writerow(["project_id", "cost", "votes", "name", "selected"])
    with translation.override("nl"):
        for plan in plans:
            selected = 1 if plan.funded_rank else 0
            writer.writerow([plan.number, plan.cost, plan.votes or 0, _clean(plan.title), selected])
    writer.writerow(["VOTES"])
    writer.writerow(["voter_id", "vote", "voting_method"])
    for voter, (chosen, channel) in enumerate(ballots, start=1):
        vote = ",".join(str(n) for n in sorted(numbers[pk] for pk in chosen if pk in numbers))
        writer.writerow([voter, vote, CHANNEL_NAMES.get(channel, channel)])
    return out.getvalue()


@dataclass
class PabulibElection:
    meta: dict = field(default_factory=dict)
    projects: dict = field(default_factory=dict)  # project_id -> {cost, votes, name, ...}
    votes: list = field(default_factory=list)  # [project_id, ...] per voter
    # Where each part stood in the file, for messages: META key -> line, and per voter
    # (line, [project_id, ...], voting_method). A project's line is its "_line".
    meta_lines: dict = field(default_factory=dict)
    vote_lines: list = field(default_factory=list)

    def recount(self, *, method: str, completion: str = Completion.ADD_ONE) -> list[str]:
        """The winners by our count, as project ids, in the order chosen."""
        ids = {pid: index for index, pid in enumerate(self.projects, start=1)}
        candidates = [
            Candidate(
                id=index, number=_number(pid, index), cost=int(float(self.projects[pid]["cost"]))
            )
            for pid, index in ids.items()
        ]
        ballots = [[ids[pid] for pid in vote if pid in ids] for vote in self.votes]
        budget = int(float(self.meta["budget"]))
        funded = count(
            method=method,
            completion=completion,
            candidates=candidates,
            ballots=ballots,
            budget=budget,
        )
        names = {index: pid for pid, index in ids.items()}
        return [names[index] for index in funded]


def _number(pid: str, index: int) -> int:
    return int(pid) if pid.isdigit() else index


class PabulibError(ValueError):
    pass


def pabulib_read(text: str) -> PabulibElection:
    """Read a .pb file; raises PabulibError with the line number of what it cannot read."""
    election, section, header = PabulibElection(), None, None
    for line_no, row in enumerate(csv.reader(io.StringIO(text), delimiter=";"), start=1):
        if not row or not "".join(row).strip():
            continue
        first = row[0].strip()
        if first.upper() in ("META", "PROJECTS", "VOTES") and len(row) == 1:
            section, header = first.upper(), None
            continue
        if section is None:
            raise PabulibError(f"line {line_no}: no META, PROJECTS or VOTES section")
        if header is None:
            header = [cell.strip() for cell in row]
            continue
        values = dict(zip(header, (cell.strip() for cell in row), strict=False))
        if section == "META":
            election.meta[row[0].strip()] = row[1].strip() if len(row) > 1 else ""
            election.meta_lines[row[0].strip()] = line_no
        elif section == "PROJECTS":
            if "project_id" not in values or "cost" not in values:
                raise PabulibError(f"line {line_no}: a project needs project_id and cost")
            if values["project_id"] in election.projects:
                raise PabulibError(f"line {line_no}: project {values['project_id']} twice")
            election.projects[values["project_id"]] = values | {"_line": line_no}
        else:
            vote = [pid.strip() for pid in values.get("vote", "").split(",") if pid.strip()]
            election.votes.append(vote)
            election.vote_lines.append((line_no, vote, values.get("voting_method", "")))
    if "budget" not in election.meta:
        raise PabulibError("no budget in META")
    return election
