import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0005_broker_queue_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='initiative',
            name='match_document',
            field=models.GeneratedField(db_persist=True, editable=False, expression=django.contrib.postgres.search.SearchVector('title', 'description', config='dutch'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
    ]
