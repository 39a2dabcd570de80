"""The starter thesaurus grew again (issue 21, the third labelled set): general initiative
vocabulary in new groups (money troubles and paperwork, lending things, dumped rubbish,
jam sessions and stages, playground equipment) and in existing ones. As in 0026: new
groups are added, starter groups no broker has changed take the starter's new words, a
group a broker edited stays as the broker left it; cases get the new index words from the
background rebuild."""

from django.db import migrations

from initiatives.starter_thesaurus import starter_groups_sync


def forward(apps, schema_editor):
    starter_groups_sync(apps, schema_editor, reason="Startthesaurus uitgebreid (migratie 0028)")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0027_first_contact_figures_index")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
