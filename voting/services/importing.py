"""A Pabulib file (.pb) read in as a new round: its projects as plans on one
neighbourhood budget, and its votes, if any, as ballots. All or nothing: every line
that cannot be used is named, and nothing is stored until the whole file is right.

Imported plans come from no initiative (the file names none), so no grant request is
drafted for them when the round is published. Imported votes have no codes: they are
stored as ballots of the channel the file names (`voting_method`: internet is online,
anything else paper), and turnout stays empty (no codes were sent)."""

import logging
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import BallotRule, Channel, Completion, CountingMethod, PlanStatus, RoundStatus
from ..models import Ballot, Plan, VoteRound
from ..pabulib import PabulibError, pabulib_read
from .rounds import require_coordinator, round_advance, round_create

logger = logging.getLogger(__name__)

# The phases an imported round can start in, in order; votes only from the ballot on.
PHASES = [
    RoundStatus.FEASIBILITY,
    RoundStatus.BALLOT_OPEN,
    RoundStatus.COUNTING,
    RoundStatus.PUBLISHED,
]
MAX_BYTES = 50_000_000
# More plans than anyone reads on a ballot; counting 40,000 took longer than a request may.
MAX_PROJECTS = 1_000
# What a plan's cost column holds (PostgreSQL integer).
MAX_COST = 2_147_483_647


def _method(rule: str) -> tuple[str, str]:
    rule = (rule or "").strip().lower()
    if rule.startswith("equalshares") or rule.startswith("mes"):
        completion = Completion.ADD_ONE if "add1" in rule else Completion.GREEDY_FILL
        return CountingMethod.EQUAL_SHARES, completion
    return CountingMethod.GREEDY, Completion.ADD_ONE


def _day(value: str, line, errors: list) -> date | None:
    if not value:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    errors.append(
        _("Regel %(line)s: '%(value)s' is geen datum (zoals 31.05.2025).")
        % {"line": line, "value": value[:40]}
    )
    return None


def _whole(value: str) -> int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() and number > 0 else None


def _read(text: str):
    try:
        return pabulib_read(text)
    except PabulibError as exc:
        raise ValidationError(
            {"file": _("Dit is geen leesbaar Pabulib-bestand: %(why)s.") % {"why": exc}}
        ) from exc


def _check(election, phase: str) -> tuple[list, list, list]:
    """Plans (number, title, cost), ballots (numbers, channel) and the errors, with
    line numbers."""
    errors, plans, numbers = [], [], {}
    vote_type = election.meta.get("vote_type", "approval").strip().lower()
    if vote_type != "approval":
        errors.append(
            _(
                "Regel %(line)s: alleen stemmen van het soort 'approval' kunnen we inlezen, "
                "niet '%(type)s'."
            )
            % {"line": election.meta_lines.get("vote_type", "?"), "type": vote_type[:40]}
        )
    if _whole(election.meta.get("budget", "")) is None:
        errors.append(
            _("Regel %(line)s: het budget moet een heel bedrag boven 0 zijn.")
            % {"line": election.meta_lines.get("budget", "?")}
        )
    for number, (pid, project) in enumerate(election.projects.items(), start=1):
        line = project.get("_line", "?")
        cost = _whole(project.get("cost", ""))
        if cost is None:
            errors.append(
                _("Regel %(line)s: de kosten van project %(id)s zijn geen heel bedrag boven 0.")
                % {"line": line, "id": pid[:40]}
            )
        elif cost > MAX_COST:
            errors.append(
                _("Regel %(line)s: de kosten van project %(id)s zijn te hoog.")
                % {"line": line, "id": pid[:40]}
            )
        title = (project.get("name") or "").strip() or _("Project %(id)s") % {"id": pid}
        numbers[pid] = number
        plans.append((number, title[:200], cost, pid))
    if not election.projects:
        errors.append(_("Het bestand bevat geen projecten (PROJECTS)."))
    if len(election.projects) > MAX_PROJECTS:
        errors.append(
            _("Het bestand bevat %(count)s projecten; we lezen er hoogstens %(max)s in.")
            % {"count": len(election.projects), "max": MAX_PROJECTS}
        )
    ballots = []
    if election.votes and phase == RoundStatus.FEASIBILITY:
        errors.append(
            _("Dit bestand bevat stemmen: kies de fase Stemmen, Tellen of Uitslag bekend.")
        )
    for line, vote, method in election.vote_lines:
        unknown = [pid for pid in vote if pid not in numbers]
        if unknown:
            errors.append(
                _(
                    "Regel %(line)s: deze stem noemt een project dat niet in PROJECTS staat: "
                    "%(ids)s."
                )
                % {"line": line, "ids": ", ".join(unknown)[:80]}
            )
            continue
        if len(set(vote)) != len(vote):
            errors.append(
                _("Regel %(line)s: deze stem noemt een project twee keer.") % {"line": line}
            )
            continue
        channel = Channel.ONLINE if method.strip().lower() == "internet" else Channel.PAPER
        ballots.append(([numbers[pid] for pid in vote], channel))
    return plans, ballots, errors


def round_import_pabulib(*, actor, budget, phase: str, text: str, title: str = "") -> VoteRound:
    """A new round on `budget` from a Pabulib file, moved on to `phase` (each step in
    its history, as if done by hand)."""
    require_coordinator(actor)
    if phase not in PHASES:
        raise ValidationError({"phase": _("Kies een fase.")})
    election = _read(text)
    plans, ballots, errors = _check(election, phase)
    meta = election.meta
    begin = _day(meta.get("date_begin", ""), election.meta_lines.get("date_begin"), errors)
    end = _day(meta.get("date_end", ""), election.meta_lines.get("date_end"), errors)
    if errors:
        raise ValidationError({"file": errors[:50]})
    today = timezone.localdate()
    begin = begin or today
    end = max(end or begin, begin)
    method, completion = _method(meta.get("rule", ""))
    max_length = _whole(meta.get("max_length", ""))
    min_length = _whole(meta.get("min_length", "")) or 1
    with transaction.atomic():
        vote_round = round_create(
            actor=actor,
            title=(title or meta.get("description") or _("Ingelezen stemronde")).strip()[:200],
            budgets=[(budget, _whole(meta["budget"]))],
            dates={
                "plans_until": begin,
                "feasibility_until": begin,
                "ballot_opens": begin,
                "ballot_closes": end,
                "results_on": end,
            },
            ballot_rule=BallotRule.APPROVAL,
            method=method,
            completion=completion,
            min_choices=min(min_length, len(plans)),
            # A maximum of all plans or more is no maximum (and may not fit the column).
            max_choices=max_length
            if max_length and min_length <= max_length < len(plans)
            else None,
        )
        heading = vote_round.headings.get()
        made = Plan.objects.bulk_create(
            Plan(
                heading=heading,
                number=number,
                title=name,
                summary=_("Ingelezen uit Pabulib (project %(id)s).") % {"id": pid[:80]},
                cost=cost,
                status=PlanStatus.FEASIBLE,
                checked_by=actor,
                checked_at=timezone.now(),
            )
            for number, name, cost, pid in plans
        )
        ids = {plan.number: plan.pk for plan in made}
        note = _("Ingelezen uit een Pabulib-bestand.")
        for step in PHASES[: PHASES.index(phase) + 1]:
            vote_round = round_advance(actor=actor, vote_round=vote_round, to=step, note=note)
            if step == RoundStatus.BALLOT_OPEN:
                # The votes go in while the ballot is open, as they were cast.
                Ballot.objects.bulk_create(
                    (
                        Ballot(
                            heading=heading,
                            plans=sorted(ids[n] for n in chosen),
                            channel=channel,
                            cast_on=end,
                        )
                        for chosen, channel in ballots
                    ),
                    batch_size=5000,
                )
    logger.info(
        "event=vote_round_imported round_id=%s plans=%s ballots=%s",
        vote_round.pk,
        len(plans),
        len(ballots),
    )
    return vote_round
