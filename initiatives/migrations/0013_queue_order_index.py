"""The broker's queue puts cases awaiting their first contact first: its index is built
on that order (AWAITING_FIRST_CONTACT_FIRST, then deadline), replacing the index on the
deadline alone. Built and dropped CONCURRENTLY, so submissions are not blocked."""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("initiatives", "0012_similar_search_on_match_document"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="initiative",
            index=models.Index(
                models.Case(
                    models.When(first_contact_at__isnull=True, status="new", then=models.Value(0)),
                    default=models.Value(1),
                    output_field=models.IntegerField(),
                ),
                models.F("first_contact_due"),
                models.F("submitted_at"),
                models.F("id"),
                condition=models.Q(("status__in", ["in_conversation", "in_progress", "new"])),
                name="initiative_queue_order_idx",
            ),
        ),
        RemoveIndexConcurrently(
            model_name="initiative",
            name="initiative_open_queue_idx",
        ),
    ]
