"""The starter thesaurus: places for young people also as residents say them (chillplek),
and a group for shopping help (boodschappendienst). As in 0026 and 0028: new groups are
added, starter groups no broker has changed take the starter's new words, a group a broker
edited stays as the broker left it; cases get the new index words from the background
rebuild."""

from django.db import migrations

from initiatives.starter_thesaurus import starter_groups_sync


def forward(apps, schema_editor):
    starter_groups_sync(apps, schema_editor, reason="Startthesaurus uitgebreid (migratie 0029)")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0028_thesaurus_starter_general_vocabulary")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
