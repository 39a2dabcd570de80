"""The residents' pages: a round, its ballot per neighbourhood and its results."""

import logging

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from config.forms import form_add_service_errors

from ..constants import BallotRule, Completion, CountingMethod, RoundStatus
from ..forms import BallotForm
from ..pabulib import heading_as_pabulib
from ..repeats import ballot_sent_before, ballot_sent_note
from ..selectors import round_get_public, round_list_public, round_results
from ..services import CodeRefused, ballot_cast
from ..services.ballots import CODE_REFUSED
from ..throttles import code_tries_left, code_try_failed

logger = logging.getLogger(__name__)


def round_list(request):
    return render(request, "voting/round_list.html", {"rounds": round_list_public()})


def _round_or_404(public_id):
    vote_round = round_get_public(public_id)
    if vote_round is None or vote_round.status == RoundStatus.PLANS_IN:
        raise Http404
    return vote_round


def _heading_or_404(vote_round, heading_id):
    for heading in vote_round.headings.all():
        if heading.pk == heading_id:
            return heading
    raise Http404


def method_words(vote_round) -> str:
    """The counting method and tie rule in plain words, as on every round's page."""
    if vote_round.method == CountingMethod.GREEDY:
        text = _(
            "Het plan met de meeste stemmen krijgt als eerste geld, dan het plan met de "
            "op één na meeste stemmen, enzovoort. Past een plan niet meer in het geld dat "
            "over is, dan slaan we het over en kijken we naar het volgende plan."
        )
    else:
        text = _(
            "Iedere stemmer krijgt een gelijk deel van het budget. Een plan krijgt geld als "
            "de mensen die ervoor stemden het samen kunnen betalen uit hun deel. Eerst het "
            "plan dat het minst kost per stemmer, dan het volgende. Zo krijgen ook kleinere "
            "groepen in de wijk iets waar ze voor stemden."
        )
        if vote_round.completion == Completion.ADD_ONE:
            text += " " + _(
                "Blijft er geld over, dan tellen we opnieuw met voor iedereen een euro meer, "
                "zolang het binnen het budget past. Wat dan nog over is, gaat naar de plannen "
                "met de meeste stemmen die nog passen."
            )
        else:
            text += " " + _(
                "Wat overblijft, gaat naar de plannen met de meeste stemmen die nog passen."
            )
    return (
        text
        + " "
        + _(
            "Staan twee plannen gelijk, dan gaat het goedkoopste plan voor, en daarna het plan "
            "met het laagste nummer."
        )
    )


def round_detail(request, public_id):
    vote_round = _round_or_404(public_id)
    results = round_results(vote_round) if vote_round.status == RoundStatus.PUBLISHED else None
    return render(
        request,
        "voting/round_detail.html",
        {"round": vote_round, "results": results, "method_words": method_words(vote_round)},
    )


def _hint(vote_round, heading) -> str:
    if vote_round.ballot_rule == BallotRule.APPROVAL:
        if vote_round.max_choices:
            return _("Kies minstens %(low)s en hoogstens %(high)s plannen.") % {
                "low": vote_round.min_choices,
                "high": vote_round.max_choices,
            }
        return _("Kies minstens %(low)s plannen.") % {"low": vote_round.min_choices}
    hint = _("Kies plannen die samen niet meer kosten dan € %(amount)s.") % {
        "amount": f"{heading.amount:,}".replace(",", ".")
    }
    if vote_round.min_share:
        hint += " " + _("Gebruik minstens %(share)s%% van het budget.") % {
            "share": vote_round.min_share
        }
    return hint


@never_cache
@require_http_methods(["GET", "POST"])
def ballot(request, public_id, heading_id: int):
    vote_round = _round_or_404(public_id)
    heading = _heading_or_404(vote_round, heading_id)
    heading.round = vote_round
    context = {
        "round": vote_round,
        "heading": heading,
        "knapsack": vote_round.ballot_rule == BallotRule.KNAPSACK,
    }
    if not vote_round.takes_online_ballots():
        return render(request, "voting/ballot_closed.html", context)
    kwargs = {"plans": heading.ballot_plans, "hint": _hint(vote_round, heading)}
    if request.method == "GET":
        form = BallotForm(**kwargs)
        return render(request, "voting/ballot.html", context | _choices(heading, form))
    form = BallotForm(request.POST, **kwargs)
    status = 400
    if form.is_valid():
        typed = form.cleaned_data["code"]
        if not code_tries_left(request, typed):
            form.add_error("code", CODE_REFUSED)
            status = 429
        else:
            repeat = {"page_key": form.cleaned_data["page_key"], "heading_id": heading.pk}
            try:
                with transaction.atomic():
                    ballot_cast(
                        heading=heading,
                        code=typed,
                        plan_ids=form.cleaned_data["plans"],
                        feasible=heading.ballot_plans,
                    )
                    ballot_sent_note(**repeat, code=typed)
            except CodeRefused as exc:
                if ballot_sent_before(**repeat, code=typed):
                    return _received(vote_round, heading)
                code_try_failed(request, typed)
                form_add_service_errors(form, exc)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                return _received(vote_round, heading)
    return render(request, "voting/ballot.html", context | _choices(heading, form), status=status)


def _received(vote_round, heading):
    # Post/redirect/get: reloading the thanks page must not send the ballot again (which
    # would answer "cannot vote with this code" and look like a lost vote). The receipt
    # says only which ballot was received, signed and short-lived, so a link cannot fake
    # a thanks page.
    receipt = signing.dumps(heading.pk, salt=RECEIPT_SALT)
    url = reverse("voting:ballot-received", args=[vote_round.public_id, heading.pk])
    return redirect(f"{url}?ontvangst={receipt}", permanent=False)


RECEIPT_SALT = "voting.ballot-received"
# Long enough to reload or come back to the page, short enough not to be a keepsake.
RECEIPT_MAX_AGE = 60 * 60


@never_cache
def ballot_received(request, public_id, heading_id: int):
    """The thanks after a ballot was cast; without a valid receipt, the ballot page."""
    vote_round = _round_or_404(public_id)
    heading = _heading_or_404(vote_round, heading_id)
    try:
        received = signing.loads(
            request.GET.get("ontvangst", ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE
        )
    except signing.BadSignature:
        received = None
    if received != heading.pk:
        return redirect("voting:ballot", vote_round.public_id, heading.pk)
    context = {"round": vote_round, "heading": heading}
    return render(request, "voting/ballot_done.html", context)


def _choices(heading, form) -> dict:
    """The plans with what was ticked (kept when the ballot comes back with an error),
    and the money left, as the page shows it without JavaScript."""
    ticked = set(form.data.getlist("plans")) if form.is_bound else set()
    for plan in heading.ballot_plans:
        plan.checked = str(plan.pk) in ticked
    chosen = [plan for plan in heading.ballot_plans if plan.checked]
    total = sum(plan.cost for plan in chosen)
    return {
        "form": form,
        "plans": heading.ballot_plans,
        "chosen_count": len(chosen),
        "chosen_total": total,
        "money_left": max(heading.amount - total, 0),
    }


def pabulib_download(request, public_id, heading_id: int):
    vote_round = _round_or_404(public_id)
    if vote_round.status != RoundStatus.PUBLISHED:
        raise Http404
    heading = _heading_or_404(vote_round, heading_id)
    heading.round = vote_round
    response = HttpResponse(heading_as_pabulib(heading), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="stemming-{heading.pk}.pb"'
    return response
