"""Keep each source's name key in an indexed column.

``Source.objects.named`` read every source's name to compare keys in Python;
it is now one indexed lookup. Rows there are get their key here; ``save``
keeps it after.
"""

from django.db import migrations, models

from articles.names import name_key

BATCH = 500


def fill_name_keys(apps, schema_editor):
    Source = apps.get_model("sources", "Source")
    sources = Source.objects.using(schema_editor.connection.alias).only("pk", "name")
    changed = []
    for source in sources.iterator(chunk_size=BATCH):
        source.name_key = name_key(source.name)
        changed.append(source)
        if len(changed) == BATCH:
            Source.objects.using(schema_editor.connection.alias).bulk_update(changed, ["name_key"])
            changed = []
    if changed:
        Source.objects.using(schema_editor.connection.alias).bulk_update(changed, ["name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_links_up_to_2000_characters"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="name_key",
            field=models.TextField(db_index=True, default="", editable=False),
        ),
        # Not elidable: a squash without it would leave every source's key
        # empty, and no source would be found by its name.
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
