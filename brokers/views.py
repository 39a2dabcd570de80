"""The staff side under /makelaar/. Every action is a plain POST that redirects back
(works without JavaScript); with htmx (HX-Request) it answers with the updated part."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import can_see_figures, is_broker, is_coordinator
from accounts.selectors import broker_list
from config.errors import NotAllowed
from config.forms import form_add_service_errors
from initiatives.case_file import case_panels
from initiatives.constants import OPEN_STATUSES, Need, Status
from initiatives.models import Initiative
from initiatives.selectors import theme_list
from initiatives.services import initiative_assign
from initiatives.timeline import initiative_timeline
from messaging.models import OutboundMessage
from messaging.services import message_task_complete
from neighbourhoods.selectors import neighbourhood_list

from . import services
from .constants import OrganisationKind
from .filters import CaseFilter
from .forms import (
    AssignForm,
    BulkAssignForm,
    ContactMomentForm,
    HandoverForm,
    NoteForm,
    ReferralForm,
    ReferralOutcomeForm,
    TransitionForm,
    WaitingForm,
)
from .models import Organisation, Referral
from .selectors import (
    broker_workload_list,
    case_get_for_viewer,
    case_queryset,
    case_status_counts,
    message_task_get_for_viewer,
    organisation_get_for_viewer,
    organisation_list,
    referral_get_for_viewer,
)

PAGE_SIZE = 25


broker_required = staff_required(is_broker)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def staff_start(request):
    """Where sign-in leads without a `next`: each role to its own work."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if is_broker(request.user):
        return redirect("brokers:queue")
    if can_see_figures(request.user):
        return redirect("/cijfers/")
    return redirect("initiatives:home")


# --- the queue -------------------------------------------------------------------------


# The search box can hold an initiator's name, which never belongs in a URL (browser
# history, proxy and access logs): the form posts it, the session keeps it, and the
# redirect carries only the other filters.
QUEUE_SEARCH_SESSION_KEY = "brokers.queue.search"


@broker_required
def queue(request):
    if request.method == "POST":
        return _queue_search(request)
    if request.GET.get("clear"):
        request.session.pop(QUEUE_SEARCH_SESSION_KEY, None)
        return redirect("brokers:queue")
    data = request.GET.copy()
    if "q" not in data and request.session.get(QUEUE_SEARCH_SESSION_KEY):
        data["q"] = request.session[QUEUE_SEARCH_SESSION_KEY]
    return _queue_page(request, data)


def _queue_search(request):
    search = request.POST.get("q", "").strip()[:200]
    if search:
        request.session[QUEUE_SEARCH_SESSION_KEY] = search
    else:
        request.session.pop(QUEUE_SEARCH_SESSION_KEY, None)
    params = request.POST.copy()
    for name in ("q", "csrfmiddlewaretoken", "page"):
        params.pop(name, None)
    url = reverse("brokers:queue") + (f"?{params.urlencode()}" if params else "")
    if not _is_htmx(request):
        return redirect(url)
    data = params.copy()
    if search:
        data["q"] = search
    response = _queue_page(request, data)
    response["HX-Push-Url"] = url
    return response


def _queue_page(request, data):
    case_filter = CaseFilter(data, queryset=case_queryset(viewer=request.user), request=request)
    page = Paginator(case_filter.qs, PAGE_SIZE).get_page(data.get("page"))
    params = data.copy()
    params.pop("page", None)
    params.pop("q", None)
    context = {
        "filter": case_filter,
        "page": page,
        "counts": case_status_counts(viewer=request.user),
        "open_statuses": [s for s in Status if s in OPEN_STATUSES],
        "query_string": params.urlencode(),
        "brokers": broker_list(),
        "next_url": request.get_full_path(),
        "filters_active": any(
            data.get(name) for name in case_filter.filters if name not in ("q", "mine")
        ),
        "boolean_filters": [
            (name, case_filter.form.fields[name].label)
            for name in ("mine", "unassigned", "overdue", "waiting")
        ],
    }
    template = "brokers/_queue_results.html" if _is_htmx(request) else "brokers/queue.html"
    return render(request, template, context)


@broker_required
@require_POST
def bulk_assign(request):
    form = BulkAssignForm(request.POST)
    back = request.POST.get("next") or reverse("brokers:queue")
    if not back.startswith("/makelaar/"):
        back = reverse("brokers:queue")
    if form.is_valid():
        try:
            changed = services.initiative_bulk_assign(
                initiative_ids=form.cleaned_data["initiatives"],
                broker=form.cleaned_data["broker"],
                actor=request.user,
            )
        except (ValidationError, NotAllowed) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(
                request,
                ngettext("%(count)s idee toegewezen.", "%(count)s ideeën toegewezen.", changed)
                % {"count": changed},
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(back)


@staff_required(is_coordinator)
def handover(request):
    form = HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.broker_handover(
                from_broker=form.cleaned_data["from_broker"],
                to_broker=form.cleaned_data["to_broker"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s open idee overgedragen. De initiatiefnemer krijgt bericht.",
                    "%(count)s open ideeën overgedragen. De initiatiefnemers krijgen bericht.",
                    count,
                )
                % {"count": count},
            )
            return redirect("brokers:handover")
    workload = broker_workload_list(viewer=request.user)
    return render(request, "brokers/handover.html", {"form": form, "workload": workload})


# --- the case file ---------------------------------------------------------------------


def _case_or_404(request, reference: str) -> Initiative:
    try:
        return case_get_for_viewer(viewer=request.user, reference=reference)
    except Initiative.DoesNotExist:
        raise Http404 from None


def _case_context(request, initiative, forms=None) -> dict:
    forms = forms or {}
    referrals = list(initiative.referrals.all())
    return {
        "initiative": initiative,
        "initiator": initiative.initiator,
        "needs": [Need(n).label for n in initiative.needs if n in Need.values],
        "timeline": list(reversed(initiative_timeline(initiative))),
        "panels": case_panels(initiative, request),
        "open_tasks": initiative.open_tasks,
        "referrals": referrals,
        "can_reopen": is_coordinator(request.user),
        # Only the named broker or a coordinator changes the status (the service checks;
        # the page says so instead of offering a form that will be refused).
        "can_transition": is_coordinator(request.user)
        or initiative.broker_id in (None, request.user.pk),
        "assign_form": forms.get("assign") or AssignForm(prefix="assign"),
        "contact_form": forms.get("contact") or ContactMomentForm(prefix="contact"),
        "transition_form": forms.get("transition")
        or TransitionForm(prefix="transition", initiative=initiative),
        "note_form": forms.get("note") or NoteForm(prefix="note"),
        "waiting_form": forms.get("waiting") or WaitingForm(prefix="waiting"),
        "referral_form": forms.get("referral") or ReferralForm(prefix="referral"),
        "outcome_forms": {
            r.pk: forms.get(f"outcome-{r.pk}") or ReferralOutcomeForm(prefix=f"outcome-{r.pk}")
            for r in referrals
        },
        "failed_form": next(iter(forms.values()), None),
    }


def _render_case(request, initiative, *, forms=None, flash=""):
    context = _case_context(request, initiative, forms) | {"flash": flash}
    if _is_htmx(request):
        return render(request, "brokers/_case_body.html", context)
    return render(request, "brokers/case_detail.html", context)


@broker_required
def case_detail(request, reference: str):
    return _render_case(request, _case_or_404(request, reference))


def _case_action(request, reference, *, key, form, perform, success, anchor=""):
    """Validate `form`, run `perform(initiative, cleaned_data)`, and answer: a redirect
    (or the fresh case body for htmx) on success, the case with the errors otherwise."""
    initiative = _case_or_404(request, reference)
    if form.is_valid():
        try:
            perform(initiative, form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        except NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            if _is_htmx(request):
                fresh = _case_or_404(request, reference)
                return _render_case(request, fresh, flash=success)
            messages.success(request, success)
            url = reverse("brokers:case", args=[initiative.reference])
            return redirect(f"{url}#{anchor}" if anchor else url)
    return _render_case(request, initiative, forms={key: form})


@broker_required
@require_POST
def case_claim(request, reference: str):
    return _case_action(
        request,
        reference,
        key="assign",
        form=AssignForm({"assign-broker": request.user.pk}, prefix="assign"),
        perform=lambda i, d: initiative_assign(
            initiative=i, broker=d["broker"], actor=request.user
        ),
        success=_("U bent nu de ideeënmakelaar van dit idee. De initiatiefnemer krijgt bericht."),
    )


@broker_required
@require_POST
def case_assign(request, reference: str):
    return _case_action(
        request,
        reference,
        key="assign",
        form=AssignForm(request.POST, prefix="assign"),
        perform=lambda i, d: initiative_assign(
            initiative=i, broker=d["broker"], actor=request.user, note=d["note"]
        ),
        success=_("Toegewezen. De initiatiefnemer krijgt bericht wie de makelaar is."),
    )


@broker_required
@require_POST
def case_contact(request, reference: str):
    return _case_action(
        request,
        reference,
        key="contact",
        form=ContactMomentForm(request.POST, prefix="contact"),
        perform=lambda i, d: services.contact_moment_create(initiative=i, actor=request.user, **d),
        success=_("Contactmoment vastgelegd."),
        anchor="tijdlijn",
    )


@broker_required
@require_POST
def case_transition(request, reference: str):
    initiative = _case_or_404(request, reference)
    return _case_action(
        request,
        reference,
        key="transition",
        form=TransitionForm(request.POST, prefix="transition", initiative=initiative),
        perform=lambda i, d: services.case_transition(
            initiative=i,
            to_status=d["to_status"],
            actor=request.user,
            note=d["note"],
            outcome_message=d["outcome_message"],
            broker=d.get("broker"),
        ),
        success=_("Status gewijzigd."),
    )


@broker_required
@require_POST
def case_note(request, reference: str):
    return _case_action(
        request,
        reference,
        key="note",
        form=NoteForm(request.POST, prefix="note"),
        perform=lambda i, d: services.case_note_create(
            initiative=i, actor=request.user, text=d["text"]
        ),
        success=_("Notitie opgeslagen."),
        anchor="tijdlijn",
    )


@broker_required
@require_POST
def case_waiting(request, reference: str):
    if request.POST.get("clear"):
        return _case_action(
            request,
            reference,
            key="waiting",
            form=NoteForm({"text": "-"}),
            perform=lambda i, d: services.initiative_waiting_clear(
                initiative=i, actor=request.user
            ),
            success=_("Het idee wacht niet meer op de initiatiefnemer."),
        )
    return _case_action(
        request,
        reference,
        key="waiting",
        form=WaitingForm(request.POST, prefix="waiting"),
        perform=lambda i, d: services.initiative_waiting_set(
            initiative=i, actor=request.user, reason=d["reason"], since=d["since"]
        ),
        success=_("Gemarkeerd: wacht op de initiatiefnemer."),
    )


@broker_required
@require_POST
def case_referral(request, reference: str):
    return _case_action(
        request,
        reference,
        key="referral",
        form=ReferralForm(request.POST, prefix="referral"),
        perform=lambda i, d: services.referral_create(
            initiative=i, organisation=d["organisation"], actor=request.user, reason=d["reason"]
        ),
        success=_("Doorverwijzing vastgelegd."),
    )


@broker_required
@require_POST
def case_referral_outcome(request, reference: str, pk: int):
    initiative = _case_or_404(request, reference)
    try:
        referral = referral_get_for_viewer(viewer=request.user, pk=pk, initiative=initiative)
    except Referral.DoesNotExist:
        raise Http404 from None
    return _case_action(
        request,
        reference,
        key=f"outcome-{pk}",
        form=ReferralOutcomeForm(request.POST, prefix=f"outcome-{pk}"),
        perform=lambda i, d: services.referral_outcome_record(
            referral=referral, actor=request.user, outcome=d["outcome"], note=d["note"]
        ),
        success=_("Uitkomst van de doorverwijzing vastgelegd."),
    )


@broker_required
@require_POST
def case_task_done(request, reference: str, pk: int):
    initiative = _case_or_404(request, reference)
    try:
        task = message_task_get_for_viewer(viewer=request.user, pk=pk, initiative=initiative)
    except OutboundMessage.DoesNotExist:
        raise Http404 from None
    return _case_action(
        request,
        reference,
        key="task",
        form=Form({}),  # nothing to fill in: the click is the confirmation
        perform=lambda i, d: message_task_complete(message_id=task.pk, actor=request.user),
        success=_("Taak afgevinkt: de initiatiefnemer is gebeld of heeft een brief gekregen."),
    )


# --- the network -----------------------------------------------------------------------


@broker_required
def network(request):
    kind = request.GET.get("kind", "")
    theme = request.GET.get("theme", "")
    area = request.GET.get("area", "")
    organisations = organisation_list(viewer=request.user, kind=kind, theme=theme, area=area)
    return render(
        request,
        "brokers/network.html",
        {
            "organisations": organisations,
            "kinds": OrganisationKind.choices,
            "kind": kind,
            "themes": theme_list(),
            "theme": theme,
            "areas": neighbourhood_list(),
            "area": area,
        },
    )


@broker_required
def organisation_detail(request, pk: int):
    try:
        organisation = organisation_get_for_viewer(viewer=request.user, pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return render(request, "brokers/organisation_detail.html", {"organisation": organisation})
