"""Names of sources and writers, as the desk tells them apart.

"Meridian News Service", "meridian news service", "Méridian News Service" and
"Meridian News Service" with a zero-width space (U+200B) after "Meridian" are
one agency to a reader, but four names to the database: the admin took all
four, and readers got four source pages. "Agence France-Presse" with a
hyphen, an en dash or a non-breaking hyphen, and "Xinhua's" with a straight or
a curly apostrophe, were two sources each the same way. :func:`name_key` is
what two names must share to be one; :func:`strip_invisible` takes out of a
name the characters that show nothing and mean nothing there.
"""

import re
import unicodedata

from articles.slugs import PLAIN_LETTERS

# Characters that draw nothing and, in a name, do nothing: the zero-width
# space, the word joiner, the byte-order mark (a zero-width no-break space
# inside text), the soft hyphen and the invisible mathematical operators. A
# paste from a web page or a PDF brings them. Not the zero-width joiner and
# non-joiner (U+200D, U+200C), which Persian and the Indic scripts write
# inside words ("خبرگزاری‌ها"), nor the marks that set the direction of a run
# of text, which a name mixing scripts may need to show in the right order.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u2061-\u2064]")

# Combining accents of Latin, Greek and Cyrillic letters once decomposed
# ("é" is "e" and U+0301). The vowel signs and viramas of other scripts are
# combining marks too, but they are letters of the word, not accents on it.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# Punctuation that is one mark to a reader however it was typed: a word
# processor's curly apostrophe for the keyboard's straight one, an en dash or a
# minus sign for a hyphen. Each is written as the ASCII mark it stands for.
# Before NFKD, which spells the acute accent "´" (typed for an apostrophe on
# keyboards with dead keys) as a space and an accent, and the non-breaking
# hyphen as a hyphen that is not ASCII; NFKD then writes the fullwidth and
# small forms ("－", "＇") as ASCII itself. Not the low quotation marks („ ‚)
# nor guillemets, which look different, nor the two- and three-em dashes, seen
# as longer; nor the maqaf and the Armenian hyphen, marks of their scripts.
LOOK_ALIKES = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58", "-"),
        **dict.fromkeys("\u2018\u2019\u201b\u02bc\u02bb\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201f\u2033", '"'),
    }
)


# A hyphen between two words, after the dashes above are written as one: "Agence
# France Presse" is "Agence France-Presse" to a reader, as wire copy and the
# desk write it either way. Not a dash with a space on either side, which
# readers see as a dash ("France - Presse"), nor a hyphen left out ("AlJazeera").
_HYPHEN_BETWEEN_WORDS = re.compile(r"(?<=\w)-(?=\w)")


def strip_invisible(name):
    """``name`` without zero-width spaces and the like (see ``_INVISIBLE``).

    Anything but a string (``None``, say) is returned as it is.
    """
    if not isinstance(name, str):
        return name
    return _INVISIBLE.sub("", name)


def name_key(name):
    """What ``name`` is to a reader: case, accents, invisible characters, spacing,
    the kind of dash or apostrophe, and a hyphen or a space between words aside.

    Two names with the same key are the same name written differently:
    "Méridian  News Service" and "MERIDIAN NEWS SERVICE" both give
    "meridian news service"; "Łódź" and "Lodz" both give "lodz"; a Persian
    name with or without its zero-width non-joiners gives one key;
    "France–Presse" (an en dash), "France-Presse" and "France Presse" give
    "france presse" (``LOOK_ALIKES``, ``_HYPHEN_BETWEEN_WORDS``), and
    "Xinhua’s" gives "xinhua's".

    Sources and their other names keep their key in a column
    (``Source.name_key``, ``OtherName.name_key``): a change to what this
    returns needs a data migration that recomputes both.
    """
    plain_marks = name.translate(PLAIN_LETTERS).translate(LOOK_ALIKES)
    decomposed = unicodedata.normalize("NFKD", plain_marks)
    # Every format character (category Cf) is invisible: the joiners and the
    # direction marks kept in a name are left out of its key.
    visible = "".join(char for char in decomposed if unicodedata.category(char) != "Cf")
    plain = unicodedata.normalize("NFC", _ACCENTS.sub("", visible).casefold())
    return " ".join(_HYPHEN_BETWEEN_WORDS.sub(" ", plain).split())
