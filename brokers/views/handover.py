"""A coordinator hands all open cases of one broker to another (leave, departure): first
a confirmation step that lists what will move and who will be told, then the handover."""

from collections import Counter

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.guards import staff_required
from accounts.roles import is_coordinator
from accounts.selectors import staff_display_name
from config.forms import service_errors_on
from initiatives.services import message_channel_for

from .. import services
from ..forms import HandoverForm
from ..selectors import broker_workload_list, handover_case_list

# The confirmation lists this many cases by name; the rest as a number.
LISTED = 50
NOTHING_TO_HAND_OVER = _("Er zijn geen open ideeën om over te dragen.")


@staff_required(is_coordinator)
def handover(request):
    form = HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.POST.get("confirm"):
            return _confirmation(request, form)
        count = None  # a refusal leaves its message on the form
        with service_errors_on(form):
            count = services.broker_handover(
                from_broker=form.cleaned_data["from_broker"],
                to_broker=form.cleaned_data["to_broker"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        if count == 0:  # the cases were closed or moved since the confirmation
            form.add_error("from_broker", NOTHING_TO_HAND_OVER)
        elif count:
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


def _confirmation(request, form):
    """What will move and who will be told, before anything changes."""
    cases = list(handover_case_list(viewer=request.user, broker=form.cleaned_data["from_broker"]))
    if not cases:
        # Nothing to confirm: say so at step one, next to the choice.
        form.add_error("from_broker", NOTHING_TO_HAND_OVER)
        workload = broker_workload_list(viewer=request.user)
        return render(request, "brokers/handover.html", {"form": form, "workload": workload})
    reached = [c for c in cases if c.initiator.anonymised_at is None]
    channels = Counter(message_channel_for(case.initiator) for case in reached)
    return render(
        request,
        "brokers/handover_confirm.html",
        {
            "form": form,
            "data": form.cleaned_data,
            "from_name": staff_display_name(form.cleaned_data["from_broker"]),
            "to_name": staff_display_name(form.cleaned_data["to_broker"]),
            "cases": cases[:LISTED],
            "count": len(cases),
            "more": max(len(cases) - LISTED, 0),
            "by_email": channels.get("email", 0),
            "by_phone": channels.get("phone_task", 0),
            "by_letter": channels.get("letter_task", 0),
            "not_reached": len(cases) - len(reached),
        },
    )
