"""Search finds a story by its dateline: "Nairobi" finds the stories filed from there.

A dateline names where the story was reported from, and readers search for
places. It was not in the search vector, so a story datelined Nairobi whose
copy never named the city again was not found. The trigger now weights it as
the standfirst (B), between the headline and the standfirst, and runs when the
dateline changes too; every stored vector is recomputed. The seeding command
builds the same vector (``seed_articles.seeded_search_vector``). On other
databases this migration does nothing: the plain search there reads the
dateline as it reads the other fields (``articles.search``).
"""

from django.db import migrations

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
DATELINE = "setweight(to_tsvector('newsroom_english', coalesce(NEW.dateline, '')), 'B') ||\n        "

TRIGGER = """
DROP TRIGGER IF EXISTS articles_article_search_vector_trigger ON articles_article;
CREATE TRIGGER articles_article_search_vector_trigger
BEFORE INSERT OR UPDATE OF {columns} ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector_update();
"""

# Every stored vector again, through the trigger (an UPDATE of a column it
# watches). It parses every story once, longer than the statement timeout the
# site sets for requests at 100,000 stories, so that limit is lifted for this
# transaction alone.
RECOMPUTE = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article SET headline = headline;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION.format(dateline=DATELINE))
    schema_editor.execute(TRIGGER.format(columns="headline, dateline, standfirst, body"))
    schema_editor.execute(RECOMPUTE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION.format(dateline=""))
    schema_editor.execute(TRIGGER.format(columns="headline, standfirst, body"))
    schema_editor.execute(RECOMPUTE)


class Migration(migrations.Migration):
    dependencies = [("articles", "0022_published_story_has_time")]

    operations = [migrations.RunPython(forward, backward)]
