"""The queue's bulk actions: on the ticked cases or on every case in the current view;
back to the same view, with a message saying what was done and what was skipped."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker
from config.errors import REFUSALS, refusal_messages
from initiatives.models import Initiative

from ..filters import queue_filter, queue_params
from ..workbench import services
from ..workbench.forms import VIEW_CHANGED, BulkActionForm


def safe_queue_url(url: str) -> str:
    """Only back to a staff page of our own (never an address from elsewhere)."""
    parts = urlsplit(url or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/makelaar/"):
        return reverse("brokers:queue")
    return url


def view_params(request, back: str) -> QueryDict:
    """The filters of the view the action was started from: its query string with the
    search its key names (what the broker saw)."""
    params = queue_params(request, QueryDict(urlsplit(back).query, mutable=True))
    params.pop("page", None)
    return params


def flash_errors(request, form) -> None:
    """A form posted from the queue answers on the queue: its errors as messages there."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _targets(request, form, back):
    data = form.cleaned_data
    if data.get("scope") == "matching":
        # The view as the page showed it: its filters, and the search it was shown with
        # (the session's may have changed in another tab since).
        params = view_params(request, back)
        params.pop("q", None)
        if data["search"].strip():
            params["q"] = data["search"].strip()
        case_filter = queue_filter(request, params)
        if not case_filter.is_valid():
            raise ValidationError(_("De filters van deze weergave kloppen niet."))
        targets = list(case_filter.qs[: services.MAX_BULK + 1])
        # "All N": those N. A case that came in since (or left) means the broker has not
        # seen what the action would touch; more than the limit is refused by the service.
        # A view shown with more than the limit (or "more than 10,000") that has since
        # shrunk to within it is not the one the broker saw either.
        expected, found = data["expected"], len(targets)
        within = expected <= services.MAX_BULK
        if (within and found != expected) or (not within and found <= services.MAX_BULK):
            now = len(targets) if len(targets) <= services.MAX_BULK else case_filter.qs.count()
            raise ValidationError(
                ngettext(
                    "De weergave is veranderd sinds u haar zag: nu %(now)s idee, toen %(shown)s.",
                    "De weergave is veranderd sinds u haar zag: nu %(now)s ideeën, toen %(shown)s.",
                    now,
                )
                % {"now": now, "shown": data["expected"]}
                + " "
                + str(VIEW_CHANGED)
            )
        return targets
    return Initiative.objects.filter(pk__in=form.cleaned_data["initiatives"]).order_by("pk")


def _run(request, form, back):
    data = form.cleaned_data
    targets = _targets(request, form, back)
    if data["action"] == "waiting":
        return services.cases_bulk_waiting(
            initiatives=targets, reason=data["reason"], actor=request.user
        )
    if data["action"] == "status":
        return services.cases_bulk_transition(
            initiatives=targets,
            to_status=data["to_status"],
            message=data["message"],
            actor=request.user,
        )
    return services.cases_bulk_assign(
        initiatives=targets, broker=data["broker"], actor=request.user
    )


DONE = {
    "assign": lambda n: ngettext("%(count)s idee toegewezen.", "%(count)s ideeën toegewezen.", n),
    "waiting": lambda n: ngettext(
        "%(count)s idee wacht nu op de initiatiefnemer.",
        "%(count)s ideeën wachten nu op de initiatiefnemer.",
        n,
    ),
    "status": lambda n: ngettext(
        "Bij %(count)s idee de status gewijzigd.", "Bij %(count)s ideeën de status gewijzigd.", n
    ),
}


def report(request, action: str, outcome) -> None:
    """One message with what was done, one per reason something was skipped."""
    level = messages.success if outcome.done else messages.warning
    level(request, DONE[action](outcome.done) % {"count": outcome.done})
    for reason, count in outcome.skipped.most_common():
        messages.warning(
            request,
            ngettext(
                "%(count)s idee overgeslagen: %(reason)s",
                "%(count)s ideeën overgeslagen: %(reason)s",
                count,
            )
            % {"count": count, "reason": reason},
        )


@staff_required(is_broker)
@require_POST
def bulk_action(request):
    back = safe_queue_url(request.POST.get("next"))
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect(back)
    try:
        outcome = _run(request, form, back)
    except REFUSALS as exc:
        messages.error(request, " ".join(refusal_messages(exc)))
    else:
        report(request, form.cleaned_data["action"], outcome)
    return redirect(back)
