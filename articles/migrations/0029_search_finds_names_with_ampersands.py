"""Search finds "AT&T", "S&P" and "M&S": a name written with "&" is also indexed joined.

PostgreSQL's parser reads "AT&T" as "at" and "t", both words too common to
index, so the story headlined "AT&T shares fall" had nothing a reader's
"AT&T" could match, and the search page said the query was made of common
words. As hyphenated words are (migration 0025), each word written with "&"
between letters is added once more joined ("att", "sp", "ms"), weighted as its
field is (migration 0028); the query side joins it the same way
(``articles.search.joined_ampersands``). A body is stored as HTML, where "&"
is written "&amp;": the entity is read as the character.

Only the joined-spellings function changes; stories with such a word are
recomputed in batches of ``BATCH``, each its own short transaction, as in
migration 0025. Reversed, the function is 0025's again and the same stories
are recomputed.
"""

from importlib import import_module

from django.db import migrations, transaction

joined_0025 = import_module("articles.migrations.0025_search_finds_hyphenated_spellings")

# The text's hyphenated words and words joined by "&", joined, in their order;
# NULL when it has none. An "&" that opens an entity ("&nbsp;") joins nothing.
JOINED = r"""
CREATE OR REPLACE FUNCTION articles_joined_spellings(doc text) RETURNS text AS $$
    SELECT string_agg(translate(m.parts[1], '-&', ''), ' ' ORDER BY m.n)
    FROM regexp_matches(
        replace(regexp_replace(coalesce(doc, ''), '<[^>]*>', ' ', 'g'), '&amp;', '&'),
        '([[:alpha:]]+(?:(?:-|&(?![[:alpha:]]+;))[[:alpha:]]+)+)',
        'g'
    ) WITH ORDINALITY AS m(parts, n)
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
"""

BATCH = 500

# Through the trigger: an UPDATE of a column it watches computes the vector.
RECOMPUTE = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article SET headline = headline
WHERE id >= %s AND id < %s
  AND concat_ws(' ', headline, standfirst, body) ~ '[[:alpha:]]&(amp;)?[[:alpha:]]';
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


def _replace(schema_editor, function):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(function)
    _recompute(connection)


def forward(apps, schema_editor):
    _replace(schema_editor, JOINED)


def backward(apps, schema_editor):
    _replace(schema_editor, joined_0025.JOINED)


class Migration(migrations.Migration):
    # Each step commits on its own (see the module's docstring).
    atomic = False

    dependencies = [("articles", "0028_joined_spellings_weighted_as_their_field")]

    operations = [migrations.RunPython(forward, backward)]
