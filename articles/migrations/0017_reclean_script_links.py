from django.db import migrations
from django.db.models import Q


def clean_again(apps, schema_editor):
    """Bodies saved while a control character reference could join a script URL back together.

    Only bodies with such a URL in them are read (a few, if any): the sanitiser
    of today takes the link out, and leaves every other body as it was.
    """
    from articles.sanitiser import clean_body

    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    suspects = Article.objects.using(db).filter(
        Q(body__icontains="javascript:") | Q(body__icontains="vbscript:") | Q(body__icontains="data:")
    )
    for pk, body in suspects.values_list("pk", "body").iterator():
        cleaned = clean_body(body)
        if cleaned != body:
            Article.objects.using(db).filter(pk=pk).update(body=cleaned)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_status_change_keeps_who_made_it"),
    ]

    operations = [
        migrations.RunPython(clean_again, migrations.RunPython.noop),
    ]
