"""Let a bulk loader that opts in hand the search-vector trigger a finished vector.

``to_tsvector`` over a news-length body is most of the cost of inserting a
story. The seeding command builds its bodies from a few hundred variants, so it
computes each variant's vector once and sends every row its finished vector;
the trigger from migration 0003 would throw that away and parse the body again.

The trigger now keeps a vector given on INSERT, but only when the transaction
has said so with ``SET LOCAL newsroom.keep_search_vector = 'on'``. Nothing else
sets it: the admin, services, imports and revision recovery insert whatever
vector their Python object happens to carry (often none, sometimes a stale
one copied from an older version), and for them the trigger recomputes as
before. Every UPDATE of headline, standfirst or body recomputes, whatever the
setting. On other databases this migration does nothing.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT'
       AND NEW.search_vector IS NOT NULL
       AND current_setting('newsroom.keep_search_vector', true) = 'on' THEN
        RETURN NEW;
    END IF;
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.standfirst, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""

# The function as migration 0003 created it.
BACKWARD = """
CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.standfirst, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_scale_indexes")]

    operations = [migrations.RunPython(forward, backward)]
