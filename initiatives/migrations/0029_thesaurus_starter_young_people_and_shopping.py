"""The starter thesaurus: places for young people also as residents say them (chillplek),
and a group for shopping help (boodschappendienst). As in 0026 and 0028: new groups are
added, starter groups no broker has changed take the starter's new words, a group a broker
edited stays as the broker left it; cases get the new index words from the background
rebuild."""

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
            reason="Startthesaurus uitgebreid (migratie 0029)", total=total
        )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0028_thesaurus_starter_general_vocabulary")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
