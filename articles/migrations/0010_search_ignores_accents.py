"""Search ignores accents on PostgreSQL: "Sao Paulo" finds "São Paulo", "Ines" finds "Inés".

World news is full of names and places that readers type without their accents.
A text search configuration of our own, ``newsroom_english``, is PostgreSQL's
``english`` with the ``unaccent`` dictionary in front of the stemmer for words
that are not plain ASCII. The search-vector trigger (migrations 0003 and 0007)
now uses it, every stored vector is recomputed with it, and ``articles.search``
queries with it (``SEARCH_CONFIG``).

``unaccent`` ships with PostgreSQL's contrib modules and is a trusted extension
(PostgreSQL 13 and later), so the database's owner may create it. On other
databases this migration does nothing.
"""

from django.db import migrations

TRIGGER = """
CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT'
       AND NEW.search_vector IS NOT NULL
       AND current_setting('newsroom.keep_search_vector', true) = 'on' THEN
        RETURN NEW;
    END IF;
    NEW.search_vector :=
        setweight(to_tsvector('{config}', coalesce(NEW.headline, '')), 'A') ||
        setweight(to_tsvector('{config}', coalesce(NEW.standfirst, '')), 'B') ||
        setweight(to_tsvector('{config}', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""

# Every stored vector again, with the configuration the trigger now uses. It
# parses every story once (about two minutes per 100,000 stories), longer than the
# statement timeout the site sets for requests (DB_STATEMENT_TIMEOUT), so that
# limit is lifted for this transaction alone.
RECOMPUTE = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article SET search_vector =
    setweight(to_tsvector('{config}', coalesce(headline, '')), 'A') ||
    setweight(to_tsvector('{config}', coalesce(standfirst, '')), 'B') ||
    setweight(to_tsvector('{config}', coalesce(body, '')), 'C');
"""

CONFIGURATION = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'newsroom_english') THEN
        CREATE TEXT SEARCH CONFIGURATION newsroom_english (COPY = english);
        -- Words with letters beyond ASCII lose their accents before stemming.
        ALTER TEXT SEARCH CONFIGURATION newsroom_english
            ALTER MAPPING FOR word, hword, hword_part WITH unaccent, english_stem;
    END IF;
END
$$;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CONFIGURATION)
    schema_editor.execute(TRIGGER.format(config="newsroom_english"))
    schema_editor.execute(RECOMPUTE.format(config="newsroom_english"))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(TRIGGER.format(config="english"))
    schema_editor.execute(RECOMPUTE.format(config="english"))
    # The extension stays: something else may have come to use it.
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_english")


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_story_verbose_name")]

    operations = [migrations.RunPython(forward, backward)]
