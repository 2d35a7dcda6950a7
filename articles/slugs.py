"""Slugs made from names and headlines, for the addresses of stories, writers and sources.

An address carries ASCII letters, digits and hyphens. Greek and Cyrillic are
spelt in Latin letters as their readers romanise them ("Агентство ТАСС" makes
"agentstvo-tass", "Київ" "kyiv"); a name in another script ("新华社", "رويترز")
has no letters an address can carry: such a row gets a dated stand-in
("source-2025-03-04"), and whoever made it is told to write a slug.
"""

import functools
import re
import unicodedata
from pathlib import Path

import django.contrib.admin
from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify

# Latin letters that do not decompose into a plain letter and an accent, which
# slugify would drop: "Łódź" made "odz", "Øresund" "resund".
PLAIN_LETTERS = str.maketrans(
    {
        "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Ǿ": "O", "ǿ": "o", "Đ": "D", "đ": "d",
        "Ð": "D", "ð": "d", "ß": "ss", "ẞ": "SS", "Æ": "AE", "æ": "ae", "Ǽ": "AE", "ǽ": "ae",
        "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "İ": "I", "ı": "i", "Ħ": "H", "ħ": "h",
        "Ŧ": "T", "ŧ": "t", "Ŋ": "N", "ŋ": "n",
    }
)


def slug_text(text):
    """``text`` as a slug: ASCII letters, digits and hyphens, in lower case.

    Greek and Cyrillic words are spelt in Latin letters (``latin_spelling``);
    letters of other scripts are dropped. "" if no letter is left: a Chinese
    headline with a year in it ("中国发布2027年气候目标") made the address
    "/2027/", which says nothing, and no stand-in or warning followed.
    """
    slug = slugify(latin_spelling(text.translate(PLAIN_LETTERS)))
    return slug if _HAS_LETTER.search(slug) else ""


_HAS_LETTER = re.compile(r"[a-z]")

# Greek (with its extended, polytonic block) and Cyrillic: alphabets whose
# romanisation is standard, letter by letter, and reads as the word does. Not
# Arabic or Hebrew, written without most vowels ("رويترز" would be "rwytrz"),
# nor Chinese or Japanese, whose characters have no one reading ("東京" as
# Chinese is "dongjing").
_GREEK_RUN = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")
_CYRILLIC_RUN = re.compile(r"[\u0400-\u052f]+")
_ROMANISED = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")


def latin_spelling(text):
    """``text`` with its Greek and Cyrillic words spelt in lower-case Latin letters.

    "Σεισμός στην Κρήτη" is "seismos stin kriti", "Москва" "moskva" (by
    ``anyascii``, whose tables follow the common romanisations, letter by
    letter, with the corrections below). Only where Greek or Cyrillic is most
    of the text's letters: a Greek letter in English ("β-blockers", "Ω-3") is
    a symbol, and is left to be dropped as it was. Other characters are left
    as they are.
    """
    text = unicodedata.normalize("NFC", text)
    if not romanises(text):
        return text
    if _UKRAINIAN_LETTERS.search(text) and not _NOT_UKRAINIAN_LETTERS.search(text):
        text = _UKRAINIAN_WORD.sub(lambda word: _ukrainian_word(word.group()), text)
    text = _GREEK_RUN.sub(lambda run: _greek_run(run.group()), text)
    return _CYRILLIC_RUN.sub(lambda run: _cyrillic_run(run.group()), text)


def romanises(text):
    """Whether ``latin_spelling`` spells ``text``: most of its letters are Greek or Cyrillic."""
    romanised = len(_ROMANISED.findall(text))
    return romanised > 0 and romanised > len(_LATIN.findall(text))


# Greek as ELOT 743 spells it, where a letter's spelling depends on its
# neighbours: a vowel and upsilon read as one sound (with a diaeresis, "ϋ",
# they are two) are "av", "ev", "iv", or "af", "ef", "if" before a voiceless
# consonant and at the end of a word ("Nafplio", "Evropi"); "ου" is "ou"
# ("Papadopoulos"); gamma before a velar is "n" ("Oungaria"); "μπ" and "ντ"
# start a word as "b" and "d" ("Bakogianni", "Dora").
_GREEK_PAIR = re.compile(
    "(?P<voiceless>[αεη][υύ](?=[θκξπσςτφχψ]|[^α-ωάέήίόύώϊϋΐΰ]|$))"
    "|(?P<voiced>[αεη][υύ])|(?P<ou>ο[υύ])|(?P<velar>γ[γξχ])"
    "|(?<![α-ωάέήίόύώϊϋΐΰ])(?P<first>μπ|ντ)"
)
_GREEK_PAIRS = {
    "voiceless": {"α": "af", "ε": "ef", "η": "if"},
    "voiced": {"α": "av", "ε": "ev", "η": "iv"},
    "ou": {"ο": "ou"},
    "velar": {"γ": "n"},
    "first": {"μ": "b", "ν": "d"},
}
# Accents and breathings go ("Ἡ" is "i", not "hi"); the diaeresis stays, as it
# parts a pair ("Μοϋσής" is "moysis").
_GREEK_MARKS = re.compile("[\u0300-\u0307\u0309-\u036f]")


def _greek_run(run):
    run = unicodedata.normalize("NFD", run.lower())
    run = unicodedata.normalize("NFC", _GREEK_MARKS.sub("", run))
    return anyascii(_GREEK_PAIR.sub(_greek_pair, run))


def _greek_pair(match):
    pair = match.group()
    spelt = _GREEK_PAIRS[match.lastgroup][pair[0]]
    # A velar pair's second letter is spelt as it stands: "γξ" is "nx".
    return spelt + pair[1] if match.lastgroup == "velar" else spelt


# Bulgarian writes "ъ" for a vowel, before a consonant ("България" is
# "Bulgaria"); Russian's hard sign comes before a vowel and is not spelt.
_BULGARIAN_VOWEL = re.compile("ъ(?=[бвгджзклмнпрстфхцчшщ])")


def _cyrillic_run(run):
    return anyascii(_BULGARIAN_VOWEL.sub("a", run.lower()))


# Letters only Ukrainian writes in Cyrillic, and letters it does not use
# (Russian's ы, э, ъ, ё, Belarusian's ў, Kazakh's own): Kazakh writes "і" too.
_UKRAINIAN_LETTERS = re.compile("[ієїґІЄЇҐ]")
_NOT_UKRAINIAN_LETTERS = re.compile("[ыэъёўәғқңөұүһЫЭЪЁЎӘҒҚҢӨҰҮҺ]")
# A Ukrainian word, apostrophes in it ("м'ясо", "м’ясо", "м`ясо") included.
_APOSTROPHES = "'’ʼ`‘′ʹ"
_UKRAINIAN_WORD = re.compile(f"[\u0400-\u052f][\u0400-\u052f{_APOSTROPHES}]*")
# Ukraine's official romanisation (Cabinet of Ministers resolution 55, 2010),
# which gives "Kyiv", "Zaporizhzhia" and "Yevropa" where a Russian reading of
# the same letters gives "Kiiv" and "Ievropa".
_UKRAINIAN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
        "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
        "я": "ia", **dict.fromkeys(_APOSTROPHES, ""),
    }
)
# At the start of a word: "Yevropa", "Yizhakevych", "Yosyp", "Yurii", "Yahotyn".
_UKRAINIAN_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def _ukrainian_word(word):
    word = word.lower()
    first = _UKRAINIAN_FIRST.get(word[0], "")
    if first:
        word = word[1:]
    # "зг" is "zgh", so that it is not read as "zh": "Zghorany".
    return first + word.replace("зг", "zgh").translate(_UKRAINIAN)


# The admin's own script, whose maps ``admin_script_slug`` reads: the file the
# story form's page loads, so the two cannot drift apart.
URLIFY_JS = Path(django.contrib.admin.__file__).parent / "static" / "admin" / "js" / "urlify.js"
_MAP_ENTRY = re.compile(r"'([^'\\])':\s*'([^'\\]*)'")


@functools.cache
def _downcode_map():
    """The script's letter maps (Latin, Greek, Cyrillic, Georgian...) as one table.

    Later maps override earlier ones, as the script's ``Object.assign`` does.
    """
    return str.maketrans(dict(_MAP_ENTRY.findall(URLIFY_JS.read_text(encoding="utf-8"))))


def admin_script_slug(text, max_length):
    """What the admin's script (``URLify`` in admin/js/urlify.js) writes in the slug box.

    ``slug_text`` is the server's own slug, whose Greek and Cyrillic spellings
    are not the script's ("Θεσσαλονίκη" is "thessaloniki" there, "8essalonikh"
    here): a form sent back has to know the slug the page wrote to forget it
    (``WorkflowArticleForm``). The script's steps, in its order: its letter
    maps, lower case, anything but ASCII letters, digits, "_", "-" and white
    space dropped, ends trimmed, runs of hyphens and spaces made one hyphen,
    cut to ``max_length``, trailing hyphens dropped.
    """
    text = text.translate(_downcode_map()).lower()
    # The script's \w is ASCII, its \s any white space (a no-break space too).
    text = re.sub(r"[^-A-Za-z0-9_\s\ufeff]", "", text).strip()
    text = re.sub(r"[-\s\ufeff]+", "-", text)
    return text[:max_length].rstrip("-")


# The letters ``slug_text`` makes an address of, as the warnings name them.
SPELT_LETTERS = "Latin, Greek or Cyrillic"


def is_the_scripts_spelling(slug, text, max_length):
    """Whether ``slug`` is the admin script's spelling of ``text`` in another script.

    The script writes the slug box as a headline or name is typed, with its own
    maps: "Θεσσαλονίκη" is "8essalonikh" there, "Παπαδόπουλος"
    "papadopoylos", "Київ" "kiyiv", an Arabic headline its consonants alone
    ("ntlk-km-…"), a Chinese one only its digits ("2027"). A new row's form
    sent with that slug gets the server's instead, as if the box had been left
    empty: "thessaloniki", "kyiv", or a dated stand-in and a warning. A slug
    the editor wrote, or one made from text mostly in Latin letters, is kept.
    """
    return bool(slug) and mostly_other_letters(text) and slug == admin_script_slug(
        text, max_length
    )


def mostly_other_letters(text):
    """Most of ``text``'s letters are not Latin ones.

    The admin's slug box is left empty for such text, as the page's script
    (admin-slug-spelling.js) counts them too, for the server to spell.
    """
    letters = len(_LETTER.findall(text))
    return letters > 2 * len(_LATIN.findall(text))


_LETTER = re.compile(r"[^\W\d_]")


def respelt_message(slug, scripts):
    """What to tell the editor whose slug box the server respelt (``is_the_scripts_spelling``)."""
    return f"the slug is “{slug}”, spelt on saving in place of the page's “{scripts}”"


def stand_in_slug(word):
    """The dated stand-in for a slug that could not be made: "story-2025-03-04"."""
    return f"{word}-{timezone.localdate():%Y-%m-%d}"


# A stand-in as ``stand_in_slug`` makes it ("story-2025-03-04", "kyiv-2025-03-04"),
# numbered by ``unique_slug`` when the day's is taken ("story-2025-03-04-2").
_STAND_IN = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*-)?\d{4}-\d{2}-\d{2}(?:-\d+)?")


def slug_base(text, max_length):
    """``slug_text`` cut to ``max_length``: what ``unique_slug`` numbers if it is taken.

    Cut at a hyphen, so the address never ends in half a word, unless the first
    ``max_length`` characters have none ("shchshchshch…" from a run of "Щ").
    """
    base = slug_text(text)
    if len(base) > max_length:
        cut = base[: max_length + 1]
        base = cut.rsplit("-", 1)[0] if "-" in cut else base[:max_length]
    return base.strip("-")


# Room kept for a number ("-2") when a slug at full length is taken.
_NUMBER_ROOM = 6


def unique_slug(model, text, max_length, fallback, *, exclude_pk=None, ignore_case=False):
    """A slug for ``text`` not yet used by ``model``: "kyiv-power", "kyiv-power-2", ...

    ``fallback`` stands in when ``text`` has nothing a slug can carry;
    ``exclude_pk`` is the row the slug is for, whose own slug is not in the way.
    With ``ignore_case``, a slug held in capitals ("Kyiv-Power") is taken too.
    A numbered slug is cut so that it still fits in ``max_length``.
    """
    base = slug_base(text, max_length) or fallback
    stem = base[: max_length - _NUMBER_ROOM]
    if ignore_case:
        taken = model.objects.filter(slug__istartswith=stem)
    else:
        taken = model.objects.filter(slug__startswith=stem)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken = {slug.lower() if ignore_case else slug for slug in taken.values_list("slug", flat=True)}
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
        number += 1
    return slug


def slug_for_name(row, stand_in):
    """A free slug for ``row`` (an author or source) made from its name, or a dated stand-in.

    Returns ``(slug, made_from_name)``; when the name has no letters a slug
    can spell (``slug_text``), ``made_from_name`` is False and the slug is ``stand_in`` and the
    day ("author-2025-03-04"), numbered if taken: the page needs a slug
    written for it.
    """
    model = type(row)
    max_length = model._meta.get_field("slug").max_length
    # Case ignored: a slug saved in capitals before they were lower-cased
    # ("Daniel-Okafor") is in the way of the one the name makes.
    slug = unique_slug(
        model, row.name, max_length, stand_in_slug(stand_in), exclude_pk=row.pk, ignore_case=True
    )
    return slug, bool(slug_text(row.name))


class LowerCaseSlug:
    """A model mixin for rows whose ``slug`` is their public address: authors, sources, sections.

    Addresses are lower case: a public page's address typed with capitals that
    matches nothing is sent to the same address in lower case
    (``newsroom.middleware``). A slug typed with capitals ("Daniel-Okafor",
    "Europe") made a second address beside "daniel-okafor" or "europe": two
    links in the navigation, and a page that, while it had no public story,
    redirected to the other row's. So a new or changed slug is lower-cased when
    the row is validated (every admin form does that), and another row's slug
    in any case is refused, naming that row.

    A slug stored in capitals before this rule is left as it is when the row
    is saved with it unchanged: it is a live address (docs/decisions/0010),
    and an editor changing a biography should neither move the page nor be
    told to rename it.

    A new row whose name makes the address another row has is told so on its
    name, where ``names_address_advice`` says what to do then
    (``_holder_of_the_names_address``).
    """

    # What the editor of a new author or source whose name makes another's
    # address is told to do, after that one is named; None where the admin
    # page does not write the slug from the name, or the name is not the thing
    # to look at (sections: the slug box is theirs to fill).
    names_address_advice = None

    def _slug_is_new(self):
        if self._state.adding or self.pk is None:
            return True
        stored = type(self)._default_manager.filter(pk=self.pk).values_list("slug", flat=True)
        return self.slug != stored.first()

    def clean_fields(self, exclude=None):
        # Before the field's validators, so they see what will be saved.
        self._checks_slug = (
            bool(self.slug) and not (exclude and "slug" in exclude) and self._slug_is_new()
        )
        if self._checks_slug:
            # As typed, for the refusal to say why capitals did not help.
            self._slug_as_typed = self.slug
            self.slug = self.slug.lower()
        super().clean_fields(exclude=exclude)

    def validate_unique(self, exclude=None):
        exclude = set(exclude or ())
        errors = {}
        checks_slug = getattr(self, "_checks_slug", None)
        if checks_slug is None:  # validate_unique() called on its own
            checks_slug = bool(self.slug) and self._slug_is_new()
        holder = self._holder_of_the_names_address(exclude) if checks_slug else None
        if holder is not None:
            opts = self._meta
            link = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[holder.pk])
            errors["name"] = [
                ValidationError(
                    format_html(
                        'The {} <a href="{}">“{}”</a> has the address this name makes (“{}”). {}',
                        opts.verbose_name,
                        link,
                        holder,
                        holder.slug,
                        self.names_address_advice,
                    ),
                    code="unique",
                )
            ]
            exclude.add("slug")  # Not said again on a slug the editor did not write.
        if checks_slug and "slug" not in exclude:
            holder = (
                type(self)
                ._default_manager.exclude(pk=self.pk)
                .filter(slug__iexact=self.slug)
                .first()
            )
            if holder is not None:
                # Said where the slug typed and the one held differ in capitals
                # only; beside the very same slug it answered no question.
                typed = getattr(self, "_slug_as_typed", self.slug)
                capitals = "; addresses do not tell capitals apart" if typed != holder.slug else ""
                errors["slug"] = [
                    ValidationError(
                        "The %(kind)s “%(holder)s” already has this address (“%(slug)s”)"
                        f"{capitals}. Choose another slug.",
                        code="unique",
                        params={
                            "kind": self._meta.verbose_name,
                            "holder": holder,
                            "slug": holder.slug,
                        },
                    )
                ]
                exclude.add("slug")  # Not said twice in Django's words.
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _holder_of_the_names_address(self, exclude):
        """The other row whose slug this new row's is, when the name made it; else None.

        The page writes the slug from the name as it is typed (``URLify``), and
        the server makes the same one when the page's is a spelling it replaces
        (``SlugFromNameForm``): a name another row's slug was made from
        ("Reuters (UK)" beside "Reuters UK", a second "Priya Raman") was refused
        on the slug box, which the editor had not touched, with "Choose another
        slug", and that made a second page for what may be the same source or
        person. Said on the name instead, naming that row. A slug the editor
        wrote is refused on its own box, as is any on a stored row's form,
        which the page does not write from the name; and nothing is said of
        the address where the name is refused already (``Source``: another
        source has it).
        """
        if self.names_address_advice is None or self.pk is not None:
            return None
        if "slug" in exclude or "name" in exclude or not self.name:
            return None
        max_length = self._meta.get_field("slug").max_length
        slug = self.slug.lower()
        if slug not in (slug_base(self.name, max_length), admin_script_slug(self.name, max_length)):
            return None
        return type(self)._default_manager.filter(slug__iexact=slug).first()


def stand_in_warning(row, kind):
    """What to tell the editor of an author or source whose slug is a stand-in.

    Worded as the importer words it for a headline: "the source “新华社” has no
    Latin, Greek or Cyrillic letters to make the source's address from: the slug
    … stands in".
    """
    return (
        f"the {kind} “{row.name}” has no {SPELT_LETTERS} letters to make the {kind}'s "
        f"address from: the slug “{row.slug}” stands in; write a slug for the {kind}"
    )


# The longest slug the server makes from a headline: the story form (a slug
# left empty, or the admin script's spelling of another script), the import and
# a bare save (a shell, a script) make the same address from the same headline.
# The column takes 200, for a slug an editor writes.
ARTICLE_SLUG_CHARS = 80


def story_slug(model, headline, dateline, max_length, *, exclude_pk=None):
    """A free slug for a story made from its headline, or a dated stand-in.

    Returns ``(slug, made_from_headline)``. An Arabic or Chinese headline has no
    letters an address can carry (``slug_text``): the dateline's place, if it
    has some, and the day say more than "story-2".
    """
    made_from_headline = bool(slug_text(headline))
    fallback = "story"
    if not made_from_headline:
        fallback = stand_in_slug(slug_text(dateline) or "story")
    slug = unique_slug(model, headline, max_length, fallback, exclude_pk=exclude_pk)
    return slug, made_from_headline


def is_stand_in(slug, headline):
    """Whether ``slug`` is the dated stand-in given to a story whose headline made none.

    Asked of the headline's Latin letters alone: a Greek or Cyrillic headline
    was given a stand-in ("story-2025-03-04", "moscow-2025-03-04" from its
    dateline) before such letters were spelt (decision 0027), and still has it.
    """
    latin_only = slugify(headline.translate(PLAIN_LETTERS))
    return not _HAS_LETTER.search(latin_only) and bool(_STAND_IN.fullmatch(slug or ""))


def headline_stand_in_warning(slug, *, public=False):
    """What to tell the editor of a story whose headline could not make its slug.

    ``public``: the story is on the site already, at that address; a slug
    written now moves it, and the old address leads to the new one.
    """
    advice = (
        "the story is public at it: write a slug readers can read, and links to this one "
        "will lead to the new one"
        if public
        else "write a slug before publishing"
    )
    return (
        f"the headline has no {SPELT_LETTERS} letters to make the story's address from: "
        f"the slug “{slug}” stands in; {advice}"
    )
