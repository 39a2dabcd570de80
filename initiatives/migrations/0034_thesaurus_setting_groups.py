"""A thesaurus group may say who or where an idea is for rather than what it is about
(SynonymGroup.setting: "jongeren, tieners", "buurthuis, wijkcentrum"); matching weighs such
a group as one word. The starter groups of that kind (starter_thesaurus.SETTING) are
marked unless a broker changed them; the change takes effect for new suggestions at once
(stored documents keep their tokens: the weight is read when matching)."""

from django.db import migrations, models

from initiatives.starter_thesaurus import starter_groups_sync


def forward(apps, schema_editor):
    starter_groups_sync(
        apps, schema_editor, reason="Startthesaurus: groepen voor wie of waar (migratie 0034)"
    )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0033_thesaurus_starter_withdrawn")]

    operations = [
        migrations.AddField(
            model_name="synonymgroup",
            name="setting",
            field=models.BooleanField(
                default=False,
                help_text="Aan als de woorden zeggen voor wie of waar een idee is (jongeren, "
                "buurthuis), niet waarover: zo'n groep telt bij het koppelen als één woord.",
                verbose_name="wie of waar",
            ),
        ),
        migrations.AddField(
            model_name="synonymgroupchange",
            name="setting_after",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
