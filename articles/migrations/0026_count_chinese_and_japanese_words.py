"""Stories with Chinese or Japanese in them are counted again, a word to each character.

``count_words`` used to count a run of Chinese or Japanese between two
punctuation marks as one word, so a 2,400-character story came to some 240
words and a one-minute read. It now counts each Han character and kana as one
word, as word processors do (``articles.models.count_words``, as it counts
now: a later change to it would need a migration of its own). Only the rows
whose body has such a character are read, found by the database; the rest
keep their count.
Only ``word_count`` is written: no other field, and no story's modified time.
"""

import re

from django.db import migrations

from articles.models import _ONE_CHARACTER_WORDS, count_words

BATCH = 500
_HAS_ONE_CHARACTER_WORDS = re.compile(f"[{_ONE_CHARACTER_WORDS}]")


def count_again(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    changed = []
    # Found by the database (PostgreSQL's regular expressions, or Python's on
    # SQLite): only those bodies are read.
    rows = Article.objects.filter(body__regex=_HAS_ONE_CHARACTER_WORDS.pattern).values_list(
        "pk", "body", "word_count"
    )
    for pk, body, word_count in rows.iterator(chunk_size=BATCH):
        counted = count_words(body)
        if counted != word_count:
            changed.append(Article(pk=pk, word_count=counted))
    Article.objects.bulk_update(changed, ["word_count"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0025_search_finds_hyphenated_spellings"),
    ]

    operations = [
        migrations.RunPython(count_again, migrations.RunPython.noop, elidable=True),
    ]
