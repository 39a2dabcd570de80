"""Reads for the staff side. Every read of a case goes through here: the viewer is
checked, and related rows are fetched up front so pages run a fixed number of queries."""

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.expressions import OrderBy
from django.utils import timezone

from accounts.roles import is_broker, is_coordinator
from accounts.selectors import assignable_broker_q, broker_list, broker_users
from config.batch import ById, ByKey, count_many_sql, count_statement, fetch_many
from config.errors import NotAllowed
from config.working_days import add_working_days
from initiatives import vocabulary
from initiatives.constants import OPEN_STATUSES, Status
from initiatives.models import AWAITING_FIRST_CONTACT_FIRST, Initiative
from messaging.constants import MessageChannel
from messaging.models import OutboundMessage

from .constants import OrganisationKind
from .models import Organisation, Referral, StandardText

# A first contact due within this many working days is marked "due soon".
DUE_SOON_WORKING_DAYS = 2


SORTS = {
    # Awaiting a first contact first, by deadline (overdue, then due soon); see the model.
    "deadline": [AWAITING_FIRST_CONTACT_FIRST.asc(), "first_contact_due", "submitted_at", "pk"],
    "-deadline": [
        AWAITING_FIRST_CONTACT_FIRST.desc(),
        "-first_contact_due",
        "-submitted_at",
        "-pk",
    ],
    "newest": ["-submitted_at", "-pk"],
    "oldest": ["submitted_at", "pk"],
    # Most recent activity first; cases without any last (initiative_activity_idx).
    "activity": [F("last_activity_at").desc(nulls_last=True), "-pk"],
    "-activity": [F("last_activity_at").asc(nulls_first=True), "pk"],
    "title": ["title", "pk"],
    "-title": ["-title", "-pk"],
    "reference": ["reference"],
    "-reference": ["-reference"],
}


class _NoIndexOrder(Func):
    """COALESCE of one value: the value itself, in an expression no index is built on."""

    function = "COALESCE"
    arity = 1


def order_in_memory(queryset: QuerySet) -> QuerySet:
    """The same order, but one PostgreSQL sorts after reading the matching rows through
    the filters' own indexes, instead of reading an order index (initiative_all_order_idx
    and the like) until a page's worth of matches turns up. The planner chooses that walk
    when it expects matches to be common, and it cannot tell a rare combination of
    filters from a common one when they are correlated: "closed and unread" or "needs a
    location and mine" match a handful of cases, and the walk read all 100,000 entries
    (70-180 ms; sorted in memory: 2-7 ms). For a view known to be small (the queue counts
    it first), see brokers.paging.QueuePaginator."""
    keys = list(queryset.query.order_by)
    if not keys:
        return queryset
    first = keys[0]
    if isinstance(first, str):
        first = F(first.removeprefix("-")).desc() if first.startswith("-") else F(first).asc()
    elif not isinstance(first, OrderBy):
        first = first.asc()
    fenced = OrderBy(
        _NoIndexOrder(first.expression),
        descending=first.descending,
        nulls_first=first.nulls_first,
        nulls_last=first.nulls_last,
    )
    return queryset.order_by(fenced, *keys[1:])


def _require_broker(viewer) -> None:
    if not is_broker(viewer):
        raise NotAllowed("Only brokers and coordinators read cases.")


def search_query(text: str) -> SearchQuery:
    """Dutch full-text query: every word must match, as a prefix, so "koffie" finds
    "koffieochtend", as its compound's parts, or as a word of its thesaurus group
    (initiatives.vocabulary.search_query, the same split as the stored documents)."""
    query = vocabulary.search_query(text)
    if not query:
        return SearchQuery("", config="dutch", search_type="plain")
    return SearchQuery(query, config="dutch", search_type="raw")


# "2026-0023" (a whole reference) or "2026-00" (its beginning): what residents quote.
_REFERENCE = re.compile(r"\d{4}-\d+")


def is_reference_search(text: str) -> bool:
    return bool(_REFERENCE.fullmatch(text.strip()))


def reference_q(text: str) -> Q:
    """A whole reference matches exactly; a beginning matches every reference it starts
    (the unique index on reference answers both: Django adds a pattern-ops index)."""
    text = text.strip()
    whole = re.fullmatch(r"\d{4}-\d{4,}", text)
    return Q(reference=text) if whole else Q(reference__startswith=text)


@dataclass(frozen=True)
class DeadlineMark:
    state: str  # "overdue", "due_soon", "on_time", "done", "none" (no contact, none due)
    due: date


def deadline_mark(initiative: Initiative, *, today: date | None = None) -> DeadlineMark:
    today = today or timezone.localdate()
    if initiative.first_contact_at is not None:
        return DeadlineMark("done", initiative.first_contact_due)
    if initiative.status != Status.NEW:
        # Withdrawn before anyone spoke to the initiator (or reopened since): no
        # deadline to watch, and no contact to claim.
        return DeadlineMark("none", initiative.first_contact_due)
    if initiative.first_contact_due < today:
        return DeadlineMark("overdue", initiative.first_contact_due)
    if initiative.first_contact_due <= add_working_days(today, DUE_SOON_WORKING_DAYS):
        return DeadlineMark("due_soon", initiative.first_contact_due)
    return DeadlineMark("on_time", initiative.first_contact_due)


def overdue_q(today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(status=Status.NEW, first_contact_at__isnull=True, first_contact_due__lt=today)


def due_soon_q(today: date | None = None, *, until: date | None = None) -> Q:
    """`until`: the last day that is "due soon" (by default DUE_SOON_WORKING_DAYS
    working days after today)."""
    today = today or timezone.localdate()
    return Q(
        status=Status.NEW,
        first_contact_at__isnull=True,
        first_contact_due__gte=today,
        first_contact_due__lte=until or add_working_days(today, DUE_SOON_WORKING_DAYS),
    )


def case_queryset(*, viewer) -> QuerySet[Initiative]:
    """Every case the viewer may see, with what a queue row shows."""
    _require_broker(viewer)
    return (
        Initiative.objects.select_related("theme", "neighbourhood", "broker__broker_profile")
        # Neither shown nor small: the documents are tsvectors, match_terms their words,
        # a neighbourhood's shape its outline on the map.
        .defer(
            "search_document",
            "match_document",
            "match_terms",
            "description",
            "outcome_message",
            "neighbourhood__shape",
        )
        .order_by(*SORTS["deadline"])
    )


def case_status_counts(*, viewer) -> dict[str, int]:
    """Open cases per status and the marks the queue filters on, counted in one round
    trip (config.batch.count_many): each count a subquery the planner answers from an
    index alone (the status index, initiative_awaiting_idx, broker and status), rather
    than one pass over every open case evaluating every mark for each."""
    _require_broker(viewer)
    today = timezone.localdate()
    sql, params = _status_counts_statement(
        viewer.pk,
        today,
        add_working_days(today, DUE_SOON_WORKING_DAYS),
        Initiative.objects.db,
    )
    numbers = count_statement(sql, params, using=Initiative.objects.db)
    statuses = sorted(OPEN_STATUSES)
    counts = dict(zip(statuses, numbers[: len(statuses)], strict=True))
    counts["total"] = sum(counts.values())
    counts |= dict(zip(_COUNTED_MARKS, numbers[len(statuses) :], strict=True))
    return counts


_COUNTED_MARKS = ("overdue", "due_soon", "unassigned", "waiting", "mine")


@lru_cache(maxsize=256)
def _status_counts_statement(
    viewer_pk: int, today: date, due_soon_until: date, using: str
) -> tuple[str, tuple]:
    """case_status_counts' statement, written once per broker and day in a process:
    building and compiling its ten subqueries took ~2.5 ms of CPU on every queue page,
    more than PostgreSQL needs to answer it. Nothing else varies it (the end of "due
    soon" is in the key: closed days are a setting)."""
    open_cases = Initiative.objects.filter(status__in=sorted(OPEN_STATUSES))
    awaiting = Initiative.objects.filter(status=Status.NEW, first_contact_at__isnull=True)
    marks = [  # in _COUNTED_MARKS' order
        awaiting.filter(overdue_q(today)),
        awaiting.filter(due_soon_q(today, until=due_soon_until)),
        open_cases.filter(broker__isnull=True),
        open_cases.filter(waiting_since__isnull=False),
        open_cases.filter(broker_id=viewer_pk),
    ]
    sql, params = count_many_sql(
        [Initiative.objects.filter(status=status) for status in sorted(OPEN_STATUSES)] + marks
    )
    return sql, tuple(params)


def _open_tasks(initiative_filter: dict) -> QuerySet[OutboundMessage]:
    return OutboundMessage.objects.exclude(channel=MessageChannel.EMAIL).filter(
        sent_at__isnull=True, done_at__isnull=True, **initiative_filter
    )


def _case_referrals(initiative_filter: dict) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(**initiative_filter)
        .select_related("organisation")
        .order_by("created_at")
    )


def _case_with_facts() -> QuerySet[Initiative]:
    return Initiative.objects.select_related(
        "theme",
        "neighbourhood",
        "initiator",
        "broker__broker_profile",
        # The publication panel (initiatives.views.publication) reads it.
        "publication",
    ).defer(
        # What no case page shows: the search documents and the neighbourhood's outline
        # are most of the row (the case file asks only whether staff registered it).
        "search_document",
        "match_document",
        "match_terms",
        "neighbourhood__shape",
    )


# The case file's read of its case, its SQL compiled once (config.batch.ById; the
# stand-ins are references no case has).
_case_by_reference = ById(
    lambda reference: [_case_with_facts().filter(reference=reference)],
    stand_ins=("stand-in-1", "stand-in-2"),
)


def case_get_for_viewer(*, viewer, reference: str, related: bool = True) -> Initiative:
    """One case with everything its case file shows. Raises Initiative.DoesNotExist.
    `related=False` leaves out the open tasks and referrals: the case file reads those
    with its timeline in one round trip (case_file_querysets)."""
    _require_broker(viewer)
    if not related:
        (cases,) = fetch_many(_case_by_reference(reference))
        if not cases:
            raise Initiative.DoesNotExist(reference)
        return cases[0]
    tasks = Prefetch("messages", queryset=_open_tasks({}), to_attr="open_tasks")
    referrals = Prefetch("referrals", queryset=_case_referrals({}))
    return _case_with_facts().prefetch_related(tasks, referrals).get(reference=reference)


# The case file's reads of case `pk` beside the timeline, their SQL compiled once
# (config.batch.ById): open call and letter tasks, referrals, the active network
# partners and standard texts (choices of its forms).
_case_file_reads = ById(
    lambda pk: [
        _open_tasks({"initiative_id": pk}),
        _case_referrals({"initiative_id": pk}),
        Organisation.objects.filter(is_active=True),
        StandardText.objects.filter(is_active=True),
    ]
)


# The brokers a case may go to on a day (their end dates): compiled once a day.
_brokers_on = ByKey(lambda today: [broker_list(today=today).select_related("broker_profile")])


def case_file_querysets(*, initiative) -> list:
    """What the case file reads beside the case and its timeline, in this order: open
    call and letter tasks, referrals, the brokers a case may go to today, the active
    network partners and the standard texts."""
    tasks, referrals, organisations, texts = _case_file_reads(initiative.pk)
    (brokers,) = _brokers_on(timezone.localdate())
    return [tasks, referrals, brokers, organisations, texts]


def broker_with_open_cases_list(*, today: date | None = None) -> QuerySet:
    """broker_list() plus former brokers (deactivated, or past their end date) who still
    have open cases: their cases must stay findable and can be handed over."""
    has_open_cases = Exists(
        Initiative.objects.filter(status__in=sorted(OPEN_STATUSES), broker=OuterRef("pk"))
    )
    return (
        broker_users()
        .filter(assignable_broker_q(today or timezone.localdate()) | Q(has_open_cases))
        .distinct()
    )


def broker_workload_list(*, viewer) -> QuerySet:
    """broker_with_open_cases_list() with each one's number of open cases (handover)."""
    _require_broker(viewer)
    return broker_with_open_cases_list().annotate(
        open_cases=Count("cases", filter=Q(cases__status__in=sorted(OPEN_STATUSES)), distinct=True)
    )


def organisation_list(
    *, viewer, kind: str = "", theme: str = "", area: str = ""
) -> QuerySet[Organisation]:
    """The network, optionally of one kind, theme (slug) or area (neighbourhood code)."""
    _require_broker(viewer)
    organisations = (
        Organisation.objects.prefetch_related("themes", "neighbourhoods")
        .annotate(referral_count=Count("referrals"))
        .order_by("-is_active", "name")
    )
    if kind in OrganisationKind.values:
        organisations = organisations.filter(kind=kind)
    if theme:
        organisations = organisations.filter(themes__slug=theme)
    if area:
        # Partners without an area work for the whole municipality.
        organisations = organisations.filter(
            Q(neighbourhoods__code=area) | Q(neighbourhoods__isnull=True)
        ).distinct()
    return organisations


def organisation_get_for_viewer(*, viewer, pk: int) -> Organisation:
    _require_broker(viewer)
    return Organisation.objects.prefetch_related(
        "themes",
        "neighbourhoods",
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related(
                "initiative", "broker__broker_profile"
            ).order_by("-created_at"),
        ),
    ).get(pk=pk)


def referral_get_for_viewer(*, viewer, pk: int, initiative: Initiative) -> Referral:
    _require_broker(viewer)
    return Referral.objects.get(pk=pk, initiative=initiative)


def message_task_get_for_viewer(*, viewer, pk: int, initiative: Initiative) -> OutboundMessage:
    _require_broker(viewer)
    return OutboundMessage.objects.exclude(channel=MessageChannel.EMAIL).get(
        pk=pk, initiative=initiative
    )


def handover_case_list(*, viewer, broker) -> QuerySet[Initiative]:
    """The open cases a handover from `broker` would move, with their initiators (to say
    who will be told, and how). For coordinators."""
    if not is_coordinator(viewer):
        raise NotAllowed("Only coordinators hand cases over.")
    return (
        Initiative.objects.filter(status__in=sorted(OPEN_STATUSES), broker=broker)
        .select_related("initiator")
        .only(
            "reference",
            "title",
            "status",
            "initiator__name",
            "initiator__email",
            "initiator__phone",
            "initiator__address",
            "initiator__preferred_channel",
            "initiator__anonymised_at",
        )
        .order_by("reference")
    )
