"""Slugs made from names and headlines, for the addresses of stories, writers and sources.

An address carries ASCII letters, digits and hyphens. A name in another script
("Агентство ТАСС", "新华社") has none of them: such a row gets a dated stand-in
("source-2025-03-04"), and whoever made it is told to write a slug.
"""

from django.utils import timezone
from django.utils.text import slugify

# Latin letters that do not decompose into a plain letter and an accent, which
# slugify would drop: "Łódź" made "odz", "Øresund" "resund".
_SLUG_LETTERS = str.maketrans(
    {
        "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Ǿ": "O", "ǿ": "o", "Đ": "D", "đ": "d",
        "Ð": "D", "ð": "d", "ß": "ss", "ẞ": "SS", "Æ": "AE", "æ": "ae", "Ǽ": "AE", "ǽ": "ae",
        "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "İ": "I", "ı": "i", "Ħ": "H", "ħ": "h",
        "Ŧ": "T", "ŧ": "t", "Ŋ": "N", "ŋ": "n",
    }
)


def slug_text(text):
    """``text`` as a slug: ASCII letters, digits and hyphens, in lower case; "" if none."""
    return slugify(text.translate(_SLUG_LETTERS))


def stand_in_slug(word):
    """The dated stand-in for a slug that could not be made: "story-2025-03-04"."""
    return f"{word}-{timezone.localdate():%Y-%m-%d}"


def unique_slug(model, text, max_length, fallback, *, exclude_pk=None):
    """A slug for ``text`` not yet used by ``model``: "kyiv-power", "kyiv-power-2", ...

    ``fallback`` stands in when ``text`` has nothing a slug can carry;
    ``exclude_pk`` is the row the slug is for, whose own slug is not in the way.
    """
    base = slug_text(text)
    if len(base) > max_length:
        # Cut at a hyphen so the address never ends in half a word.
        base = base[: max_length + 1].rsplit("-", 1)[0]
    base = base.strip("-") or fallback
    taken = model.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def slug_for_name(row, stand_in):
    """A free slug for ``row`` (an author or source) made from its name, or a dated stand-in.

    Returns ``(slug, made_from_name)``; when the name has no Latin letters or
    digits, ``made_from_name`` is False and the slug is ``stand_in`` and the
    day ("author-2025-03-04"), numbered if taken: the page needs a slug
    written for it.
    """
    model = type(row)
    max_length = model._meta.get_field("slug").max_length
    slug = unique_slug(model, row.name, max_length, stand_in_slug(stand_in), exclude_pk=row.pk)
    return slug, bool(slug_text(row.name))


def stand_in_warning(row, kind):
    """What to tell the editor of an author or source whose slug is a stand-in.

    Worded as the importer words it for a headline: "the source “新华社” has no
    Latin letters to make the source's address from: the slug … stands in".
    """
    return (
        f"the {kind} “{row.name}” has no Latin letters to make the {kind}'s address from: "
        f"the slug “{row.slug}” stands in; write a slug for the {kind}"
    )
