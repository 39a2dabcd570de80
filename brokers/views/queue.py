"""The queue of cases: search, filters shown as removable chips, sortable columns, counts
that start a fresh view. Works without JavaScript; with htmx the results swap in place.
Bulk actions are in `bulk`, "My day" and the coordinator's overview in `day`."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.guards import staff_required
from accounts.roles import is_broker
from initiatives.constants import OPEN_STATUSES, Status

from ..filters import SEARCH_PARAM, keep_search, kept_search, queue_filter, queue_params
from ..paging import QueuePaginator
from ..queue_sort import AUTO_SORT_PARAM, auto_sort, drop_relevance, sort_headers, sort_to_keep
from ..selectors import case_status_counts
from ..workbench.forms import queue_forms
from ..workbench.selectors import saved_view_list, with_activity_marks
from ..workbench.services import MAX_BULK
from .queue_rows import queue_rows, row_queryset

PAGE_SIZE = 50

BOOLEAN_FILTERS = ("mine", "unassigned", "overdue", "waiting", "review", "unread")
# Parameters that are no filter of their own (never a chip).
NOT_FILTERS = ("page", "sort", "q", "clear", "view", "csrfmiddlewaretoken", SEARCH_PARAM)


@staff_required(is_broker)
def queue(request):
    if request.method == "POST":
        return _queue_search(request)
    if request.GET.get("clear"):
        # Older links: a fresh view with whatever else the link names, no search.
        params = _without_empty(request.GET)
        for name in ("clear", "q", "page", SEARCH_PARAM):
            params.pop(name, None)
        return redirect(_queue_url(params))
    key = request.GET.get(SEARCH_PARAM)
    if key and "q" not in request.GET and kept_search(request, key) is None:
        # A link from another session (or a search long forgotten): say so rather than
        # show every case as if that were the search's result.
        messages.info(
            request, _("De zoekopdracht van deze link is niet meer bekend. Zoek opnieuw.")
        )
        params = request.GET.copy()
        params.pop(SEARCH_PARAM)
        return redirect(_queue_url(params))
    return queue_page(request, queue_params(request))


def _queue_url(params) -> str:
    return reverse("brokers:queue") + (f"?{params.urlencode()}" if params else "")


def _without_empty(params) -> QueryDict:
    """Only the parameters with a value, each value once (an empty select is no filter)."""
    kept = QueryDict(mutable=True)
    for name in params:
        values = list(dict.fromkeys(v for v in params.getlist(name) if v))
        if values:
            kept.setlist(name, values)
    return kept


def _queue_search(request):
    """The search form: the term goes into the session, its key and the other filters
    (only those with a value) into the URL, which is then all a page needs."""
    search = request.POST.get("q", "").strip()[:200]
    params = _without_empty(request.POST)
    for name in ("q", "csrfmiddlewaretoken", "page", SEARCH_PARAM):
        params.pop(name, None)
    auto = params.pop(AUTO_SORT_PARAM, [""])[-1]
    if not sort_to_keep(sort=params.get("sort"), query=search, auto=auto):
        params.pop("sort", None)  # the order the queue takes anyway
    if search:
        params[SEARCH_PARAM] = keep_search(request, search)
    url = _queue_url(params)
    if not request.htmx:
        return redirect(url)
    data = params.copy()
    if search:
        data["q"] = search
    # The page's forms go back to (and act on) this view, not to the POST's bare path.
    response = queue_page(request, data, view_url=url)
    response["HX-Push-Url"] = url
    return response


def queue_page(request, data, view_url: str | None = None, *, forms=None, status: int = 200):
    """The queue for `data`; `forms`: a refused bulk or saved-view form, shown again."""
    case_filter = queue_filter(request, data)
    page = QueuePaginator(
        row_queryset(with_activity_marks(case_filter.qs, viewer=request.user)),
        PAGE_SIZE,
        count_queryset=case_filter.qs,
        number=data.get("page"),
    ).get_page(data.get("page"))
    params = data.copy()
    for name in ("page", "q", "view", "size"):
        params.pop(name, None)
    search = data.get("q", "").strip()[:200]
    if search and kept_search(request, params.get(SEARCH_PARAM)) != search:
        # A term in the URL itself (typed there): the page's links carry its key.
        params[SEARCH_PARAM] = keep_search(request, search)
    context = {
        "filter": case_filter,
        "page": page,
        "counts": case_status_counts(viewer=request.user),
        "open_statuses": [s for s in Status if s in OPEN_STATUSES],
        "query_string": params.urlencode(),
        # Where the bulk actions and saved views go back to and take their filters from:
        # after an htmx search the request path is the POST's, without the filters.
        "next_url": view_url or request.get_full_path(),
        "filters_active": any(
            data.get(name) for name in case_filter.filters if name not in ("q", "mine")
        ),
        "boolean_filters": [
            (name, case_filter.form.fields[name].label) for name in BOOLEAN_FILTERS
        ],
        "chips": filter_chips(case_filter, params),
        "columns": sort_headers(case_filter, params),
        "auto_sort": auto_sort(data),
        "saved_views": saved_view_list(viewer=request.user),
        "all_statuses": Status.choices,
        "max_bulk": MAX_BULK,
        "active_view": data.get("view", ""),
        # Case links carry the view, so the case file can walk it (brokers.case_navigation).
        "case_view": case_view_param(params, page),
    }
    context.update(queue_forms(request.user, context, posted=forms))
    # Who a case may be assigned to: the bulk form's choices (not a second queryset).
    context["brokers"] = context["bulk_form"].fields["broker"].queryset
    context["rows"] = queue_rows(
        page.object_list, case_view=context["case_view"], picked=context["bulk_form"].picked()
    )
    context["bulk_form"].point_at(context["rows"])
    # htmx restoring a page it did not keep (Back) asks for the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "brokers/_queue_results.html" if partial else "brokers/queue.html"
    return render(request, template, context, status=status)


def case_view_param(params, page) -> str:
    view = params.copy()
    view["per_page"] = str(PAGE_SIZE)
    if page.number > 1:
        view["page"] = str(page.number)
    if not page.paginator.capped:
        # How many cases the view held: a small one is read sorted in memory for the case
        # file's previous/next too (brokers.case_navigation). Only a hint for the plan.
        view["size"] = str(page.paginator.count)
    return urlencode({"view": view.urlencode()})


def filter_chips(case_filter, params) -> list[dict]:
    """Each active filter value, and the search, as a chip whose link removes just it."""
    form = case_filter.form
    chips = []
    search = case_filter.data.get("q", "").strip()
    if search:
        remove = drop_relevance(params.copy())
        remove.pop(SEARCH_PARAM, None)
        chips.append(
            {"label": _("Zoekterm"), "value": search, "url": _queue_url(remove), "name": "q"}
        )
    for name in params:
        if name in NOT_FILTERS or name not in form.fields:
            continue
        field = form.fields[name]
        choices = {str(k): v for k, v in getattr(field, "choices", [])}
        for value in dict.fromkeys(params.getlist(name)):  # status=new&status=new: one chip
            if not value:
                continue
            remove = params.copy()
            remove.setlist(name, [v for v in params.getlist(name) if v != value])
            if name in BOOLEAN_FILTERS:
                shown = None
            elif name == "broker":
                shown = _broker_label(field, value)
            else:
                shown = choices.get(value, value)
            chips.append(
                {"label": field.label, "value": shown, "url": _queue_url(remove), "name": name}
            )
    return chips


def _broker_label(field, value) -> str:
    try:
        return field.label_from_instance(field.queryset.get(pk=value))
    except (ValueError, field.queryset.model.DoesNotExist):
        return value
