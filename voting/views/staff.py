"""Staff pages of a vote round (under /makelaar/stemmen/): the round's phase, its plans
and their feasibility, codes and letters, and paper ballots with four eyes. Every page
passes the one guard; every change goes through voting.services."""

import uuid

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker, is_coordinator
from accounts.selectors import staff_display_name
from budgets.models import NeighbourhoodBudget
from config.errors import REFUSALS, refusal_messages
from config.forms import service_errors_on
from initiatives.models import Initiative

from ..constants import RoundStatus
from ..forms import (
    AddressListForm,
    PabulibImportForm,
    PaperBallotForm,
    PlanAddForm,
    PlanCheckForm,
    ReissueForm,
    RoundForm,
)
from ..models import Heading, LetterBatch, PaperBallotEntry, Plan, VoteRound
from ..services import (
    code_reissue,
    codes_issue,
    paper_ballot_confirm,
    paper_ballot_enter,
    paper_ballot_reject,
    plan_add,
    plan_check,
    round_advance,
    round_create,
)
from ..services.codes import letters_delete
from ..services.importing import MAX_BYTES, round_import_pabulib

NEXT = dict(zip(RoundStatus.values, RoundStatus.values[1:], strict=False))


@staff_required(is_broker)
def round_list(request):
    rounds = VoteRound.objects.order_by("-ballot_opens")
    return render(
        request,
        "voting/staff/round_list.html",
        {"rounds": rounds, "perms_coordinator": is_coordinator(request.user)},
    )


def _budgets():
    year = timezone.localdate().year
    return (
        NeighbourhoodBudget.objects.filter(year__gte=year)
        .select_related("neighbourhood")
        .order_by("year", "neighbourhood__name")
    )


@staff_required(is_coordinator)
def round_new(request):
    form = RoundForm(request.POST or None, budgets=_budgets())
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            with service_errors_on(form):
                vote_round = round_create(
                    actor=request.user,
                    title=data["title"],
                    budgets=[(budget, int(budget.amount)) for budget in data["budgets"]],
                    dates={name: data[name] for name in RoundForm.DATES},
                    ballot_rule=data["ballot_rule"],
                    method=data["method"],
                    completion=data["completion"],
                    min_choices=data["min_choices"],
                    max_choices=data["max_choices"],
                    min_share=data["min_share"],
                    code_unit=data["code_unit"],
                    intro=data["intro"],
                    help_sessions=data["help_sessions"],
                )
                return _done(request, vote_round, _("De stemronde is gemaakt."))
        return render(request, "voting/staff/round_new.html", {"form": form}, status=400)
    return render(request, "voting/staff/round_new.html", {"form": form})


def _all_budgets():
    return NeighbourhoodBudget.objects.select_related("neighbourhood").order_by(
        "-year", "neighbourhood__name"
    )


@staff_required(is_coordinator)
def round_import(request):
    """A Pabulib file read in as a new round (voting/services/importing.py)."""
    form = PabulibImportForm(request.POST or None, request.FILES or None, budgets=_all_budgets())
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            upload = data["file"]
            if upload.size > MAX_BYTES:
                form.add_error("file", _("Dit bestand is te groot (meer dan 50 MB)."))
            else:
                raw = upload.read()
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    text = raw.decode("cp1252", errors="replace")
                with service_errors_on(form):
                    vote_round = round_import_pabulib(
                        actor=request.user,
                        budget=data["budget"],
                        phase=data["phase"],
                        text=text,
                        title=data["title"],
                    )
                    return _done(request, vote_round, _("De stemronde is ingelezen."))
        return render(request, "voting/staff/round_import.html", {"form": form}, status=400)
    return render(request, "voting/staff/round_import.html", {"form": form})


def _round(round_id) -> VoteRound:
    return get_object_or_404(VoteRound, pk=round_id)


def _page(request, vote_round, status=200, **forms):
    headings = list(
        Heading.objects.filter(round=vote_round).select_related("budget__neighbourhood")
    )
    plans = list(
        Plan.objects.filter(heading__round=vote_round)
        .select_related(
            "heading__budget__neighbourhood", "initiative", "checked_by__broker_profile"
        )
        .order_by("number")
    )
    for plan in plans:
        plan.checked_by_name = staff_display_name(plan.checked_by) if plan.checked_by else ""
        plan.check_form = forms.get(f"check-{plan.pk}") or PlanCheckForm(prefix=f"check-{plan.pk}")
    paper_forms = {
        h.pk: PaperBallotForm(
            prefix=f"paper-{h.pk}",
            plans=[p for p in plans if p.heading_id == h.pk and p.status == "feasible"],
            hint="",
        )
        for h in headings
    }
    if forms.get("paper") is not None:
        paper_forms[forms["paper_heading"]] = forms["paper"]
    for heading in headings:
        heading.paper_form = paper_forms[heading.pk]
    context = {
        "round": vote_round,
        "next_status": NEXT.get(vote_round.status),
        "next_label": RoundStatus(NEXT[vote_round.status]).label
        if vote_round.status in NEXT
        else "",
        "history": _history(vote_round),
        "headings": headings,
        "plans": plans,
        "plan_form": forms.get("plan") or PlanAddForm(headings=headings),
        "list_form": forms.get("list") or AddressListForm(),
        "reissue_form": forms.get("reissue") or ReissueForm(),
        "batches": LetterBatch.objects.filter(round=vote_round),
        "entries": _entries(vote_round, plans),
        "is_coordinator": is_coordinator(request.user),
    }
    return render(request, "voting/staff/round_manage.html", context, status=status)


def _history(vote_round) -> list:
    changes = list(vote_round.history.select_related("actor__broker_profile"))
    for change in changes:
        change.actor_name = staff_display_name(change.actor) if change.actor else ""
    return changes


def _entries(vote_round, plans) -> list:
    """Paper ballots waiting for a second look, with the plans as on the paper."""
    by_id = {plan.pk: plan for plan in plans}
    entries = list(
        PaperBallotEntry.objects.filter(code__heading__round=vote_round)
        .select_related("entered_by__broker_profile", "code__heading__budget__neighbourhood")
        .order_by("entered_by_id")
    )
    for entry in entries:
        entry.labels = [
            f"{by_id[pk].number}. {by_id[pk].title}" for pk in entry.plans if pk in by_id
        ]
        entry.entered_by_name = staff_display_name(entry.entered_by)
    return entries


@staff_required(is_broker)
def round_manage(request, round_id: int):
    return _page(request, _round(round_id))


def _done(request, vote_round, message):
    messages.success(request, message)
    return redirect("voting:manage", round_id=vote_round.pk)


@require_POST
@staff_required(is_coordinator)
def round_advance_view(request, round_id: int):
    vote_round = _round(round_id)
    try:
        round_advance(actor=request.user, vote_round=vote_round, to=request.POST.get("to", ""))
    except REFUSALS as exc:
        for message in refusal_messages(exc):
            messages.error(request, message)
        return redirect("voting:manage", round_id=vote_round.pk)
    vote_round.refresh_from_db(fields=["status"])
    # Say where the round is now, not just that it moved.
    return _done(
        request,
        vote_round,
        _("De stemronde staat nu in de fase ‘%(phase)s’.")
        % {"phase": vote_round.get_status_display()},
    )


@require_POST
@staff_required(is_broker)
def plan_add_view(request, round_id: int):
    vote_round = _round(round_id)
    headings = list(
        Heading.objects.filter(round=vote_round).select_related("budget__neighbourhood")
    )
    form = PlanAddForm(request.POST, headings=headings)
    if form.is_valid():
        data = form.cleaned_data
        initiative = Initiative.objects.filter(reference=data["reference"]).first()
        if initiative is None:
            form.add_error("reference", _("Er is geen idee met dit kenmerk."))
        else:
            with service_errors_on(form):
                plan_add(
                    actor=request.user,
                    heading=data["heading"],
                    initiative=initiative,
                    cost=data["cost"],
                    summary=data["summary"],
                    title=data["title"],
                )
                return _done(request, vote_round, _("Het plan staat in de stemronde."))
    return _page(request, vote_round, status=400, plan=form)


@require_POST
@staff_required(is_broker)
def plan_check_view(request, round_id: int, plan_id: int):
    vote_round = _round(round_id)
    plan = get_object_or_404(Plan, pk=plan_id, heading__round=vote_round)
    form = PlanCheckForm(request.POST, prefix=f"check-{plan.pk}")
    if form.is_valid():
        with service_errors_on(form):
            plan_check(
                actor=request.user,
                plan=plan,
                feasible=form.cleaned_data["feasible"],
                reason=form.cleaned_data["reason"],
            )
            return _done(request, vote_round, _("De toets van het plan is vastgelegd."))
    return _page(request, vote_round, status=400, **{f"check-{plan.pk}": form})


@require_POST
@staff_required(is_coordinator)
def codes_issue_view(request, round_id: int):
    vote_round = _round(round_id)
    form = AddressListForm(request.POST, request.FILES)
    if form.is_valid():
        with service_errors_on(form):
            batch = codes_issue(
                actor=request.user, vote_round=vote_round, upload=form.cleaned_data["file"]
            )
            return _done(
                request,
                vote_round,
                _(
                    "%(count)s codes gemaakt. De brieven worden nu gemaakt; hieronder ziet u "
                    "hoe ver het is. Download ze als ze klaar zijn en verwijder ze na het printen."
                )
                % {"count": batch.codes},
            )
    return _page(request, vote_round, status=400, list=form)


@staff_required(is_coordinator)
def letters_download(request, round_id: int, batch_id: int):
    batch = get_object_or_404(LetterBatch, pk=batch_id, round_id=round_id)
    if not batch.file:
        raise Http404
    return FileResponse(batch.file.open("rb"), as_attachment=True, filename="brieven.pdf")


@staff_required(is_coordinator)
def letters_progress(request, round_id: int, batch_id: int):
    """One batch's line on the round page: polled by htmx while its letters are drawn
    (without JavaScript, reloading the page shows the same)."""
    batch = get_object_or_404(
        LetterBatch.objects.select_related("round"), pk=batch_id, round_id=round_id
    )
    return render(
        request, "voting/staff/_letter_batch.html", {"batch": batch, "round": batch.round}
    )


@require_POST
@staff_required(is_coordinator)
def letters_delete_view(request, round_id: int, batch_id: int):
    batch = get_object_or_404(LetterBatch, pk=batch_id, round_id=round_id)
    letters_delete(actor=request.user, batch=batch)
    return _done(request, batch.round, _("De brieven zijn verwijderd."))


@require_POST
@staff_required(is_coordinator)
def code_reissue_view(request, round_id: int):
    vote_round = _round(round_id)
    form = ReissueForm(request.POST)
    if form.is_valid():
        with service_errors_on(form):
            pdf = code_reissue(actor=request.user, vote_round=vote_round, **form.cleaned_data)
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = 'attachment; filename="nieuwe-code.pdf"'
            return response
    return _page(request, vote_round, status=400, reissue=form)


@require_POST
@staff_required(is_broker)
def paper_enter_view(request, round_id: int, heading_id: int):
    vote_round = _round(round_id)
    heading = get_object_or_404(
        Heading.objects.select_related("round"), pk=heading_id, round=vote_round
    )
    plans = list(heading.plans.filter(status="feasible"))
    form = PaperBallotForm(request.POST, prefix=f"paper-{heading.pk}", plans=plans, hint="")
    if form.is_valid():
        with service_errors_on(form):
            paper_ballot_enter(
                actor=request.user,
                heading=heading,
                code=form.cleaned_data["code"],
                plan_ids=form.cleaned_data["plans"],
            )
            return _done(
                request, vote_round, _("Ingevoerd. Een collega moet het biljet nu controleren.")
            )
    return _page(request, vote_round, status=400, paper=form, paper_heading=heading.pk)


@require_POST
@staff_required(is_broker)
def paper_decide_view(request, round_id: int):
    vote_round = _round(round_id)
    try:
        entry_id = uuid.UUID(request.POST.get("entry", ""))
    except ValueError as exc:
        raise Http404 from exc
    entry = get_object_or_404(PaperBallotEntry, pk=entry_id, code__heading__round=vote_round)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        # Neither button: throwing the first person's entry away is no default.
        messages.error(
            request,
            _("Kies of het biljet klopt met het papier, of keur het af. Er is niets veranderd."),
        )
        return _page(request, vote_round, status=400)
    try:
        if decision == "confirm":
            paper_ballot_confirm(actor=request.user, entry=entry)
            message = _("Bevestigd: het biljet telt mee.")
        else:
            paper_ballot_reject(actor=request.user, entry=entry)
            message = _("Afgekeurd: het biljet kan opnieuw worden ingevoerd.")
    except REFUSALS as exc:
        messages.error(request, " ".join(refusal_messages(exc)))
        return redirect("voting:manage", round_id=vote_round.pk)
    return _done(request, vote_round, message)
