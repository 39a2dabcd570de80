"""The queue's filters, shared by the queue page and the cases API (one mechanism)."""

import secrets
from datetime import timedelta

import django_filters
from django import forms
from django.contrib.postgres.search import SearchRank
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import AccessibleFormMixin
from initiatives.constants import OPEN_STATUSES, STAFF_NEED_CHOICES, Channel, Status
from initiatives.forms.fields import too_long_error
from initiatives.models import Initiative, Theme
from initiatives.selectors import publication_to_review_q
from neighbourhoods.models import Neighbourhood

from .forms import BrokerChoiceField
from .queue_sort import ALL_SORT_CHOICES, RELEVANCE, ranked, sort_choices, sort_in_force
from .selectors import (
    SORTS,
    broker_with_open_cases_list,
    case_queryset,
    due_soon_q,
    is_reference_search,
    overdue_q,
    reference_q,
    search_query,
)
from .workbench.selectors import unread_q

# The search box can hold an initiator's name, which never belongs in a URL (browser
# history, proxy and access logs). The session keeps each search term under a short
# random key and the URL carries the key (`search_id=`): the URL alone says which search
# a page shows (after Back, a reload or a column header's link) without saying what was
# searched. A URL without a key shows no search, whatever was searched before.
SEARCH_PARAM = "search_id"
# A reference, a name, a few words: longer is no search anyone types.
SEARCH_MAX_LENGTH = 200
SEARCHES_SESSION_KEY = "brokers.queue.searches"
# The searches a session remembers (the oldest goes first); a key it forgot is said so.
MAX_KEPT_SEARCHES = 30


def keep_search(request, term: str) -> str:
    """The key for `term` in this session (the same term keeps its key)."""
    kept = dict(request.session.get(SEARCHES_SESSION_KEY) or {})
    key = next((k for k, v in kept.items() if v == term), None)
    if key:
        del kept[key]  # last used goes to the end
    else:
        key = secrets.token_urlsafe(6)
    kept[key] = term
    while len(kept) > MAX_KEPT_SEARCHES:
        del kept[next(iter(kept))]
    request.session[SEARCHES_SESSION_KEY] = kept
    return key


def kept_search(request, key: str | None) -> str | None:
    """The search term a key names in this session, or None."""
    if not key:
        return None
    return (request.session.get(SEARCHES_SESSION_KEY) or {}).get(key)


def queue_params(request, data: QueryDict | None = None) -> QueryDict:
    """The queue's effective parameters: `data` (default: the query string) with the
    search term its key names (an explicit `q` wins). The key stays in, so the page's
    links carry it."""
    data = (request.GET if data is None else data).copy()
    if "q" not in data:
        term = kept_search(request, data.get(SEARCH_PARAM))
        if term:
            data["q"] = term
    return data


def queue_filter(request, data: QueryDict | None = None) -> "CaseFilter":
    """The one parser of the queue's filters and order, for the queue page, its bulk
    actions and export, and the case file's previous/next case. `data` defaults to
    queue_params(request); `.qs` is the filtered, ordered queryset. (The page adds each
    row's unread mark with workbench.selectors.with_activity_marks: counting the view
    must not compute it for every case.)"""
    data = queue_params(request) if data is None else data
    return CaseFilter(data, queryset=case_queryset(viewer=request.user), request=request)


def default_view(queryset):
    """The queue without filters, sort or search (CaseFilter with nothing asked): the
    open cases, the first deadline first."""
    return _open(queryset).order_by(*SORTS["deadline"])


def _open(queryset):
    return queryset.filter(status__in=sorted(OPEN_STATUSES))


class CaseFilterForm(AccessibleFormMixin, forms.Form):
    """The queue page renders the filters with the shared field template. Every filter may
    stay empty: no "(niet verplicht)" markers (the mixin's default)."""


class BrokerFilter(django_filters.ModelChoiceFilter):
    """Brokers by their display name, as everywhere else (not their e-mail address)."""

    field_class = BrokerChoiceField


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="filter_search",
        help_text=_("Kenmerk (zoals 2026-0023), titel, beschrijving of naam."),
        # Splitting one long word into compound parts takes time that grows with the
        # square of its length (3,000 letters: 2 s, 10,000: past the request deadline).
        max_length=SEARCH_MAX_LENGTH,
        error_messages=too_long_error(SEARCH_MAX_LENGTH),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        method="filter_status",
        # Checkboxes in the queue page; the error summary links to the first one.
        widget=forms.CheckboxSelectMultiple,
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        queryset=Theme.objects.order_by("order", "name"),
        to_field_name="slug",
        empty_label=_("Alle thema's"),
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Wijk"),
        queryset=Neighbourhood.objects.defer("shape").order_by("name"),
        to_field_name="code",
        empty_label=_("Alle wijken"),
    )
    broker = BrokerFilter(
        label=_("Ideeënmakelaar"),
        # The form's field gets its own per request (CaseFilter.form).
        queryset=lambda request: broker_with_open_cases_list(),
        empty_label=_("Alle makelaars"),
    )
    channel = django_filters.ChoiceFilter(
        label=_("Binnengekomen via"), choices=Channel.choices, empty_label=_("Alle kanalen")
    )
    need = django_filters.ChoiceFilter(
        label=_("Gevraagde hulp"),
        choices=STAFF_NEED_CHOICES,
        method="filter_need",
        empty_label=_("Alle soorten hulp"),
    )
    unassigned = django_filters.BooleanFilter(
        label=_("Nog zonder makelaar"), method="filter_unassigned"
    )
    overdue = django_filters.BooleanFilter(
        label=_("Eerste contact te laat"), method="filter_overdue"
    )
    waiting = django_filters.BooleanFilter(
        label=_("Wacht op initiatiefnemer"), method="filter_waiting"
    )
    # The broker's review of what becomes public (initiatives.services.publication): a
    # task of its own, for open and closed ideas alike.
    review = django_filters.BooleanFilter(
        label=_("Openbaar tonen: te beoordelen"), method="filter_review"
    )
    mine = django_filters.BooleanFilter(label=_("Alleen mijn ideeën"), method="filter_mine")
    unread = django_filters.BooleanFilter(
        label=_("Nieuws van de initiatiefnemer, nog niet gelezen"), method="filter_unread"
    )
    due = django_filters.ChoiceFilter(
        label=_("Eerste contact uiterlijk"),
        choices=[
            ("soon", _("bijna te laat (binnen twee werkdagen)")),
            ("week", _("deze week")),
        ],
        method="filter_due",
        empty_label=_("Wanneer dan ook"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sorteren"), choices=ALL_SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Initiative
        fields = []
        form = CaseFilterForm

    def __init__(self, data=None, *args, **kwargs):
        # The sort box shows (and sends back) the order in force (brokers.queue_sort).
        if data is not None:
            data = data.copy()
            data["sort"] = sort_in_force(data.get("q"), data.get("sort"))
        super().__init__(data, *args, **kwargs)
        # On this form's own copy of the field (the filter's may be built already).
        self.form.fields["sort"].choices = sort_choices((data or {}).get("q"))

    # The form classes made so far, by filter set class and the names of its filters
    # (ViewFilter keeps only those a view names). Bounded: there are few in practice.
    _form_classes: dict = {}

    def get_form_class(self):
        """The form class, made once per process for these filters: django-filters makes
        a new one for every filter set, building each of its fourteen fields for it (and
        the form copies them again), ~1.5 ms of every queue page. Nothing in it varies per
        request but the broker choices (`form`) and the sort choices (`__init__`), each
        set on the form's own copy of its field."""
        key = (type(self), tuple(self.filters))
        made = CaseFilter._form_classes.get(key)
        if made is None:
            made = super().get_form_class()
            if len(CaseFilter._form_classes) < 256:
                CaseFilter._form_classes[key] = made
        return made

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            if "broker" in form.fields:
                # Evaluated per request (the end dates move on); former brokers with
                # open cases too.
                form.fields["broker"].queryset = broker_with_open_cases_list()
        return self._form

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        # Without a status filter the queue shows the open cases; a reference finds its
        # case whatever the status (residents quote it, also about a closed idea).
        if (
            not data.get("status")
            and not data.get("review")
            and not is_reference_search(data.get("q") or "")
        ):
            queryset = _open(queryset)
        queryset = super().filter_queryset(queryset)
        query = data.get("q") or ""
        sort = sort_in_force(query, data.get("sort"))
        if sort == RELEVANCE and ranked(query):
            rank = SearchRank(F("search_document"), search_query(query))
            return queryset.annotate(rank=rank).order_by("-rank", "first_contact_due", "pk")
        return queryset.order_by(*SORTS.get(sort, SORTS["deadline"]))

    def filter_search(self, queryset, name, value):
        if is_reference_search(value):
            return queryset.filter(reference_q(value))
        return queryset.filter(search_document=search_query(value)) if value.strip() else queryset

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset

    def filter_status(self, queryset, name, value):
        if not value or set(value) >= set(Status.values):
            return queryset  # every status: no condition (the all-statuses index)
        return queryset.filter(status__in=value)

    def filter_need(self, queryset, name, value):
        return queryset.filter(needs__contains=[value])

    def filter_unassigned(self, queryset, name, value):
        return queryset.filter(broker__isnull=value) if value is not None else queryset

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())

    def filter_waiting(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(waiting_since__isnull=not value)

    def filter_review(self, queryset, name, value):
        if value is None:
            return queryset
        to_review = publication_to_review_q()
        return queryset.filter(to_review) if value else queryset.exclude(to_review)

    def filter_mine(self, queryset, name, value):
        if not value or self.request is None:
            return queryset
        return queryset.filter(broker=self.request.user)

    def filter_unread(self, queryset, name, value):
        if value is None or self.request is None:
            return queryset
        q = unread_q(viewer=self.request.user)
        return queryset.filter(q) if value else queryset.exclude(q)

    def filter_due(self, queryset, name, value):
        """Awaiting a first contact due from today to the end of this week (Sunday), or
        "due soon" as the queue's count and row marks say (selectors.due_soon_q)."""
        if value == "soon":
            return queryset.filter(due_soon_q())
        today = timezone.localdate()
        end = today + timedelta(days=6 - today.weekday())
        return queryset.filter(
            status=Status.NEW,
            first_contact_at__isnull=True,
            first_contact_due__gte=today,
            first_contact_due__lte=end,
        )


class ViewFilter(CaseFilter):
    """CaseFilter with only the filters `data` names, and the sort (CaseFilter always
    sets the order in force): the case file's previous/next case in a queue view. A
    filter the data does not name cleans to an empty value, and an empty value filters
    nothing (django-filters skips it; filter_queryset reads the rest with .get()): the
    same queryset, without building, copying and validating a dozen fields and their
    choices (~2 ms of the case file's time)."""

    def __init__(self, data, *args, **kwargs):
        self.base_filters = {
            name: each
            for name, each in CaseFilter.base_filters.items()
            if name in data or name == "sort"
        }
        super().__init__(data, *args, **kwargs)
