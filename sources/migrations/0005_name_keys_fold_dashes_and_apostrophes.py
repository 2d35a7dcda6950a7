"""Recompute each source's name key: dashes, apostrophes and quotation marks now fold.

"France-Presse" and "France–Presse" (an en dash) were two names to
``articles.names.name_key``, and so two sources; they now have one key. Keys
are recomputed for every row, as 0004 first wrote them; going back recomputes
them by the rule before (``key_before``, kept here as it was).

Rows already there that now share a key are all kept, with their credits, and
each gets the new key: the column is not unique, so nothing can fail. A lookup
by name (``Source.objects.named``, the importer) finds the oldest of them, and
the admin refuses to save a later one under its name until it is renamed or
its stories are credited to the first and it is deleted. Which rows those are
is printed while migrating, for the desk to settle (docs/decisions/0033).
"""

import re
import unicodedata

from django.db import migrations

from articles.names import name_key
from articles.slugs import PLAIN_LETTERS

BATCH = 500

# ``name_key`` as migration 0004 and the saves before this one wrote it: without
# ``articles.names.LOOK_ALIKES``. Kept here so going back gives the same keys
# whatever ``name_key`` becomes.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def key_before(name):
    decomposed = unicodedata.normalize("NFKD", name.translate(PLAIN_LETTERS))
    visible = "".join(char for char in decomposed if unicodedata.category(char) != "Cf")
    plain = _ACCENTS.sub("", visible).casefold()
    return " ".join(unicodedata.normalize("NFC", plain).split())


def recompute(apps, schema_editor, key):
    """Store ``key(name)`` for every source; returns the sources by key, oldest first."""
    Source = apps.get_model("sources", "Source")
    sources = Source.objects.using(schema_editor.connection.alias)
    by_key = {}
    changed = []
    for source in sources.only("pk", "name", "name_key").order_by("pk"):
        new = key(source.name)
        by_key.setdefault(new, []).append(source)
        if source.name_key != new:
            source.name_key = new
            changed.append(source)
    sources.bulk_update(changed, ["name_key"], batch_size=BATCH)
    return by_key


def fold_look_alikes(apps, schema_editor):
    by_key = recompute(apps, schema_editor, name_key)
    list_shared(by_key, "kind of dash, apostrophe or quotation mark")


def list_shared(by_key, differs_by):
    """Print the sources that share a key, oldest first, for the desk to settle."""
    shared = [rows for rows in by_key.values() if len(rows) > 1]
    if not shared:
        return
    # Said to whoever migrates: the desk has sources to merge.
    print(
        "\n  These sources now have the same name to readers (it differs by the "
        f"{differs_by}, or by capitals, accents or "
        "spacing). All are kept; a lookup by name finds the first. Credit that "
        "one and delete the others, or rename them:"
    )
    for first, *later in shared:
        beside = ", ".join(f"“{source.name}” (id {source.pk})" for source in later)
        print(f"    “{first.name}” (id {first.pk}), beside {beside}")


def unfold_look_alikes(apps, schema_editor):
    recompute(apps, schema_editor, key_before)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0004_name_key_indexed"),
    ]

    operations = [
        # Not elidable: a squash without it would leave keys of the old rule.
        migrations.RunPython(fold_look_alikes, unfold_look_alikes),
    ]
