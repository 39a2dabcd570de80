"""The queue's order: which one is in force for a view, what the sort box offers and
sends, and the column headers that sort.

A view without a sort of its own takes the order that suits it: with a word search the
best match first ("relevance", offered in the box only then), with a search for a
reference the reference order, otherwise the first deadline first. The box shows the
order in force, so sending the form again keeps it. When the queue chose the order
itself, the form says so (`auto_sort`): a new search then takes its own order instead
of the one the box happened to show for the previous view."""

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .selectors import is_reference_search

RELEVANCE = "relevance"
DEADLINE = "deadline"
REFERENCE = "reference"
# The hidden field of the search form: the order the queue chose for the view shown.
AUTO_SORT_PARAM = "auto_sort"

RELEVANCE_CHOICE = (RELEVANCE, _("Beste treffer eerst"))
SORT_CHOICES = [
    (DEADLINE, _("Eerste deadline eerst")),
    ("-deadline", _("Laatste deadline eerst")),
    ("newest", _("Nieuwste eerst")),
    ("oldest", _("Oudste eerst")),
    ("activity", _("Recentste activiteit eerst")),
    ("-activity", _("Oudste activiteit eerst")),
    ("title", _("Titel A-Z")),
    ("-title", _("Titel Z-A")),
    (REFERENCE, _("Kenmerk oplopend")),
    ("-reference", _("Kenmerk aflopend")),
]
# What the filter accepts (the API too); the box offers RELEVANCE only with a word search.
ALL_SORT_CHOICES = [RELEVANCE_CHOICE, *SORT_CHOICES]

# Sortable columns: (key, heading, ascending value, descending value, first click).
SORT_COLUMNS = [
    ("reference", _("Kenmerk"), REFERENCE, "-reference", REFERENCE),
    ("title", _("Idee"), "title", "-title", "title"),
    ("deadline", _("Eerste contact"), DEADLINE, "-deadline", DEADLINE),
    ("activity", _("Laatste activiteit"), "-activity", "activity", "activity"),
    ("submitted", _("Ingediend"), "oldest", "newest", "newest"),
]


def ranked(query) -> bool:
    """Whether a search can be ordered by relevance (words; a reference has no rank)."""
    query = (query or "").strip()
    return bool(query) and not is_reference_search(query)


def default_sort(query) -> str:
    """The order of a view with this search and no sort of its own."""
    query = (query or "").strip()
    if is_reference_search(query):
        return REFERENCE
    return RELEVANCE if query else DEADLINE


def sort_in_force(query, sort) -> str:
    """The order a view with this search and this asked sort is shown in. A value the
    filter does not know is returned as it is: the form says it is wrong."""
    if not sort or (sort == RELEVANCE and not ranked(query)):
        return default_sort(query)
    return sort


def sort_choices(query) -> list:
    """The sort box's options for a view with this search."""
    return ALL_SORT_CHOICES if ranked(query) else SORT_CHOICES


def auto_sort(data) -> str:
    """The order in force when the queue chose it itself (else ""): what the search form
    sends along as AUTO_SORT_PARAM."""
    query = data.get("q")
    chosen = sort_in_force(query, data.get("sort"))
    return chosen if chosen == default_sort(query) else ""


def sort_to_keep(*, sort, query, auto) -> str | None:
    """The sort a posted search form puts in the URL: none when the box was left as the
    queue had chosen it (`auto`: the new search takes its own order) or when it is the
    order the new view takes anyway."""
    if not sort or sort == auto or sort_in_force(query, sort) == default_sort(query):
        return None
    return sort


def drop_relevance(params: QueryDict) -> QueryDict:
    """`params` without a relevance order, for a link that removes the search."""
    if params.get("sort") == RELEVANCE:
        params.pop("sort")
    return params


def sort_headers(case_filter, params) -> dict:
    """Per sortable column: its link (toggling the direction) and its aria-sort."""
    current = getattr(case_filter.form, "cleaned_data", {}).get("sort")
    current = current or default_sort(case_filter.data.get("q"))
    columns = {}
    for key, heading, ascending, descending, first in SORT_COLUMNS:
        state = {ascending: "ascending", descending: "descending"}.get(current, "none")
        target = {"ascending": descending, "descending": ascending}.get(state, first)
        link = params.copy()
        link["sort"] = target
        url = f"{reverse('brokers:queue')}?{link.urlencode()}"
        columns[key] = {"heading": heading, "aria_sort": state, "url": url}
    return columns
