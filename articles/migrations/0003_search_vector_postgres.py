"""Keep ``Article.search_vector`` current in PostgreSQL itself.

A trigger, not Python code, fills the weighted vector (headline A, standfirst B,
body C), so bulk inserts, ``QuerySet.update()`` and the seeding command keep it
current too. The GIN index makes the ``@@`` match fast. On other databases
(SQLite, the embedded default) this migration does nothing and search falls
back to a plain match.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.standfirst, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_article_search_vector_trigger
BEFORE INSERT OR UPDATE OF headline, standfirst, body ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector_update();

UPDATE articles_article SET headline = headline;

CREATE INDEX IF NOT EXISTS article_search_vector_gin
ON articles_article USING gin (search_vector);
"""

BACKWARD = """
DROP INDEX IF EXISTS article_search_vector_gin;
DROP TRIGGER IF EXISTS articles_article_search_vector_trigger ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_vector_update();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_corrections")]

    operations = [migrations.RunPython(forward, backward)]
