"""The starter thesaurus widened across the subjects residents bring (the starter_thesaurus
package's living and people modules): new groups, and more words for existing groups
(their EXTRA), each word checked against the common Dutch words sharing its Snowball
stem. As in 0037 and 0038: new groups are added, starter groups no broker has changed
take the new words, a group a broker edited stays as the broker left it, every change is
in the group's history with its reason; cases get the new index words from the
background rebuild."""

from django.db import migrations

from initiatives.starter_thesaurus import starter_groups_sync


def forward(apps, schema_editor):
    starter_groups_sync(
        apps,
        schema_editor,
        reason="Startthesaurus: leefomgeving en leven van bewoners (migratie 0039)",
    )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0038_thesaurus_starter_more_subjects")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
