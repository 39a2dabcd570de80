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
from accounts.selectors import staff_display_name
from config.forms import service_errors_on
from initiatives.models import Initiative
from messaging.constants import MessageChannel

from ..filters import queue_filter, queue_params
from ..workbench import services
from ..workbench.forms import VIEW_CHANGED, BulkActionForm
from .queue import queue_page


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


def queue_page_again(request, back: str, **forms):
    """A queue form that was refused answers with the queue page it was posted from (the
    same filters, search and page), the form as it was filled in with its errors next to
    the fields and in the summary, the ticked cases still ticked. Status 400, as every
    refused form; without JavaScript as with it (the forms post the plain way)."""
    params = queue_params(request, QueryDict(urlsplit(back).query, mutable=True))
    return queue_page(request, params, view_url=back, forms=forms, status=400)


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
    "assign": lambda n: ngettext(
        "%(count)s idee toegewezen aan %(name)s.", "%(count)s ideeën toegewezen aan %(name)s.", n
    ),
    "waiting": lambda n: ngettext(
        "%(count)s idee wacht nu op de initiatiefnemer.",
        "%(count)s ideeën wachten nu op de initiatiefnemer.",
        n,
    ),
    "status": lambda n: ngettext(
        "Bij %(count)s idee de status gewijzigd.", "Bij %(count)s ideeën de status gewijzigd.", n
    ),
}

# How the initiators were told, per channel (services.BulkOutcome.told).
TOLD = {
    MessageChannel.EMAIL: lambda n: ngettext(
        "%(count)s initiatiefnemer krijgt een e-mail.",
        "%(count)s initiatiefnemers krijgen een e-mail.",
        n,
    ),
    MessageChannel.PHONE_TASK: lambda n: ngettext(
        "%(count)s initiatiefnemer heeft geen e-mail: er staat een belopdracht in "
        "‘Berichten en taken’.",
        "%(count)s initiatiefnemers hebben geen e-mail: er staan belopdrachten in "
        "‘Berichten en taken’.",
        n,
    ),
    MessageChannel.LETTER_TASK: lambda n: ngettext(
        "%(count)s initiatiefnemer krijgt een brief: er staat een briefopdracht in "
        "‘Berichten en taken’.",
        "%(count)s initiatiefnemers krijgen een brief: er staan briefopdrachten in "
        "‘Berichten en taken’.",
        n,
    ),
    services.NOT_REACHED: lambda n: ngettext(
        "%(count)s initiatiefnemer is niet meer te bereiken (gegevens verwijderd).",
        "%(count)s initiatiefnemers zijn niet meer te bereiken (gegevens verwijderd).",
        n,
    ),
}


def told_sentence(action: str, outcome) -> str:
    """Who was told and how, as the handover's confirmation says it beforehand."""
    if not outcome.done:
        return ""
    if not outcome.told:
        if action == "waiting":
            return _("De initiatiefnemers krijgen hierover geen bericht.")
        return _("De initiatiefnemers krijgen geen bericht.")
    return " ".join(
        TOLD[channel](outcome.told[channel]) % {"count": outcome.told[channel]}
        for channel in TOLD
        if outcome.told.get(channel)
    )


def report(request, data: dict, outcome) -> None:
    """One message with what was done and how the initiators were told, one per reason
    something was skipped."""
    action = data["action"]
    level = messages.success if outcome.done else messages.warning
    done = DONE[action](outcome.done) % {
        "count": outcome.done,
        "name": staff_display_name(data["broker"]) if data.get("broker") else "",
    }
    told = told_sentence(action, outcome)
    level(request, f"{done} {told}" if told else done)
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
    if form.is_valid():
        with service_errors_on(form):
            outcome = _run(request, form, back)
            report(request, form.cleaned_data, outcome)
            return redirect(back)
    return queue_page_again(request, back, bulk_form=form)
