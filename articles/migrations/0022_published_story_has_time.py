"""A published story always has a publication time.

A row marked published with no time was on no reader's page (``published()``
asks for a time that has come), yet the desk saw it as published. Any such row,
written around the form and the workflow, goes back to draft first, with the
move on record, so the desk can publish it with a time; then the database
refuses another.
"""

from django.db import migrations, models
from django.utils import timezone

NOTE = (
    "Moved back to draft by an upgrade: it was marked published with no publication "
    "time, so readers never saw it. Publish it again to put it out."
)


def unpublish_stories_without_a_time(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    StatusChange = apps.get_model("articles", "StatusChange")
    stories = Article.objects.filter(status="published", published_at__isnull=True)
    now = timezone.now()
    StatusChange.objects.bulk_create(
        StatusChange(
            article_id=pk, from_status="published", to_status="draft", note=NOTE, created_at=now
        )
        for pk in stories.values_list("pk", flat=True)
    )
    # A draft leads no page: its pin goes with its status.
    stories.update(status="draft", is_pinned=False, updated_at=now)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0021_language_codes_known'),
    ]

    operations = [
        migrations.RunPython(unpublish_stories_without_a_time, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('published_at__isnull', False), _connector='OR'), name='published_story_has_time', violation_error_message='A published or scheduled story needs a publication time.'),
        ),
    ]
