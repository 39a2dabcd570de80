"""A starter thesaurus of initiative vocabulary (initiatives.starter_thesaurus): words
residents use for the same thing. Brokers change and extend it in the admin
(SynonymGroup, with history)."""

from django.db import migrations

from initiatives.starter_thesaurus import STARTER



def forward(apps, schema_editor):
    SynonymGroup = apps.get_model("initiatives", "SynonymGroup")
    with schema_editor.connection.cursor() as cursor:
        for line in STARTER:
            words = line.split()
            cursor.execute(
                "SELECT array_agg(DISTINCT s ORDER BY s) FROM unnest(%s::text[]) w,"
                " unnest(tsvector_to_array(to_tsvector('dutch', w))) s",
                [words],
            )
            (stems,) = cursor.fetchone()
            SynonymGroup.objects.create(words=words, stems=stems or [], note="startset")
    # Existing cases get their index words by the background rebuild, which beat picks
    # up (initiatives.tasks.documents_rebuild_resume); until then they match as before.
    Initiative = apps.get_model("initiatives", "Initiative")
    total = Initiative.objects.count()
    if total:
        apps.get_model("initiatives", "DocumentRebuild").objects.create(
            reason="Woorddelen en thesaurus (migratie)", total=total
        )


def backward(apps, schema_editor):
    apps.get_model("initiatives", "SynonymGroup").objects.filter(note="startset").delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0019_vocabulary_match_terms")]

    operations = [migrations.RunPython(forward, backward)]
