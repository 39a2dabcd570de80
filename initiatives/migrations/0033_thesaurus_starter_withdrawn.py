"""The starter thesaurus takes back two groups of 0031 (starter_thesaurus.WITHDRAWN):
"maatje" (buddies) and "bankje" (benches) name how or where help is given, or a thing ideas
mention in passing, not what an idea is about; alone they joined unrelated ideas. An
unedited starter group is deactivated, a group a broker edited stays; cases get their
index words anew from the background rebuild."""

from django.db import migrations

from initiatives.starter_thesaurus import starter_groups_sync


def forward(apps, schema_editor):
    starter_groups_sync(apps, schema_editor, reason="Startthesaurus: twee groepen terug (migratie 0033)")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0032_need_count_indexes")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
