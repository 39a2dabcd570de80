"""The starter thesaurus grew (issue 21): new groups are added, and starter groups no
broker has changed take the starter's new words. A group a broker edited stays as the
broker left it. Cases get the new index words from the background rebuild."""

from django.db import migrations

from initiatives.starter_thesaurus import STARTER


def _stems(cursor, words):
    cursor.execute(
        "SELECT array_agg(DISTINCT s ORDER BY s) FROM unnest(%s::text[]) w,"
        " unnest(tsvector_to_array(to_tsvector('dutch', w))) s",
        [words],
    )
    (stems,) = cursor.fetchone()
    return stems or []


def forward(apps, schema_editor):
    SynonymGroup = apps.get_model("initiatives", "SynonymGroup")
    SynonymGroupChange = apps.get_model("initiatives", "SynonymGroupChange")
    edited = set(SynonymGroupChange.objects.values_list("group_id", flat=True))
    groups = {group.words[0]: group for group in SynonymGroup.objects.all() if group.words}
    changed = 0
    with schema_editor.connection.cursor() as cursor:
        for line in STARTER:
            words = line.split()
            group = groups.get(words[0])
            if group is None:
                SynonymGroup.objects.create(
                    words=words, stems=_stems(cursor, words), note="startset"
                )
                changed += 1
            elif group.note == "startset" and group.pk not in edited and group.words != words:
                group.words = words
                group.stems = _stems(cursor, words)
                group.save(update_fields=["words", "stems"])
                changed += 1
    Initiative = apps.get_model("initiatives", "Initiative")
    total = Initiative.objects.count()
    if changed and total:
        apps.get_model("initiatives", "DocumentRebuild").objects.create(
            reason="Startthesaurus uitgebreid (migratie)", total=total
        )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0025_workbench_indexes")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
