"""The reasons' codes (filled by 0010) take the place of the stored sentences."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0010_suggestion_reasons_to_codes"),
    ]

    operations = [
        migrations.RemoveField(model_name="matchsuggestion", name="reasons"),
        migrations.RenameField(
            model_name="matchsuggestion", old_name="reason_codes", new_name="reasons"
        ),
        migrations.AlterField(
            model_name="matchsuggestion",
            name="reasons",
            field=models.JSONField(blank=True, default=list, verbose_name="waarom"),
        ),
    ]
