"""Recompute each source's name key: a hyphen between words is now a space in it.

"Agence France Presse" and "Agence France-Presse" were two names to
``articles.names.name_key``, and so two sources: the admin took the second
beside the first, and the importer made it for wire copy signed that way. They
now have one key. As in 0005, every row is kept and gets the new key, and the
sources that now share one are printed while migrating, oldest first, for the
desk to settle (docs/decisions/0036); going back recomputes the keys by the
rule before (``key_before``, kept here as it was).
"""

import re
import unicodedata
from importlib import import_module

from django.db import migrations

from articles.names import LOOK_ALIKES, name_key
from articles.slugs import PLAIN_LETTERS

fold_0005 = import_module("sources.migrations.0005_name_keys_fold_dashes_and_apostrophes")

# ``name_key`` as migration 0005 and the saves before this one wrote it: a
# hyphen between words kept as a hyphen.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def key_before(name):
    plain_marks = name.translate(PLAIN_LETTERS).translate(LOOK_ALIKES)
    decomposed = unicodedata.normalize("NFKD", plain_marks)
    visible = "".join(char for char in decomposed if unicodedata.category(char) != "Cf")
    plain = _ACCENTS.sub("", visible).casefold()
    return " ".join(unicodedata.normalize("NFC", plain).split())


def fold_hyphens(apps, schema_editor):
    by_key = fold_0005.recompute(apps, schema_editor, name_key)
    fold_0005.list_shared(by_key, "hyphen or space between two words")


def unfold_hyphens(apps, schema_editor):
    fold_0005.recompute(apps, schema_editor, key_before)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0005_name_keys_fold_dashes_and_apostrophes"),
    ]

    operations = [
        # Not elidable: a squash without it would leave keys of the old rule.
        migrations.RunPython(fold_hyphens, unfold_hyphens),
    ]
