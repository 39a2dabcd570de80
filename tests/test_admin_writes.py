"""No admin page writes around the services. A page that lets staff change the platform's
data changes it through a service (its save_model calls one, which keeps the history)
and neither adds nor deletes rows; the records the services write (history, the outbox,
answers, runs) are to look at only. The exception: reference data administrators keep
themselves (themes, neighbourhoods and their postcodes, partners, message texts), and
rows whose adding goes through a service too (SERVICE_ADDS: save_model calls it)."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from initiatives.constants import Status
from initiatives.models import CheckIn, InitiativeStatusChange, SubmissionFollowUp, Survey
from messaging.constants import MessageChannel
from messaging.services import message_queue
from retention.models import RetentionRun
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = {
    "accounts",
    "neighbourhoods",
    "initiatives",
    "brokers",
    "messaging",
    "budgets",
    "matching",
    "figures",
    "retention",
}
REFERENCE_DATA = {
    "initiatives.theme",
    "neighbourhoods.neighbourhood",
    "brokers.organisation",
    "messaging.messagetemplate",
}
# Added in the admin, but through a service that keeps the history (never deleted).
SERVICE_ADDS = {"initiatives.synonymgroup", "brokers.standardtext"}


def test_every_admin_write_goes_through_a_service(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    around = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        if model._meta.app_label not in PROJECT_APPS or label in REFERENCE_DATA:
            continue
        adds = model_admin.has_add_permission(request) and label not in SERVICE_ADDS
        if adds or model_admin.has_delete_permission(request):
            around.append(f"{label}: add or delete")
        if (
            model_admin.has_change_permission(request)
            and type(model_admin).save_model is admin.ModelAdmin.save_model
        ):
            around.append(f"{label}: saved without a service")
        for inline in model_admin.get_inline_instances(request):
            if (
                inline.has_add_permission(request, None)
                or inline.has_change_permission(request)
                or (inline.can_delete and inline.has_delete_permission(request))
            ):
                around.append(f"{label}: inline {inline.model._meta.label_lower}")
    assert around == []


def _status_change(initiative):
    return InitiativeStatusChange.objects.create(
        initiative=initiative, from_status="", to_status=Status.NEW, actor_role="system"
    )


def _message(initiative):
    return message_queue(
        key=f"admin-{initiative.pk}",
        kind="outcome",
        channel=MessageChannel.EMAIL,
        subject="Uitkomst",
        body="...",
        to_email="x@example.nl",
        initiative=initiative,
    )


RECORDS = [
    ("initiatives", "initiativestatuschange", _status_change),
    (
        "initiatives",
        "submissionfollowup",
        lambda i: SubmissionFollowUp.objects.create(initiative=i),
    ),
    ("messaging", "outboundmessage", _message),
    (
        "initiatives",
        "survey",
        lambda i: Survey.objects.create(initiative=i, closed_at=timezone.now()),
    ),
    ("initiatives", "checkin", lambda i: CheckIn.objects.create(initiative=i, week=4)),
    ("retention", "retentionrun", lambda i: RetentionRun.objects.create(cutoff=timezone.now())),
]


@pytest.mark.parametrize(("app", "model", "make"), RECORDS, ids=[r[1] for r in RECORDS])
def test_records_the_services_write_are_read_only_in_the_admin(admin_client, app, model, make):
    record = make(InitiativeFactory())
    before = {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}
    change = reverse(f"admin:{app}_{model}_change", args=[record.pk])

    assert admin_client.get(change).status_code == 200  # to look at
    assert admin_client.post(change, {}).status_code == 403
    assert admin_client.get(reverse(f"admin:{app}_{model}_add")).status_code == 403
    delete = reverse(f"admin:{app}_{model}_delete", args=[record.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403

    record.refresh_from_db()
    assert {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields} == before
