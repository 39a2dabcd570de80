"""Migration 0018: ideas that were public without review (consent given, not
anonymised, not withdrawn) all wait for review afterwards; nothing stays public."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("initiatives", "0017_status_change_actor_no_reverse_accessor")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_public_ideas_wait_for_review_after_the_upgrade():
    apps = _migrate(BEFORE)
    Theme = apps.get_model("initiatives", "Theme")
    Initiator = apps.get_model("initiatives", "Initiator")
    Initiative = apps.get_model("initiatives", "Initiative")
    theme = Theme.objects.get_or_create(slug="migratie", defaults={"name": "Migratie"})[0]
    now = timezone.now()

    def idea(reference, status="new", **initiator):
        return Initiative.objects.create(
            reference=reference,
            title="Idee",
            description="Tekst",
            theme=theme,
            initiator=Initiator.objects.create(kind="resident", name="Anna", **initiator),
            status=status,
            channel="web",
            submitted_at=now,
            first_contact_due=date.today(),
            closed_at=now if status == "withdrawn" else None,
        )

    public = idea("M-1", consent_publish_at=now)
    idea("M-2")
    idea("M-3", consent_publish_at=now, anonymised_at=now)
    idea("M-4", status="withdrawn", consent_publish_at=now)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from initiatives.models import Initiative as Current
    from initiatives.models import Publication

    assert list(Publication.objects.values_list("initiative_id", "status")) == [
        (public.pk, "to_review")
    ]
    assert not Current.objects.public().exists()
    (change,) = Publication.objects.get().status_changes.all()
    assert (change.from_status, change.to_status, change.actor_role) == ("", "to_review", "system")
