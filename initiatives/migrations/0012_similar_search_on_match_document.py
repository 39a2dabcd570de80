""""Similar ideas" searches the stored match_document instead of an index on the same
expression. Built and dropped CONCURRENTLY: on a large table a plain CREATE INDEX would
block submissions for as long as it takes."""

import django.contrib.postgres.indexes
from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("initiatives", "0011_initiator_language"),
        ("neighbourhoods", "0002_budgets_grants_funding"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="initiative",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["match_document"], name="initiative_similar_gin"
            ),
        ),
        RemoveIndexConcurrently(
            model_name="initiative",
            name="initiative_search_idx",
        ),
    ]
