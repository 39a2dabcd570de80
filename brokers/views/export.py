"""The queue's current view as a spreadsheet (the same filters, order and search)."""

from django.http import HttpResponse
from django.utils import timezone

from accounts.guards import staff_required
from accounts.roles import is_broker

from ..filters import queue_filter
from ..workbench.export import queue_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required(is_broker)
def queue_export(request):
    case_filter = queue_filter(request)
    content = queue_xlsx(case_filter.qs)
    response = HttpResponse(content, content_type=XLSX)
    name = f"wachtrij-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
