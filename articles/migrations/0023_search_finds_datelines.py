"""Search finds a story by its dateline: "Nairobi" finds the stories filed from there.

A dateline names where the story was reported from, and readers search for
places. It was not in the search vector, so a story datelined Nairobi whose
copy never named the city again was not found. The trigger now weights it as
the standfirst (B), between the headline and the standfirst, and runs when the
dateline changes too. The seeding command builds the same vector
(``seed_articles.SEEDED_VECTOR_SQL``). On other databases this migration
does nothing: the plain search there reads the dateline as it reads the other
fields (``articles.search``).

The site stays up while it runs. The trigger is replaced in place
(``CREATE OR REPLACE TRIGGER``, PostgreSQL 14 and later, as Django 5.2
requires), which holds off writes for an instant and reads not at all; a
dropped and recreated trigger would lock the table against reads until the
migration's end. The stored vectors of stories with a dateline are then
recomputed in batches of ``BATCH`` rows, each its own short transaction, so
no lock is held for long: at 100,000 stories the whole takes about a minute
and a half, during which a story not yet reached is found as before.
"""

from django.db import migrations, transaction

FUNCTION = """
CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT'
       AND NEW.search_vector IS NOT NULL
       AND current_setting('newsroom.keep_search_vector', true) = 'on' THEN
        RETURN NEW;
    END IF;
    NEW.search_vector :=
        setweight(to_tsvector('newsroom_english', coalesce(NEW.headline, '')), 'A') ||
        {dateline}setweight(to_tsvector('newsroom_english', coalesce(NEW.standfirst, '')), 'B') ||
        setweight(to_tsvector('newsroom_english', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""
DATELINE = (
    "setweight(to_tsvector('newsroom_english', coalesce(NEW.dateline, '')), 'B') ||\n        "
)

TRIGGER = """
CREATE OR REPLACE TRIGGER articles_article_search_vector_trigger
BEFORE INSERT OR UPDATE OF {columns} ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector_update();
"""

BATCH = 500

# Through the trigger: an UPDATE of a column it watches computes the vector.
RECOMPUTE = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article SET headline = headline
WHERE id >= %s AND id < %s AND dateline <> '';
"""


def _swap(schema_editor, *, dateline):
    with transaction.atomic(using=schema_editor.connection.alias):
        schema_editor.execute(FUNCTION.format(dateline=DATELINE if dateline else ""))
        columns = ["headline", "dateline", "standfirst", "body"] if dateline else [
            "headline", "standfirst", "body"
        ]
        schema_editor.execute(TRIGGER.format(columns=", ".join(columns)))


def _recompute(schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM articles_article WHERE dateline <> ''")
        first, last = cursor.fetchone()
    if first is None:
        return
    for start in range(first, last + 1, BATCH):
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(RECOMPUTE, [start, start + BATCH])


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _swap(schema_editor, dateline=True)
    _recompute(schema_editor)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _swap(schema_editor, dateline=False)
    _recompute(schema_editor)


class Migration(migrations.Migration):
    # Each step commits on its own (see the module's docstring).
    atomic = False

    dependencies = [("articles", "0022_published_story_has_time")]

    operations = [migrations.RunPython(forward, backward)]
