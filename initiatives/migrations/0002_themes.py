from django.db import migrations

from initiatives.constants import THEME_SLUGS


def create_themes(apps, schema_editor):
    Theme = apps.get_model("initiatives", "Theme")
    for order, (slug, (name, name_en)) in enumerate(THEME_SLUGS.items()):
        Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
