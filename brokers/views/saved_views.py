"""Saved views of the queue: keep the current filters under a name, share them, open
one (the queue with its filters), remove your own."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker
from config.errors import REFUSALS, refusal_messages

from ..models import SavedView
from ..workbench import services
from ..workbench.forms import SavedViewForm
from ..workbench.selectors import saved_view_get_for_viewer
from .bulk import flash_errors, safe_queue_url, view_params


@staff_required(is_broker)
@require_POST
def saved_view_save(request):
    back = safe_queue_url(request.POST.get("next"))
    form = SavedViewForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect(back)
    try:
        view = services.saved_view_save(
            actor=request.user,
            name=form.cleaned_data["name"],
            params=view_params(request, back),
            shared=form.cleaned_data["shared"],
        )
    except REFUSALS as exc:
        messages.error(request, " ".join(refusal_messages(exc)))
        return redirect(back)
    messages.success(request, _("Weergave ‘%(name)s’ bewaard.") % {"name": view.name})
    return redirect("brokers:saved-view", pk=view.pk)


@staff_required(is_broker)
def saved_view_open(request, pk: int):
    """The queue with the view's filters (and nothing of the previous search)."""
    try:
        view = saved_view_get_for_viewer(viewer=request.user, pk=pk)
    except SavedView.DoesNotExist as exc:
        raise Http404 from exc
    return redirect(reverse("brokers:queue") + f"?clear=1&{view.query}&view={view.pk}")


@staff_required(is_broker)
@require_POST
def saved_view_delete(request, pk: int):
    try:
        view = saved_view_get_for_viewer(viewer=request.user, pk=pk)
        services.saved_view_delete(view=view, actor=request.user)
    except SavedView.DoesNotExist as exc:
        raise Http404 from exc
    except REFUSALS as exc:
        messages.error(request, " ".join(refusal_messages(exc)))
    else:
        messages.success(request, _("Weergave ‘%(name)s’ verwijderd.") % {"name": view.name})
    return redirect(safe_queue_url(request.POST.get("next")))
