"""The starter thesaurus grew (issue 21): new groups are added, and starter groups no
broker has changed take the starter's new words. A group a broker edited stays as the
broker left it. Cases get the new index words from the background rebuild."""

from django.db import migrations

from initiatives.starter_thesaurus import starter_groups_sync


def forward(apps, schema_editor):
    starter_groups_sync(apps, schema_editor, reason="Startthesaurus uitgebreid (migratie)")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0025_workbench_indexes")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
