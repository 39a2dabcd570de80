from django.urls import path

import config.converters  # noqa: F401 (registers <key:...>)

from .views import (
    bulk,
    case_file,
    case_messages,
    day,
    export,
    handover,
    network,
    outbox,
    queue,
    saved_views,
)

app_name = "brokers"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("start/", day.staff_start, name="start"),
    path("mijn-dag/", day.day, name="day"),
    path("export/", export.queue_export, name="queue-export"),
    path("overzicht/", day.overview, name="overview"),
    path("weergaven/", saved_views.saved_view_save, name="saved-view-save"),
    path("weergaven/<int:pk>/", saved_views.saved_view_open, name="saved-view"),
    path(
        "weergaven/<int:pk>/verwijderen/",
        saved_views.saved_view_delete,
        name="saved-view-delete",
    ),
    path("berichten/", outbox.outbox_attention, name="outbox"),
    path("berichten/<int:pk>/gedaan/", outbox.task_done, name="task_done"),
    path("berichten/gedaan/", outbox.tasks_done, name="tasks_done"),
    path("berichten/<int:pk>/opnieuw/", outbox.message_retry, name="retry"),
    path(
        "berichten/tevredenheid/<int:pk>/gezien/",
        outbox.survey_flag_handled,
        name="survey_flag_handled",
    ),
    path("toewijzen/", bulk.bulk_action, name="bulk-assign"),
    path("overdracht/", handover.handover, name="handover"),
    path("netwerk/", network.network, name="network"),
    path("netwerk/<int:pk>/", network.organisation_detail, name="organisation"),
    path("ideeen/<key:reference>/", case_file.case_detail, name="case"),
    path("ideeen/<key:reference>/oppakken/", case_file.case_claim, name="case-claim"),
    path("ideeen/<key:reference>/toewijzen/", case_file.case_assign, name="case-assign"),
    path("ideeen/<key:reference>/contact/", case_file.case_contact, name="case-contact"),
    path("ideeen/<key:reference>/status/", case_messages.case_transition, name="case-transition"),
    path("ideeen/<key:reference>/bericht/", case_messages.case_message, name="case-message"),
    path("ideeen/<key:reference>/notitie/", case_file.case_note, name="case-note"),
    path("ideeen/<key:reference>/wachten/", case_file.case_waiting, name="case-waiting"),
    path("ideeen/<key:reference>/doorverwijzen/", case_file.case_referral, name="case-referral"),
    path(
        "ideeen/<key:reference>/doorverwijzen/<int:pk>/uitkomst/",
        case_file.case_referral_outcome,
        name="case-referral-outcome",
    ),
    path(
        "ideeen/<key:reference>/taken/<int:pk>/klaar/",
        case_file.case_task_done,
        name="case-task-done",
    ),
]
