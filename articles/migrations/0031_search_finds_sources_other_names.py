"""Search finds a story by its sources' other names: "BBC" for "British Broadcasting Corporation".

A source's other names (``sources.OtherName``, decision 0039) are what copy
and readers call it too, but the search vector held only its name, so "BBC"
found none of the stories credited to the source of that other name. The
names part of a story's vector (weighted D, migration 0024) now holds, after
its writers' and sources' names, the other names of its sources, in their
credits' order and each source's in the order the desk gave them.

The database keeps them current as it keeps the names:

- ``articles_article_search_names`` reads them, so every vector the trigger
  computes, and every refresh of a story's names, has them;
- adding, removing or changing other names refreshes the stories that credit
  their sources, once per statement (deleting a source's other names is one
  UPDATE), in the change's transaction, as a rename does
  (``articles_othername_search_names``); a save that changes neither the
  name nor the source refreshes nothing.

Stories credited to a source that has other names get them in batches of
``BATCH`` stories, each its own transaction, without parsing their text again
(migration 0024's pass, on those stories only). Reversed, the function is
0024's again and the same stories lose them. On other databases this does
nothing: the plain search reads the other names through the credits.
"""

from importlib import import_module

from django.db import migrations, transaction

names_0024 = import_module("articles.migrations.0024_search_finds_bylines_and_sources")

# As in 0024, with the credited sources' other names last (kind 2).
NAMES = """
CREATE OR REPLACE FUNCTION articles_article_search_names(story bigint) RETURNS tsvector AS $$
    SELECT setweight(
        to_tsvector(
            'newsroom_english',
            coalesce(string_agg(name, ' ' ORDER BY kind, position, id, other), '')
        ),
        'D'
    )
    FROM (
        SELECT 0 AS kind, b.position, b.id, 0::bigint AS other, a.name
        FROM articles_byline b JOIN authors_author a ON a.id = b.author_id
        WHERE b.article_id = story
        UNION ALL
        SELECT 1, c.position, c.id, 0, s.name
        FROM articles_sourcecredit c JOIN sources_source s ON s.id = c.source_id
        WHERE c.article_id = story
        UNION ALL
        SELECT 2, c.position, c.id, o.id, o.name
        FROM articles_sourcecredit c JOIN sources_othername o ON o.source_id = c.source_id
        WHERE c.article_id = story
    ) credited
$$ LANGUAGE sql STABLE;
"""

# After a statement on other names: every story crediting a source whose
# other names changed. An UPDATE that keeps the name and the source (a save
# writes both whether or not they changed) refreshes nothing.
TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION articles_othername_search_names() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM articles_article_refresh_search_names(ARRAY(
            SELECT DISTINCT c.article_id FROM articles_sourcecredit c
            WHERE c.source_id IN (SELECT source_id FROM new_rows)));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM articles_article_refresh_search_names(ARRAY(
            SELECT DISTINCT c.article_id FROM articles_sourcecredit c
            WHERE c.source_id IN (SELECT source_id FROM old_rows)));
    ELSE
        PERFORM articles_article_refresh_search_names(ARRAY(
            SELECT DISTINCT c.article_id FROM articles_sourcecredit c
            WHERE c.source_id IN (
                SELECT o.source_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE o.name IS DISTINCT FROM n.name OR o.source_id <> n.source_id
                UNION
                SELECT n.source_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE o.name IS DISTINCT FROM n.name OR o.source_id <> n.source_id)));
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
# Transition tables allow one event per trigger, hence three (as in 0024).
TRIGGERS = """
CREATE TRIGGER sources_othername_search_names_insert AFTER INSERT ON sources_othername
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_othername_search_names();
CREATE TRIGGER sources_othername_search_names_delete AFTER DELETE ON sources_othername
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_othername_search_names();
CREATE TRIGGER sources_othername_search_names_update AFTER UPDATE ON sources_othername
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION articles_othername_search_names();
"""
# CASCADE drops the triggers that call it.
DROP = "DROP FUNCTION IF EXISTS articles_othername_search_names() CASCADE;"

BATCH = 500

# Only the stories credited to a source with other names: the others' names are unchanged.
REFRESH = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article
SET search_vector = ts_filter(search_vector, '{a,b,c}') || articles_article_search_names(id)
WHERE id >= %s AND id < %s
  AND id IN (SELECT c.article_id FROM articles_sourcecredit c
             JOIN sources_othername o ON o.source_id = c.source_id);
"""


def _refresh(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(c.article_id), max(c.article_id) FROM articles_sourcecredit c"
            " JOIN sources_othername o ON o.source_id = c.source_id"
        )
        first, last = cursor.fetchone()
    if first is None:
        return
    for start in range(first, last + 1, BATCH):
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(REFRESH, [start, start + BATCH])


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(NAMES)
        schema_editor.execute(TRIGGER_FUNCTION)
        schema_editor.execute(TRIGGERS)
    _refresh(connection)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(DROP)
        # 0024's functions, the names' among them: writers' and sources' names only.
        schema_editor.execute(names_0024.CREATE)
    _refresh(connection)


class Migration(migrations.Migration):
    # Each step commits on its own (see the module's docstring).
    atomic = False

    dependencies = [
        ("articles", "0030_search_finds_german_umlauts_spelt_out"),
        ("sources", "0007_other_names"),
    ]

    operations = [migrations.RunPython(forward, backward)]
