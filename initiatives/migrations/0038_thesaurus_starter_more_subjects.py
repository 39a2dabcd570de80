"""The starter thesaurus widened again, subject by subject, from what residents propose
and how they say it: the acts and objects of green upkeep beside zelfbeheer (snoeien,
maaien, onkruid wieden, plantsoen), film beside filmavond, runners beside hardlopen,
local history's museums and archives, swimming beside swimming lessons, transport for
older people, energy cooperatives, mowing policy beside flower meadows, crossings beside
klaarovers, singing lessons, food parcels, sewing machines; and new groups for subjects
that had none (first aid and AEDs, fire safety, skating, ice rinks, toy libraries,
Sinterklaas, Christmas dinners, maker spaces, hedgehogs, stray cats, bike tours and duo
bikes, children's clubs, parenting, Ramadan and Eid, neighbourhood chickens, table tennis,
grief groups). Every word was checked against the common Dutch words sharing its Snowball
stem (only its own forms do). As in 0037: new groups are added, starter groups no broker
has changed take the new words, a group a broker edited stays as the broker left it;
cases get the new index words from the background rebuild. From this migration on, a change
the sync makes is in the group's history with its reason (SynonymGroupChange.reason), and
such an entry does not count as a broker's edit."""

from django.db import migrations, models

from initiatives.starter_thesaurus import starter_groups_sync


def forward(apps, schema_editor):
    starter_groups_sync(
        apps, schema_editor, reason="Startthesaurus: meer onderwerpen en woorden (migratie 0038)"
    )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0037_thesaurus_starter_subjects")]

    operations = [
        migrations.AddField(
            model_name="synonymgroupchange",
            name="reason",
            field=models.CharField(
                blank=True, default="", max_length=200, verbose_name="aanleiding"
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
