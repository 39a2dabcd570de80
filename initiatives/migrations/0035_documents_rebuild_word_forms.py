"""The index words of every case are made anew: inflections of simple words no longer
split ("tomaten" is no "tom" + "aten"), a compound's head names its thesaurus group, and a
compound that is a thesaurus word names its own group, not its parts' (initiatives.
vocabulary, issue 21). As after a thesaurus change, the background rebuild does it
(DocumentRebuild: beat picks it up, initiatives.tasks.documents_rebuild_resume); until
then cases match as before."""

from django.db import migrations


def forward(apps, schema_editor):
    total = apps.get_model("initiatives", "Initiative").objects.count()
    if total:
        apps.get_model("initiatives", "DocumentRebuild").objects.create(
            reason="Woordvormen: samenstellingen en vervoegingen (migratie 0035)", total=total
        )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0034_thesaurus_setting_groups")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
