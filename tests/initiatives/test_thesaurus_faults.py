"""Faults around the brokers' thesaurus and the background rebuild of the documents:
Redis away when a group is saved (every test here runs with Redis away)."""

import pytest
from django.urls import reverse

from initiatives import tasks
from initiatives.models import DocumentRebuild, SynonymGroup
from tests.broker_away import celery_broker_away  # noqa: F401 (fixture)
from tests.initiatives.factories import InitiativeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_broker_away")]

ADD = "/admin/initiatives/synonymgroup/add/"


def test_a_group_saved_while_redis_is_away_is_kept_and_rebuilt_later(
    admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    InitiativeFactory(description="Een prutsavond op het plein.")
    form = {"words": "prutsavond\nfrutselmiddag", "note": "", "active": "on"}
    form |= {"changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0"}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(ADD, form)
    # Saved, and said so: not a 500 for a change that had committed.
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(words=["prutsavond", "frutselmiddag"]).exists()
    rebuild = DocumentRebuild.objects.get(finished_at__isnull=True)
    # Once Redis is back, beat's resume starts the rebuild that could not be queued.
    monkeypatch.setattr(tasks.documents_rebuild, "delay", tasks.documents_rebuild)
    assert tasks.documents_rebuild_resume() == 1
    rebuild.refresh_from_db()
    assert rebuild.finished_at is not None and rebuild.done == rebuild.total == 1


def test_rebuilding_again_from_the_admin_while_redis_is_away(
    admin_client, django_capture_on_commit_callbacks
):
    DocumentRebuild.objects.create(reason="eerder", total=0)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:initiatives_documentrebuild_start"))
    assert response.status_code == 302
    assert DocumentRebuild.objects.filter(finished_at__isnull=True).count() == 1
