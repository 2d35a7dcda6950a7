"""A hyphenated word's joined spelling weighs what its field weighs: a headline's A.

Migration 0025 indexed each hyphenated word once more with its hyphens taken
out, all of them weighted as body text (C). A reader typing "ceasefire" found
a story headlined "Erdoğan hosts cease-fire talks", but ranked it as a passing
mention in a body: 93rd, on the tenth page. Now the headline's joined words
are weighted A, the standfirst's B and the body's C, each after the body and
before the names as before (the names' refresh still cuts off the D part
alone). The seeder composes the same vector (``seed_articles``).

Only stories with a hyphenated word in the headline or standfirst change: a
story's body alone gives the same vector as before. They are recomputed in
batches of ``BATCH``, each its own short transaction, as in migration 0025,
whose trigger function this fills in with the new part. Reversed, 0025's part
comes back and the same stories are recomputed.
"""

from importlib import import_module

from django.db import migrations, transaction

joined_0025 = import_module("articles.migrations.0025_search_finds_hyphenated_spellings")

# Field by field, each with its field's weight; coalesce, since a field with no
# hyphenated word gives NULL and NULL || a vector is NULL.
JOINED_PART = """
        setweight(to_tsvector('newsroom_english',
            coalesce(articles_joined_spellings(NEW.headline), '')), 'A') ||
        setweight(to_tsvector('newsroom_english',
            coalesce(articles_joined_spellings(NEW.standfirst), '')), 'B') ||
        setweight(to_tsvector('newsroom_english',
            coalesce(articles_joined_spellings(NEW.body), '')), 'C') ||"""

BATCH = 500

RECOMPUTE = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article SET headline = headline
WHERE id >= %s AND id < %s
  AND concat_ws(' ', headline, standfirst) ~ '[[:alpha:]]-[[:alpha:]]';
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


def _replace(schema_editor, joined_part):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(joined_0025.FUNCTION.format(joined=joined_part))
    _recompute(connection)


def forward(apps, schema_editor):
    _replace(schema_editor, JOINED_PART)


def backward(apps, schema_editor):
    _replace(schema_editor, joined_0025.JOINED_PART)


class Migration(migrations.Migration):
    # Each step commits on its own (see the module's docstring).
    atomic = False

    dependencies = [("articles", "0027_lead_story_help")]

    operations = [migrations.RunPython(forward, backward)]
