"""The starter thesaurus widened subject by subject for what residents propose in
neighbourhood initiatives: the objects, informal words, loanwords and compounds they use
beside the group's official noun (prikstok beside zwerfafval, wegdrempel beside
verkeersveiligheid, gft beside composteren, laaggeletterdheid beside taalcafé), and new
groups for subjects that had none (sports courts, shared bikes, bike repair, parking, food
waste, heat and shade, ponds, heat pumps, gym for older people, walking football, benches,
holiday weeks, children's crafts, wheelchairs and mobility scooters, sports days,
neighbourhood papers, transport for older people, bike racks, charging points, women's
groups, photography, writing, reading clubs, local history). Every word was checked against
the common Dutch words sharing its Snowball stem and very common words stay out; the
women's group says who, so it is marked "wie of waar". As in 0031: new groups are added,
starter groups no broker has changed take the new words, a group a broker edited stays as
the broker left it; cases get the new index words from the background rebuild."""

from django.db import migrations

from initiatives.starter_thesaurus import starter_groups_sync


def forward(apps, schema_editor):
    starter_groups_sync(
        apps, schema_editor, reason="Startthesaurus: meer onderwerpen en woorden (migratie 0037)"
    )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0036_status_order_index")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
