"""The starter thesaurus, theme by theme: more of the words residents use for the same thing
(informal words, loanwords, compounds with the same head, what residents describe rather
than the official noun: tochtstrips beside energiecoach) in 36 groups, "pluktuin" moved from
the fruit trees to the vegetable gardens, and 31 new groups
(buddies, day care, neighbours' help and mediation, looking for work and work experience,
concerts, theatre, film, art routes, reading aloud, dancing, needlework, games, chess,
youth work, toddlers, bins, recycling, compost, green roofs, residents tending public green,
benches, street lights, dog mess, nest boxes, running, swimming lessons, yoga, boules,
living groups). As in 0029: new groups are added, starter groups no broker has changed take
the starter's new words, a group a broker edited stays as the broker left it; cases get the
new index words from the background rebuild."""

from django.db import migrations

from initiatives.starter_thesaurus import starter_groups_sync


def forward(apps, schema_editor):
    starter_groups_sync(apps, schema_editor, reason="Startthesaurus uitgebreid (migratie 0031)")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0030_status_first_contact_statistics")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
