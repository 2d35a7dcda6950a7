"""Search finds "Müller" for "Mueller": a word with ä, ö or ü is also indexed spelt out.

German writes "ue" for "ü" where the letter is missing, and so do the wires
and English copy: "Mueller", "Duesseldorf", "Goebbels". The index held
"Müller" as "muller" (its accents go, migration 0010), so "Muller" found it but
"Mueller" did not. Reading every "ue" of a query as "ü" would be a guess that
is wrong far more often than right ("Joe" would find "Jo", "Michael"
"Michal", "Samuel" "Samul"), so the index holds the spelt-out form of each
word that has the letter, which only a reader typing it finds: each word with
"ä", "ö" or "ü" of a story's headline, standfirst and body is added once more
with "ae", "oe" and "ue" ("Mueller", "Luedenscheidt" for "Müller-Lüdenscheidt"),
weighted as its field is, with the field's joined spellings (migrations 0025,
0028, 0029). "ß" needs nothing: ``unaccent`` already indexes "Straße" as
"strasse" would be.

Only the joined-spellings function changes, which the trigger and the seeder
call; stories with such a letter are recomputed in batches of ``BATCH``, each
its own short transaction, as in migration 0029. Reversed, the function is
0029's again and the same stories are recomputed.
"""

from importlib import import_module

from django.db import migrations, transaction

ampersands_0029 = import_module("articles.migrations.0029_search_finds_names_with_ampersands")

# The text's hyphenated words and words joined by "&", joined, then its words
# with "ä", "ö" or "ü" spelt out, each in their order; NULL when it has none.
# A word is a run of anything but spaces and punctuation, so a letter the
# server's locale does not call alphabetic still belongs to its word.
JOINED = r"""
CREATE OR REPLACE FUNCTION articles_joined_spellings(doc text) RETURNS text AS $$
    SELECT nullif(concat_ws(' ',
        (SELECT string_agg(translate(m.parts[1], '-&', ''), ' ' ORDER BY m.n)
         FROM regexp_matches(
             replace(regexp_replace(coalesce(doc, ''), '<[^>]*>', ' ', 'g'), '&amp;', '&'),
             '([[:alpha:]]+(?:(?:-|&(?![[:alpha:]]+;))[[:alpha:]]+)+)',
             'g'
         ) WITH ORDINALITY AS m(parts, n)),
        -- Only a text with such a letter is read for its words: the test is
        -- cheap, looking for the words around one is not (0.7 ms in a
        -- 4,000-character body that has none).
        CASE WHEN doc ~ '[äöüÄÖÜ]' THEN
            (SELECT string_agg(
                 replace(replace(replace(replace(replace(replace(m.parts[1],
                     'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'),
                 ' ' ORDER BY m.n)
             FROM regexp_matches(
                 regexp_replace(doc, '<[^>]*>', ' ', 'g'),
                 '([^[:space:][:punct:]]*[äöüÄÖÜ][^[:space:][:punct:]]*)',
                 'g'
             ) WITH ORDINALITY AS m(parts, n))
        END
    ), '')
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
"""

BATCH = 500

# Through the trigger: an UPDATE of a column it watches computes the vector.
RECOMPUTE = """
SET LOCAL statement_timeout = 0;
UPDATE articles_article SET headline = headline
WHERE id >= %s AND id < %s
  AND concat_ws(' ', headline, standfirst, body) ~ '[äöüÄÖÜ]';
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
    _replace(schema_editor, ampersands_0029.JOINED)


class Migration(migrations.Migration):
    # Each step commits on its own (see the module's docstring).
    atomic = False

    dependencies = [("articles", "0029_search_finds_names_with_ampersands")]

    operations = [migrations.RunPython(forward, backward)]
