"""Search finds "cease-fire" when a reader types "ceasefire": hyphenated words are also indexed joined.

Agencies spell the same word differently ("cease-fire", "ceasefire";
"e-mail", "email"). PostgreSQL indexes "cease-fire" as the whole word and its
parts, so a reader's "ceasefire" did not find it. The query side already tries
a hyphenated word's joined spelling (``articles.search.SpellingsQuery``); this
is the other way round. Each hyphenated word of the headline, standfirst and
body (letters on both sides of each hyphen, tags left out) is added once more
with its hyphens taken out, weighted as body text (C), after the body and
before the names (migration 0024), so every other part keeps its positions.
The names' refresh keeps it (it cuts off the D part alone).

The joined words are made by ``articles_joined_spellings(text)``, field by
field; the seeding command calls it too (``seed_articles``). On other
databases this migration does nothing: the plain search there lets a hyphen
stand between any two letters of a searched word instead
(``articles.search.word_pattern``; decision 0006).

The site stays up while it runs, as for migration 0023: the trigger's function
is replaced in place, then the stories that have a hyphenated word are
recomputed in batches of ``BATCH``, each its own short transaction.
"""

from django.db import migrations, transaction

# The text's hyphenated words, joined, in their order; NULL when it has none.
JOINED = """
CREATE OR REPLACE FUNCTION articles_joined_spellings(doc text) RETURNS text AS $$
    SELECT string_agg(replace(m.parts[1], '-', ''), ' ' ORDER BY m.n)
    FROM regexp_matches(
        regexp_replace(coalesce(doc, ''), '<[^>]*>', ' ', 'g'),
        '([[:alpha:]]+(?:-[[:alpha:]]+)+)',
        'g'
    ) WITH ORDINALITY AS m(parts, n)
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
"""

# Every part of the vector, as migrations 0023 and 0024 compute it, with the
# joined spellings between the body and the names.
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
        setweight(to_tsvector('newsroom_english', coalesce(NEW.body, '')), 'C') ||{joined}
        articles_article_search_names(NEW.id);
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""
# Field by field: a "<" typed in a headline must not run into the body's tags.
JOINED_PART = """
        setweight(to_tsvector('newsroom_english', concat_ws(' ',
            articles_joined_spellings(NEW.headline),
            articles_joined_spellings(NEW.standfirst),
            articles_joined_spellings(NEW.body))), 'C') ||"""

BATCH = 500

# Through the trigger: an UPDATE of a column it watches computes the vector.
RECOMPUTE = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article SET headline = headline
WHERE id >= %s AND id < %s
  AND concat_ws(' ', headline, standfirst, body) ~ '[[:alpha:]]-[[:alpha:]]';
"""


def _recompute(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM articles_article")
        first, last = cursor.fetchone()
    if first is None:
        return
    for start in range(first, last + 1, BATCH):
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(RECOMPUTE, [start, start + BATCH])


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(JOINED)
        schema_editor.execute(FUNCTION.format(joined=JOINED_PART))
    _recompute(connection)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(FUNCTION.format(joined=""))
    _recompute(connection)
    schema_editor.execute("DROP FUNCTION IF EXISTS articles_joined_spellings(text);")


class Migration(migrations.Migration):
    # Each step commits on its own (see the module's docstring).
    atomic = False

    dependencies = [("articles", "0024_search_finds_bylines_and_sources")]

    operations = [migrations.RunPython(forward, backward)]
