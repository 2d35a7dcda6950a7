"""Import wire copy: from the bytes of a file to a story in review.

:mod:`articles.importer` reads the text; this module decides what it means for
the database: which existing sources and authors the copy names, whether the
story is already here, and the rows to create. The management command
``import_article`` and the admin's "Import wire copy" page both call
:func:`import_copy`, so the rules hold however a file arrives.

Every file is imported in its own ``transaction.atomic()`` block: a file that
fails leaves nothing behind and does not stop the others. A dry run goes
through exactly the same code and rolls its transaction back, so the preview
an editor confirms is what the import will do.
"""

import codecs
import difflib
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import PurePath

import reversion
from charset_normalizer import from_bytes
from django.conf import settings
from django.db import (
    InterfaceError,
    OperationalError,
    connections,
    models,
    router,
    transaction,
)
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.formats import date_format

from articles.importer import (
    agency_latin_name,
    is_agency_name,
    language_from_script,
    language_from_words,
    parse_copy,
)
from articles.models import Article, Byline, SourceCredit, StatusChange
from articles.names import name_key, strip_invisible
from articles.sanitiser import (
    BodyRefused,
    clean_text,
    html_tags_in,
    quoted_tags,
    text_without_html_tags,
)
from articles.slugs import (
    ARTICLE_SLUG_CHARS,
    headline_stand_in_warning,
    slug_for_name,
    stand_in_warning,
    story_slug,
)
from authors.models import Author
from newsroom.db_router import primary_only
from newsroom.formats.en.formats import DATETIME_FORMAT as DESK_DATETIME_FORMAT
from sources.models import Source

logger = logging.getLogger(__name__)

NEAR_DUPLICATE_RATIO = 0.9
NEAR_DUPLICATE_DAYS = 7
# Above this share of control characters, decoded bytes are not copy.
BINARY_CONTROL_SHARE = 0.02

CREATED = "created"
DUPLICATE = "duplicate"
FAILED = "failed"
DRY_RUN = "dry-run"


class ImportRejected(Exception):
    """A file that cannot be imported; the message says why, for the editor."""


@dataclass
class ImportOutcome:
    """What happened to one file; ``as_dict()`` is the ``--json`` record."""

    file: str
    status: str = FAILED
    article_id: int | None = None
    headline: str = ""
    url: str = ""
    removed: list = field(default_factory=list)
    detected: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    published: bool = False
    # The file earlier in the same batch with the same copy, for a duplicate of it.
    same_as: str = ""
    # For the admin preview; not part of the machine-readable summary.
    standfirst: str = ""
    dateline: str = ""
    section: str = ""
    body: str = ""
    # The story's language when not the site's, so the preview lays its body out
    # as the story page will ("ar": right to left).
    language: str = ""
    # Failed on the database's side (a lock timeout, a dropped connection), not on
    # the copy: the same file may well import on a second try.
    may_retry: bool = False

    def as_dict(self):
        record = asdict(self)
        for preview_only in ("standfirst", "dateline", "section", "body", "language", "may_retry"):
            record.pop(preview_only)
        return record


def max_bytes():
    """The largest file of copy the import takes, in bytes (``IMPORT_MAX_BYTES``).

    Its default is the setting's own (newsroom/settings.py): one place to change it.
    """
    return settings.IMPORT_MAX_BYTES


def describe_size(size):
    """``size`` bytes as a writer reads them: "800 KB", "1.5 MB", "2 MB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    return f"{max(1, round(size / 1024))} KB"


def check_size(size):
    """Refuse copy over ``settings.IMPORT_MAX_BYTES`` before reading all of it."""
    limit = max_bytes()
    if size > limit:
        raise ImportRejected(
            f"the file is {describe_size(size)}, over the {describe_size(limit)} limit "
            "for imported copy"
        )


SAVE_AS_TEXT = "save it as plain text (.txt) and choose it again"
# Files a desk chooses by mistake, by their name's ending, each with what to do
# instead. An editor reads these beside the file's name: "interview.docx: a
# Word document — …".
NOT_PLAIN_TEXT = {
    **dict.fromkeys(
        (".doc", ".docx", ".docm", ".dot", ".dotx"), f"a Word document — {SAVE_AS_TEXT}"
    ),
    ".rtf": f"a Rich Text (RTF) document — {SAVE_AS_TEXT}",
    ".odt": f"an OpenDocument text — {SAVE_AS_TEXT}",
    ".pages": f"a Pages document — {SAVE_AS_TEXT}",
    ".pdf": "a PDF — copy its text into a plain-text (.txt) file and choose that",
    **dict.fromkeys(
        (".htm", ".html", ".mht", ".mhtml", ".webarchive"),
        "a saved web page — save it from the browser as text (.txt) and choose it again",
    ),
    **dict.fromkeys(
        (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".tif", ".tiff"),
        "a picture, not copy — only plain-text (.txt) files can be imported",
    ),
}


# Text the importer reads as it reads copy (it strips a page's HTML): a file
# given on the command line may be one.
_WEB_PAGES = frozenset((".htm", ".html", ".mht", ".mhtml", ".webarchive"))


def check_file_name(name, *, any_text=False):
    """Refuse a file whose name says it is not plain text, telling the editor what to do.

    Judged by the name, before the bytes: a Word document would be refused
    only as "binary", which does not say how to fix it, and an RTF document is
    text, so its markup would be imported as the story's copy. With
    ``any_text`` (the command line, which takes whatever files it is given)
    only documents and pictures are refused; other names, a saved web page's
    included, are read as text.
    """
    suffix = PurePath(name).suffix.lower()
    if suffix == ".txt":
        return
    if any_text and (suffix not in NOT_PLAIN_TEXT or suffix in _WEB_PAGES):
        return
    raise ImportRejected(
        NOT_PLAIN_TEXT.get(
            suffix, f"not a plain-text file: only .txt files can be imported — {SAVE_AS_TEXT}"
        )
    )


def read_copy(raw):
    """Decode the bytes of a copy file; return ``(text, warnings)``.

    UTF-8 first (with or without a byte-order mark), UTF-16 when the file
    starts with its byte-order mark or its NUL bytes fall as UTF-16's do (with
    a warning), then for each line that is not UTF-8 the one-byte encoding it
    reads best in, Windows-1252 (what Word and older agency systems write)
    unless a Cyrillic or Greek one fits better, with a warning naming them,
    since a wrong guess shows as odd accented letters. Raises
    :class:`ImportRejected` for empty, oversized and binary files.
    """
    check_size(len(raw))
    if not raw.strip():
        raise ImportRejected("the file is empty")
    warnings = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportRejected("the file could not be read as UTF-16 text") from exc
    elif b"\x00" in raw:
        encoding = _utf16_without_mark(raw)
        if encoding is None:
            raise ImportRejected("the file looks binary (it contains NUL bytes), not plain text")
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ImportRejected("the file could not be read as UTF-16 text") from exc
        warnings.append(
            f"the file is UTF-16 without a byte-order mark; it was read as {encoding.upper()}: "
            "check the text"
        )
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, warning = _utf8_with_cp1252_lines(raw)
            warnings.append(warning)
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f\v"
    )
    if controls > BINARY_CONTROL_SHARE * len(text):
        raise ImportRejected("the file looks binary (mostly control characters), not plain text")
    if not text.strip():
        raise ImportRejected("the file is empty")
    return text, warnings


def _utf8_with_cp1252_lines(raw):
    """``(text, warning)`` for bytes that are not all UTF-8: the lines that are not are
    read in the one-byte encoding they read best in, Windows-1252 unless another fits.

    Wire copy is often pieced together: a UTF-8 file with a paragraph pasted
    from a Word document keeps that paragraph's letters in Windows-1252. Read
    whole as Windows-1252, every UTF-8 letter of the rest turned into two
    ("Bogotá" became "BogotÃ¡"); read line by line, only the pasted lines
    need checking, and the warning says which. A file with no UTF-8 letters
    at all is a file in one such encoding: Windows-1252 for Western European
    copy, but Russian, Ukrainian or Greek copy from older systems comes in
    Windows-1251, KOI8 or ISO 8859-7, which read as Windows-1252 made
    "Öåíòðîáàíê" of "Центробанк" (``_one_byte_encoding``). Raises
    :class:`ImportRejected` when a line is none of them.
    """
    lines = raw.removeprefix(codecs.BOM_UTF8).splitlines(keepends=True)
    not_utf8, utf8_letters = [], False
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            not_utf8.append(number)
        else:
            utf8_letters = utf8_letters or not line.isascii()
    encoding, name = _one_byte_encoding(b"".join(lines[number - 1] for number in not_utf8))
    decoded = []
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode(encoding if number in not_utf8 else "utf-8"))
        except UnicodeDecodeError as exc:
            raise ImportRejected(
                f"the file is not text: it cannot be read as UTF-8 or {name}"
            ) from exc
    if not utf8_letters:
        check = (
            "check accented letters and quotation marks"
            if encoding == "cp1252"
            else "check the text"
        )
        warning = f"the file is not UTF-8; it was read as {name} ({encoding}): {check}"
    else:
        shown = ", ".join(map(str, not_utf8[:10])) + (", …" if len(not_utf8) > 10 else "")
        warning = (
            f"the file mixes encodings: {len(not_utf8)} of its {len(lines)} lines "
            f"(line {shown}) are not UTF-8 and were read as {name} ({encoding}): "
            "check accented letters and quotation marks there"
        )
    return "".join(decoded), warning


# The one-byte encodings wire copy still comes in, the first the fallback:
# (Python's name, what the warning calls it).
ONE_BYTE_ENCODINGS = {
    "cp1252": "Windows-1252",
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8_r": "KOI8-R (Russian)",
    "koi8_u": "KOI8-U (Ukrainian)",
    "cp1253": "Windows-1253 (Greek)",
    "iso8859_7": "ISO 8859-7 (Greek)",
}
_CYRILLIC_OR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


def _one_byte_encoding(raw):
    """``(encoding, name)``: which of ``ONE_BYTE_ENCODINGS`` ``raw`` reads best in.

    charset-normalizer weighs each reading by how its letters fall (a language's
    common letters, case, runs of one script): "Центробанк" in Windows-1251
    reads as Cyrillic there, as "Öåíòðîáàíê" in Windows-1252. Another
    encoding than Windows-1252 is taken only when most of its letters are
    Cyrillic or Greek: Western copy reads alike in several of them, and a
    short pasted line gives little to weigh.
    """
    found = from_bytes(raw, cp_isolation=list(ONE_BYTE_ENCODINGS)).best() if raw else None
    if found is not None and found.encoding in ONE_BYTE_ENCODINGS:
        text = str(found)
        if len(_CYRILLIC_OR_GREEK.findall(text)) * 2 > len(_ANY_LETTER.findall(text)):
            encoding = max(
                _KINDRED.get(found.encoding, (found.encoding,)),
                # The first of equals is the one found.
                key=lambda each: (_letters_in(raw, each), each == found.encoding),
            )
            return encoding, ONE_BYTE_ENCODINGS[encoding]
    return "cp1252", ONE_BYTE_ENCODINGS["cp1252"]


# Encodings that differ in a few letters only, which a reading of the rest
# cannot tell apart: the one that makes those bytes letters is the one. "Ά" is
# 0xB6 in ISO 8859-7 and "¶" in Windows-1253; "і" is 0xA6 in KOI8-U and a
# box-drawing line in KOI8-R.
_KINDRED = {
    "cp1253": ("cp1253", "iso8859_7"),
    "iso8859_7": ("cp1253", "iso8859_7"),
    "koi8_r": ("koi8_r", "koi8_u"),
    "koi8_u": ("koi8_r", "koi8_u"),
}


def _letters_in(raw, encoding):
    try:
        return len(_ANY_LETTER.findall(raw.decode(encoding)))
    except UnicodeDecodeError:
        return -1


def _utf16_without_mark(raw):
    """``"utf-16-le"`` or ``"utf-16-be"`` for text saved as UTF-16 with no byte-order mark.

    Some Windows tools write it so. Its Latin letters, digits, spaces and line
    breaks each take a NUL byte beside them, always on the same side: after
    the letter (little-endian) or before it (big-endian). A binary file has its
    NULs on both sides. None if the NULs do not fall that way.
    """
    if len(raw) % 2:
        return None
    first, second = raw[0::2], raw[1::2]
    nuls_first, nuls_second = first.count(0), second.count(0)
    half = len(raw) // 2
    if nuls_second >= half * 0.3 and nuls_first == 0:
        return "utf-16-le"
    if nuls_first >= half * 0.3 and nuls_second == 0:
        return "utf-16-be"
    return None


def _comparable(text):
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _may_open(user, article):
    """May the person importing see ``article``? Yes from the command line (no user)."""
    from articles.services import can_preview

    return user is None or can_preview(user, article)


def find_near_duplicate(headline, lead):
    """A story created in the last 7 days whose headline and standfirst read like these.

    Returns ``(article_id, headline, ratio)`` or None. Imported stories keep the
    lead's opening in their standfirst, so headline + standfirst is compared
    with the new copy's headline + standfirst.
    """
    since = timezone.now() - timedelta(days=NEAR_DUPLICATE_DAYS)
    key = _comparable(f"{headline} {lead}")
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(key)
    best = None
    recent = Article.objects.filter(created_at__gte=since).values_list(
        "pk", "headline", "standfirst"
    )
    for pk, other_headline, other_standfirst in recent.iterator():
        matcher.set_seq1(_comparable(f"{other_headline} {other_standfirst}"))
        if matcher.real_quick_ratio() < NEAR_DUPLICATE_RATIO:
            continue
        if matcher.quick_ratio() < NEAR_DUPLICATE_RATIO:
            continue
        ratio = matcher.ratio()
        if ratio >= NEAR_DUPLICATE_RATIO and (best is None or ratio > best[2]):
            best = (pk, other_headline, ratio)
    return best


def _match_source(name):
    """An existing source called ``name``, ignoring a leading "The".

    Names are compared as the admin compares them (``Source.objects.named``):
    case, accents and invisible characters aside.
    """
    bare = re.sub(r"^the\s+", "", name, flags=re.I)
    return Source.objects.named(name, bare, f"The {bare}")


def _known_names(names):
    """The names of a "Source:" line as the desk's sources have them.

    The parser splits at "and" and keeps names whole at "&" by rules that
    cannot tell every name from two (``articles.importer._split_at_and``).
    Two parts are joined again when the desk has the whole as a source ("Food
    and Agriculture Organization"); a name kept whole is split when the desk
    has no source by that name but has each part ("Ministry of Finance" and
    "Eurostat"). Each is an indexed lookup (``Source.objects.named``): a few
    for a line of a few names.
    """
    known = []
    index = 0
    while index < len(names):
        name = names[index]
        if index + 1 < len(names):
            following = names[index + 1]
            whole = next(
                (
                    f"{name}{join}{following}"
                    for join in (" & ", " and ")
                    if _match_source(f"{name}{join}{following}") is not None
                ),
                None,
            )
            if whole is not None:
                known.append(whole)
                index += 2
                continue
        parts = re.split(r"\s+(?:&|and)\s+", name, flags=re.I)
        if (
            len(parts) > 1
            and _match_source(name) is None
            and all(_match_source(part) is not None for part in parts)
        ):
            known.extend(parts)
        else:
            known.append(name)
        index += 1
    return known


def _without_marks(text):
    """``text`` in lower case without its accents: "Αθήνα" and "ΑΘΗΝΑ" → "αθηνα"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def desk_dateline_spelling(place):
    """``place`` as the desk's stories spell it, or ``place`` if they never have.

    Greek is written without accents in capitals ("ΑΘΗΝΑ" is "Αθήνα"), and
    the AP writes "BOGOTA, Colombia (AP) —" without them too: the place read
    from the dateline's capitals lacks accents the desk's own datelines have.
    The dateline the desk has used most that differs from ``place`` only in
    accents and capitals is taken, so the story's dateline matches the rest;
    ``place`` itself when it is used as often, or no other is.
    """
    key = _without_marks(place)
    if not key:
        return place
    used = (
        Article.objects.alias(chars=Length("dateline"))
        .filter(chars=len(place))
        .values_list("dateline")
        .annotate(times=models.Count("pk"))
        .order_by("-times", "dateline")
    )
    spellings = [(times, dateline) for dateline, times in used if _without_marks(dateline) == key]
    own = next((times for times, dateline in spellings if dateline == place), 0)
    if spellings and spellings[0][0] > own:
        return spellings[0][1]
    return place


def _agency_source(agency):
    """The known source a dateline's "(Reuters)" names, by name or slug, or None.

    An agency named in another script ("رويترز", "新华社") is also looked for
    under the name it signs with in Latin letters, as a desk knows it.
    """
    for name in dict.fromkeys(filter(None, (agency, agency_latin_name(agency)))):
        source = _match_source(name) or Source.objects.filter(slug__iexact=name).first()
        if source is not None:
            return source
    return _source_quoting(agency)


# An agency's official name holds its short one in quotation marks: "Агентство
# «Интерфакс»", 'Agencia "EFE"'.
_QUOTED_NAME = re.compile(r"[«“„\"]([^«»“”„\"]{2,60})[»”“\"]")


def _source_quoting(name):
    """The one known source whose name holds ``name`` in quotation marks, or None.

    The dateline says "(Интерфакс)"; the desk's source is "Агентство «Интерфакс»".
    """
    key = name_key(name)
    if not key:
        return None
    quoting = [
        source
        for source in Source.objects.filter(name__icontains=name.strip()).only("pk", "name")[:20]
        if any(name_key(quoted) == key for quoted in _QUOTED_NAME.findall(source.name))
    ]
    return quoting[0] if len(quoting) == 1 else None


def _agency_by_initials(agency):
    """The one known source whose initials a dateline's "(AFP)" may be, or None.

    Agencies sign with their initials ("dpa" is Deutsche Presse-Agentur), but
    initials are a guess ("AP" is also Agenzia Parlamentare): only suggested.
    "أ ف ب" is AFP's in Arabic copy.
    """
    wanted = (agency_latin_name(agency) or agency).casefold()
    fits = [
        source for source in Source.objects.only("pk", "name") if _initials(source.name) == wanted
    ]
    return fits[0] if len(fits) == 1 else None


def _initials(name):
    """ "Agence France-Presse" → "afp", "The Associated Press" → "ap"; none for one word."""
    words = re.findall(r"\w+", re.sub(r"^the\s+", "", name, flags=re.I))
    return "".join(word[0] for word in words).casefold() if len(words) > 1 else ""


# What an outlet adds to its name for one of its services or editions: "Al
# Jazeera English", "Reuters News", "Kestrel Times Online". Other words make
# another outlet's name ("Sun Sentinel" is not "The Sun"), but after initials,
# which outlets brand their services with ("BBC Wales", "CNN International").
_EDITION_WORDS = frozenset(
    {
        *("news", "online", "digital", "international", "english", "world", "service"),
        *("radio", "tv", "television", "live", "weekly", "weekend", "daily", "wire"),
    }
)


def _names_one_outlet(name, other):
    """Whether ``name`` and ``other`` are one outlet's names, however the copy gives it.

    "the BBC" and "BBC"; a name and the same name with more of it ("BBC" and
    "BBC News", "BBC Wales", "Al Jazeera" and "Al Jazeera English"; not "The
    Times" and "The Times of India", nor "The Sun" and "Sun Sentinel");
    initials and the name they stand for ("AFP" and "Agence France-Presse").
    """
    words, other_words = (
        re.sub(r"^the\s+", "", each, flags=re.I).split() for each in (name, other)
    )
    if not words or not other_words:
        return False
    shorter, longer = sorted((words, other_words), key=len)
    if list(map(name_key, longer[: len(shorter)])) == list(map(name_key, shorter)):
        more = longer[len(shorter) :]
        return not more or more[0][:1].isupper() and (
            (len(shorter) == 1 and shorter[0].isupper() and len(shorter[0]) > 1)
            or all(word.casefold() in _EDITION_WORDS for word in more)
        )
    return name_key(" ".join(shorter)) == _initials(" ".join(longer))


def _names_in(name, text):
    """Whether ``text`` names the outlet ``name`` as whole words.

    Its "The" may be in small letters in a sentence: "… reported by the Times
    of India" names "The Times of India".
    """
    article = re.match(r"the\s+", name, flags=re.I)
    rest = name[article.end() :] if article else name
    wanted = rf"(?i:the)\s+{re.escape(rest)}" if article else re.escape(name)
    return re.search(rf"(?<!\w){wanted}(?!\w)", text) is not None


def _cited_sources(parsed, origin_ids, origin_names):
    """Known sources named in the copy's attribution sentences, in order of mention.

    A pattern may catch more than the outlet's name ("The Kyiv Independent
    newspaper"), so besides matching each caught name, the attribution
    sentences are searched for the names of known sources as whole words.
    Outlets that match nothing are returned by name, to be listed for the editor.
    The origin is not cited by its own copy, under any of its names
    (``origin_names``): the BBC's story that says "…, BBC News reported."
    cites no one, nor does AP's that says "…, he told The Associated Press."
    """

    def is_origin(name):
        return any(_names_one_outlet(name, origin) for origin in origin_names)

    cited, unknown = [], []
    for name in parsed.outlet_mentions:
        if is_origin(name):
            continue
        source = _match_source(name)
        if source is None:
            unknown.append(name)
        elif source.pk not in origin_ids and source not in cited:
            cited.append(source)
    if parsed.attribution_sentences:
        text = "\n".join(parsed.attribution_sentences)
        for source in Source.objects.exclude(pk__in=origin_ids).only("pk", "name"):
            if source in cited or is_origin(source.name):
                continue
            if _names_in(source.name, text):
                cited.append(source)
                unknown = [n for n in unknown if source.name.casefold() not in n.casefold()]
    return cited, unknown


def _origin_source(name, outcome, *, dry_run, may_create, role="origin source"):
    """The source ``name`` matches, or a new one; None if new and ``may_create`` is false.

    ``role`` is how the editor is told it will be credited.
    """
    source = _agency_source(name)
    if source is None and may_create and not dry_run:
        # Another import may be making this source now: wait for it, then look again.
        _lock_new_names()
        source = _agency_source(name)
    if source is not None:
        outcome.detected.append(f"{role}: {source.name} (existing)")
        return source
    if tags := html_tags_in(name):
        # A tag the copy's HTML cleaning did not know ("Source: <Wire>"): a
        # source's name is shown as typed, and the admin refuses tags in it
        # (articles.fields.NameField), so none is made with them. The story
        # is imported all the same, and the editor told.
        outcome.warnings.append(
            f"{role} “{name}” has HTML in it ({quoted_tags(tags)}), which a source's name "
            "may not: an editor adds the source under its name alone, then credits it "
            "before publishing"
        )
        return None
    if not may_create:
        # A source's page is public: those who may not add sources do not
        # make one by importing copy.
        outcome.warnings.append(
            f"{role} “{name}” is not a known source, and only editors add sources: "
            "ask one to add it, then credit it before publishing"
        )
        return None
    source = Source(
        name=name[:150],
        kind=Source.Kind.AGENCY if is_agency_name(name) else Source.Kind.OTHER,
        notes="Created by the wire-copy importer; check its kind and home page.",
    )
    source.slug, made_from_name = slug_for_name(source, "source")
    source.save()
    # A dry run's rows are rolled back: its preview speaks of what will happen.
    state = "new source, will be created" if dry_run else "new source created"
    outcome.detected.append(f"{role}: {source.name} ({state})")
    if not made_from_name:
        outcome.warnings.append(stand_in_warning(source, "source"))
    return source


def _byline_author(bio, section, outcome, *, dry_run, may_create):
    """The author the bio names: an existing one untouched, or a new one from the bio.

    None when there is none and ``may_create`` is false; the bio is then kept
    in the warning (and so in the story's import record) for an editor.
    """
    # As the name would be stored: a zero-width space pasted into it goes.
    same_name = Author.objects.filter(name__iexact=strip_invisible(bio.name)).order_by("pk")
    author = same_name.first()
    if author is None and may_create and not dry_run:
        # Another import may be making this author now: wait for it, then look again.
        _lock_new_names()
        author = same_name.first()
    if author is not None:
        outcome.detected.append(f"byline: {author.name} (existing author; bio kept)")
        return author
    if not may_create:
        outcome.warnings.append(
            f"{bio.name} has no author profile, and only editors add authors: ask one to "
            f"add it, then add the byline. The wire's note: “{bio.text}”"
        )
        return None
    # A job title is shown as typed, and the admin refuses HTML tags in it
    # (articles.fields.LabelField): one with tags the copy's cleaning did not
    # know ("a <wire>reporter</wire>") is left for the editor. The bio's name
    # cannot hold one: it is read as words with capitals (importer._NAME).
    job_title_tags = html_tags_in(bio.job_title)
    job_title = "" if job_title_tags else bio.job_title
    # The bio refuses tags too (articles.fields.PlainTextField): its words are
    # kept and the tags left out, so the profile opens and saves as it is.
    bio_text = text_without_html_tags(bio.text) if html_tags_in(bio.text) else bio.text
    author = Author(name=bio.name, job_title=job_title, bio=bio_text, beat=section)
    author.slug, made_from_name = slug_for_name(author, "author")
    author.save()
    state = ", ".join(
        filter(None, ["new author", job_title, "will be created" if dry_run else ""])
    )
    outcome.detected.append(f"byline: {author.name} ({state})")
    if job_title_tags:
        outcome.warnings.append(
            f"{author.name}'s job title in the bio, “{bio.job_title}”, has HTML in it "
            f"({quoted_tags(job_title_tags)}), so the profile has none: type it on their "
            "author page"
        )
    if not made_from_name:
        outcome.warnings.append(stand_in_warning(author, "author"))
    # Author pages speak of their writers in the third person; a bio filed as
    # "I am …" is kept word for word (nothing is lost) for an editor to reword.
    outcome.warnings.append(
        f"{author.name}'s profile bio is the wire's first-person note; "
        "reword it in the third person on their author page"
    )
    return author


def _bylined_authors(parsed, outcome, bio_author):
    """The authors of the story in byline order: a "By …" line's, then the bio's.

    A name on a "By …" line is matched to an existing author, never made
    into one: unlike a bio, the line says nothing of who they are. An
    unknown name is left for the editor, with a known author whose name is
    close to it ("Ana Sousa" for "Ana Souza") suggested.
    """
    bio_name = parsed.bio.name.casefold() if parsed.bio else None
    authors = []
    for name in parsed.byline_names:
        if name.casefold() == bio_name:
            author = bio_author
        else:
            author = Author.objects.filter(name__iexact=name).order_by("pk").first()
            if author is not None:
                outcome.detected.append(f"byline: {author.name} (existing author)")
            elif (outlet := _source_named(name)) is not None:
                # "By Ana Morales, Andean Almanac": the outlet she writes for, a
                # known source, not a second writer to make a profile for.
                outcome.detected.append(
                    f"byline: {name} is the source {outlet.name}, not a writer; "
                    "credit it if the story is theirs"
                )
            else:
                outcome.warnings.append(_unknown_byline_warning(name))
        if author is not None and author not in authors:
            authors.append(author)
    if bio_author is not None and bio_author not in authors:
        authors.append(bio_author)
    return authors


def _source_named(name):
    """The source called ``name``, with or without "The" ("Andean Almanac" is
    "The Andean Almanac"), or None."""
    bare = re.sub(r"(?i)^the\s+", "", name)
    return Source.objects.named(name, bare, f"The {bare}")


def _unknown_byline_warning(name):
    names = dict(Author.objects.values_list("name", "pk"))
    by_folded = {known.casefold(): known for known in names}
    close = difflib.get_close_matches(name.casefold(), by_folded, n=1, cutoff=0.85)
    if close:
        return (
            f"the byline names {name}, who has no author profile; it may be "
            f"{by_folded[close[0]]}: add them to the byline if so, before publishing"
        )
    # Said to whoever imports, and kept in the story's import note for whoever
    # reads it later: an editor was told to "ask an editor".
    return (
        f"the byline names {name}, who has no author profile: an editor adds one (the “+” "
        "beside the byline on the story form), then the byline, before publishing"
    )


def import_note(name, outcome, when=None):
    """The editor-facing record of an import, stored in ``Article.import_note``."""
    when = timezone.localtime(when or timezone.now())
    lines = [f"Imported from {name} on {date_format(when, DESK_DATETIME_FORMAT)}."]
    for title, items in (
        ("Removed", outcome.removed),
        ("Detected", outcome.detected),
        ("Warnings", outcome.warnings),
    ):
        if items:
            lines.append(f"{title}:")
            lines.extend(f"- {item}" for item in items)
    return "\n".join(lines)


def import_copy(
    name,
    raw,
    *,
    section=None,
    headline="",
    publish=False,
    dry_run=False,
    user=None,
    batch=None,
):
    """Import one file of copy and say what happened; never raises for bad input.

    ``name`` is the file name shown to editors, ``raw`` its bytes. New stories
    arrive in review; with ``publish`` they go through the workflow's
    pre-publish checklist, and a story the checklist refuses stays in review
    with the reasons listed. ``dry_run`` does everything and rolls it back.
    ``batch`` (a dict, shared by the calls for one batch of files) names the
    copy met so far: a dry run rolls its story back, so without it the same
    copy twice in a batch was previewed as two stories, and made one.
    """
    outcome = ImportOutcome(file=name)
    try:
        text, outcome.warnings = read_copy(raw)
        parsed = parse_copy(text, headline=headline)
        outcome.removed = [str(removal) for removal in parsed.removals]
        if not parsed.has_body:
            raise ImportRejected("nothing is left to import once ad CSS and page junk are removed")
        outcome.headline = parsed.headline
        if batch is not None:
            earlier = batch.get(parsed.fingerprint)
            if earlier is None:
                batch[parsed.fingerprint] = name
            else:
                outcome.status = DUPLICATE
                outcome.same_as = earlier
                outcome.warnings.append(
                    f"the same copy as {earlier}, earlier in this batch; "
                    "it is imported once"
                )
                return outcome
        # On the primary (a replica a moment behind would not know the copy
        # imported a moment ago), and holding the copy's lock from the check
        # to the commit, so that two imports of one file make one story.
        with primary_only(), transaction.atomic():
            _lock_copy(parsed.fingerprint)
            existing = _imported_before(parsed.fingerprint)
            if existing is None:
                article = _create_story(
                    parsed, name, outcome, section=section, user=user, dry_run=dry_run
                )
                if dry_run:
                    transaction.set_rollback(True)
                else:
                    _record_first_version(article, name, user)
        if existing is not None:
            outcome.status = DUPLICATE
            if not _may_open(user, existing):
                # A colleague's story: not even its headline or number (it may be
                # an embargoed draft). The file's own headline is the reader's own.
                outcome.warnings.append(
                    "the same copy was already imported as a story you cannot open; "
                    "nothing created"
                )
                return outcome
            outcome.article_id = existing.pk
            outcome.headline = existing.headline
            outcome.url = existing.get_absolute_url()
            outcome.warnings.append(
                f"the same copy was already imported as story #{existing.pk}; nothing created"
            )
            return outcome
    except ImportRejected as exc:
        outcome.status = FAILED
        outcome.errors.append(str(exc))
        return outcome
    except BodyRefused as refused:
        # The importer writes copy as plain paragraphs, so only length can do
        # this (copy near the file limit, "&" written "&amp;"): the editor is told.
        outcome.status = FAILED
        outcome.errors.append(f"the story it makes cannot be saved. {refused.message}")
        return outcome
    except Exception as exc:  # One bad file must not stop a batch; the log has the traceback.
        logger.exception("Importing %s failed", name)
        outcome.status = FAILED
        # A lost connection or a lock timeout, not a row the copy cannot make
        # (IntegrityError, DataError), which would fail the same way again.
        outcome.may_retry = isinstance(exc, OperationalError | InterfaceError)
        # The error's own words stay in the log: a database's message can quote
        # its SQL and rows, and the import page is shown to writers.
        outcome.errors.append(
            f"it could not be imported: an error on our side ({type(exc).__name__}), "
            "which the server's log describes; nothing was created from it"
        )
        return outcome

    outcome.url = article.get_absolute_url()
    outcome.standfirst = article.standfirst
    outcome.dateline = article.dateline
    outcome.section = str(article.section) if article.section_id else ""
    outcome.body = article.body
    outcome.language = article.language
    if dry_run:
        outcome.status = DRY_RUN
        return outcome
    outcome.status = CREATED
    outcome.article_id = article.pk
    if publish:
        _publish(article, outcome, user=user)
    return outcome


def _lock_copy(fingerprint):
    """Wait for, then hold until the transaction ends, the lock on one copy's fingerprint.

    A PostgreSQL advisory lock, keyed on the fingerprint: two editors confirming
    the same file at once (or two workers of a batch) take turns, and the second
    finds the first one's story. SQLite (a laptop's database) has no such lock:
    there, two imports of one file in the same second can still make two
    stories. A unique constraint on the column would hold on both, but would
    also stop a deleted story from being recovered once its copy was imported
    again.
    """
    _advisory_lock(fingerprint)


# The key of the lock an import holds while it makes a source, an author or a story's slug.
NEW_NAMES_LOCK = "import: new sources, authors and slugs"


def _lock_new_names():
    """Wait for, then hold until the transaction ends, the lock on choosing new names.

    Two imports naming the same new source ("Source: Meridian News Service",
    or "MÉRIDIAN news service") at once both found none and both made one:
    two pages and two sets of credits, or, spelt alike, a unique name's
    error and a failed file. Two stories headlined alike both chose the
    same free slug, and the second failed. The second import now waits for
    the first's commit and finds its source, or the slug taken. One key for
    every name, the only advisory lock taken after the copy's own, so two
    imports never wait for each other's in turn. Held to the end of the
    import's transaction (the publish, when it publishes): imports that make
    rows take turns, previews (rolled back) take none.
    """
    _advisory_lock(NEW_NAMES_LOCK)


def _advisory_lock(key):
    """A PostgreSQL advisory lock on ``key`` until the transaction ends; nothing elsewhere."""
    connection = connections[router.db_for_write(Article)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def _imported_before(fingerprint):
    """The story already made from copy with this fingerprint, or None."""
    return (
        Article.objects.filter(content_fingerprint=fingerprint)
        .select_related("section")
        .order_by("pk")
        .first()
    )


def _create_story(parsed, name, outcome, *, section, user, dry_run):
    """Create the story, its byline and source credits; fill ``outcome`` as it goes."""
    detected = outcome.detected
    detected.append(
        "headline derived from the lead" if parsed.headline_derived else "headline as given"
    )
    if parsed.standfirst_given:
        detected.append("standfirst as given, above the dateline")
    elif parsed.standfirst:
        detected.append("standfirst taken from the lead; the body starts after it")
        if parsed.headline_derived:
            # Both come from the lead's first sentence: they read the same.
            outcome.warnings.append(
                "the copy has no headline: the one made from the lead repeats the "
                "standfirst; write a headline before publishing"
            )
    elif parsed.lead_introduces_what_follows:
        outcome.warnings.append(
            "no standfirst: the lead ends in a colon, introducing what follows it, and "
            "stays over it in the body; write a standfirst before publishing"
        )
    elif parsed.live_blog:
        outcome.warnings.append(
            "no standfirst: a live blog's first entry is news, not a summary, and stays "
            "under its time; write a standfirst before publishing"
        )
    else:
        outcome.warnings.append(
            "no standfirst: the copy is one short paragraph, kept as the body; "
            "write a standfirst before publishing"
        )
    dateline = desk_dateline_spelling(parsed.dateline) if parsed.dateline else ""
    if dateline:
        respelt = "; spelt as the desk’s stories spell it" if dateline != parsed.dateline else ""
        detected.append(f"dateline: {dateline} ({parsed.dateline_reason}{respelt})")
    near = find_near_duplicate(parsed.headline, parsed.standfirst)
    if near is not None:
        similar = f"{near[2]:.0%} similar headline and lead, last {NEAR_DUPLICATE_DAYS} days"
        if _may_open(user, Article.objects.only("created_by_id").get(pk=near[0])):
            outcome.warnings.append(f"near-duplicate of story #{near[0]} “{near[1]}” ({similar})")
        else:
            # Kept in the story's import note, which editors read later too: no "you".
            # Nor how similar it is: a writer trying headlines in dry runs could
            # otherwise home in on a colleague's embargoed draft ("99%", "100%").
            outcome.warnings.append(
                "near-duplicate of a colleague's story, which an editor can find "
                f"(last {NEAR_DUPLICATE_DAYS} days)"
            )

    # Run from the command line (no user), the importer may add both.
    may_add_sources = user is None or user.has_perm("sources.add_source")
    may_add_authors = user is None or user.has_perm("authors.add_author")
    # "PARIS (AFP) - … Source: Eurostat": the copy is the agency's, and the
    # "Source:" line credits the figures in it. The line's news agencies (known
    # to the desk as agencies, or wires the importer knows by name) are the
    # origin, and its other names are cited: "Source: Reuters, Eurostat". A
    # line that names no agency, under a dateline naming one the desk knows,
    # leaves that agency the origin; with neither, the line's names are.
    parsed.origin_sources = _known_names(parsed.origin_sources)
    named = [(named_as, _agency_source(named_as)) for named_as in parsed.origin_sources]
    line_agencies = {
        named_as
        for named_as, source in named
        if is_agency_name(named_as) or (source is not None and source.kind == Source.Kind.AGENCY)
    }
    dateline_source = (
        _agency_source(parsed.dateline_agency)
        if parsed.dateline_agency and parsed.origin_sources and not line_agencies
        else None
    )
    origins, credited = [], []
    for named_as, _source in named:
        is_origin = named_as in line_agencies or (not line_agencies and dateline_source is None)
        source = _origin_source(
            named_as,
            outcome,
            dry_run=dry_run,
            may_create=may_add_sources,
            role="origin source" if is_origin else "cited source",
        )
        # "Source: Reuters, AFP, reuters" credits Reuters once.
        if source is not None and source not in origins and source not in credited:
            (origins if is_origin else credited).append(source)
    if dateline_source is not None:
        credited = [source for source in credited if source != dateline_source]
        origins = [dateline_source]
        outcome.detected.append(
            f"origin source: {dateline_source.name} (existing; named in the dateline as "
            f"“{parsed.dateline_agency}”, the “Source:” line names no agency)"
        )
    if not parsed.origin_sources and parsed.dateline_agency:
        # "PARIS (AFP) -": the agency's own copy. Credited when the desk knows
        # the agency; never created from a dateline alone.
        agency = parsed.dateline_agency
        source = _agency_source(agency)
        guess = None if source is not None else _agency_by_initials(agency)
        if source is not None:
            origins.append(source)
            outcome.detected.append(
                f"origin source: {source.name} (existing; named in the dateline as “{agency}”)"
            )
        elif guess is not None:
            outcome.warnings.append(
                f"no “Source:” line; the dateline’s “{agency}” may be {guess.name}: "
                "credit it as the origin source if so, before publishing"
            )
        else:
            outcome.warnings.append(
                f"no “Source:” line, and the dateline’s “{agency}” is not a known source: "
                "add the origin source before publishing"
            )
    elif not parsed.origin_sources:
        outcome.warnings.append("no “Source:” line: add the origin source before publishing")
    # Whose copy it is, as the copy names it too: an origin the desk does not
    # know (or may not add) is no less the origin.
    origin_names = [
        named_as
        for named_as in parsed.origin_sources
        if named_as in line_agencies or (not line_agencies and dateline_source is None)
    ]
    if parsed.dateline_agency and not line_agencies:
        origin_names.append(parsed.dateline_agency)
    origin_names += [
        *filter(None, map(agency_latin_name, origin_names)),
        *(source.name for source in origins),
    ]
    cited, unknown = _cited_sources(parsed, {source.pk for source in origins}, origin_names)
    detected.extend(f"cited source: {source.name}" for source in cited if source not in credited)
    cited = credited + [source for source in cited if source not in credited]
    detected.extend(f"outlet named but not a known source: {other}" for other in unknown)
    bio_author = None
    if parsed.bio:
        bio_author = _byline_author(
            parsed.bio, section, outcome, dry_run=dry_run, may_create=may_add_authors
        )
    elif not parsed.byline_names:
        credit = f" (the wire credits: “{parsed.wire_credit}”)" if parsed.wire_credit else ""
        outcome.warnings.append(f"no author bio at the end: add a byline before publishing{credit}")
    authors = _bylined_authors(parsed, outcome, bio_author)
    if parsed.wire_correction:
        outcome.warnings.append(
            f"the wire corrects a version it sent before: “{parsed.wire_correction}”; if that "
            "version was published, add a correction to it"
        )
    if section is None:
        outcome.warnings.append("no section chosen: choose one before publishing")

    # Another import may be taking this headline's slug now: wait for it, then
    # choose. (A preview is rolled back: it waits for no one.)
    if not dry_run:
        _lock_new_names()
    slug, headline_in_latin = story_slug(
        Article, parsed.headline, dateline, ARTICLE_SLUG_CHARS
    )
    if not headline_in_latin:
        outcome.warnings.append(headline_stand_in_warning(slug))
    copy = " ".join([parsed.headline, parsed.standfirst, *(text for _kind, text in parsed.blocks)])
    language = None
    site_language = settings.LANGUAGE_CODE.split("-")[0].lower()
    if script := language_from_script(copy):
        # Read right to left, hyphenated and spoken in its own language, not
        # as English: the editor checks the guess (Arabic script writes Persian too).
        language = script[0]
        detected.append(f"language: {language}, from the {script[1]} script (check it)")
    elif (words := language_from_words(copy)) and words != site_language:
        # French or Spanish wire copy, in Latin letters like the site's own.
        language = words
        detected.append(f"language: {language}, from its words (check it)")
    article = Article(
        headline=parsed.headline[:200],
        slug=slug,
        standfirst=parsed.standfirst,
        dateline=dateline[:100],
        body=parsed.body_html,
        section=section,
        status=Article.Status.REVIEW,
        content_fingerprint=parsed.fingerprint,
        **({"language": language} if language else {}),
    )
    if user is not None:
        article.created_by = user
    article.import_note = import_note(name, outcome)
    article.save()
    # The story skips the draft stage: its history says who put it in review,
    # and when, as a writer's "Submit for review" would. Not through
    # services.transition, which checks a move of a story that already exists.
    StatusChange.objects.create(
        article=article,
        user=user,
        from_status=Article.Status.DRAFT,
        to_status=Article.Status.REVIEW,
        note=f"Imported from {name}",
    )
    for position, author in enumerate(authors):
        Byline.objects.create(article=article, author=author, position=position)
    SourceCredit.objects.bulk_create(
        [
            SourceCredit(
                article=article, source=source, role=SourceCredit.Role.ORIGIN, position=position
            )
            for position, source in enumerate(origins)
        ]
        + [
            SourceCredit(
                article=article, source=source, role=SourceCredit.Role.CITED, position=position
            )
            for position, source in enumerate(cited)
        ]
    )
    return article


def _record_first_version(article, name, user):
    """Keep the story as the wire filed it as the first version in its history.

    Editors compare their edits with it and can restore it from the history
    page. The admin registers stories with their bylines and source credits,
    so those are kept in the version too.
    """
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_comment(f"Imported from {name}")
        reversion.set_user(user)


def _publish(article, outcome, *, user):
    """Publish through the workflow; a refused story stays in review with the reasons."""
    from articles import services

    try:
        services.publish(article, user=user)
    except services.PublishBlocked as exc:
        reasons = "; ".join(str(error) for error in exc.checklist.errors)
        outcome.warnings.append(f"imported to review, not published: {reasons}")
    except services.TransitionError as exc:
        outcome.warnings.append(f"imported to review, not published: {'; '.join(exc.messages)}")
    else:
        outcome.published = True
        outcome.detected.append("published on import")
        outcome.url = article.get_absolute_url()
    # An update skips the field's own cleaning; the file name is the uploader's.
    Article.objects.filter(pk=article.pk).update(
        import_note=clean_text(import_note(outcome.file, outcome))
    )
