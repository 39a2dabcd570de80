"""Match reasons stored as codes (matching.reasons): a JSON column beside the sentences,
filled by 0010, which 0011 puts in the sentences' place."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0008_term_frequency"),
    ]

    operations = [
        migrations.AddField(
            model_name="matchsuggestion",
            name="reason_codes",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
