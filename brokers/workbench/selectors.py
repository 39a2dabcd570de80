"""Reads for the workbench: the unread mark, saved views, "My day" and the
coordinator's overview. A few aggregate queries each, whatever the number of cases."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.roles import is_broker, is_coordinator
from accounts.selectors import assignable_broker_q, broker_users
from config.errors import NotAllowed
from initiatives.constants import OPEN_STATUSES, Status
from initiatives.models import Initiative
from initiatives.models.news_indexes import HAS_NEWS
from messaging.constants import MessageChannel
from messaging.models import OutboundMessage

from ..models import CaseRead, SavedView


def _require_broker(viewer) -> None:
    if not is_broker(viewer):
        raise NotAllowed("Only brokers and coordinators read cases.")


def unread_q(*, viewer) -> Q:
    """Cases with activity the viewer has not seen: none of their reads is as late."""
    seen = CaseRead.objects.filter(
        user=viewer, initiative=OuterRef("pk"), read_at__gte=OuterRef("last_activity_at")
    )
    # HAS_NEWS as it stands: the condition of the indexes an unread view is read from.
    return HAS_NEWS & ~Q(Exists(seen))


def case_read_for_viewer(*, viewer, initiative) -> QuerySet[CaseRead]:
    """When the viewer last opened this case file (no row: never)."""
    return CaseRead.objects.filter(user=viewer, initiative=initiative)


def with_activity_marks(queryset: QuerySet, *, viewer) -> QuerySet:
    """Each case with `unread` for this viewer (a subquery per row on the page)."""
    return queryset.annotate(
        unread=ExpressionWrapper(unread_q(viewer=viewer), output_field=BooleanField())
    )


# --- saved views ------------------------------------------------------------------------


def saved_view_list(*, viewer) -> QuerySet[SavedView]:
    """The viewer's own views and those colleagues shared; nothing for anyone else."""
    _require_broker(viewer)
    return (
        SavedView.objects.filter(Q(owner=viewer) | Q(shared=True))
        .select_related("owner__broker_profile")
        .order_by("name", "pk")
    )


def saved_view_get_for_viewer(*, viewer, pk: int) -> SavedView:
    """Raises SavedView.DoesNotExist for a view the viewer may not see."""
    return saved_view_list(viewer=viewer).get(pk=pk)


# --- My day -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCounts:
    overdue: int
    due_this_week: int
    open_tasks: int
    unread: int
    waiting: int
    open_cases: int


def end_of_week(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def my_day(*, viewer, today: date | None = None) -> DayCounts:
    """What a broker's day holds, over their own open cases: two queries."""
    _require_broker(viewer)
    today = today or timezone.localdate()
    awaiting = Q(status=Status.NEW, first_contact_at__isnull=True)
    counts = Initiative.objects.filter(broker=viewer, status__in=sorted(OPEN_STATUSES)).aggregate(
        open_cases=Count("pk"),
        overdue=Count("pk", filter=awaiting & Q(first_contact_due__lt=today)),
        due_this_week=Count(
            "pk",
            filter=awaiting
            & Q(first_contact_due__gte=today, first_contact_due__lte=end_of_week(today)),
        ),
        unread=Count("pk", filter=unread_q(viewer=viewer)),
        waiting=Count("pk", filter=Q(waiting_since__isnull=False)),
    )
    # As "Mijn taken" on the task page shows them: one call or letter per resident,
    # whatever the number of messages it covers.
    counts["open_tasks"] = (
        OutboundMessage.objects.filter(
            channel__in=[MessageChannel.PHONE_TASK, MessageChannel.LETTER_TASK],
            done_at__isnull=True,
            initiative__broker=viewer,
        )
        .values("initiative__initiator_id", "channel")
        .distinct()
        .count()
    )
    return DayCounts(**counts)


# --- the coordinator's overview -------------------------------------------------------------


@dataclass(frozen=True)
class BrokerLoad:
    broker: object
    open_cases: int
    awaiting: int
    overdue: int
    waiting: int
    unread: int


@dataclass(frozen=True)
class FirstContactFigure:
    on_time: int
    late: int

    @property
    def decided(self) -> int:
        return self.on_time + self.late

    @property
    def percentage(self) -> int | None:
        return round(100 * self.on_time / self.decided) if self.decided else None


@dataclass(frozen=True)
class Workload:
    """The coordinator's overview of open cases: one row per broker who may be named
    (with 0 open cases too: who has room) or still has open cases, and the cases nobody
    has yet (its `broker` is None)."""

    brokers: list[BrokerLoad]
    unassigned: BrokerLoad


def workload_list(*, viewer, today: date | None = None) -> list[BrokerLoad]:
    return workload(viewer=viewer, today=today).brokers


def workload(*, viewer, today: date | None = None) -> Workload:
    """Open cases per broker (everyone who may be named, and former brokers with open
    cases) and of the unassigned ones, in three queries: the unread ones apart, over the
    cases with any activity only (initiative_activity_idx), so the check of the broker's
    reads does not run for every open case."""
    if not is_coordinator(viewer):
        raise NotAllowed("Only coordinators see everyone's workload.")
    today = today or timezone.localdate()
    awaiting = Q(status=Status.NEW, first_contact_at__isnull=True)
    open_cases = Initiative.objects.filter(status__in=sorted(OPEN_STATUSES)).order_by()
    rows = open_cases.values("broker").annotate(
        open_cases=Count("*"),
        awaiting=Count("status", filter=awaiting),
        overdue=Count("status", filter=awaiting & Q(first_contact_due__lt=today)),
        waiting=Count("status", filter=Q(waiting_since__isnull=False)),
    )
    nothing = {"open_cases": 0, "awaiting": 0, "overdue": 0, "waiting": 0, "unread": 0}
    by_broker = {row.pop("broker"): nothing | row | {"unread": 0} for row in rows}
    unassigned = by_broker.pop(None, nothing)
    unread = (
        open_cases.filter(broker__isnull=False)
        .filter(unread_q_for_broker())
        .values("broker")
        .annotate(n=Count("*"))
    )
    for row in unread:
        by_broker[row["broker"]]["unread"] = row["n"]
    users = broker_users().filter(assignable_broker_q(today) | Q(pk__in=list(by_broker))).distinct()
    return Workload(
        brokers=[BrokerLoad(broker=user, **by_broker.get(user.pk, nothing)) for user in users],
        unassigned=BrokerLoad(broker=None, **unassigned),
    )


def unread_q_for_broker() -> Q:
    """Unread by the case's own broker (for the overview, across brokers)."""
    seen = CaseRead.objects.filter(
        user=OuterRef("broker"),
        initiative=OuterRef("pk"),
        read_at__gte=OuterRef("last_activity_at"),
    )
    return HAS_NEWS & ~Q(Exists(seen))


def first_contact_figures(*, since: date, today: date | None = None) -> FirstContactFigure:
    """Of the cases submitted since `since` whose first contact is decided (made, or
    its deadline passed without one): how many had it on time. Cases still within
    their deadline count later."""
    return first_contact_figures_since(since, today=today)[0]


def first_contact_figures_since(
    *starts: date, today: date | None = None
) -> list[FirstContactFigure]:
    """first_contact_figures for several start dates (this month, this year) in one
    pass, read from the index on submitted_at alone (initiative_submitted_idx covers
    the columns the figures need)."""
    today = today or timezone.localdate()
    moments = [timezone.make_aware(datetime.combine(start, time.min)) for start in starts]
    made = Q(first_contact_at__isnull=False)
    on_time = made & Q(contact_day__lte=F("first_contact_due"))
    late = (made & Q(contact_day__gt=F("first_contact_due"))) | Q(
        first_contact_at__isnull=True, status=Status.NEW, first_contact_due__lt=today
    )
    counts = {}
    for index, moment in enumerate(moments):
        since = Q(submitted_at__gte=moment)
        # Counting a column the index holds (not the id) keeps the scan index-only.
        counts[f"on_time_{index}"] = Count("submitted_at", filter=since & on_time)
        counts[f"late_{index}"] = Count("submitted_at", filter=since & late)
    figures = (
        Initiative.objects.filter(submitted_at__gte=min(moments))
        .annotate(contact_day=TruncDate("first_contact_at"))
        .aggregate(**counts)
    )
    return [
        FirstContactFigure(on_time=figures[f"on_time_{i}"], late=figures[f"late_{i}"])
        for i in range(len(moments))
    ]


def unassigned_list(*, viewer, limit: int = 10) -> QuerySet[Initiative]:
    _require_broker(viewer)
    return (
        Initiative.objects.filter(status__in=sorted(OPEN_STATUSES), broker__isnull=True)
        .select_related("theme", "neighbourhood")
        .only(
            "reference",
            "title",
            "submitted_at",
            "first_contact_due",
            "status",
            "first_contact_at",
            "theme__name",
            "theme__name_en",
            "neighbourhood__name",
        )
        .order_by("first_contact_due", "submitted_at", "pk")[:limit]
    )
