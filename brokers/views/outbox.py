"""The brokers' list of messages and tasks that need a person: failed e-mails, calls and
letters to do (grouped per resident: one call, whatever the number of messages), and
low survey scores for the coordinator."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker
from initiatives.selectors import survey_flagged_list, survey_get_for_viewer
from initiatives.services import followups
from messaging import selectors, services
from messaging.constants import SUPERSEDING_KINDS


@dataclass
class ResidentTasks:
    """The open call or letter tasks for one resident: one call covers them all."""

    initiator: object
    channel_label: str
    tasks: list = field(default_factory=list)
    # Older open tasks a newer one of the same kind for the same case replaces (a
    # broker named, then another): not to be passed on, closed with the rest.
    replaced: list = field(default_factory=list)

    def settle(self) -> None:
        """Put replaced tasks apart and give each its subject without the reference,
        which the group shows once."""
        newest = {}
        for task in self.tasks:
            if task.kind in SUPERSEDING_KINDS:
                newest[(task.initiative_id, task.kind)] = task
        current = []
        for task in self.tasks:
            task.label = task.subject.removesuffix(f" ({task.initiative.reference})")
            if (
                task.kind in SUPERSEDING_KINDS
                and newest[(task.initiative_id, task.kind)] is not task
            ):
                self.replaced.append(task)
            else:
                current.append(task)
        self.tasks = current

    @property
    def all_tasks(self) -> list:
        return self.tasks + self.replaced

    @property
    def cases(self):
        seen = {}
        for task in self.tasks:
            seen.setdefault(task.initiative.pk, task.initiative)
        return list(seen.values())


def _grouped(rows) -> tuple[list[ResidentTasks], list]:
    groups: dict[tuple, ResidentTasks] = {}
    others = []
    for row in rows:
        if not (row.is_task and row.initiative):
            others.append(row)
            continue
        key = (row.initiative.initiator_id, row.channel)
        if key not in groups:
            groups[key] = ResidentTasks(row.initiative.initiator, row.get_channel_display())
        groups[key].tasks.append(row)
    for group in groups.values():
        group.settle()
    return list(groups.values()), others


def _back(request) -> str:
    url = reverse("brokers:outbox")
    return f"{url}?mine=1" if request.POST.get("mine") or request.GET.get("mine") else url


@staff_required(is_broker)
def outbox_attention(request):
    mine = bool(request.GET.get("mine"))
    groups, others = _grouped(selectors.outbox_attention_list(viewer=request.user, mine=mine))
    return render(
        request,
        "brokers/outbox.html",
        {
            "groups": groups,
            "rows": others,
            "mine": mine,
            "flagged_surveys": survey_flagged_list(viewer=request.user),
        },
    )


@staff_required(is_broker)
@require_POST
def task_done(request, pk: int):
    message = selectors.outbox_attention_get(viewer=request.user, pk=pk)
    if message is None:
        raise Http404
    if message.is_task:
        services.message_task_complete(message_id=message.pk, actor=request.user)
        messages.success(request, _("Gemarkeerd als gedaan."))
    return redirect(_back(request))


@staff_required(is_broker)
@require_POST
def tasks_done(request):
    """All open tasks for one resident done at once (the one call covered them)."""
    done = 0
    for value in request.POST.getlist("task")[:50]:
        message = (
            selectors.outbox_attention_get(viewer=request.user, pk=int(value))
            if value.isascii() and value.isdigit() and len(value) < 19
            else None
        )
        if message is not None and message.is_task:
            services.message_task_complete(message_id=message.pk, actor=request.user)
            done += 1
    if done:
        messages.success(
            request,
            ngettext("%(count)s taak afgevinkt.", "%(count)s taken afgevinkt.", done)
            % {"count": done},
        )
    return redirect(_back(request))


@staff_required(is_broker)
@require_POST
def message_retry(request, pk: int):
    message = selectors.outbox_attention_get(viewer=request.user, pk=pk)
    if message is None:
        raise Http404
    services.message_retry(message=message, actor=request.user)
    messages.success(request, _("Het bericht wordt opnieuw verstuurd."))
    return redirect(_back(request))


@staff_required(is_broker)
@require_POST
def survey_flag_handled(request, pk: int):
    survey = survey_get_for_viewer(viewer=request.user, pk=pk)
    if survey is None:
        raise Http404
    followups.survey_flag_handle(survey=survey, actor=request.user)
    return redirect("brokers:outbox")
