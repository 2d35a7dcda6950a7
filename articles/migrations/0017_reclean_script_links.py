from django.db import migrations, transaction

# A script or data address in a link or picture, as the old sanitiser stored it.
SCRIPT_ADDRESS = r'(href|src)="\s*(javascript|vbscript|data):'


def clean_again(apps, schema_editor):
    """Bodies saved while a control character reference could join a script URL back together.

    Only bodies with such an address in a link or a picture are read (a few, if
    any): the sanitiser of today takes it out and leaves every other body as
    it was. Pages already cached may show the link: they are all dropped,
    as for a takedown, when any body changed, once the cleaned bodies are
    committed (dropped before, a reader's request could cache the old body again).
    """
    from articles.cache import invalidate
    from articles.sanitiser import clean_body

    Article = apps.get_model("articles", "Article")
    db = schema_editor.connection.alias
    suspects = Article.objects.using(db).filter(body__iregex=SCRIPT_ADDRESS)
    changed = False
    # The ids first: rows are not updated while a query still reads the table.
    for pk in list(suspects.values_list("pk", flat=True)):
        body = Article.objects.using(db).values_list("body", flat=True).get(pk=pk)
        cleaned = clean_body(body)
        if cleaned != body:
            Article.objects.using(db).filter(pk=pk).update(body=cleaned)
            changed = True
    if changed:
        transaction.on_commit(lambda: invalidate(takedown=True), using=db)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_status_change_keeps_who_made_it"),
    ]

    operations = [
        migrations.RunPython(clean_again, migrations.RunPython.noop),
    ]
