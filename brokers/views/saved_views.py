"""Saved views of the queue: keep the current filters under a name, share them, open
one (the queue with its filters), remove your own."""

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.guards import staff_required
from accounts.roles import is_broker
from config.errors import REFUSALS, refusal_messages
from config.forms import service_errors_on

from ..filters import SEARCH_PARAM, keep_search
from ..models import SavedView
from ..workbench import services
from ..workbench.forms import SavedViewForm
from ..workbench.selectors import saved_view_get_for_viewer
from .bulk import queue_page_again, safe_queue_url, view_params


@staff_required(is_broker)
@require_POST
def saved_view_save(request):
    """Save the view the form was shown with. A refusal (no name, too long, a name in
    use) shows the queue again with the error next to the name and what was typed; a
    name in use gets a "Vervangen" button there."""
    back = safe_queue_url(request.POST.get("next"))
    form = SavedViewForm(request.POST)
    if form.is_valid():
        with service_errors_on(form):
            view = services.saved_view_save(
                actor=request.user,
                name=form.cleaned_data["name"],
                params=view_params(request, back),
                shared=form.cleaned_data["shared"],
                replace=form.cleaned_data["replace"],
            )
            messages.success(request, _("Weergave ‘%(name)s’ bewaard.") % {"name": view.name})
            return redirect("brokers:saved-view", pk=view.pk)
    return queue_page_again(request, back, saved_view_form=form)


@staff_required(is_broker)
def saved_view_open(request, pk: int):
    """The queue with the view's filters and its search (by its key in the session,
    never the term in the URL), and nothing of the previous search."""
    try:
        view = saved_view_get_for_viewer(viewer=request.user, pk=pk)
    except SavedView.DoesNotExist as exc:
        raise Http404 from exc
    params = QueryDict(view.query, mutable=True)
    if view.search:
        params[SEARCH_PARAM] = keep_search(request, view.search)
    params["view"] = str(view.pk)
    return redirect(reverse("brokers:queue") + f"?{params.urlencode()}")


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
