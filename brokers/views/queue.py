"""Where sign-in leads, the queue of cases and its bulk action. The queue's search and
filters work without JavaScript; with htmx the results are swapped in place."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import can_see_figures, is_broker, is_signed_in
from accounts.selectors import broker_list
from config.errors import NotAllowed
from initiatives.constants import OPEN_STATUSES, Status

from .. import services
from ..filters import CaseFilter
from ..forms import BulkAssignForm
from ..selectors import case_queryset, case_status_counts

PAGE_SIZE = 25


@staff_required(is_signed_in)
def staff_start(request):
    """Where sign-in leads without a `next`: each role to its own work."""
    if is_broker(request.user):
        return redirect("brokers:queue")
    if can_see_figures(request.user):
        return redirect("/cijfers/")
    return redirect("initiatives:home")


# The search box can hold an initiator's name, which never belongs in a URL (browser
# history, proxy and access logs): the form posts it, the session keeps it, and the
# redirect carries only the other filters.
QUEUE_SEARCH_SESSION_KEY = "brokers.queue.search"


@staff_required(is_broker)
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
    if not request.htmx:
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
            for name in ("mine", "unassigned", "overdue", "waiting", "review")
        ],
    }
    template = "brokers/_queue_results.html" if request.htmx else "brokers/queue.html"
    return render(request, template, context)


@staff_required(is_broker)
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
