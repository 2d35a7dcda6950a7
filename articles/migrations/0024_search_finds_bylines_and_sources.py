"""Search finds a story by its writers' and sources' names: "Amina Diallo Sudan", "Reuters ceasefire".

Bylines and source credits live in their own tables, so a reader who typed a
writer's name and a topic found nothing: no story's text holds the name. The
names on a story's bylines and credits now go into its search vector at the
lowest weight (D), after the body, so a story that names them in its text
still ranks above one that only carries them. (Decision 0006 says why this
and not a rewrite of the query.)

The database keeps them current, as it keeps the rest of the vector:

- the story's trigger adds the names (``articles_article_search_names``)
  whenever it computes a vector;
- adding, removing or changing a byline or a source credit refreshes the
  names of the stories concerned, once per statement (a bulk insert of
  bylines is one UPDATE), without parsing their text again: the D part is
  cut off (``ts_filter``) and the new names put in its place, which gives
  exactly the vector a full recomputation would;
- renaming a writer or a source refreshes every story that credits them.

A bulk loader that opts in to sending finished vectors
(``newsroom.keep_search_vector``, migration 0007) sends the names too, and
its bylines and credits, inserted in the same transaction, then refresh
nothing (``seed_articles``).

The site stays up while it runs: the functions and triggers are created in
one short transaction, then the stored vectors get their names in batches of
``BATCH`` stories, each its own transaction (no text is parsed again, so this
is quicker than migration 0023's pass). A story not yet reached is found as
before. On other databases this migration does nothing: the plain search
there reads the names through the bylines and credits (``articles.search``).
"""

from django.db import migrations, transaction

# Every part of the vector, as migration 0023 computes it, then the names.
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
        setweight(to_tsvector('newsroom_english', coalesce(NEW.dateline, '')), 'B') ||
        setweight(to_tsvector('newsroom_english', coalesce(NEW.standfirst, '')), 'B') ||
        setweight(to_tsvector('newsroom_english', coalesce(NEW.body, '')), 'C'){names};
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""
NAMES = " ||\n        articles_article_search_names(NEW.id)"

CREATE = """
-- The names on a story's bylines (in their order), then on its source
-- credits (in theirs), weighted D. seed_articles joins them the same way.
CREATE OR REPLACE FUNCTION articles_article_search_names(story bigint) RETURNS tsvector AS $$
    SELECT setweight(
        to_tsvector(
            'newsroom_english',
            coalesce(string_agg(name, ' ' ORDER BY kind, position, id), '')
        ),
        'D'
    )
    FROM (
        SELECT 0 AS kind, b.position, b.id, a.name
        FROM articles_byline b JOIN authors_author a ON a.id = b.author_id
        WHERE b.article_id = story
        UNION ALL
        SELECT 1, c.position, c.id, s.name
        FROM articles_sourcecredit c JOIN sources_source s ON s.id = c.source_id
        WHERE c.article_id = story
    ) credited
$$ LANGUAGE sql STABLE;

-- The stories' names again, their text untouched: the names are the vector's
-- only D part and come last, so cutting it off leaves the text's vector.
CREATE OR REPLACE FUNCTION articles_article_refresh_search_names(stories bigint[])
RETURNS void AS $$
    UPDATE articles_article
    SET search_vector = ts_filter(search_vector, '{a,b,c}') || articles_article_search_names(id)
    WHERE id = ANY(stories)
$$ LANGUAGE sql;

-- After a statement on bylines or source credits (one call for a bulk insert).
CREATE OR REPLACE FUNCTION articles_credit_search_names() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- A bulk loader's rows already carry their names (migration 0007).
        IF current_setting('newsroom.keep_search_vector', true) = 'on' THEN
            RETURN NULL;
        END IF;
        PERFORM articles_article_refresh_search_names(
            ARRAY(SELECT DISTINCT article_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM articles_article_refresh_search_names(
            ARRAY(SELECT DISTINCT article_id FROM old_rows));
    ELSE
        PERFORM articles_article_refresh_search_names(
            ARRAY(SELECT article_id FROM old_rows UNION SELECT article_id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- After a writer or a source is renamed: every story that credits them.
CREATE OR REPLACE FUNCTION articles_name_search_names() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'authors_author' THEN
        PERFORM articles_article_refresh_search_names(
            ARRAY(SELECT article_id FROM articles_byline WHERE author_id = NEW.id));
    ELSE
        PERFORM articles_article_refresh_search_names(
            ARRAY(SELECT DISTINCT article_id FROM articles_sourcecredit WHERE source_id = NEW.id));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""

# Transition tables allow one event per trigger, hence three per table.
CREDIT_TRIGGERS = """
CREATE TRIGGER {table}_search_names_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_credit_search_names();
CREATE TRIGGER {table}_search_names_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_credit_search_names();
CREATE TRIGGER {table}_search_names_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_credit_search_names();
"""
# Saving a writer or a source writes its name whether or not it changed.
NAME_TRIGGER = """
CREATE TRIGGER {table}_search_names AFTER UPDATE OF name ON {table}
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION articles_name_search_names();
"""
CREDIT_TABLES = ("articles_byline", "articles_sourcecredit")
NAMED_TABLES = ("authors_author", "sources_source")

DROP = """
DROP FUNCTION IF EXISTS articles_credit_search_names() CASCADE;
DROP FUNCTION IF EXISTS articles_name_search_names() CASCADE;
DROP FUNCTION IF EXISTS articles_article_refresh_search_names(bigint[]);
DROP FUNCTION IF EXISTS articles_article_search_names(bigint);
"""

BATCH = 500

# No statement timeout: a batch of 500 takes well under a second, but a
# migration should not fail half-way on a slow disk.
ADD_NAMES = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article
SET search_vector = ts_filter(search_vector, '{a,b,c}') || articles_article_search_names(id)
WHERE id >= %s AND id < %s;
"""
REMOVE_NAMES = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article SET search_vector = ts_filter(search_vector, '{a,b,c}')
WHERE id >= %s AND id < %s;
"""


def _in_batches(connection, sql):
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM articles_article")
        first, last = cursor.fetchone()
    if first is None:
        return
    for start in range(first, last + 1, BATCH):
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(sql, [start, start + BATCH])


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(CREATE)
        for table in CREDIT_TABLES:
            schema_editor.execute(CREDIT_TRIGGERS.format(table=table))
        for table in NAMED_TABLES:
            schema_editor.execute(NAME_TRIGGER.format(table=table))
        # In place, as in 0023: reads are not held off.
        schema_editor.execute(FUNCTION.format(names=NAMES))
    _in_batches(connection, ADD_NAMES)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(FUNCTION.format(names=""))
        # CASCADE drops the triggers that call them.
        schema_editor.execute(DROP)
    _in_batches(connection, REMOVE_NAMES)


class Migration(migrations.Migration):
    # Each step commits on its own (see the module's docstring).
    atomic = False

    dependencies = [
        ("articles", "0023_search_finds_datelines"),
        ("authors", "0005_author_updated_at"),
        ("sources", "0004_name_key_indexed"),
    ]

    operations = [migrations.RunPython(forward, backward)]
