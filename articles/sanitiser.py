"""The one HTML sanitiser for story bodies.

Every body goes through :func:`clean_body` whenever an article is saved, from the
admin, a management command, an import or the shell. The allowlist is made for
news copy: paragraphs, subheadings, emphasis, links, quotes, lists, figures with
images, simple tables. Everything else is removed, including the content of
``script`` and ``style`` elements.

Every link gets ``rel="noopener noreferrer"``, internal links included: nh3 sets
it on all links, ``noopener`` is harmless on our own pages, and the only cost of
``noreferrer`` there is a missing Referer in our own analytics. One rule is
simpler to trust than a rewrite that must decide which hosts are "ours".

Copy pasted from Word often carries lists as paragraphs that start with a typed
bullet (``<p>·&nbsp;&nbsp;First point</p>``): the browser editor's Word import
misses some of them, and wire copy has them too. :func:`clean_body` turns runs
of such paragraphs into real lists (see ``_lists_from_typed_markers``).

Two spaces typed after a full stop, or no-break spaces pasted in a run
("Tuesday&nbsp;&nbsp;after"), showed readers a double gap: between two words
such a run is one space (``_single_spaced``, docs/decisions/0037), while a
single no-break space ("10&nbsp;km") stays.

A short quotation pasted as ``<q>`` (a browser draws its marks) becomes its
words in typographic quotation marks, “…”, a quotation inside one ‘…’, as the
wire importer writes it: unwrapped, "He called it <q>a disaster</q>" read as
his own words (``QUOTATION_MARKS``).

A story's subheadings are ``<h2>`` to ``<h4>``: the page's ``<h1>`` is its
headline. A heading pasted at another level keeps its place at the nearest
level the story has, ``<h1>`` as ``<h2>`` and ``<h5>``/``<h6>`` as ``<h4>``,
rather than running on as plain text (``PASTED_HEADING_LEVELS``; the editor
renames them by the same table before its own filter can flatten them).

Before nh3 reads a body, :func:`check_body` refuses one it would take out of
all proportion to parse: over a million characters, nested more than 100
deep, or with formatting left open that would be repeated through the rest
(articles/body_limits.py says why each). :class:`BodyRefused` says which to
the person who wrote it; the story and About page forms show it on the field.

:func:`comparable_body` is the body reduced to what a reader sees, so that the
editor re-serialising it (CKEditor indents it, writes ``<strong>`` for ``<b>``,
sorts attributes) does not count as an edit.

:func:`clean_text` is the plain-text counterpart: it takes out the control
characters that Word and wire systems leave in copy (Shift+Enter in Word is a
vertical tab), which XML 1.0 cannot carry, so that one of them in a headline
cannot break the feeds and sitemaps that list the story. Headlines, names and
other plain-text fields are cleaned with it on save (articles/fields.py), and
:func:`html_tags_in` finds the tags a paste from a web page left in them.
"""

import re
import unicodedata
from html import escape
from html.parser import HTMLParser

import nh3

from articles import body_limits
from articles.body_limits import BodyRefused

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "blockquote",
        "ul", "ol", "li", "figure", "figcaption", "img", "table", "thead", "tbody",
        "tr", "th", "td", "caption", "hr",
        # Unwrapped, "10<sup>6</sup> tonnes of CO<sub>2</sub>" read "106 tonnes of CO2".
        "sup", "sub",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
# Removed together with everything inside them, not just unwrapped.
CLEAN_CONTENT_TAGS = frozenset(
    {"script", "style", "iframe", "object", "embed", "form", "textarea", "select",
     "noscript", "template", "svg", "math", "title", "frameset", "frame", "applet"}
)
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


# Line and page breaks (Word's Shift+Enter and Ctrl+Enter paste U+000B and
# U+000C) and the separators U+001C-U+001F part words: each becomes a space,
# as the wire importer's str.split() has always treated them.
_SPACING_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1f]")
# The rest of C0 (tab, line feed and carriage return are text), DEL, the two
# noncharacters XML forbids, and lone surrogates, which cannot be written as
# UTF-8 at all: nothing a reader could see, so they go. PostgreSQL refuses NUL.
_INVISIBLE_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f\ufffe\uffff\ud800-\udfff]")


def clean_text(text):
    """Return plain ``text`` without the control characters XML 1.0 cannot carry.

    Line breaks, page breaks and separators become a space; NUL, DEL and the
    other invisible ones are removed. Tab, line feed and carriage return stay.
    Anything but a string (``None``, say) is returned as it is.
    """
    if not isinstance(text, str):
        return text
    return _INVISIBLE_CONTROLS.sub("", _SPACING_CONTROLS.sub(" ", text))


# Letters that draw nothing: the Hangul fillers and the braille blank. With
# the format characters (category Cf: the zero-width space and joiners, the
# direction marks, the byte-order mark, the soft hyphen) and spaces, text made
# only of them shows readers nothing.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def shows_nothing(text):
    """Whether ``text`` has nothing a reader could see: "", spaces, a lone U+200B."""
    return all(
        char.isspace() or char in _BLANK_LETTERS or unicodedata.category(char) == "Cf"
        for char in text
    )


# An HTML tag as a paste from a web page brings it: "<b>", "</p>", "<script src=…>",
# "<br/>". Not "<2%" or "a < b", which are words, nor the "&" of "AT&T".
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def html_tags_in(text):
    """The distinct HTML tags in plain ``text``, as typed, in order of appearance.

    Plain text is shown to readers escaped, so a tag in it would show as typed;
    ``articles.fields.refuse_html_tags`` refuses it, naming these.
    """
    return list(dict.fromkeys(_HTML_TAG.findall(text or "")))


def without_html_tags(text):
    """Plain ``text`` with each HTML tag ``html_tags_in`` finds made a space, its words kept."""
    return _HTML_TAG.sub(" ", text)


# Tags that end a line of text: taken out, they leave a line break.
_LINE_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section)(?:\s[^<>]*)?/?>", re.I
)


def text_without_html_tags(text):
    """Plain ``text`` with its HTML tags taken out and its words and spacing kept as written.

    A tag inside a line goes without a trace ("the <b>UN</b>'s" reads "the
    UN's", "Le Monde : « Europe »" keeps its spaces); one that ends a line
    (a paragraph, a break) leaves a line break, at most one blank line.
    """
    text = _HTML_TAG.sub("", _LINE_TAG.sub("\n", text))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def quoted_tags(tags):
    """ "“<b>”, “</b>”, “<i>”, …": the first three of ``tags``, as editors are told of them."""
    return ", ".join(f"“{tag}”" for tag in tags[:3]) + (", …" if len(tags) > 3 else "")


# Explicit direction formatting (Unicode's bidirectional algorithm, UAX #9):
# embeddings and overrides end at a PDF, isolates at a PDI, and both at the end
# of a paragraph. An override left open in a name turns every word after it
# around, up to the end of the line it is printed in: "By QA \u202eBidi Person
# and Daniel Okafor" read "By QA nosreP … rofakO leinaD".
_OPENS_EMBEDDING = "\u202a\u202b\u202d\u202e"  # LRE, RLE, LRO, RLO
_OPENS_ISOLATE = "\u2066\u2067\u2068"  # LRI, RLI, FSI
_CLOSES = {"\u202c": _OPENS_EMBEDDING, "\u2069": _OPENS_ISOLATE}  # PDF, PDI
_DIRECTION_FORMATTING = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Where a paragraph ends for the bidirectional algorithm. Browsers send a text
# box's lines with CRLF: a mark closed after the CR made an empty line of its own.
_PARAGRAPH_END = re.compile("(\r\n|[\r\n\x85\u2029])")


def close_direction_marks(text):
    """Return plain ``text`` with each line's direction embeddings, overrides and
    isolates closed where the line ends, and stray closing marks taken out.

    A paste from right-to-left copy can leave one open. Closed, it still sets
    the direction of the words it was meant for, and none beyond them: plain
    text is printed among the page's own words (a byline, a list, a title).
    Direction marks (LRM, RLM, ALM) set no scope and stay. Anything but a
    string is returned as it is.
    """
    if not isinstance(text, str) or not _DIRECTION_FORMATTING.search(text):
        return text
    # Lines and the breaks between them, alternately: the breaks stay as they were.
    parts = _PARAGRAPH_END.split(text)
    return "".join(part if n % 2 else _close_line(part) for n, part in enumerate(parts))


def _close_line(line):
    kept, open_marks = [], []
    for char in line:
        if char in _CLOSES:
            if not open_marks or open_marks[-1] not in _CLOSES[char]:
                # An isolate's PDI also closes embeddings opened inside it.
                if char == "\u2069" and any(m in _OPENS_ISOLATE for m in open_marks):
                    while open_marks[-1] not in _OPENS_ISOLATE:
                        open_marks.pop()
                        kept.append("\u202c")
                else:
                    continue  # closes nothing: dropped
            open_marks.pop()
        elif char in _OPENS_EMBEDDING or char in _OPENS_ISOLATE:
            open_marks.append(char)
        kept.append(char)
    for mark in reversed(open_marks):
        kept.append("\u2069" if mark in _OPENS_ISOLATE else "\u202c")
    return "".join(kept)


# A first pass keeps what Word says about its paragraphs (class="MsoListParagraph",
# style="mso-list:l0 level1 lfo1") so that list items can be told from copy that
# merely starts with "o" or "§"; the second pass removes it with everything else.
_WORD_HINT_ATTRIBUTES = {"p": {"class", "style"}}


# Headings the page has no room for: its own <h1> is the headline, and
# subheadings go three deep. Copy pasted from a web page or Word brings them, and
# nh3 would unwrap them into plain text, so a pasted story lost its structure
# without a word. The first pass keeps them so that they can take the nearest
# level the page has (_nearest_heading_levels); the second never sees them.
PASTED_HEADING_LEVELS = {"h1": "h2", "h5": "h4", "h6": "h4"}

# A short quotation's marks, outside and inside another. <q> is not kept: its
# marks would be the stylesheet's, missing wherever the body is read without
# it (feeds, search, text a reader copies). The first pass keeps it so that
# _quotation_marks can write them; the second never sees it.
QUOTATION_TAG = "q"
QUOTATION_MARKS = (("“", "”"), ("‘", "’"))


def _address_with_a_scheme_or_none(tag, attribute, value):
    """nh3's filter: an address whose colon names no scheme (":", ":x") leads nowhere.

    nh3 reads it as a relative address and keeps it; a picture with it was a
    broken image, and a link a dead one. Without it, the picture goes as one
    with no address does (``_IMAGE_WITHOUT_SOURCE``).
    """
    if attribute in ("href", "src") and value.strip().startswith(":"):
        return None
    return value


def _nh3_clean(html, extra_attributes=None, extra_tags=()):
    attributes = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}
    for tag, attrs in (extra_attributes or {}).items():
        attributes[tag] = attributes.get(tag, set()) | attrs
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS) | set(extra_tags),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes=attributes,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
        attribute_filter=_address_with_a_scheme_or_none,
    )


def check_body(html):
    """Raise :class:`BodyRefused` if :func:`clean_body` would refuse ``html``, saying why.

    Too long, nested too deep, or with formatting left open that parsing would
    repeat out of all proportion (articles/body_limits.py); one pass, in time
    linear in its length. For forms, to say so on the field before saving.
    """
    body_limits.check(clean_text(html))


class _UnshowableLinks(HTMLParser):
    """Pictures and links whose address cleaning would drop, as written."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pictures, self.links = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("img", "a"):
            return
        address = (dict(attrs).get("src" if tag == "img" else "href") or "").strip()
        scheme = _SCHEME.match(address)
        if scheme and scheme.group(1).lower() not in ALLOWED_URL_SCHEMES:
            (self.pictures if tag == "img" else self.links).append(address)


# A URL's scheme, as browsers read it: letters, then digits, "+", "-" or ".".
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def unshowable_addresses(html):
    """``(pictures, links)``: the addresses in ``html`` that cleaning would drop.

    A picture pasted from Word or Outlook points at a file on the writer's
    computer (``file:///C:/…``) or carries its bytes (``data:``), and a link
    may run script (``javascript:``): no reader could load or follow them,
    so :func:`clean_body` removes the picture and the link's address. The
    story form asks the writer to deal with them first rather than drop them
    without a word. Call it after :func:`check_body`, which bounds the input.
    """
    parser = _UnshowableLinks()
    parser.feed(clean_text(html or ""))
    parser.close()
    return parser.pictures, parser.links


def clean_body(html):
    """Return ``html`` reduced to the allowlist; ``clean_body(clean_body(x)) == clean_body(x)``.

    Paragraphs that are list items in disguise become ``<ul>``/``<ol>`` lists,
    and empty paragraphs go. Raises :class:`BodyRefused` (a ``ValueError``)
    for a body that nh3 would take far longer to parse than its length
    warrants (:func:`check_body`), rather than parsing it.
    """
    if not html:
        return ""
    # Before parsing, so that a NUL in an attribute goes rather than turning into
    # U+FFFD; and after it, because nh3 writes "&#11;" out as the character itself.
    text = clean_text(html)
    # The later rounds of nh3 read its own output, where every tag is closed in
    # order and nesting no deeper than checked here: the check is needed once.
    body_limits.check(text)
    hinted = _nh3_clean(text, _WORD_HINT_ATTRIBUTES, (*PASTED_HEADING_LEVELS, QUOTATION_TAG))
    hinted = _quotation_marks(_nearest_heading_levels(hinted))
    # Enter pressed twice, Word's spacer lines, or the paragraph CKEditor adds
    # after a table or image at the end so the cursor can get below it: a gap on
    # the page, no words. Before lists are found, so that typed items with a
    # blank line between them make one list; again after, for what nh3 leaves
    # empty; and before a list item's padding is taken, which it can uncover.
    hinted = _EMPTY_PARAGRAPH.sub("", hinted)
    cleaned = _without_controls(_nh3_clean(_lists_from_typed_markers(hinted)))
    # A picture whose address nh3 refused (data:, javascript:) or that had none
    # would show readers a broken image: it goes, before empty paragraphs do.
    cleaned = _IMAGE_WITHOUT_SOURCE.sub("", cleaned)
    cleaned = _EMPTY_PARAGRAPH.sub("", cleaned)
    # The editor's own Word paste keeps the padding after a bullet it turned into
    # a list item ("<li>&nbsp;&nbsp;&nbsp;First point"), which indents the item.
    cleaned = _LIST_ITEM_PADDING.sub(r"\1", cleaned)
    # After the lists are found: Word pads its bullets with such runs.
    cleaned = _single_spaced(cleaned)
    # The table dialog makes three rows; those left unfilled at the end of the
    # table would show as an empty bordered row.
    return _without_empty_last_rows(cleaned).strip()


def _without_controls(cleaned):
    """nh3's output with the control characters out, and cleaned again if any were in it.

    nh3 writes a reference such as "&#1;" out as the character itself, inside
    attributes too, and a URL with one in its scheme ("java&#1;script:") has
    no scheme nh3 knows, so it passes as a relative link. Taking the character
    out joins the scheme back together: nh3 must see that result, which has
    no control characters and no references to them (it writes "&" as
    "&amp;"), so a second round is the last.
    """
    for _ in range(3):
        text = clean_text(cleaned)
        if text == cleaned:
            return text
        cleaned = _nh3_clean(text)
    return clean_text(cleaned)


# The patterns below only ever see nh3's output. There every "<" opens a tag
# (nh3 escapes it in text and in attribute values), so "[^>]*" stops at the end
# of its own tag and no part of a body is read more than a few times: the cost
# is linear in its length. Raw HTML with "<p " repeated inside one attribute
# value would make _EMPTY_PARAGRAPH quadratic.
_PASTED_HEADING = re.compile(r"<(/?)(h[156])(?=[\s>])")
# nh3 keeps lang and title on any tag.
_QUOTATION = re.compile(rf"<(/?){QUOTATION_TAG}(?:\s[^>]*)?>")
_IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]*\ssrc="[^"])[^>]*>')
_BLANK = r"(?:[ \t\r\n]|&nbsp;|\u00a0|<br>)*"
# A paragraph with nothing a reader could see in it (with Word's attributes, in
# the first pass). Spaces between cleaned tags are only white space.
_EMPTY_PARAGRAPH = re.compile(rf"<p(?:\s[^>]*)?>{_BLANK}</p>")
# A row of blank cells with the white space after it, and a run of such rows.
_EMPTY_ROW = rf"<tr>(?:{_BLANK}<t[dh](?:\s[^>]*)?>{_BLANK}</t[dh]>)+{_BLANK}</tr>{_BLANK}"
_EMPTY_ROWS = re.compile(rf"(?:{_EMPTY_ROW})+")


# Text between two tags, or before the first: in nh3's output no "<" or ">" is
# left in an attribute's value, so nothing here is read inside a tag.
_TEXT = re.compile(r"(?:^|(?<=>))[^<>]+")
_SPACE_RUN = re.compile(r"(?:[ \t\r\n]|&nbsp;|\u00a0){2,}")


def _single_spaced(html):
    """nh3's ``html`` with each run of spaces between two words that holds a
    no-break space made one space.

    A browser collapses ordinary spaces, but not a no-break space, nor one
    beside it: "Tuesday&nbsp;&nbsp;after", or the "&nbsp; " the editor writes
    for two spaces typed after a full stop and Word and wire copy bring, showed
    readers a double gap. A run of no-break spaces alone becomes one, so the
    words still never part at a line's end ("10&nbsp;km", "Mr&nbsp;Smith",
    each kept as written); a run with an ordinary space in it becomes that
    space, so a line may break there as it could before. Left as they are:
    runs of ordinary white space, which show as one space anyway; runs at the
    start or end of a text, where there is no gap between words (a blank
    table cell, "&nbsp; "); and runs across a tag ("Tuesday&nbsp;<em> after</em>").
    """

    def single(run):
        spaces = run.group()
        between_words = run.start() > 0 and run.end() < len(run.string)
        if not between_words or ("&nbsp;" not in spaces and "\u00a0" not in spaces):
            return spaces
        if not spaces.replace("&nbsp;", "").replace("\u00a0", ""):
            return "&nbsp;"
        return " "

    return _TEXT.sub(lambda text: _SPACE_RUN.sub(single, text.group()), html)


def _nearest_heading_levels(html):
    """nh3's ``html`` with each ``<h1>`` made an ``<h2>``, and each ``<h5>``/``<h6>`` an ``<h4>``.

    Renaming a heading's start and end tags changes nothing else: an HTML
    parser never nests one heading in another, whatever their levels, so the
    result reads as the same tree and cleaning it again leaves it as it is.
    """
    return _PASTED_HEADING.sub(
        lambda tag: f"<{tag.group(1)}{PASTED_HEADING_LEVELS[tag.group(2)]}", html
    )


def _quotation_marks(html):
    """nh3's ``html`` with each ``<q>`` made its words in quotation marks, “…”,
    and one inside another ‘…’.

    nh3's output closes every ``<q>`` it opens, in order (one left open ends
    with its paragraph), so counting how deep each tag stands is enough.
    """
    depth = 0

    def mark(tag):
        nonlocal depth
        if tag.group(1):
            depth -= 1
            return QUOTATION_MARKS[depth % 2][1]
        depth += 1
        return QUOTATION_MARKS[(depth - 1) % 2][0]

    return _QUOTATION.sub(mark, html)


def _without_empty_last_rows(html):
    """``html`` without the rows of blank cells at the end of each table body.

    Only at the end: a blank row between two others may be a spacer someone
    meant, or part of a cell's rowspan. Rows in ``<thead>`` stay. ``<tfoot>`` is
    not on the allowlist, so its rows arrive here in a ``<tbody>`` of their own.

    Each run of blank rows is matched once, whole, and then kept or dropped. A
    pattern that looked ahead for ``</tbody>`` from every row read the rest of
    the run again each time: N blank rows before a filled one cost N² steps,
    and a 144 KB body took half a minute to save.
    """

    def dropped_if_last(run):
        return "" if html.startswith("</tbody>", run.end()) else run.group()

    return _EMPTY_ROWS.sub(dropped_if_last, html)


# --- Typed bullets and numbers -> real lists ---------------------------------

_LIST_ITEM_PADDING = re.compile(r"(<li(?:\s[^>]*)?>)(?:[ \t\r\n]|&nbsp;|\u00a0)+")

_SPACE = r"(?:[ \t\r\n]|&nbsp;)"
# Bullets nobody starts a sentence with: one space after them is enough.
_BULLET = re.compile(rf"^[•·◦▪▫●○■□‣⁃➢➤►✓✔]{_SPACE}+")
# Word's second- and third-level bullets ("o" in Courier New, "§" in Wingdings)
# are also a word and a legal sign ("o presidente", "§ 219a"): only a run of two
# or more spaces, as Word pads its markers, makes them a bullet.
_PADDED_BULLET = re.compile(rf"^[o§]{_SPACE}{{2,}}")
# Plain text's bullets, "- " and "* ": a list only two or more paragraphs in
# a row, under a line that ends in a colon ("Key points:") or with no item
# ending as a sentence does, since a dash also opens lines of dialogue ("- Where
# are you going? the officer asked." "- Home, she said."), and they come in runs.
_TYPED_BULLET = re.compile(rf"^[-*]{_SPACE}+")
_LEAD_IN = re.compile(r":(?:\s|&nbsp;)*</p>\s*$")
LEAD_IN_WINDOW = 200
_SENTENCE_END = re.compile(r"[.?!…\"”»’](?:\s|&nbsp;|</?\w+>)*$")
# "1." or "1)" typed before the text; a run becomes an <ol> only when it counts
# 1, 2, 3... with one delimiter, because <ol> always starts at 1 here.
_NUMBER = re.compile(rf"^(\d{{1,2}})([.)]){_SPACE}+")
# Inside a paragraph Word marks as a list item any short marker counts
# (Wingdings "Ø", "ü"...), and so do letters and roman numerals ("a)", "iv."),
# padded as Word pads them: an indented paragraph in Word's list style without
# a number ("An example") keeps its first word.
_WORD_MARKER = re.compile(
    rf"^(?:(\d{{1,2}}|[a-zA-Z]|[ivxlc]{{1,5}})[.)]|[^\s&<]{{1,2}}){_SPACE}{{2,}}"
)
# Leading inline tags the marker may sit inside: "<strong>•&nbsp;</strong>Text".
_LEADING_INLINE = re.compile(r"^((?:<(?:strong|em|b|i)>)*)")
_EMPTY_INLINE = re.compile(r"<(strong|em|b|i)></\1>")
# Where a run of list paragraphs may stand: a list is allowed there too.
_LIST_PARENTS = frozenset({None, "blockquote", "td", "th"})
_VOID = frozenset({"br", "img", "hr"})


class _Paragraphs(HTMLParser):
    """Offsets of the ``<p>`` elements of nh3's output whose parent can hold a list."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.paragraphs = []  # [start, inner_start, inner_end, end, attrs]
        # getpos() counts lines by "\n" alone (not str.splitlines()'s other breaks).
        self._line_offsets = [0]
        for line in html.split("\n"):
            self._line_offsets.append(self._line_offsets[-1] + len(line) + 1)
        self._open = []  # tag names; a <p> entry also holds its record
        self.feed(html)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self._line_offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        record = None
        if tag == "p" and (self._open[-1][0] if self._open else None) in _LIST_PARENTS:
            start = self._offset()
            record = [start, start + len(self.get_starttag_text()), None, None, dict(attrs)]
        self._open.append((tag, record))

    def handle_endtag(self, tag):
        if not self._open or self._open[-1][0] != tag:
            return  # nh3's output is well formed; anything else is left alone
        _, record = self._open.pop()
        if record is not None:
            record[2] = self._offset()
            record[3] = record[2] + len("</p>")
            self.paragraphs.append(record)


def _is_word_list_item(attrs):
    return (
        "msolist" in (attrs.get("class") or "").lower()
        or "mso-list" in (attrs.get("style") or "").lower()
    )


def _list_item(inner, attrs):
    """``(kind, number, delimiter, item_html)`` if the paragraph is a list item, else None."""
    leading = _LEADING_INLINE.match(inner).group(1)
    text = inner[len(leading) :]
    kind = number = delimiter = None
    if found := _BULLET.match(text) or _PADDED_BULLET.match(text):
        kind = "ul"
    elif found := _TYPED_BULLET.match(text):
        kind = "ul-typed"
    elif found := _NUMBER.match(text):
        kind, number, delimiter = "ol", int(found.group(1)), found.group(2)
    elif _is_word_list_item(attrs) and (found := _WORD_MARKER.match(text)):
        # Word numbers with letters and roman numerals too; only digits keep their
        # count, so a run of those is ordered only when it counts from 1.
        label = found.group(1)
        if label is None:
            kind = "ul"
        elif label.isdigit():
            kind, number, delimiter = "ol", int(label), found.group(0)[len(label)]
        else:
            kind = "ol-lettered"
    else:
        return None
    item = _EMPTY_INLINE.sub("", leading + text[found.end() :]).strip()
    if not item.replace("<br>", "").replace("&nbsp;", "").strip():
        return None  # a bullet and nothing else: leave the stray mark where it is
    return kind, number, delimiter, item


def _runs(html, paragraphs):
    """Consecutive list-item paragraphs (only white space between), as lists of items."""
    run = []
    for start, inner_start, inner_end, end, attrs in paragraphs:
        item = _list_item(html[inner_start:inner_end], attrs)
        adjacent = run and not html[run[-1][1] : start].strip()
        same_kind = run and item and run[-1][2][0] == item[0]
        if run and not (item and adjacent and same_kind):
            yield run
            run = []
        if item:
            run.append((start, end, item, attrs))
    if run:
        yield run


def _as_list(run, lead_in=False):
    """The run's HTML as a list, or None when it should stay paragraphs.

    ``lead_in``: the paragraph before the run ends in a colon.
    """
    kind = run[0][2][0]
    if kind == "ol":
        numbers = [item[1] for _, _, item, _ in run]
        delimiters = {item[2] for _, _, item, _ in run}
        # A lone "1." is a paragraph, and a count that does not start at 1 or
        # skips would be renumbered by <ol>: both stay as typed.
        if len(run) < 2 or numbers != list(range(1, len(run) + 1)) or len(delimiters) > 1:
            return None
    elif kind == "ol-lettered":
        kind = "ol"
    elif kind == "ul-typed":
        sentences = any(_SENTENCE_END.search(item[3]) for _, _, item, _ in run)
        if len(run) < 2 or (sentences and not lead_in):
            return None
        kind = "ul"
    items = "".join(
        f'<li lang="{escape(attrs["lang"])}">{item[3]}</li>'
        if attrs.get("lang")
        else f"<li>{item[3]}</li>"
        for _, _, item, attrs in run
    )
    return f"<{kind}>{items}</{kind}>"


def _lists_from_typed_markers(html):
    """Replace runs of paragraphs that start with a bullet or a count by ``<ul>``/``<ol>``.

    ``html`` is nh3's output, so it is well formed and its ``<p>`` elements can be
    found by offset; everything outside the runs is kept byte for byte.
    """
    if "<p" not in html:
        return html
    pieces, done = [], 0
    for run in _runs(html, _Paragraphs(html).paragraphs):
        # The few characters before the run: a search from the start of the
        # body for each run would read it again and again.
        before = html[max(0, run[0][0] - LEAD_IN_WINDOW) : run[0][0]]
        replacement = _as_list(run, lead_in=bool(_LEAD_IN.search(before)))
        if replacement is None:
            continue
        pieces.append(html[done : run[0][0]])
        pieces.append(replacement)
        done = run[-1][1]
    pieces.append(html[done:])
    return "".join(pieces)


# --- Comparing bodies --------------------------------------------------------

# White space next to these tags never shows: between blocks, at a block's
# start or end, around a line break.
_BLOCK_TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "figure", "figcaption",
     "img", "table", "thead", "tbody", "tr", "th", "td", "caption", "hr"}
)
# Tags that look the same to a reader; CKEditor writes the second of each pair.
_SAME_LOOK = {"b": "strong", "i": "em"}
_COLLAPSIBLE_SPACE = re.compile(r"[ \t\n\r\f]+")  # not U+00A0: a no-break space shows


class _Canonical(HTMLParser):
    """Tokens of sanitised HTML, with the differences no reader can see taken out."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)  # "&nbsp;" and U+00A0 read alike
        self.tokens = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        tag = _SAME_LOOK.get(tag, tag)
        attrs = "".join(
            f' {name}="{escape(" ".join((value or "").split()))}"' for name, value in sorted(attrs)
        )
        self.tokens.append((tag, f"<{tag}{attrs}>"))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        tag = _SAME_LOOK.get(tag, tag)
        self.tokens.append((tag, f"</{tag}>"))

    def handle_data(self, data):
        text = escape(_COLLAPSIBLE_SPACE.sub(" ", data), quote=False)
        if self.tokens and self.tokens[-1][0] is None:
            self.tokens[-1] = (None, self.tokens[-1][1] + text)
        else:
            self.tokens.append((None, text))


def comparable_body(html):
    """``html`` as a reader would see it, for telling whether an edit changed the body.

    Two bodies that clean to the same allowlisted HTML and differ only in white
    space a browser collapses, in how a character is spelt (``&nbsp;`` or U+00A0,
    ``&rsquo;`` or ’), in attribute order, or in ``<b>`` for ``<strong>``, give
    the same string. It is for comparing only; it is never stored or shown. A
    body :func:`clean_body` refuses is compared as it is.
    """
    try:
        cleaned = clean_body(html)
    except BodyRefused:
        # Compared as sent, unread by nh3: the form refuses it on its field.
        return html
    tokens = _Canonical(cleaned).tokens
    pieces = []
    for index, (tag, text) in enumerate(tokens):
        if tag is None:
            if index == 0 or tokens[index - 1][0] in _BLOCK_TAGS:
                text = text.lstrip(" ")
            if index == len(tokens) - 1 or tokens[index + 1][0] in _BLOCK_TAGS:
                text = text.rstrip(" ")
        pieces.append(text)
    return "".join(pieces)
