"""Where sign-in leads: "My day" for brokers, the coordinator's overview, and the way
there for the other roles."""

from datetime import date

from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.guards import staff_required
from accounts.roles import can_see_figures, is_broker, is_coordinator, is_signed_in

from ..workbench.selectors import (
    first_contact_figures_since,
    my_day,
    saved_view_list,
    unassigned_list,
    workload,
)


@staff_required(is_signed_in)
def staff_start(request):
    """Where sign-in leads without a `next`: each role to its own work."""
    if is_broker(request.user):
        return redirect("brokers:day")
    if can_see_figures(request.user):
        return redirect("/cijfers/")
    return redirect("initiatives:home")


@staff_required(is_broker)
def day(request):
    return render(
        request,
        "brokers/day.html",
        {
            "day": my_day(viewer=request.user),
            "saved_views": saved_view_list(viewer=request.user),
            "is_coordinator": is_coordinator(request.user),
        },
    )


@staff_required(is_coordinator)
def overview(request):
    today = timezone.localdate()
    month, year = first_contact_figures_since(
        today.replace(day=1), date(today.year, 1, 1), today=today
    )
    return render(
        request,
        "brokers/overview.html",
        {
            "workload": workload(viewer=request.user, today=today),
            "month": month,
            "year": year,
            "unassigned": unassigned_list(viewer=request.user),
            "today": today,
        },
    )
