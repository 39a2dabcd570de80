from django.urls import path

import config.converters  # noqa: F401 (registers <key:...>)

from . import outbox, views

app_name = "brokers"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("start/", views.staff_start, name="start"),
    path("berichten/", outbox.outbox_attention, name="outbox"),
    path("berichten/<int:pk>/gedaan/", outbox.task_done, name="task_done"),
    path("berichten/<int:pk>/opnieuw/", outbox.message_retry, name="retry"),
    path(
        "berichten/tevredenheid/<int:pk>/gezien/",
        outbox.survey_flag_handled,
        name="survey_flag_handled",
    ),
    path("toewijzen/", views.bulk_assign, name="bulk-assign"),
    path("overdracht/", views.handover, name="handover"),
    path("netwerk/", views.network, name="network"),
    path("netwerk/<int:pk>/", views.organisation_detail, name="organisation"),
    path("ideeen/<key:reference>/", views.case_detail, name="case"),
    path("ideeen/<key:reference>/oppakken/", views.case_claim, name="case-claim"),
    path("ideeen/<key:reference>/toewijzen/", views.case_assign, name="case-assign"),
    path("ideeen/<key:reference>/contact/", views.case_contact, name="case-contact"),
    path("ideeen/<key:reference>/status/", views.case_transition, name="case-transition"),
    path("ideeen/<key:reference>/notitie/", views.case_note, name="case-note"),
    path("ideeen/<key:reference>/wachten/", views.case_waiting, name="case-waiting"),
    path("ideeen/<key:reference>/doorverwijzen/", views.case_referral, name="case-referral"),
    path(
        "ideeen/<key:reference>/doorverwijzen/<int:pk>/uitkomst/",
        views.case_referral_outcome,
        name="case-referral-outcome",
    ),
    path(
        "ideeen/<key:reference>/taken/<int:pk>/klaar/", views.case_task_done, name="case-task-done"
    ),
]
