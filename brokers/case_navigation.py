"""Previous and next case within the queue view a broker opened the case from.

The queue's links to a case carry the view as `?view=<the queue's query string>` (the
filters and sort, and the key of the search: never the search term itself, see
filters.SEARCH_PARAM). The case file parses it with the queue's own filter and reads the
references around the case's page, so "j"/"k" walk the same list the broker saw. The
read is one queryset, fetched with the rest of the case file (config.batch)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from accounts.roles import is_broker
from config.errors import NotAllowed

from .filters import SEARCH_PARAM, ViewFilter, default_view, queue_params
from .paging import MAX_PAGE, SORT_IN_MEMORY_MAX
from .selectors import case_queryset, order_in_memory

VIEW_PARAM = "view"
# Rows per queue page; a view may say otherwise (`per_page`).
DEFAULT_PAGE_SIZE = 25
# What a view may hold besides filters, sort and search: how it is paged.
_PAGING = frozenset({"page", "per_page", "size"})


@dataclass(frozen=True)
class CaseNavigation:
    queue_url: str
    previous_url: str = ""
    next_url: str = ""
    previous_reference: str = ""
    next_reference: str = ""


@dataclass(frozen=True)
class _Window:
    view: QueryDict
    start: int
    page_size: int


def _int(value, default: int) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return default


def _view_of(request) -> QueryDict:
    raw = request.GET.get(VIEW_PARAM) or request.GET.get("from") or ""
    return QueryDict(raw[:2000], mutable=True)


# The references' query per view, viewer and day, built once: walking a view with j/k
# built the same filters, sort and page for every case (~1 ms). Never read itself: each
# case file gets a copy. A search is built each time (its words go through the
# thesaurus, which staff may change).
_BUILT: dict[tuple, QuerySet] = {}
_BUILT_MAX = 256


def neighbours_queryset(request):
    """The references around this view's page: its rows plus one on either side."""
    view = _view_of(request)
    data = queue_params(request, view)
    data.pop(SEARCH_PARAM, None)
    page_size = min(_int(view.get("per_page"), DEFAULT_PAGE_SIZE), 200)
    page = min(_int(view.get("page"), 1), MAX_PAGE)
    start = max((page - 1) * page_size - 1, 0)
    window = _Window(view=view, start=start, page_size=page_size)
    if "q" in data:
        return _references(request, data, view, start, page * page_size + 1), window
    if not is_broker(request.user):  # as case_queryset checks
        raise NotAllowed("Only brokers and coordinators read cases.")
    key = (tuple((name, tuple(values)) for name, values in data.lists()), request.user.pk)
    key += (timezone.localdate(),)
    built = _BUILT.get(key)
    if built is None:
        if len(_BUILT) >= _BUILT_MAX:
            _BUILT.clear()
        built = _BUILT[key] = _references(request, data, view, start, page * page_size + 1)
    return built.all(), window


def _references(request, data: QueryDict, view: QueryDict, start: int, end: int) -> QuerySet:
    cases = case_queryset(viewer=request.user)
    if set(data) <= _PAGING:
        # The queue as it opens (no filter, sort or search): its query itself. Building
        # the filter set for it (its form and choices) took longer than the read.
        cases = default_view(cases)
    else:
        cases = ViewFilter(data, queryset=cases, request=request).qs
    # A view the queue counted small is sorted in memory, as the queue read it (paging):
    # the same order, without reading the order index through a rare combination.
    if _int(view.get("size"), SORT_IN_MEMORY_MAX + 1) <= SORT_IN_MEMORY_MAX:
        cases = order_in_memory(cases)
    return cases.values_list("reference", flat=True)[start:end]


def _case_url(reference: str, view: QueryDict, index: int, page_size: int) -> str:
    view = view.copy()
    page = index // page_size + 1
    if page > 1:
        view["page"] = str(page)
    else:
        view.pop("page", None)
    url = reverse("brokers:case", args=[reference])
    return f"{url}?{urlencode({VIEW_PARAM: view.urlencode()})}" if view else url


def case_navigation(initiative, references: list[str], window: _Window) -> CaseNavigation:
    queue_url = reverse("brokers:queue")
    if window.view:
        queue_url += "?" + window.view.urlencode()
    try:
        here = references.index(initiative.reference)
    except ValueError:  # not (or no longer) in this view's page
        return CaseNavigation(queue_url=queue_url)
    found = {}
    for name, offset in (("previous", -1), ("next", 1)):
        position = here + offset
        if 0 <= position < len(references):
            reference = references[position]
            found[f"{name}_reference"] = reference
            found[f"{name}_url"] = _case_url(
                reference, window.view, window.start + position, window.page_size
            )
    return CaseNavigation(queue_url=queue_url, **found)


def with_view(url: str, request) -> str:
    """`url` with the view the case file was opened from, so an action keeps it."""
    view = _view_of(request)
    return f"{url}?{urlencode({VIEW_PARAM: view.urlencode()})}" if view else url
