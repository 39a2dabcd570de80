"""A coordinator hands all open cases of one broker to another (leave, departure)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from accounts.guards import staff_required
from accounts.roles import is_coordinator
from config.forms import form_add_service_errors

from .. import services
from ..forms import HandoverForm
from ..selectors import broker_workload_list


@staff_required(is_coordinator)
def handover(request):
    form = HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.broker_handover(
                from_broker=form.cleaned_data["from_broker"],
                to_broker=form.cleaned_data["to_broker"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
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
