"""Grants accounted before the payback step (0003) had their unspent money freed at
once: count it as paid back on the day they were accounted, so their budgets stay as
they were and no old grant waits for a payback nobody will record."""

from django.db import migrations
from django.db.models import F


def mark_returned(apps, schema_editor):
    Grant = apps.get_model("neighbourhoods", "Grant")
    Grant.objects.filter(
        status="accounted",
        returned_at__isnull=True,
        actual_spend__lt=F("amount_approved"),
    ).update(returned_at=F("accounted_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("neighbourhoods", "0003_grant_returned"),
    ]

    operations = [
        migrations.RunPython(mark_returned, migrations.RunPython.noop),
    ]
