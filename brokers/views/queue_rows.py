"""The queue's rows, built in Python and printed whole: the template version cost most
of the page's time (views.queue)."""

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.dates import month_abbreviations
from config.markup import escape
from config.working_days import working_days_between
from initiatives.constants import Status
from initiatives.models import Initiative, Theme

from ..selectors import DeadlineMark, deadline_mark

_PLAIN_REFERENCE = re.compile(r"[A-Za-z0-9-]+")

# What a row prints of the case itself (QueueRow, deadline_mark), and nothing more: the
# page read some sixty columns for fifty rows and built every one into its model.
ROW_FIELDS = (
    "reference",
    "title",
    "status",
    "submitted_at",
    "first_contact_due",
    "first_contact_at",
    "waiting_since",
    "waiting_reason",
    "last_activity_at",
)


def row_queryset(queryset):
    """`queryset` reading only what the rows print: the case's own columns, and the
    names of its theme, neighbourhood and broker as columns of the same query rather
    than as four related models per row (two hundred model instances a page). Together
    ~1.5 ms of the web process's CPU a page, the SQL's compilation included."""
    return (
        queryset.select_related(None)
        .only(*ROW_FIELDS)
        .annotate(
            row_theme=F("theme__name"),
            row_theme_en=F("theme__name_en"),
            row_neighbourhood=F("neighbourhood__name"),
            row_broker_account=F(f"broker__{get_user_model().USERNAME_FIELD}"),
            row_broker_name=F("broker__broker_profile__display_name"),
        )
    )


def _row_names(initiative, themes: dict) -> tuple[str, str, str]:
    """(theme, neighbourhood, broker) as a row prints them: from row_queryset's columns,
    or from the related models of a case read otherwise. `themes` keeps each theme's
    name in the reader's language (Theme.__str__) for the page."""
    if not hasattr(initiative, "row_theme"):
        hood = initiative.neighbourhood
        return str(initiative.theme), str(hood) if hood else "", _broker_name(initiative.broker)
    key = (initiative.row_theme, initiative.row_theme_en or "")
    if key not in themes:
        themes[key] = str(Theme(name=key[0], name_en=key[1]))
    # As _broker_name: the profile's name, else the account's (no broker: none).
    broker = initiative.row_broker_name or initiative.row_broker_account or ""
    return themes[key], initiative.row_neighbourhood or "", broker


@dataclass(frozen=True)
class QueueLabels:
    """The texts every row repeats, translated once per page."""

    new: str
    unread: str
    overdue: str
    due_soon: str
    done: str
    nobody: str
    pick: str  # "Kies %(ref)s"
    waiting_today: str  # after "wacht" (hidden)
    waits: str
    waiting: str
    months: tuple[str, ...]  # "nov." / "Nov" by month number (1-12): config.dates

    @classmethod
    def current(cls) -> "QueueLabels":
        return cls(
            # Not "Nieuw": that is also the status in the next column (two meanings).
            new=_("Nieuws"),
            unread=_("nog niet gelezen"),
            overdue=_("Te laat"),
            due_soon=_("Bijna"),
            done=_("Geweest"),
            nobody=_("Nog niemand"),
            pick=_("Kies %(ref)s"),
            waiting_today=_("sinds vandaag"),
            waits=_("wacht"),
            waiting=_("Wacht op initiatiefnemer"),
            months=month_abbreviations(),
        )


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue, built in Python and printed whole (`{{ row }}`). The
    template version cost most of the page's time: some twenty-five variables, tags,
    translations and filters per row, times fifty rows. Every value is escaped
    (`config.markup.escape`) as the template's autoescape did; dates print as
    config.dates.short_date ("15 nov.", "15 nov. 2026", "15 nov. 09:30") and the
    `datetime` attributes as the template filter `date` with "c"
    (tests/brokers/test_queue_workbench.py compares them)."""

    initiative: Initiative
    url: str
    status: str
    deadline: DeadlineMark
    broker: str
    waiting_days: int
    labels: QueueLabels
    picked: bool = False  # ticked (the page shown again after a refused bulk action)
    broker_short: str = ""  # "Mirjam H." for "Mirjam Hoekstra" (short_names)
    theme: str = ""  # the names as printed (_row_names)
    neighbourhood: str = ""

    def __html__(self) -> str:
        initiative, labels = self.initiative, self.labels
        unread = getattr(initiative, "unread", False)
        badge = (
            f'<span class="badge badge-unread">{escape(labels.new)}<span class="visually-hidden">'
            f" ({escape(labels.unread)})</span></span> "
            if unread
            else ""
        )
        waiting = ""
        if initiative.waiting_since:
            days = self.waiting_days
            # "‖ 2 werkdagen" on screen, "wacht 2 werkdagen" to a screen reader (the
            # status column's width: the pause sign says "waits", the tooltip why).
            said = (
                ngettext("%(days)s werkdag", "%(days)s werkdagen", days) % {"days": days}
                if days
                else labels.waiting_today
            )
            reason = labels.waiting + (
                f": {initiative.waiting_reason}" if initiative.waiting_reason else ""
            )
            waiting = (
                f' <span class="badge" title="{escape(reason)}">'
                f'<span aria-hidden="true">‖ </span><span class="visually-hidden">'
                f"{escape(labels.waits)} </span>{escape(said)}</span>"
            )
        activity = initiative.last_activity_at
        if activity:
            local = timezone.localtime(activity)
            activity_html = (
                f'<time datetime="{local.isoformat()}"><span class="nowrap">{local.day} '
                f"{labels.months[local.month]}</span> {local.hour:02d}:{local.minute:02d}</time>"
            )
        else:
            activity_html = "–"
        submitted = timezone.localtime(initiative.submitted_at)
        pk = escape(initiative.pk)
        reference = escape(initiative.reference)
        if not self.broker:
            broker = f'<span class="badge">{escape(labels.nobody)}</span>'
        elif self.broker_short and self.broker_short != self.broker:
            # Short on screen, whole for a screen reader and on hover.
            broker = (
                f'<span aria-hidden="true" title="{escape(self.broker)}">'
                f'{escape(self.broker_short)}</span><span class="visually-hidden">'
                f"{escape(self.broker)}</span>"
            )
        else:
            broker = escape(self.broker)
        title, theme = escape(initiative.title), escape(self.theme)
        neighbourhood = escape(self.neighbourhood) if self.neighbourhood else ""
        row_class = ' class="unread"' if unread else ""
        checked = " checked" if self.picked else ""
        return mark_safe(  # noqa: S308 (every value below is escaped)
            f"<tr{row_class}>"
            f'<td class="pick"><input type="checkbox" name="initiatives" value="{pk}"'
            f' id="pick-{pk}" data-pick{checked}>\n<label for="pick-{pk}" class="visually-hidden">'
            f"{escape(labels.pick % {'ref': initiative.reference})}</label></td>"
            f'<td class="nowrap">{reference}</td>'
            f'<td class="title" title="{title}">{badge}'
            f'<a href="{escape(self.url)}">{title}</a></td>'
            f'<td class="nowrap narrow-wrap"><span class="nowrap">{escape(self.status)}</span>'
            f"{waiting}</td>"
            f'<td class="nowrap">{self._deadline_html()}</td>'
            f'<td class="nowrap broker">{broker}</td>'
            f'<td class="nowrap cut" title="{theme}">{theme}</td>'
            f'<td class="nowrap cut" title="{neighbourhood}">{neighbourhood or "–"}</td>'
            f'<td class="nowrap narrow-wrap">{activity_html}</td>'
            f'<td class="nowrap"><time datetime="{submitted.isoformat()}">{submitted.day}'
            f" {labels.months[submitted.month]} {submitted.year:04d}</time></td>"
            "</tr>"
        )

    def __str__(self) -> str:
        return self.__html__()  # the template prints str(row), safe

    def _deadline_html(self) -> str:
        mark, labels = self.deadline, self.labels
        due = f"{mark.due.day} {labels.months[mark.due.month]}" if mark.due else ""
        if mark.state == "overdue":
            return (
                '<span class="badge badge-overdue"><span aria-hidden="true">⚠ </span>'
                f"{escape(labels.overdue)} {due}</span>"
            )
        if mark.state == "due_soon":
            return (
                '<span class="badge badge-due-soon"><span aria-hidden="true">◔ </span>'
                f"{escape(labels.due_soon)} {due}</span>"
            )
        if mark.state == "on_time":
            return due
        if mark.state == "done":
            return f'<span aria-hidden="true">✓ </span>{escape(labels.done)}'
        return "–"


def _broker_name(user) -> str:
    if user is None:
        return ""
    profile = getattr(user, "broker_profile", None)
    return (profile.display_name if profile else "") or user.get_username()


_SURNAME_PARTICLES = frozenset(
    {"de", "den", "der", "van", "het", "ten", "ter", "te", "in", "op", "'t", "la", "le", "du"}
)


def short_name(name: str) -> str:
    """'Mirjam Hoekstra' -> 'Mirjam H.', 'Anna van der Berg' -> 'Anna B.' (the surname's
    initial, not a particle's); a name of one word (or an address) stays whole."""
    words = name.split()
    if len(words) < 2 or "@" in name:
        return name
    surname = next((w for w in words[1:] if w.lower() not in _SURNAME_PARTICLES), words[-1])
    return f"{words[0]} {surname[0].upper()}."


def short_names(names) -> dict[str, str]:
    """Each name's short form, or the whole name where two would read the same."""
    shorts = {name: short_name(name) for name in set(names) if name}
    taken: dict[str, int] = {}
    for short in shorts.values():
        taken[short] = taken.get(short, 0) + 1
    return {name: short if taken[short] == 1 else name for name, short in shorts.items()}


def queue_rows(
    initiatives, *, case_view: str, today: date | None = None, picked=()
) -> list[QueueRow]:
    today = today or timezone.localdate()
    statuses = {value: str(label) for value, label in Status.choices}
    labels = QueueLabels.current()
    # One reverse for the page; a reference of letters, digits and hyphens (every one
    # since references are checked) goes into its link as it is.
    placeholder = "__reference__"
    case_url = reverse("brokers:case", args=[placeholder])
    initiatives = list(initiatives)
    themes: dict = {}
    names = {initiative.pk: _row_names(initiative, themes) for initiative in initiatives}
    shorts = short_names(broker for _theme, _hood, broker in names.values())
    rows = []
    for initiative in initiatives:
        theme, neighbourhood, broker = names[initiative.pk]
        reference = initiative.reference
        url = (
            case_url.replace(placeholder, reference)
            if _PLAIN_REFERENCE.fullmatch(reference)
            else reverse("brokers:case", args=[reference])
        )
        rows.append(
            QueueRow(
                initiative=initiative,
                url=f"{url}?{case_view}",
                status=statuses.get(initiative.status, initiative.status),
                deadline=deadline_mark(initiative, today=today),
                broker=broker,
                broker_short=shorts.get(broker, ""),
                theme=theme,
                neighbourhood=neighbourhood,
                waiting_days=working_days_between(initiative.waiting_since, today)
                if initiative.waiting_since
                else 0,
                labels=labels,
                picked=initiative.pk in picked,
            )
        )
    return rows
