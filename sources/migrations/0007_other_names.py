"""Other names for a source: "BBC" for "British Broadcasting Corporation".

A new table, empty at first: no source changes. Each other name keeps its key
(``articles.names.name_key``), unique among other names; docs/decisions/0039.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0006_name_keys_take_a_hyphen_between_words_as_a_space'),
    ]

    operations = [
        migrations.CreateModel(
            name='OtherName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text="As copy credits it: “BBC” for “British Broadcasting Corporation”. Wire copy signed with it is credited to this source, and the admin's searches find it by it.", max_length=150)),
                ('name_key', models.TextField(editable=False, unique=True)),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='other_names', to='sources.source')),
            ],
            options={
                'verbose_name': 'other name',
                'ordering': ['pk'],
            },
        ),
    ]
