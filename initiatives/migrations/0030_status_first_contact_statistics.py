"""Statistics on status and first contact together.

A case awaits its first contact while it is new and nobody has spoken to the initiator:
the two columns go together (nearly every new case has no first contact, nearly every
other one has). Without these statistics PostgreSQL multiplies their selectivities as if
independent and expects 300 cases "overdue" where there are 10,000 (the bench's seed),
and sorts all of them for a page of the queue instead of reading the queue's order index
(brokers.filters: overdue, due). With them it estimates right and reads 50 rows."""

from django.db import migrations

NAME = "initiative_status_first_contact_stats"


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0029_thesaurus_starter_young_people_and_shopping"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE STATISTICS {NAME} (mcv) ON status, first_contact_at"
            " FROM initiatives_initiative;"
            # The planner uses them from the next ANALYZE on (autovacuum would get there).
            " ANALYZE initiatives_initiative;",
            f"DROP STATISTICS IF EXISTS {NAME};",
        ),
    ]
