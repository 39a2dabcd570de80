"""The queue's current view as a spreadsheet (the same filters, order and search)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.guards import staff_required
from accounts.roles import is_broker

from ..filters import queue_filter
from ..workbench.export import queue_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required(is_broker)
def queue_export(request):
    case_filter = queue_filter(request)
    if not case_filter.is_valid():
        # As the page for the same filters: their errors, not a download of every case.
        messages.error(
            request, _("Er is niets gedownload: de filters kloppen niet. Pas ze hieronder aan.")
        )
        query = request.GET.urlencode()
        return redirect(reverse("brokers:queue") + (f"?{query}" if query else ""))
    content = queue_xlsx(case_filter.qs)
    response = HttpResponse(content, content_type=XLSX)
    name = f"wachtrij-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
