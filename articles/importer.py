"""Turn plain-text wire copy and scraped stories into the parts of a story.

This module is pure text work: no database, no Django models. It takes the
decoded text of one file and returns a :class:`ParsedCopy` saying what the
story is (headline, standfirst, dateline, paragraphs and subheadings), who and
what it relies on (origin source, outlets named in the text, the author's bio)
and what was thrown away (ad CSS, page junk), so that an editor can see every
removal before anything is saved. :mod:`articles.import_service` turns the
result into rows.

The rules follow what desks actually receive: the first line is the headline
when it is short and unpunctuated, in any script, and otherwise the lead
paragraph; stray ad-slot CSS is left in the text (on its own line or glued to
a paragraph), page furniture such as "Read also: …" survives the copy-paste,
a ``Source: Agency`` line sits near the end and a first-person author bio
closes the file. The lead's opening sentences become the standfirst and leave
the body, so that readers do not read them twice.
"""

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

from articles.sanitiser import clean_text, without_html_tags

HEADLINE_MAX_CHARS = 110
HEADLINE_MAX_WORDS = 20
STANDFIRST_MAX_CHARS = 300
# A line at most this long, without final punctuation, reads as a subheading.
SUBHEADING_MAX_CHARS = 80
SUBHEADING_MAX_WORDS = 12
# No tool wraps copy at a width under this. Where the copy's lines show no
# width (see _wrap_width), a line at least this long without final punctuation,
# over a line that carries on its sentence in small letters, is a wrapped one.
WRAPPED_LINE_MIN_CHARS = 50
# A tool ends a wrapped line at most a word short of its width: within this
# many characters of it, or short by no more than the word on the next line.
WRAP_SLACK_CHARS = 10

# ---------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------


@dataclass
class Removal:
    """One piece of text taken out of the copy, with the reason."""

    kind: str  # "ad CSS", "HTML code", "HTML markup", "page junk", "page headline", ...
    text: str

    def __str__(self):
        return f"{self.kind}: {shorten(self.text, 120)}"


@dataclass
class AuthorBio:
    """A closing "I am <Name>, a <job> for <Publication>. …" paragraph."""

    name: str
    job_title: str
    publication: str
    text: str


# Scripts that name a story's language: (language code, script's name,
# its letters as a pattern). Copy in Latin letters is told by its words
# (``language_from_words``): French and Spanish share their letters.
SCRIPT_LANGUAGES = tuple(
    (code, name, re.compile(letters))
    for code, name, letters in (
        ("ar", "Arabic", "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]"),
        ("he", "Hebrew", "[\u0590-\u05ff]"),
        ("el", "Greek", "[\u0370-\u03ff]"),
        ("ru", "Cyrillic", "[\u0400-\u04ff]"),
        ("hi", "Devanagari", "[\u0900-\u097f]"),
        ("th", "Thai", "[\u0e00-\u0e7f]"),
        ("ja", "Japanese kana", "[\u3040-\u30ff]"),
        ("ko", "Hangul", "[\uac00-\ud7af\u1100-\u11ff]"),
        ("zh", "Chinese", "[\u4e00-\u9fff\u3400-\u4dbf]"),
    )
)
# The languages each script above is the usual writing of, and its ISO 15924
# codes, as a language tag names them ("az-Arab", "sr-Latn"). Copy in Arabic
# script may be Persian or Urdu, in Cyrillic Bulgarian or Serbian, in Han
# characters Cantonese or Japanese: a story marked so is not in another
# language than its copy (``writes_in_script``).
SCRIPT_WRITERS = {
    "Arabic": ("ar ckb fa ks ku prs ps sd ug ur", "arab"),
    "Hebrew": ("he iw lad yi", "hebr"),
    "Greek": ("el grc", "grek"),
    "Cyrillic": ("ba be bg bs ce cnr cv kk ky mk mn os ru rue sah sr tg tt uk", "cyrl"),
    "Devanagari": ("bho doi hi kok mai mr ne new sa", "deva"),
    "Thai": ("th", "thai"),
    "Japanese kana": ("ja", "jpan hira kana hrkt"),
    "Hangul": ("ko", "kore hang"),
    "Chinese": ("cmn gan hak ja lzh nan wuu yue zh", "hans hant hani jpan"),
}
_LETTER = re.compile(r"[^\W\d_]")
# Letters only Ukrainian writes in Cyrillic.
_UKRAINIAN_LETTERS = re.compile("[ієїґІЄЇҐ]")


def language_from_script(text):
    """``(code, script)`` for copy written mostly in a script that names its language.

    ``("ar", "Arabic")`` for Arabic copy; None for copy in Latin letters, or
    mixed. Japanese is told from Chinese by its kana, written among the Han
    characters, and Ukrainian from Russian by its own letters. Arabic script
    also writes Persian and Urdu, and Cyrillic several languages: the importer
    says which it chose, for the editor to check. Each count is one pass of a
    pattern, so a megabyte of copy is read in milliseconds.
    """
    letters = len(_LETTER.findall(text))
    counts = {code: len(pattern.findall(text)) for code, _name, pattern in SCRIPT_LANGUAGES}
    if counts["ja"]:
        # Kana among Han characters: Japanese, whichever there are more of.
        counts["ja"] += counts.pop("zh")
    code, count = max(counts.items(), key=lambda item: item[1])
    if not count or count * 2 <= letters:
        return None
    if code == "ru" and _UKRAINIAN_LETTERS.search(text):
        return "uk", "Cyrillic"
    return code, next(name for each, name, _pattern in SCRIPT_LANGUAGES if each == code)


def writes_in_script(language, script):
    """Is ``language`` (a BCP 47 tag) usually written in ``script`` (a name in ``SCRIPT_WRITERS``)?

    A script subtag decides when the tag has one ("sr-Cyrl" is, "sr-Latn" is
    not); otherwise the language's usual scripts do.
    """
    languages, script_codes = SCRIPT_WRITERS[script]
    primary, *rest = language.lower().split("-")
    named = [part for part in rest if len(part) == 4 and part.isalpha()]
    if named:
        return named[0] in script_codes.split()
    return primary in languages.split()


# Words each language writes in every paragraph and its neighbours seldom do:
# articles, prepositions, auxiliaries. Words two of them share ("de", "la",
# "que", "en", "il"; "del", "con" and "al" in Spanish and Italian; "para",
# "por", "como" and "este" in Spanish and Portuguese; "da" in Portuguese and
# Italian) are left out, so each hit is a vote for one language.
FUNCTION_WORDS = {
    "en": "the and of to is was that for with from said were have has this which by",
    "fr": "le les des est une dans pour qui du au aux avec sur pas été sont ont "
    "selon cette plus leur ces",
    "es": "el los las es fue según pero más sus han y muy ya también hasta tras dijo "
    "año señaló cuando hay otros otras mientras aunque estos ayer",
    "pt": "os do dos em não um uma foi pelo pela mais ao à às seu sua também são "
    "na nas com disse ainda pelos",
    "de": "der die das und ist nicht mit den dem ein eine zu von sich auf für im "
    "wurde sagte auch nach bei",
    "it": "di gli della che non per sono nel alla dei delle anche stato più degli "
    "questo dalla nelle hanno sul sulla ai nei è secondo dopo ancora ed negli",
}
_VOTES = {}
for _code, _words in FUNCTION_WORDS.items():
    for _word in _words.split():
        # A word listed under two languages would be a vote for neither.
        _VOTES[_word] = None if _word in _VOTES else _code
_WORD = re.compile(r"[^\W\d_]+")
# Below this many votes for it, copy is too short to tell its language by.
LANGUAGE_MIN_VOTES = 6


def language_from_words(text):
    """The code of the language copy in Latin letters is written in, by its commonest words.

    English, French, Spanish, Portuguese, German or Italian, when its
    function words outvote the next language's three to one, and number at
    least ``LANGUAGE_MIN_VOTES``; otherwise None (too short to tell, or
    mixed). A name in another language ("Le Monde reports") is a vote or
    two, where a paragraph of copy casts dozens. One pass over the words.
    """
    votes = dict.fromkeys(FUNCTION_WORDS, 0)
    for word in _WORD.findall(text.lower()):
        code = _VOTES.get(word)
        if code is not None:
            votes[code] += 1
    ranked = sorted(votes.items(), key=lambda item: item[1], reverse=True)
    (code, best), (_runner_up, second) = ranked[0], ranked[1]
    if best < LANGUAGE_MIN_VOTES or best < 3 * second:
        return None
    return code


@dataclass
class ParsedCopy:
    """Everything the importer learned from one file of copy."""

    headline: str = ""
    headline_derived: bool = False
    # The lead's opening sentences; the body does not repeat them.
    standfirst: str = ""
    # What is left of the lead after the standfirst, the body's first paragraph.
    lead_rest: str = ""
    # True when the standfirst is the copy's own line above the dateline, not
    # sentences taken from the lead.
    standfirst_given: bool = False
    # A live blog's: entries under times, whose standfirst is the editor's to write.
    live_blog: bool = False
    # A lead that is one sentence ending in a colon, over the list or quotation
    # it introduces: it stays in the body, and the standfirst is the editor's to write.
    lead_introduces_what_follows: bool = False
    dateline: str = ""
    dateline_reason: str = ""
    # "AFP" in "PARIS (AFP) -": whose copy it is, when no "Source:" line says.
    # As written: "رويترز" in "بيروت (رويترز) -" (see agency_latin_name).
    dateline_agency: str = ""
    # "The Associated Press" in a "By The Associated Press" line: the agency's
    # byline, which names no writer; whose copy it is, when nothing else says.
    # So is "KYODO NEWS" in the stamp over a story (see _agency_stamp).
    agency_byline: str = ""
    # ("p" | "h2", text) in reading order, the lead first: the copy as filed.
    blocks: list = field(default_factory=list)
    origin_sources: list = field(default_factory=list)
    # Outlet names as written in attribution sentences ("Le Monde writes ...").
    outlet_mentions: list = field(default_factory=list)
    # The sentences those names came from, so known source names can be
    # matched inside them even when the pattern caught a longer phrase.
    attribution_sentences: list = field(default_factory=list)
    bio: AuthorBio | None = None
    # Names a "By Ana Souza" line gives, as written; matched to authors on import.
    byline_names: list = field(default_factory=list)
    # "Lisbon" in "By Ana Souza in Lisbon": a dateline when the lead has none of its own.
    byline_places: list = field(default_factory=list)
    byline_line: str = ""
    # A wire's "Reporting by …; Editing by …" credit line, kept for the editor.
    wire_credit: str = ""
    # The wire's "(Corrects …)" note: this copy corrects a version sent before.
    wire_correction: str = ""
    removals: list = field(default_factory=list)
    fingerprint: str = ""

    # Where the lead is among the blocks: lines above the dateline's paragraph
    # (a picture's name and role) stay above it, paragraphs but not the lead.
    lead_at: int | None = None

    @property
    def _lead_index(self):
        if self.lead_at is not None:
            return self.lead_at
        # The first paragraph; a live blog's first entry time heads it.
        return next((index for index, (kind, _text) in enumerate(self.blocks) if kind == "p"), None)

    @property
    def lead(self):
        index = self._lead_index
        return "" if index is None else self.blocks[index][1]

    @property
    def body_blocks(self):
        """The blocks the body shows: the copy less the sentences the standfirst took."""
        if not self.standfirst:
            return self.blocks
        lead = self._lead_index
        rest = [("p", self.lead_rest)] if self.lead_rest else []
        return self.blocks[:lead] + rest + self.blocks[lead + 1 :]

    @property
    def body_html(self):
        """Paragraphs as ``<p>``, subheadings as ``<h2>``, tables as ``<table>``; quotes
        kept as typed."""
        return "\n".join(
            _table_html(text)
            if kind == "table"
            else f"<{kind}>{html.escape(text, quote=False)}</{kind}>"
            for kind, text in self.body_blocks
        )

    @property
    def has_body(self):
        return any(kind == "p" for kind, _ in self.blocks)


# A table's row as copy carries it, its cells between bars: "Jablanica | 14",
# "| Town | Dead |" (a table copied from a page, or written so in an email);
# and the rule under a header row, "|---|---|".
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?$")
# Cells a table's rows are at most: more, and the bars are something else.
TABLE_MAX_CELLS = 12
TABLE_CELL_MAX_CHARS = 60


# Between the cells of a saved page's table row: a row it is, whatever its
# cells hold (a sentence, one cell spanning two).
HTML_CELL = "\u241f"


def _table_cells(line):
    """The cells of a table's row ``line``, or None if it is none."""
    if HTML_CELL in line:
        cells = [cell.strip() for cell in line.strip().strip(HTML_CELL).split(HTML_CELL)]
        return cells if any(cells) else None
    if "|" not in line:
        return None
    cells = [cell.strip() for cell in line.strip().removeprefix("|").removesuffix("|").split("|")]
    if not 2 <= len(cells) <= TABLE_MAX_CELLS or not any(cells):
        return None
    # A cell holds a figure or a few words, not a sentence's half: "The slogan,
    # "Local news | Local voices", appeared on buses." has a bar and is copy.
    if any(
        len(cell) > TABLE_CELL_MAX_CHARS or cell.endswith((".", "!", "?", ",", ";")) or '"' in cell
        or "“" in cell or "”" in cell
        for cell in cells
    ):
        return None
    return cells


def _one_cell_rows_as_text(lines):
    """``lines`` with the rows of a saved page's table that make no table as text.

    A run of rows is a table when two or more of its rows have two cells or
    more; a row of one short cell among them stays in it (a "Source: Council of
    the EU" row under its figures is the table's, not the story's origin). A page
    laid out in a table, its paragraphs in cells of their own and maybe a row of
    two ("By Ana Souza" beside "4 November 2024"), is text, a cell to a line.
    """

    def cells(line):
        return [cell.strip() for cell in line.split(HTML_CELL) if cell.strip()]

    # An empty row, or what an emptied cell's markers left: -1, no line at all.
    counts = [len(cells(line)) or -1 if HTML_CELL in line else 0 for line in lines]
    # No table stands above the story's first sentence: rows there are a page
    # laid out in a table ("By Ana Souza" beside "4 November 2024", "Share"
    # beside "Print"), a cell to a line.
    first_sentence = next(
        (
            index for index, line in enumerate(lines)
            if any(_story_sentence(cell) for cell in cells(line) or [line])
        ),
        len(lines),
    )
    counts = [
        -abs(count) if index <= first_sentence else count for index, count in enumerate(counts)
    ]
    table_rows, start = set(), 0
    for index in range(len(lines) + 1):
        if index == len(lines) or not counts[index]:
            run = range(start, index)
            if sum(counts[row] > 1 for row in run) >= TABLE_MIN_ROWS:
                table_rows.update(
                    row for row in run
                    if counts[row] > 1
                    or (counts[row] == 1 and len(lines[row]) <= TABLE_ONE_CELL_ROW_MAX_CHARS)
                )
            start = index + 1
    text = []
    for index, line in enumerate(lines):
        if counts[index] and index not in table_rows:
            text += cells(line)  # none for an empty row
        else:
            text.append(line)
    return text


# Rows of two cells or more that make a table; a row of one cell longer than
# this among them is a paragraph of the page's.
TABLE_MIN_ROWS = 2
TABLE_ONE_CELL_ROW_MAX_CHARS = 120


def _table_runs(paragraphs):
    """Tables among ``paragraphs[1:]``: {index: rows} at a table's first paragraph, where
    ``rows`` are its rows, and {index: None} at its other paragraphs.

    Two or more rows in a row with the same number of cells make a table; a
    rule line ("|---|---|") under the first is part of it, and leaves it.
    """
    tables, index = {}, 1
    while index < len(paragraphs):
        cells = _table_cells(paragraphs[index])
        end, rows = index + 1, [paragraphs[index]]
        page = HTML_CELL in paragraphs[index]
        while cells and end < len(paragraphs):
            if end == index + 1 and _TABLE_RULE.match(paragraphs[end]):
                end += 1
                continue
            more = _table_cells(paragraphs[end])
            # A saved page's rows are a table's whatever their lengths (a cell
            # may span two); typed rows, only of one length.
            if not more or (HTML_CELL in paragraphs[end]) != page or (
                not page and len(more) != len(cells)
            ):
                break
            rows.append(paragraphs[end])
            end += 1
        widest = max((len(_table_cells(row) or ()) for row in rows), default=0)
        if (page and widest >= 2) or len(rows) >= 2:
            tables.update(dict.fromkeys(range(index + 1, end)))
            tables[index] = rows
            index = end
        else:
            index += 1
    return tables


def _table_html(text):
    """The ``<table>`` of a table block's rows; a first row of words over rows of
    figures is its header."""
    rows = [_table_cells(line) for line in text.split("\n")]
    width = max(map(len, rows))
    rows = [row + [""] * (width - len(row)) for row in rows]
    # Or a first row whose corner is empty, over names down the first column:
    # "| | 2023 | 2024 |".
    header = (not rows[0][0] and all(row[0] for row in rows[1:])) or (
        not any(char.isdigit() for char in "".join(rows[0]))
        and any(char.isdigit() for row in rows[1:] for char in "".join(row))
    )

    def row_html(cells, tag):
        scope = ' scope="col"' if tag == "th" else ""
        return "<tr>" + "".join(
            f"<{tag}{scope}>{html.escape(cell, quote=False)}</{tag}>" for cell in cells
        ) + "</tr>"

    head = f"<thead>{row_html(rows[0], 'th')}</thead>" if header else ""
    body = "".join(row_html(cells, "td") for cells in rows[1 if header else 0 :])
    return f"<table>{head}<tbody>{body}</tbody></table>"


def shorten(text, limit):
    """One line of ``text``, at most ``limit`` characters, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------------------
# Ad CSS
# ---------------------------------------------------------------------------

# Tags that ad-slot CSS targets. Prose words are not selectors, so a word
# glued to a class ("resume.ad-slot{") is split off unless it is one of these.
# "a", "p", "i" and "b" are left out on purpose: they are common English words.
CSS_TAGS = frozenset(
    {
        "div", "span", "ins", "aside", "section", "iframe", "img", "ul", "li", "body",
        "html", "figure", "header", "footer", "nav", "article", "main", "button", "svg",
        "amp-ad", "amp-img", "table", "td", "tr",
    }
)
_SIMPLE_SELECTOR = (
    r"(?:[A-Za-z][\w-]*|\*)?"
    r"(?:[.#][A-Za-z_-][\w-]*|\[[^\]\n]*\]|::?[A-Za-z-]+(?:\([^)\n]*\))?)*"
)
# The selector list in front of a brace starts at the earliest place from
# which the rest, up to the brace, reads as one: ".ad, div.promo > span ".
# Searched for forwards, every place in a long run of words or spaces would
# be tried, each time reading on to the brace (and a simple selector can be
# empty, so a run of spaces also splits into exponentially many lists of
# empty selectors). Read backwards from the brace, in one pass, the list
# ends where it stops reading as one. So these are _SIMPLE_SELECTOR and the
# separators spelt in reverse, each piece read once and whole (``(?>…)``):
# a class's name then its dot, an attribute's "]" then its "[", a
# pseudo-class's parentheses, name and colon, a tag's name last, and between
# selectors the whole run of spaces, combinators and commas, a line break
# allowed only before (in reverse) a combinator or comma. An attribute or
# parenthesis takes its furthest opening bracket: the one reading forwards
# finds, unless square and round brackets cross ("[(…]…)"), which no style
# sheet writes; there the list found may start later.
_SELECTOR_PART_REVERSED = (
    r"(?>[\w-]*[A-Za-z_-][.#]"
    r"|\][^\]\n]*\["
    r"|(?:\)[^)\n]*\()?[A-Za-z-]+::?)"
)
_SIMPLE_SELECTOR_REVERSED = rf"(?:{_SELECTOR_PART_REVERSED})*+(?>[\w-]*[A-Za-z]|\*)?+"
_SELECTOR_SEPARATOR_REVERSED = r"(?>[ \t\n>+~,]*[>+~,][ \t]*+|[ \t]++)"
_SELECTOR_TAIL_REVERSED = re.compile(
    rf"[ \t]*+{_SIMPLE_SELECTOR_REVERSED}"
    rf"(?:{_SELECTOR_SEPARATOR_REVERSED}{_SIMPLE_SELECTOR_REVERSED})*+"
)
# "@media (max-width: 600px) ": possessive, since the name's letters are
# also the rest's, and giving them back one at a time to re-read the rest
# took time in the square of a long name.
_AT_RULE_TAIL = re.compile(r"@[A-Za-z-]++[^{};@]*+$")
# "@import url(ad.css);" on one line. One that never reaches its ";" takes
# the rest of its line (and is put back): no statement further on that line
# reaches one either, and trying each would read the line again every time.
_AT_STATEMENT = re.compile(r"@(?:import|charset|namespace)\b(?:[^;\n]*+;|[^\n]*+)")
# Declarations, the last one's ";" optional: "color: red; margin: 0". A value
# can hold anything but ";" and braces, so "a: b c: d" is one declaration, not
# two; were the ";" optional between them too, "a:a:a:…" would split into
# exponentially many lists of declarations, each tried in turn. Whitespace
# alone reads as none: "{ }" is an emptied rule.
_DECLARATION = re.compile(r"\s*+(?:[-\w]++\s*+:[^;{}]*+;\s*+)*+(?:[-\w]++\s*+:[^;{}]*+)?+")


def _closing_braces(text):
    """Where each ``{`` in ``text`` is closed: its index -> the index just past its ``}``.

    One pass for the whole text, so that a thousand ``{`` never closed (or
    nested a thousand deep) are not each followed to the end of the text.
    A ``{`` never closed is left out.
    """
    closing, opened = {}, []
    for brace in re.finditer(r"[{}]", text):
        if brace.group() == "{":
            opened.append(brace.start())
        elif opened:
            closing[opened.pop()] = brace.end()
    return closing


def _looks_like_css_block(text, start, end):
    """The ``{…}`` group ``text[start:end]`` holds declarations or nested rules, never prose.

    Read in place: copying out each of a thousand nested groups would copy
    the text a thousand times.
    """
    if text.find("{", start + 1, end - 1) != -1:
        return True  # @media { .rule { … } }
    return _DECLARATION.fullmatch(text, start + 1, end - 1) is not None


def strip_css(text):
    """Remove CSS rules and at-rule blocks; return ``(text, removed_snippets)``.

    Prose almost never contains braces, so every balanced ``{…}`` group whose
    content reads as declarations is treated as CSS together with the
    selector in front of it. When a class is glued to the last word of a
    sentence ("would resume.ad-slot{…}") the dot is shared: it stays in the
    prose as the full stop and the rule is still removed whole.
    """
    removed = []
    output = []
    position = 0
    closing = _closing_braces(text)
    while True:
        brace = text.find("{", position)
        if brace == -1:
            break
        end = closing.get(brace)
        if end is None or not _looks_like_css_block(text, brace, end):
            output.append(text[position : brace + 1])
            position = brace + 1
            continue
        before = text[position:brace]
        start, keep_full_stop = _selector_start(before)
        if start is None:
            output.append(text[position : brace + 1])
            position = brace + 1
            continue
        kept = before[:start]
        if keep_full_stop:
            kept += "."
        output.append(kept)
        removed.append((before[start:] + text[brace:end]).strip())
        position = end
    output.append(text[position:])
    cleaned = "".join(output)

    def drop_statement(match):
        if not match.group(0).endswith(";"):
            return match.group(0)
        removed.append(match.group(0))
        return ""

    cleaned = _AT_STATEMENT.sub(drop_statement, cleaned)
    return cleaned, removed


def _is_simple_selector(token):
    tag = re.match(r"[A-Za-z][\w-]*", token)
    if tag and tag.group(0).lower() not in CSS_TAGS:
        return False
    if not tag and token[0] not in ".#[:*":
        return False
    return bool(re.fullmatch(_SIMPLE_SELECTOR, token))


def _selector_start(before):
    """Where the selector in front of a brace begins in ``before``.

    Returns ``(index, keep_full_stop)``; ``index`` is None when the text in
    front of the brace is not a selector (then the brace is left alone).
    Walks back from the brace over selector tokens and stops at the first
    prose word, so "officials said .ad, .promo {" keeps "officials said".
    """
    at_rule = _AT_RULE_TAIL.search(before)
    if at_rule:
        return at_rule.start(), False
    # As "$" does: the list may end at a line break right before the brace.
    tail = before[:-1] if before.endswith("\n") else before
    region_start = len(tail) - _SELECTOR_TAIL_REVERSED.match(tail[::-1]).end()
    if not tail[region_start:].strip():
        return None, False
    tokens = list(re.finditer(r"[^\s,>+~]+", before[region_start:]))
    start = None
    for token in reversed(tokens):
        text = token.group(0)
        if _is_simple_selector(text):
            start = region_start + token.start()
            continue
        # "resume.ad-slot": a prose word glued to a class. The dot ends the
        # sentence and starts the class; the prose keeps it as its full stop.
        glued = re.match(r"([A-Za-z][\w'’-]*)\.([A-Za-z_-][^\s]*)$", text)
        if glued and start is None and _is_simple_selector("." + glued.group(2)):
            return region_start + token.start() + len(glued.group(1)), True
        break
    return start, False


# ---------------------------------------------------------------------------
# Page junk, attribution, bio
# ---------------------------------------------------------------------------

# The heading of a box of other stories: the list under it goes with it.
_BOX_LABEL = (
    # "Most Read from Bloomberg", Kyodo's "Related coverage:".
    r"(?:most\s+(?:read|popular|viewed|shared)(?:\s+(?:from|on|in)\s+\w+(?:\s+\w+)?)?"
    r"|top\s+stories|related(?:\s+(?:topics|stories|coverage|articles|news))?\s*[:：]?"
    r"|more\s+on\s+this\s+(?:story|topic)|more\s+(?:stories|from\s+\w+(?:\s+\w+)?)"
    r"|trending(?:\s+now)?|recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+also\s+like"
    r"|editor['’]?s\s+picks?|recommended\s+stories|explore\s+more\s+on\s+these\s+topics"
    r"|suggested\s+topics\s*:?"
    # Al Jazeera's box, over its "list of 4 items".
    r"|keep\s+reading"
    # The story's tags under it: TASS's "Tags", Yonhap's "Keywords" over "#N. Korea
    # missile".
    r"|tags|keywords"
    # A link's label on a line of its own, its headline under it: "READ MORE:".
    r"|(?:read|see)\s+(?:more|also)\s*:?|also\s+read\s*:)"
)
_BOX_LABEL_LINE = re.compile(rf"^{_BOX_LABEL}\s*$", re.I)
# How many stories such a box lists at most; a longer run is not one box.
BOX_ITEMS_MAX = 10
# "1. Nigeria's central bank raises rates": a box's numbered headline.
_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s+\S")
# "5 min read", "3-minute read": how long the page says the story takes to read.
_READING_TIME = r"\d{1,3}\s*-?\s*min(?:ute)?s?\.?\s+read"
_JUNK_LINES = [
    re.compile(p, re.I)
    for p in (
        r"^(?:read|see)\s+(?:also|more)\b.*",
        # A wire's note to editors: Yonhap's "(ATTN: UPDATES with details in
        # paras 2-3)", AP's "(EDS: Updates with …)".
        r"^\((?:ATTN|EDS?|EDITORS?)\s*:[^()]*\)$",
        # "Also read out at the ceremony was a letter …" is a sentence.
        r"^also\s+read\b(?!\s+(?:out|aloud)\b).*",
        # The same in the languages whose wires the importer reads: "Lire aussi :",
        # "Lea también:", "Leer más:", "Leia também", "Leggi anche", "Lesen Sie auch".
        r"^(?:lire|voir)\s+aussi\b.*",
        r"^(?:lea|lee|vea|ver|leia|veja)\s+(?:tambi[ée]n|tamb[ée]m|adem[áa]s|mais)\b.*",
        r"^leer\s+m[áa]s\b.*",
        r"^(?:leggi|vedi)\s+anche\b.*",
        r"^(?:lesen\s+sie\s+auch|mehr\s+zum\s+thema)\b.*",
        r"^related(?:\s+(?:stories|articles|news))?\s*[:：].*",
        r"^(?:related|more)(?:\s+(?:stories|articles|news|coverage|on\s+this))?\s*$",
        r"^subscribe\s+(?:to|for)\b.*",
        # "Follow us on X", the Times of India's "Follow more stories on Facebook & Twitter".
        r"^(?:follow|join)\s+(?:us|more\s+(?:stories|news|updates))\s+on\b.*",
        r"^sign\s+up\s+(?:for|to)\s+(?:our|the)\b.*",
        r"^(?:download|get)\s+our\s+app\b.*",
        r"^click\s+here\b.*",
        r"^(?:advertisement|advert|sponsored(?:\s+content)?|ad)\s*$",
        r"^(?:comments?|leave\s+a\s+comment|\d+\s+comments?)\s*$",
        r"^comments?\s*\(\d[\d,.]*\)\s*$",
        # The foot of a page and of an email: "Reuse this content", "Sign up
        # here.", "Purchase Licensing Rights, opens new tab" (a link's label for
        # screen readers), "Copy Link copied", "Sent from my iPhone"; a box's
        # "list 1 of 4" … "end of list"; a gallery's "1 of 4 | …".
        r"^(?:reuse\s+this\s+content|sign\s+up\s+here|purchase\s+licensing\s+rights)\b.*",
        r".*,\s+opens\s+new\s+tab\s*$",
        r"^copy\s+link(?:\s+copied)?\s*$",
        r"^save\s+articles?\s+to\s+read\s+later\b.*",
        r"^(?:-{2}\s*)?sent\s+from\s+my\s+(?:iphone|ipad|android|mobile|phone|samsung|galaxy|blackberry)\b.*",
        # "With agencies", "(With agency inputs)": whose copy, naming none.
        r"^\(?\s*with\s+(?:agencies|agency\s+inputs?|inputs?\s+from\s+agencies|wires)\s*\)?\.?\s*$",
        # A forwarded email's marker, over the headers of the email forwarded:
        # Gmail's, Outlook's and Apple Mail's.
        r"^-{2,}\s*(?:forwarded\s+message|original\s+message)\s*-{2,}\s*$",
        r"^begin\s+forwarded\s+message\s*:?\s*$",
        r"^(?:list\s+\d{1,2}\s+of\s+\d{1,2}|end\s+of\s+list|list\s+of\s+\d{1,2}\s+items)\s*$",
        # The Guardian's "This article is more than 1 month old", its newsletter
        # box's "skip past newsletter promotion", "Free weekly newsletter" and
        # "Privacy Notice: Newsletters may contain …"; Al Jazeera's "Get the
        # latest news from around the world."
        r"^this\s+article\s+is\s+more\s+than\s+\d{1,2}\s+(?:day|week|month|year)s?\s+old\s*$",
        r"^(?:skip\s+past|after)\s+newsletter\s+promotion\s*$",
        r"^(?:free\s+)?(?:(?:daily|weekly|morning|evening)\s+)?newsletters?\s*$",
        r"^privacy\s+notice\s*:\s*newsletters?\s+may\s+contain\b.*",
        r"^get\s+the\s+latest\s+(?:news|headlines|updates|stories)(?:\s+from\s+around\s+the\s+world"
        r"|\s+(?:in|to|straight\s+to)\s+your\s+inbox)?\s*[.!]?\s*$",
        r"^\d{1,2}\s+of\s+\d{1,2}\s*\|.*",
        r"^(?:follow|find\s+more\s+of|see\s+more\s+of)\s+(?:\w+['’]s\s+)?(?:coverage|live\s+updates)\b"
        r".*https?://\S+\s*$",
        # A local paper's pitch, "Support local journalism. Subscribe today.", and
        # Euronews' box under its video, "Copy/paste the article video embed link below:".
        r"^support\s+(?:local|independent|quality|our)\s+journalism\s*[.!]?"
        r"(?:\s+subscribe(?:\s+(?:today|now))?\s*[.!]?)?\s*$",
        r"^copy\s*/\s*paste\s+the\s+(?:article\s+)?(?:video\s+)?embed\s+(?:link|code)\b.*",
        # The marks that end wire copy: "ENDS", "-ENDS-", "###", "___", "■".
        r"^(?:#{3,}|_{3,}|-{3,}|\*{3,}|[■□]|(?-i:-*\s*ENDS?\s*-*))\s*$",
        # A box's heading: "Most read", "Newsletter". Only the label alone: a
        # sentence about a newsletter is copy.
        r"^(?:most\s+(?:read|popular|viewed|shared)|(?:our\s+)?newsletters?)\s*$",
        # A news site's furniture, as a screen reader or a copy of the page
        # gives it: "Skip to main content", "Listen to this article", "Image
        # caption, Families reunited …", "Related Topics", "More on this story".
        r"^skip\s+to\s+(?:main\s+)?(?:content|navigation)\s*$",
        r"^listen\s+to\s+this\s+(?:article|story)"
        r"(?:\s*[,:·•|-]?\s*\d{1,2}(?::\d{2})?\s*(?:min(?:ute)?s?)?)?(?:\s+learn\s+more)?\s*$",
        # The New York Times', CNN's, the Guardian's and Le Monde's own buttons
        # and labels, each a line of its own: "Share full article", "Gift this
        # article", "SKIP ADVERTISEMENT", "Ad Feedback", "Support the Guardian",
        # "Subscribers only", "Reading time 2 min.", "Lire en français".
        r"^(?:share\s+full\s+article|gift\s+this\s+article|share\s+this\s*:|back\s+to\s+top"
        r"|skip\s+advertisement|ad\s+feedback|support\s+the\s+guardian|subscribers?\s+only"
        r"|lire\s+en\s+fran[çc]ais|send\s+us\s+your\s+feedback|supported\s+by)\s*$",
        r"^advertisement\s+continue\s+reading\s+the\s+main\s+story\s*$",
        r"^reading\s+time\s*:?\s*\d{1,3}\s*min(?:ute)?s?\.?\s*$",
        r"^(?:play|watch)\s+video(?:\s+\d{1,2}:\d{2})?\s*$",
        r"^show\s+comments?(?:\s*\(\d[\d,]*\))?\s*$",
        # A paywall's lines: "You have reached your limit of free articles",
        # "Already a subscriber? Log in".
        r"^you\s+have\s+reached\s+your\s+limit\s+of\s+free\s+articles\b.*",
        r"^already\s+a\s+subscriber\s*\?.*",
        # A page's time stamp alone: "Updated 6:45 p.m. ET", "Updated 14:05 GMT".
        r"^updated\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4})?\s*$",
        r"^image\s+(?:caption|source)\s*,.*",
        # Where the page broke the story for an advert or a paywall's button:
        # "Article continues below", "Story continues below advertisement",
        # "Scroll to continue with content", "Continue reading".
        r"^(?:(?:the\s+)?(?:article|story|content)\s+continues\s+(?:below|after)"
        r"(?:\s+(?:this\s+|the\s+)?(?:advertisement|advert|ad))?"
        r"|(?:advertisement\s*[-–—:·•|]?\s*)?scroll\s+(?:down\s+)?to\s+continue"
        r"(?:\s+(?:with\s+)?(?:content|reading))?"
        r"|continue\s+reading(?:\s+(?:below|the\s+(?:main\s+)?(?:story|article)))?)"
        r"\s*[.…]*\s*$",
        # The page's reading time: "5 min read", "3-minute read".
        rf"^{_READING_TIME}\s*$",
        # A picture's or video's label left without its picture: "Photo: Getty
        # Images", "Watch: Drone footage shows flooded streets". A line of its
        # own, short and with no final punctuation: a sentence after "Watch:" is copy.
        r"^(?:photo|photograph|picture|image|illustration)(?:\s+credit)?\s*[:：]\s*[^.!?]{1,60}$",
        r"^(?:watch|video|listen|gallery|in\s+pictures)\s*[:：]\s*[^.!?]{1,100}$",
        # An advert's script, copied as a line of text from the page's source.
        r"^(?:googletag\s*\.|\(\s*adsbygoogle\b|window\.(?:googletag|adsbygoogle|pbjs|_taboola)\b"
        r"|pbjs\s*\.|apstag\s*\.|_taboola\s*\.).*$",
        rf"^{_BOX_LABEL}\s*$",
        r"^sign\s+up\s+(?:for|to)\s+(?:\w+\s+){0,3}newsletters?\b.*",
        # A newsletter box's pitch, field and button: "Get the Northern
        # Ledger's morning briefing in your inbox.", "Enter your email
        # address", "Subscribe". The pitch is a line of its own that ends at
        # "inbox" (and "every morning" or the like): a sentence about inboxes
        # runs on.
        r"^get\s+(?:the|our)\b[^.!?]{0,80}?\b(?:in|into|to)\s+your\s+inbox"
        r"(?:\s+(?:every|each)\s+\w+)?\s*[.!]?\s*$",
        r"^(?:enter\s+)?your\s+e-?mail(?:\s+address)?\s*$",
        # Reuters' pitch between paragraphs: "The Reuters Sustainable Switch newsletter
        # brings you the latest news on climate change. Sign up here."
        r"^[^.!?]*\bnewsletters?\b[^.!?]*[.!]\s+sign\s+up\s+here\s*[.!]?\s*$",
        r"^subscribe(?:\s+now)?\s*$",
        # Reuters' footer under every story.
        r"^our\s+standards\s*:\s*the\s+thomson\s+reuters\s+trust\s+principles\.?\s*$",
        # The site's copyright notice: "© 2026 Continental Press Agency. All
        # rights reserved.", "Copyright 2026 Reuters". After "Copyright" comes
        # a year and a name, or "©": "Copyright holders sued …" is copy, and
        # so is "(c) the right to appeal", a clause of a law, with no year.
        r"^(?:©|\(c\)\s*\d{4}\b|copyright\s*(?:©|\(c\))).*",
        r"^copyright\s+\d{4}(?:\s*[-–]\s*\d{4})?,?\s+(?-i:[A-Z])[^!?]*$",
        # "of" and "and" in small letters only: "Of" and "And" are already
        # capitalised words, and read both ways a line of them split in
        # exponentially many ways before the pattern gave up.
        r"^(?:(?-i:[A-Z])[\w&'’-]*"
        r"(?:\s+(?:(?-i:[A-Z])[\w&'’.-]*|\d{4}|(?-i:o)f|(?-i:a)nd|&))*\s*[.,]\s*)?"
        r"all\s+rights\s+reserved\s*\.?\s*$",
    )
]
# What a page's share buttons say: "Facebook", "Email", "Copy link".
_SHARE_LABELS = (
    r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|e-?mail|copy(?:\s+link)?|print|tweet|share"
    r"|pinterest|pin|reddit|messenger|flipboard|save|comments?|bookmark"
    # The apps Asian and other sites offer beside them: "LINE", "KakaoTalk", "WeChat".
    r"|line|kakao(?:\s*talk)?|wechat|weibo|vk|threads|bluesky|mastodon)"
)
# Lines that are share buttons wherever they stand.
_SHARE_LINES = [
    re.compile(p, re.I)
    for p in (
        r"^share\s+(?:this|the)\s+(?:article|story|post|page)\b.*",
        r"^share\s+on\s+\w+.*",
        # A row of share buttons: "Facebook | Twitter | WhatsApp", or their
        # labels run together when copied from the page: "TweetShare". What
        # stands between two labels is read whole (possessive): the spaces on
        # either side of an optional bar could otherwise share a run of spaces
        # out in as many ways as it has, and a row in exponentially many.
        rf"^(?:{_SHARE_LABELS}\s*+[|·•,/]?+\s*+){{2,}}$",
        # One share button on a line of its own.
        r"^(?:share|tweet|share\s+on\s+\w+)\d?\s*[:：]?\s*$",
        # Chinese share buttons: "分享到微博 分享到微信", "分享：". Separators
        # read whole, as above.
        r"^(?:分享到?|[转轉]发到|[转轉]發到)\s*+[:：]?+\s*+(?:(?:新浪微博|微博|微信|朋友圈|QQ空[间間]|QQ"
        r"|豆瓣|分享到?)\s*+[|·•,/、]?+\s*+)*$",
    )
]
_JUNK_LINES += _SHARE_LINES
# One button's label alone on a line, as a row of buttons copied one to a
# line leaves it: page junk only where it cannot be copy (see _share_buttons).
_SHARE_LABEL_LINE = re.compile(rf"^{_SHARE_LABELS}\s*[:：]?\s*$", re.I)
# A page's menu button, alone on a line: page junk where a share label would be.
_MENU_LINE = re.compile(r"^(?:menu|search|got\s+it!?)\s*$", re.I)
# Junk lines are page furniture: short. A long line starting "Read also" is a
# sentence an editor would want to see kept.
JUNK_MAX_CHARS = 160

# A cookie-consent banner copied with the page: its buttons, and the sentence
# that says the site uses cookies, each a line of its own. Whole lines only, so
# that a story about cookies or privacy law ("The EU fined the firm over
# cookies …", a regulator quoting "This site uses cookies") keeps every word.
_CONSENT_BUTTON = (
    r"(?:(?:accept|allow|reject|decline|refuse)\s+(?:all(?:\s+cookies)?|(?:all\s+)?"
    r"(?:non-essential|optional|additional)\s+cookies|cookies)"
    r"|(?:manage|customi[sz]e)\s+(?:cookie\s+|privacy\s+)?(?:preferences|settings|choices|cookies)"
    r"|cookie\s+(?:settings|preferences|consent)"
    # "Necessary cookies only", "Only essential cookies". An "only" between two
    # of them starts the second: read as ending the first too, a row of them
    # could be split in exponentially many ways before the pattern gave up.
    r"|(?:use\s+|only\s+)?(?:strictly\s+)?(?:necessary|essential)\s+cookies"
    r"(?:\s+only(?!\s+(?:strictly\s+)?(?:necessary|essential)\s+cookies))?"
    r"|save\s+(?:my\s+)?(?:preferences|choices|settings)|i\s+accept(?:\s+cookies)?"
    r"|we\s+value\s+your\s+privacy)"
)
# Words of a sentence that reports what someone said about cookies: copy, not a banner.
_REPORTED = r"(?!.*\b(?:said|says|told|tells|according|found|ruled|argued|claimed|wrote)\b)"
# What a banner says cookies are for, or what a click means.
_CONSENT_PURPOSE = (
    r"(?=.*\b(?:experience|improve|personali[sz]e|analy[sz]e|traffic|advertising|ads|consent"
    r"|agree|accept|preferences|settings|cookie\s+policy|privacy\s+policy|continuing)\b"
    r"|.*\bcookies\s*[.!]?\s*$)"
)
_CONSENT_LINES = [
    re.compile(p, re.I)
    for p in (
        # "Accept all cookies", "Manage preferences", "Reject all | Cookie settings".
        rf"^{_CONSENT_BUTTON}(?:(?:\s*[|·•/]\s*|\s+){_CONSENT_BUTTON})*$",
        # "We use cookies to improve your experience …", "This site uses cookies."
        rf"^{_REPORTED}{_CONSENT_PURPOSE}(?:we(?:\s+and\s+our\s+(?:\d+\s+)?partners)?"
        r"|(?:this|our)\s+(?:web\s*)?site|this\s+page)"
        r"\s+(?:use|uses|may\s+use|stores?)\s+cookies\b.*",
        # "By clicking “Accept all”, you agree to …", "By continuing to browse …".
        rf"^{_REPORTED}(?:by\s+(?:clicking|continuing|using|browsing|selecting))\b"
        r".*\b(?:cookies|consent|agree)\b.*",
    )
]
# A banner's sentence runs longer than other furniture.
CONSENT_MAX_CHARS = 400
# A banner's switches and buttons by their one-word names ("Necessary",
# "Statistics", "Show details"): page junk only in a run of lines next to
# a line of the banner found above, since "Statistics" may head a passage.
_CONSENT_CHOICE_LINE = re.compile(
    r"^(?:necessary|preferences|statistics|marketing|functional|analytics|performance"
    r"|(?:show|hide)\s+details|allow\s+selection|deny|decline|reject|ok|okay|agree|i\s+agree"
    r"|got\s+it!?)\s*$",
    re.I,
)

# "Source:", and as agencies write it in their other languages: Spanish and
# Portuguese "Fuente:"/"Fonte:", French "Source :", German "Quelle:", Russian
# "Источник:", Ukrainian "Джерело:", Greek "Πηγή:", Arabic "المصدر:", Chinese "来源：".
_SOURCE_LINE = re.compile(
    r"^\s*(?:sources?|fuentes?|fontes?|quellen?|источники?|джерел[оа]|πηγ[ήη]|πηγ[έε]ς"
    r"|المصدر|المصادر|来源)\s*(?P<separator>[:：]|[—–-])"
    r"\s*(?P<names>.+?)\s*\.?\s*$",
    re.I,
)
# After a dash, a list of names counts ("Source — Reuters, AFP", "Source - dpa"),
# a sentence does not ("Source — a diplomat in Brussels — said no date was set"):
# one opens with a small word in lower case, names a speaker's verb, or holds
# a second dash.
_SENTENCE_NOT_NAMES = re.compile(
    r"^(?:a|an|the|one|two|three|some|several|other|officials?|diplomats?)\s"
    r"|\b(?:said|says|say|told|tells|added|according|reported|reports|confirmed|denied)\b"
    r"|\s[—–-]\s"
)
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|da|van|von|der|al|bin|el|la|le)){0,4}"
_BIO = re.compile(
    rf"^I(?:\s+am|’m|'m)\s+(?P<name>{_NAME}),\s+(?:an?|the)\s+"
    # The sentence ends at its first full stop, so check that first: else each
    # "for", "at" or "with" in a long paragraph without one was followed to
    # its end in turn, in time that grew with the square of the paragraph.
    r"(?=[^.]*+\.(?:\s|$))"
    r"(?P<job>[^.]+?)(?:\s+(?:for|at|with)\s+(?P<publication>[^.]+?))?\s*\.(?:\s|$)"
)
_BIO_HINT = re.compile(r"\bI\s+(?:specialise|specialize|cover|write|report|have)\b")
# A bio is a journalist's: its job is one of these. "I am Jeanne Mukamana, a
# farmer from Sake." closing an "as told to" piece is the story's last words,
# and her name would have been made into one of the desk's authors.
_JOURNALISTS_JOB = re.compile(
    r"\b(?:correspondent|reporter|journalist|photojournalist|editor|writer|columnist"
    r"|photographer|producer|stringer|freelancer?|contributor|commentator|broadcaster"
    r"|presenter|videographer|bureau\s+chief|news\s+\w+|critic|anchor|host|analyst"
    r"|fact-?checker|researcher|blogger|podcaster)s?\b",
    re.I,
)

# A note about the writer at the story's foot, in the third person and with
# how to reach them: "Mary Jones covers courts for the Gazette. Reach her at
# mjones@example.com or 555-0142." It is the page's, not the story's. It opens
# with the writer's name and what they do, or with how to reach the writer; a
# paragraph that gives a number to call but names no writer ("Anyone with
# information should call police at 555-0100.", "Contact Detective Ruiz at
# 555-0100.") is the story's. "<Name> can be reached at …" may be an official's:
# only with an email address, the writer's commonest.
_WRITER_NOTE = re.compile(
    r"^(?:[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|al|bin|el|la|le)){1,4}"
    r"\s+(?:covers|writes\s+(?:about|for|on)|reports\s+(?:on|for)"
    r"|(?P<reached>can|may)\s+be\s+reached|is\s+(?:a|an|the)\s+[^.]{0,60}?"
    r"(?:correspondent|reporter|journalist|editor|writer|columnist|photographer))\b"
    r"|(?i:reach|contact|e-?mail|write\s+to)\s+(?:her|him|them|(?:the\s+)?(?:reporter|writer"
    r"|columnist|author)(?:\s+[A-Z][\w'’.-]*){0,3})\s+(?:at|on|by)\b)"
)
_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A telephone number: seven digits or more in groups ("555-0142", "(202) 555-0142").
_TELEPHONE = re.compile(r"(?<![\w.,])\+?\(?\d{2,4}\)?(?:[ .-]\(?\d{2,4}\)?){1,3}(?![\w.,]?\d)")
TELEPHONE_MIN_DIGITS = 7
WRITER_NOTE_MAX_CHARS = 300


def is_writer_note(paragraph, *, under_one=False):
    """Whether ``paragraph`` is a note about the story's writer with how to reach
    them ("Mary Jones covers courts for the Gazette. Reach her at …").

    ``under_one``: a note of that kind is under it, so the one that says who the
    writer is needs no contact details of its own ("Mary Jones covers courts
    for the Gazette." over "Reach her at …").
    """
    paragraph = paragraph.strip()
    note = _WRITER_NOTE.match(paragraph) if len(paragraph) <= WRITER_NOTE_MAX_CHARS else None
    if note is None:
        return False
    if _EMAIL_ADDRESS.search(paragraph):
        return True
    if note.group("reached"):
        return False
    return under_one or any(
        sum(char.isdigit() for char in number.group()) >= TELEPHONE_MIN_DIGITS
        for number in _TELEPHONE.finditer(paragraph)
    )


# A byline line under the standfirst: "By Ana Souza", "By Ana Souza and Li Wei",
# "BY ANA SOUZA, Reuters", "By Ana Souza | Reuters", and in Cyrillic or Greek
# letters ("By Ольга Смирнова", "Автор: Олександр Шевченко", "Автори: Олена
# Коваль та Іван Петренко"). Each name is two to five words with capitals, so
# "By Tuesday" or "By then, talks had stalled" is copy.
_CAPITAL = "A-ZÀ-ÖØ-Þ\u0100-\u017f\u0400-\u042f\u0386\u0388-\u038f\u0391-\u03a9"
_PERSON = (
    rf"[{_CAPITAL}][\w'’.-]*"
    rf"(?:\s+(?:[{_CAPITAL}][\w'’.-]*|de|da|do|dos|van|von|der|al|bin|el|la|le|du)){{1,4}}"
)
# "and" between names, in the languages whose letters a name above may be in.
_BETWEEN_NAMES = r"\s*(?:,|&|\band\b|\bAND\b|\bwith\b|\bи\b|\bі\b|\bта\b|\bκαι\b)\s*"
_BYLINE_LINE = re.compile(
    rf"^(?i:by|written\s+by|автор[ыи]?)\s*[:：]?\s+(?P<names>{_PERSON}(?:{_BETWEEN_NAMES}{_PERSON})*)"
    r"(?:\s*(?:[,|·•/]|\s[—–-])\s*(?P<organisation>[^,|·•/]{1,60}))?\s*$"
)
# Anadolu's byline has no "By": the name, a bar and the dates it was filed and
# updated, "Zehra Nur Duz |29.11.2024 - Update : 29.11.2024".
# Its date stamp is found first, from the end; the names before it are then
# read one by one (read as one pattern, "and" as a name or as the word between
# two made a line of them take seconds).
_STAMPED_BYLINE_TAIL = re.compile(
    r"\|\s*\d{1,2}\.\d{1,2}\.\d{4}"
    r"(?:\s*-\s*(?i:update|güncelleme)\s*:\s*\d{1,2}\.\d{1,2}\.\d{4}(?:\s+\d{1,2}:\d{2})?)?\s*$"
)
_ONE_PERSON = re.compile(_PERSON)


def _stamped_byline_names(line):
    """The names of an Anadolu byline ("Zehra Nur Duz |29.11.2024 - …"), as written, or None."""
    tail = _STAMPED_BYLINE_TAIL.search(line)
    if not tail:
        return None
    names = line[: tail.start()].strip()
    parts = [part.strip() for part in re.split(_BETWEEN_NAMES, names)]
    if not names or not all(_ONE_PERSON.fullmatch(part) for part in parts):
        return None
    return names
# Words that make a "name" an organisation or a job: "By Reuters Staff".
_NOT_PERSON_WORDS = frozenset(
    {
        "staff", "reporter", "reporters", "correspondent", "correspondents", "editor",
        "editors", "desk", "agency", "press", "news", "newsroom", "team", "writer", "writers",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    }
)
# Words of an outlet's name: after a writer's name and a comma ("By Ana Souza,
# Andean Almanac"), the outlet she writes for, not a second writer. Only words
# no one is named: "Post", "Service", "Herald" or "Courier" are surnames too
# ("By Orlando Figes, Robert Service"). An outlet named otherwise is found by
# the import among the known sources, or left as a name for the editor.
_OUTLET_NAME_WORDS = frozenset(
    {
        "times", "journal", "gazette", "tribune", "almanac", "telegraph", "chronicle",
        "magazine", "radio", "television", "tv", "wire", "network", "broadcasting", "media",
        "bulletin", "dispatch", "sentinel", "examiner", "inquirer", "online", "digital",
        "channel", "broadcaster", "newspaper", "agence", "zeitung", "spiegel", "monde",
        "país", "pais", "corriere", "repubblica",
    }
)
# An outlet's article: "The Andean Almanac", "Der Spiegel", "El País". ("Le" and
# "La" open Vietnamese and other names: "Le Van Thanh".)
_OUTLET_ARTICLES = frozenset({"the", "el", "der", "die", "das", "il"})
# Words no name starts with, which a subheading after "By" does.
# ("An", "My" and "A" are given names: "By An Nguyen".)
_NOT_FIRST_NAMES = frozenset(
    {"the", "this", "that", "these", "those", "our", "your", "their", "all"}
)
BYLINE_MAX_CHARS = 120
# Words in small letters after the names' comma: "staff writer", "Europe editor at
# the Kestrel Times" (an outlet's or a job's), not a sentence's clause.
BYLINE_ORGANISATION_SMALL_WORDS_MAX = 3
# "By Ana Souza in Lisbon", "By Ana Souza in Rio de Janeiro and Li Wei in
# Beijing": where each writer filed from, after the name.
_BYLINE_PLACE = re.compile(
    r"\s+(?i:in)\s+(?P<place>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|do|del|di|el|la|al)){0,3})"
    r"(?=\s*(?:$|,|&|\band\b|\bAND\b|\bwith\b|[|·•/]|\s[—–-]))"
)
# The wire's own credits at the end: "Reporting by Ana Souza; Editing by Mark
# Heinrich", often in brackets. A name follows "by": "Reporting by the BBC
# showed …" is a sentence of the story.
_WIRE_CREDIT = re.compile(
    r"^[(\[]?\s*(?i:(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|graphics)"
    r"(?:\s+and\s+(?:reporting|writing|editing))?\s+by)\s*:?\s+[A-Z]"
    # DW's "Edited by: Rob Mudge" (above), Bloomberg's "--With assistance from
    # Yvonne Yue Li." and AP's "Associated Press writer Emma Burrows in London
    # contributed to this report."
    r"|^[—–-]{0,2}\s*(?i:with\s+assistance\s+from)\s+[A-Z]"
    r"|^[A-Z](?=[^.!?]{0,200}\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story)\.?\s*$)"
    # The agencies' services in other languages: Reuters' "(Reporte de …;
    # Editado en español por …)", "(Reportage …, édité par …)", "(Bericht von
    # …; redigiert von …)", and in Russian "(Наталья Зинец. Редактор …)",
    # names first, then the editor.
    r"|^[(\[]\s*(?i:reporte\s+(?:adicional\s+)?de|escrito\s+por|editado\s+(?:en\s+español\s+)?por"
    r"|reportage|r[ée]dig[ée]\s+par|[ée]dit[ée]\s+par|bericht\s+von|redigiert\s+von)\s+[A-Z]"
    r"|^\(\s*(?:[А-ЯЁІЇЄҐ][а-яёіїєґʼ'’-]+\s*){1,3}(?:[,.;]\s*(?:[А-ЯЁІЇЄҐ][а-яёіїєґʼ'’-]+\s*){1,3})*"
    r"[.;]\s*(?:Редактор|Редактори|Редакторы|Перевод|Переклад)\b[^()]{2,80}\)\s*$"
)
WIRE_CREDIT_MAX_CHARS = 300
# The small words of a credits line: its roles, the joins between names and
# places, desks, and the particles of names ("Ana de la Cruz", "Omar al-Masri").
_CREDIT_WORDS = frozenset(
    {
        "by", "and", "in", "from", "with", "for", "at", "of", "the", "additional", "reporting",
        "writing", "editing", "compiled", "graphics", "newsroom", "desk", "bureau", "staff",
        "team", "editor", "editors", "research", "photos", "video", "bureaus", "across",
        "region", "aboard", "board", "plane", "de", "da", "do", "dos",
        "das", "del", "della", "di", "van", "von", "der", "den", "al", "el", "la", "le", "bin",
        "ibn", "y", "e", "et", "und", "ter", "edited", "assistance", "writer", "writers",
        "reporter", "reporters", "correspondent", "correspondents", "contributed", "to",
        "this", "report", "story",
    }
)
# More lower-case words than this, and it is a sentence of the story: "Reporting by
# Reuters in 2023 first exposed the scheme, prompting a police investigation."
CREDIT_OTHER_WORDS_MAX = 2
CREDIT_OTHER_WORDS_IN_FIRST_MAX = 1

# "<Outlet> writes about this with reference to …", "<Outlet> reports, citing …",
# "… according to …, interviewed by <Outlet>", "… told <Outlet>". In running
# text "the" before a title is often lower case: "told the Kestrel Times".
# The small words inside names: "Journal du Dimanche", "Corriere della Sera",
# "Bild am Sonntag".
_OUTLET_WORDS = (
    r"(?:The\s+)?[A-Z][\w&'’.-]*"
    # Whole words: "Reuters last week" is not "Reuters la".
    r"(?:\s+(?:[A-Z][\w&'’.-]*|(?:of|de|du|des|del|della|la|le|al|di|am)\b))*"
)
_OUTLET = rf"(?:(?P<article>the)\s+)?(?P<outlet>{_OUTLET_WORDS})"
_TRAILING_SMALL_WORDS = re.compile(r"(?:\s+(?:of|de|du|des|del|della|la|le|al|di|am))+$")
# What an outlet is, said after its name: "the Journal du Dimanche newspaper".
_OUTLET_KIND = (
    r"(?:newspaper|daily|weekly|magazine|broadcaster|television|radio|website|news\s+agency)"
)
# The first two patterns can start at any capital, and a run of capitalised
# words is read to its end from each of them before the verb after it is
# looked for: time in the square of the run. The verb can only follow the
# run's last word, so when it is not there no start in the run can match,
# and the run is passed over whole (a match without an "outlet" group).
_OUTLET_RUN = rf"(?:the\s+)?{_OUTLET_WORDS}"
# How far after "writes" the "citing" of the same sentence is looked for.
# Capped: a sentence of many "X writes …" without one was read to its full
# stop from each of them.
OUTLET_CITING_MAX_CHARS = 500
# "The talks were first reported by Axios." Only the outlet's name is looked up
# among the desk's sources: the rest of the sentence may name the outlet the
# story is about ("The search of the BBC's office was first reported by Axios").
_FIRST_REPORTED_BY = re.compile(r"\bfirst\s+(?:reported|revealed|disclosed)\s+by\s+" + _OUTLET)
_OUTLET_PATTERNS = [
    re.compile(
        rf"{_OUTLET}\s+(?:writes|wrote|reports|reported|writing)\b[^.]{{0,{OUTLET_CITING_MAX_CHARS}}}?"
        rf"(?:with\s+reference\s+to|citing|referring\s+to|quoting)|{_OUTLET_RUN}"
    ),
    re.compile(
        rf"{_OUTLET}\s+(?:reports|reported|writes|wrote|says|said)\s*,\s*citing\b|{_OUTLET_RUN}"
    ),
    re.compile(r"\b(?:interviewed|quoted|cited)\s+by\s+" + _OUTLET),
    # "… told the Journal du Dimanche newspaper.": what the outlet is may follow its name.
    re.compile(
        r"\b(?:told|(?i:according)\s+to|speaking\s+to|in\s+an\s+interview\s+with)\s+"
        + _OUTLET + rf"(?P<kind>\s+{_OUTLET_KIND})?(?=\s*(?:[.,;]|$|\bon\b|\bin\b))"
    ),
    re.compile(r"\b(?i:as\s+reported\s+by)\s+" + _OUTLET),
    _FIRST_REPORTED_BY,
]
# Sentences that report another outlet's reporting without naming it in a
# form the patterns above read: "The Guardian reported on Thursday that …",
# "The New York Times first reported …". The name before the verb may as well
# be a person's or a ministry's, so it is not listed as an outlet: only the
# desk's known sources are looked for in it (import_service), which credits
# the ones it knows. Only in it: "Officials reported that the BBC office had
# been searched" is about the BBC, not from it.
_REPORTING_SUBJECT = (
    r"(?P<subject>(?:[Tt]he\s+)?[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|(?:of|de|du|la|le|al|di)\b)){0,5})"
)
_REPORTING_SENTENCE = re.compile(
    _REPORTING_SUBJECT
    # "Der Spiegel, citing intelligence sources, said …" ("The BBC, citing legal
    # reasons, declined to name him" is about the BBC).
    + r"(?:\s*,\s*citing\b[^.;]{0,200}?,\s*(?:said|says|reported|reports|wrote|writes)\b"
    r"|\s+(?:first\s+(?:reported|revealed|disclosed)\b"
    r"|(?:reported|reports|revealed|reveals|disclosed)"
    r"(?:\s+(?:on|last|earlier|this)\s+\w+)?(?:\s+that\b|\s*,|\s+(?:on|in)\b)"
    # At the sentence's end, as the wires attribute: "…, the Financial Times
    # reported.", "…, Austrian broadcaster ORF reported."
    r"|(?:reported|reports|wrote|writes)(?:\s+(?:on|last|earlier|this)\s+\w+)?\s*[.!]?\s*$"
    # "Japan's Nikkei newspaper reported …", "South Korea's Yonhap news agency
    # said …": whose report it is, in the forms the wires give it.
    r"|(?:newspaper|daily|weekly|news\s+agency|agency|broadcaster|magazine|website|news\s+site"
    r"|channel|network|television|radio)\s+(?:said|says|reported|reports|revealed|wrote|writes)\b))"
)
# Words the outlet pattern can catch at a sentence start that are not outlets.
_NOT_OUTLETS = frozenset({"He", "She", "They", "It", "We", "I", "The", "This", "That", "A"})
# Names an institution gives itself: "according to the Interior Ministry",
# "told the Senate", and the statistics offices the wires cite for figures
# ("according to Statistics Canada", "… Eurostat", "… Istat", "… Destatis",
# Spain's "Instituto Nacional de Estadística"). Such a name is not listed as an
# outlet, with "the" before it or not ("according to Ukraine's Defence
# Ministry"); its sentence is kept, so a known source in it still counts.
_INSTITUTION = re.compile(
    r"\b(?:Ministry|Ministries|Minister|Government|Parliament|Senate|Congress|Assembly"
    r"|Council|Court|Commission|Committee|Bank|Fund|Police|Army|Navy|Military|Department"
    r"|Office|Authority|Authorities|Organi[sz]ation|Union|Nations|Embassy|Party|Company"
    r"|University|Institute|Kremlin|Pentagon|Cabinet|Presidency|President|Board|Federation"
    r"|Association|Secretariat|Treasury|Reserve|House|UN|EU|NATO|IMF"
    r"|Agency|Agencies|Bureau|Census|Statistics|Statistical|Statistik|Statistique"
    r"|Estad[íi]stica|Estat[íi]stica|Instituto|Institut|Ministerio|Minist[èe]re|Minist[ée]rio"
    r"|Ministerium|\w+stat|Destatis|Stats"
    # The forces and services officials speak for: "according to the Air Force",
    # "… the General Administration of Customs", "… the Fire Service".
    r"|Force|Forces|Guard|Administration|Customs|Service|Services|Directorate|Prosecutor)\b"
)
# After a lower-case "the", an acronym names an institution far more often than
# a paper: "according to the INE" (Spain's statistics office), "the IAEA", "the
# ONS". The agencies the importer knows by name ("told the AP") are outlets.
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# Broadcasters and papers the wires cite by their initials ("told the BBC",
# "according to the NHK"): outlets, not institutions, though the desk may not
# have them as sources yet.
_OUTLETS_BY_INITIALS = frozenset(
    {
        *("BBC", "CNN", "NPR", "PBS", "ABC", "CBS", "NBC", "CBC", "SBS", "NHK", "KBS"),
        *("ZDF", "ARD", "RAI", "RTL", "RFI", "RTE", "RTVE", "DW", "VOA", "CCTV", "RT"),
        *("WSJ", "FT", "ORF", "SRF", "NOS", "YLE", "SVT", "NRK", "DR", "TRT", "ERT"),
    }
)
# Statistics offices, central banks and other bodies the wires cite by their
# initials without "the" ("according to INSEE", "data from Istat"): institutions,
# not outlets. Other initials without "the" may be an outlet's ("told NDTV"),
# unless the copy spells them out as an institution's ("the National Institute
# of Statistics and Economic Studies (INSEE)"; see find_outlet_mentions).
_INSTITUTIONS_BY_INITIALS = frozenset(
    {
        # Statistics offices.
        *("INSEE", "ISTAT", "INE", "INEGI", "IBGE", "INDEC", "DANE", "INEI", "ONS", "BLS"),
        *("BEA", "ABS", "KOSTAT", "TUIK", "TurkStat", "CSO", "NBS", "BPS", "PSA", "NSO"),
        *("ELSTAT", "CZSO", "KSH", "GUS", "INS", "CSB", "DOSM", "NSSO", "MOSPI"),
        # Central banks and finance bodies.
        *("ECB", "BOJ", "BOE", "RBI", "RBA", "PBOC", "SNB", "IMF", "BIS", "OECD", "OPEC"),
        # International bodies and agencies.
        *("WHO", "WFP", "FAO", "ILO", "WTO", "IAEA", "IEA", "UNHCR", "UNICEF", "UNESCO"),
        *("OCHA", "UNRWA", "ICRC", "IOM", "NATO", "ASEAN", "OSCE", "ICC", "ICJ", "NASA"),
    }
)
# Initials in brackets after the name they stand for: "… Studies (INSEE)".
_SPELT_OUT_INITIALS = re.compile(
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|on|de|du|des|la|le|et|di|del"
    r"|della|für)){1,9})\s+\((?P<initials>[A-Z][A-Za-z]{1,7})\)"
)
# Words that make a name an outlet's, whatever else it holds: "the Yonhap News
# Agency", "the Press Association", "the San Diego Union-Tribune".
_OUTLET_WORDS_IN_NAME = _OUTLET_NAME_WORDS | {"news", "press"}


def _names_an_institution(name, *, after_the, institutions=frozenset()):
    """Whether an attribution's ``name`` is an institution's, not an outlet's.

    ``institutions`` holds initials the copy spells out as an institution's.
    """
    if (
        is_agency_name(name)
        or name in _OUTLETS_BY_INITIALS
        or _OUTLET_WORDS_IN_NAME.intersection(word.casefold() for word in re.findall(r"\w+", name))
    ):
        return False
    return bool(
        _INSTITUTION.search(name)
        or (after_the and _ACRONYM.fullmatch(name))
        or name in _INSTITUTIONS_BY_INITIALS
        or name in institutions
    )


def _initials_of_institutions(text):
    """Initials ``text`` spells out as an institution's: "INSEE" in "the National
    Institute of Statistics and Economic Studies (INSEE)"; not "BBC" in "the
    British Broadcasting Corporation (BBC)"."""
    return frozenset(
        match.group("initials")
        for match in _SPELT_OUT_INITIALS.finditer(text)
        if _names_an_institution(match.group("name"), after_the=False)
    )


# Scraped copy can carry the page's HTML: a script, a "related" box, tags
# around words. Only tags by these names count, so "prices <5% up>" and
# "<a.smith@example.com>" stay text.
# A drop-down's options and an icon's drawing ("<path d=…>") are the page's
# too: never copy.
_HTML_CODE_NAMES = "script|style|iframe|noscript|template|select"
_HTML_BLOCK_NAMES = (
    "address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|form|h[1-6]"
    "|header|hr|li|main|nav|ol|p|section|table|tbody|td|tfoot|th|thead|tr|ul"
    # A whole page saved as text: its frame, and what a head left unclosed holds.
    "|base|body|head|html|link|meta"
)
_HTML_INLINE_NAMES = (
    "a|abbr|b|button|center|cite|data|em|font|i|img|input|ins|label|mark|option|picture|small"
    "|source|span|strong|sub|sup|svg|time|u|wbr"
)


class _Elements:
    """HTML elements, each from its opening tag to the first closing tag of its name.

    ``pattern`` matches an element, and ``opening`` the start of it up to the
    end of its name ("<script", "<!--"). The methods mirror those of a compiled
    pattern, and find the same matches.

    Searched for as one pattern, an opening tag left unclosed was read to the
    end of the copy, and so was every later one: 64 KB of "<head><head>…" took
    13 s to import. The closing tags after a later element of the same name
    (the closing tag repeats the name, case aside) are among those after the
    earlier one, and none of those fits; so once an element is found unclosed,
    the rest spelled the same are passed over, and the copy is read to its end
    at most once for each name.
    """

    def __init__(self, pattern, opening):
        self.pattern = re.compile(pattern, re.I | re.S)
        self.opening = re.compile(opening, re.I)

    def finditer(self, text):
        unclosed = set()
        start = 0
        while found := self.opening.search(text, start):
            name = found.group().lower()
            match = None if name in unclosed else self.pattern.match(text, found.start())
            if match:
                yield match
                start = match.end()
            else:
                unclosed.add(name)
                start = found.start() + 1

    def search(self, text):
        return next(self.finditer(text), None)

    def sub(self, replacement, text):
        """``text`` with each element replaced by ``replacement``, taken as it is."""
        return _replace_spans(text, [match.span() for match in self.finditer(text)], replacement)


# Elements whose content is code, never copy: removed with it, across lines.
# Only when closed: "slip a <script> tag into comment boxes" is copy about code.
_HTML_CODE = _Elements(
    rf"<({_HTML_CODE_NAMES})(?=[\s/>])[^>]*>.*?</\1\s*>|<!--.*?-->",
    rf"<(?:{_HTML_CODE_NAMES})(?=[\s/>])|<!--",
)
# A button's label ("Tweet", "Share", "Copy link") is the page's, never copy;
# left in, the labels of a row of buttons ran together as "TweetShare".
_HTML_BUTTON = _Elements(r"<button(?=[\s>])[^>]*>(.*?)</button\s*>", r"<button(?=[\s>])")
# An icon drawn in the page ("<svg><path d=…/><use href=…/></svg>") goes whole,
# before the page's title is looked for: an icon can carry a <title> of its own.
_HTML_SVG = _Elements(r"<svg(?=[\s/>])[^>]*>.*?</svg\s*>", r"<svg(?=[\s/>])")
# The site's furniture on a whole page: its masthead, menus, boxes of other
# stories and footer, each with its words. A <header> that holds the <h1> is
# the story's own (headline, standfirst, byline), and stays.
_PAGE_FURNITURE = [
    _Elements(rf"<({name})(?=[\s>])[^>]*>(.*?)</\1\s*>", rf"<(?:{name})(?=[\s>])")
    for name in ("header", "nav", "aside", "footer")
]
_HTML_H1_OPENING = re.compile(r"<h1(?=[\s>])", re.I)
# The class or id of a box inside the story's <article> that is the story's
# own: a fact box ("factbox", "key-facts", "explainer"). Anything else there
# (a pull quote repeating the body, a link to another story, the topic tags)
# is the page's.
_STORY_BOX_WORDS = re.compile(r"fact|key-?(?:facts|points|dates)|explainer|glossary|timeline", re.I)
_CLASS_OR_ID = re.compile(r"""\b(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)


def _names_a_story_box(opening_tag):
    """Whether an element's opening tag names it, by class or id, as the story's fact box."""
    return any(
        _STORY_BOX_WORDS.search(next(filter(None, value.groups()), ""))
        for value in _CLASS_OR_ID.finditer(opening_tag)
    )


_HTML_ARTICLE = _Elements(r"<(article)(?=[\s>])[^>]*>(.*?)</article\s*>", r"<article(?=[\s>])")
# A form (a newsletter sign-up, a search box) is furniture wherever it stands.
_HTML_FORM = _Elements(r"<(form)(?=[\s>])[^>]*>(.*?)</form\s*>", r"<form(?=[\s>])")
# A picture's caption: the picture is not imported, and its caption alone
# would read as a line of the story (or, short, as a subheading).
_HTML_CAPTION = _Elements(
    r"<figcaption(?=[\s>])[^>]*>(.*?)</figcaption\s*>", r"<figcaption(?=[\s>])"
)
# Struck-out words (<del>4%</del> 5%) are what the page no longer says.
_HTML_DELETED = _Elements(r"<del(?=[\s>])[^>]*>(.*?)</del\s*>", r"<del(?=[\s>])")
# A short quotation in a paragraph: a browser shows its quotation marks.
_HTML_QUOTE_OPENING = re.compile(r"<q(?=[\s>])[^<>]*+>", re.I)
_HTML_QUOTE_CLOSING = re.compile(r"</q\s*+>", re.I)
# Elements that hold one paragraph of words. Inside one, the line breaks of
# the page's source are spaces, as a browser reads them: a paragraph filed
# over three lines is one paragraph, not three.
_HTML_TEXT_BLOCK = _Elements(
    r"<(p|li|h[1-6]|dt|dd|td|th|blockquote)(?=[\s>])[^>]*>.*?</\1\s*>",
    r"<(?:p|li|h[1-6]|dt|dd|td|th|blockquote)(?=[\s>])",
)
_HTML_BLOCK_TAG = re.compile(rf"</?(?:{_HTML_BLOCK_NAMES})(?=[\s/>])[^<>]*>", re.I)
_HTML_OTHER_TAG = re.compile(rf"</?(?:{_HTML_INLINE_NAMES})(?=[\s/>])[^<>]*>", re.I)
# A line that is nothing but a link and tags (a related-stories or share list)
# is read in pieces by _link_only_lines: spaces and whole tags from the line's
# start, a link's opening tag (which may run on over lines), its words, its
# closing tag, and spaces and whole tags to the end of the line.
_LINE_TAGS = re.compile(r"[ ]*+(?:<[^<>\n]++>[ ]*+)*+")
_LINK_OPENING = re.compile(r"<a(?=[\s>])", re.I)
_LINK_WORDS = re.compile(r"[^<\n]*+")
_LINK_CLOSING = re.compile(r"</a\s*+>", re.I)
_EMPTY_LINK = re.compile(r"<a(?=[\s>])[^<>\n]*+>[ ]*+</a\s*+>", re.I)
# A whole page saved as a .txt file: its doctype, and a head that holds the
# page's title, meta tags, style sheets and scripts, never copy.
_HTML_DOCTYPE = re.compile(r"<!doctype(?=[\s>])[^<>]*>", re.I)
_HTML_HEAD = _Elements(r"<head(?=[\s>])[^>]*>.*?</head\s*>", r"<head(?=[\s>])")
_HTML_TITLE = _Elements(r"<title(?=[\s>])[^>]*>(.*?)</title\s*>", r"<title(?=[\s>])")
_HTML_PAGE = re.compile(r"<!doctype(?=[\s>])|<(?:html|head|body)(?=[\s>])", re.I)
# The page's own headline.
_HTML_H1 = _Elements(r"(<h1(?=[\s>])[^>]*>)(.*?)(</h1\s*>)", r"<h1(?=[\s>])")
# "Rome talks stall | World | Newsroom": a title names the site beside the story.
_TITLE_SEPARATOR = re.compile(r"\s+[|·•]\s+")


def _element_text(fragment):
    """The words of an HTML fragment on one line, without its tags."""
    return " ".join(re.sub(r"<[^<>]*>", " ", fragment).split())


# Where a list's item starts, until the links that make up a box's list are
# gone: a tag, so a line of a link is still nothing but a link and tags. Then
# the item's bullet or number, which the sanitiser makes a list of again.
_LIST_ITEM_MARK = re.compile(r"<newsroom-list-item ([^<>\s]+)>")
_HTML_CELL_BOUNDARY = re.compile(r"</t[dh]\s*>\s*<t[dh](?=[\s>])[^<>]*>", re.I)
_HTML_ROW_START = re.compile(r"<tr(?=[\s>])[^<>]*>\s*<t[dh](?=[\s>])[^<>]*>", re.I)
_HTML_ROW_END = re.compile(r"</t[dh]\s*>\s*</tr\s*>", re.I)
# A paragraph's tags just inside a cell's: "<td><p>Town</p></td>".
_HTML_CELL_OPENS_PARAGRAPH = re.compile(r"(<t[dh](?=[\s>])[^<>]*>)\s*<p(?=[\s>])[^<>]*>", re.I)
_HTML_CELL_CLOSES_PARAGRAPH = re.compile(r"</p\s*>\s*(</t[dh]\s*>)", re.I)
_LIST_START = re.compile(r"\sstart\s*=\s*[\"']?(\d{1,4})", re.I)
_LIST_TAG = re.compile(r"<(/?)(ol|ul|li)(?=[\s/>])[^<>]*>", re.I)


_HTML_ITEM_OPENS_PARAGRAPH = re.compile(r"(<li(?=[\s>])[^<>]*>)\s*<p(?=[\s>])[^<>]*>", re.I)
_HTML_ITEM_CLOSES_PARAGRAPH = re.compile(r"</p\s*>\s*(</li\s*>)", re.I)


def _mark_list_items(text):
    """``text`` with each ``<li>`` followed by a mark: its bullet, or its number in an ``<ol>``.

    A paragraph just inside an item (Google Docs' "<li><p>Taxes rise.</p></li>")
    is the item's text.
    """
    text = _HTML_ITEM_OPENS_PARAGRAPH.sub(r"\1", text)
    text = _HTML_ITEM_CLOSES_PARAGRAPH.sub(r"\1", text)
    text = _blocks_inside_as_spaces(_HTML_ITEM_ELEMENT, text)
    lists = []  # the open lists: [numbered, count]

    def mark(match):
        closing, name = match.group(1), match.group(2).lower()
        if name != "li":
            if closing:
                if lists:
                    lists.pop()
            else:
                start = _LIST_START.search(match.group(0)) if name == "ol" else None
                lists.append([name == "ol", int(start.group(1)) - 1 if start else 0])
            return match.group(0)
        if closing or not lists:
            return match.group(0)
        lists[-1][1] += 1
        numbered, count = lists[-1]
        return f"{match.group(0)}<newsroom-list-item {f'{count}.' if numbered else '•'}>"

    return _LIST_TAG.sub(mark, text)


def _link_only_lines(text):
    """Where lines of ``text`` are nothing but a link and tags: ``(start, end)`` pairs.

    Such a line is spaces and whole tags, a link (``<a …>``, words without
    tags, ``</a>``), and spaces and whole tags up to the end of the line. The
    link's opening tag may run on over lines, and so may the space in its
    closing tag: the match then ends with the line where the link closes.

    Written as one pattern, each link of a line was tried in turn, and the
    line read from its closing tag to its end for each: 64 KB of "<a></a>"
    before a word took 11 s. Here each line is read once. Its whole tags are
    taken from its start, and the link can only be an opening tag just after
    them, or else the last of them, or else (when they reach the end of the
    line) any of them that a closing tag follows. An opening tag's ">", and
    what follows it, are looked for once for all the lines before that ">":
    lines of "<a " with a ">" at the end of the copy were each read to it.
    """

    def link_from(bracket):
        """Where the line ends if a link's opening tag ends at ``bracket``; None if not a link."""
        closing = _LINK_CLOSING.match(text, _LINK_WORDS.match(text, bracket + 1).end())
        if not closing:
            return None
        end = _LINE_TAGS.match(text, closing.end()).end()
        return end if end == len(text) or text[end] == "\n" else None

    spans = []
    # The ">" that ends the last opening tag read past its line's whole tags
    # (len(text) if none does), and link_from it: the same for every such
    # opening tag before it.
    bracket, bracket_link = -1, None
    start = 0
    while start < len(text):
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        tags_end = _LINE_TAGS.match(text, start).end()
        last_tag = text.rfind("<", start, tags_end)
        if _LINK_OPENING.match(text, tags_end):
            if bracket < tags_end + 2:
                found = text.find(">", tags_end + 2)
                bracket = len(text) if found < 0 else found
                bracket_link = None if found < 0 else link_from(found)
            end = bracket_link
        elif tags_end == line_end:
            end = line_end if _EMPTY_LINK.search(text, start, tags_end) else None
        elif last_tag >= 0 and _LINK_OPENING.match(text, last_tag):
            end = link_from(text.index(">", last_tag))
        else:
            end = None
        if end is None:
            start = line_end + 1
        else:
            spans.append((start, end))
            start = end + 1
    return spans


def _replace_spans(text, spans, replacement=""):
    """``text`` with each ``(start, end)`` span (in order, apart) replaced as it is."""
    pieces, start = [], 0
    for span_start, span_end in spans:
        pieces += [text[start:span_start], replacement]
        start = span_end
    return "".join(pieces) + text[start:]


def strip_html(text, paragraph_break="\n"):
    """``text`` without the page's HTML; returns ``(text, removals, page_headline)``.

    Code (a script, a style sheet, a comment) goes whole, however many lines
    it spans. A block element's tags (a paragraph, a list item, a table cell,
    a line break) end a paragraph, so the words on either side never run
    together; ``paragraph_break`` is what ends one in this copy. A line left
    holding nothing but a link is a list of other stories, and goes too.
    Tags around words go, and the words stay; a button goes with its label.

    A whole page (a doctype, ``<html>``, ``<head>`` or ``<body>``) loses its
    frame and its head. Copy that carried any of this HTML has its character
    references ("&amp;", "&#8217;") read; plain text keeps its "&" as typed.
    ``page_headline`` is the words of the first ``<h1>``, which leave the
    copy, or failing that the page's ``<title>`` less the site's name; ""
    when the copy has neither.
    """
    is_page = _HTML_PAGE.search(text) is not None
    icons = [Removal("HTML code", match.group(0)) for match in _HTML_SVG.finditer(text)]
    text = _HTML_SVG.sub("", text)
    head = _HTML_HEAD.search(text)
    title = _HTML_TITLE.search(head.group(0) if head else text)
    title_text = ""
    if title:
        parts = _TITLE_SEPARATOR.split(_element_text(title.group(1)))
        title_text = max(parts, key=len)
    code = [Removal("HTML code", match.group(0)) for match in _HTML_HEAD.finditer(text)]
    text = _HTML_HEAD.sub(paragraph_break, text)
    # A title outside a head (or a head left open) is the page's, not copy.
    code += [Removal("page title", match.group(0)) for match in _HTML_TITLE.finditer(text)]
    text = _HTML_TITLE.sub(paragraph_break, text)
    code += [Removal("HTML code", match.group(0)) for match in _HTML_CODE.finditer(text)]
    code += icons
    text = _HTML_CODE.sub("", text)
    text, furniture = _strip_furniture(text, is_page, paragraph_break)
    text = _join_source_lines(text)
    tags = _HTML_DOCTYPE.findall(text)
    text = _HTML_DOCTYPE.sub("", text)
    h1 = _HTML_H1.search(text)
    if h1 and _element_text(h1.group(2)):
        headline = _element_text(h1.group(2))
        tags += [h1.group(1), h1.group(3)]
        text = text[: h1.start()] + paragraph_break + text[h1.end() :]
    else:
        headline = title_text
    buttons = [
        Removal("page junk", label)
        for label in (_element_text(match.group(1)) for match in _HTML_BUTTON.finditer(text))
        if label
    ]
    text = _HTML_BUTTON.sub(" ", text)
    tags += _HTML_QUOTE_OPENING.findall(text) + _HTML_QUOTE_CLOSING.findall(text)
    text = _HTML_QUOTE_CLOSING.sub("”", _HTML_QUOTE_OPENING.sub("“", text))
    text = _mark_list_items(text)
    # Cells side by side stay on their row's line, between bars, an empty cell
    # too ("| | 2023 | 2024 |"); a paragraph just inside a cell is its text.
    text = _HTML_CELL_OPENS_PARAGRAPH.sub(r"\1", text)
    text = _HTML_CELL_CLOSES_PARAGRAPH.sub(r"\1", text)
    text = _blocks_inside_as_spaces(_HTML_CELL_ELEMENT, text, beside_another=True)
    for pattern in (_HTML_ROW_START, _HTML_ROW_END, _HTML_CELL_BOUNDARY):
        tags += pattern.findall(text)
    text = _HTML_ROW_START.sub("<tr> <newsroom-cell> ", text)
    text = _HTML_ROW_END.sub(" <newsroom-cell> </tr>", text)
    text = _HTML_CELL_BOUNDARY.sub(" <newsroom-cell> ", text)
    tags += _HTML_BLOCK_TAG.findall(text)
    text = _HTML_BLOCK_TAG.sub(paragraph_break, text)
    link_lines = _link_only_lines(text)
    links = [
        Removal("page junk", words)
        for words in (
            " ".join(_HTML_OTHER_TAG.sub("", _LIST_ITEM_MARK.sub("", text[start:end])).split())
            for start, end in link_lines
        )
        # A row of icon links has no words left to list once its icons are gone.
        if words
    ]
    text = _replace_spans(text, link_lines)
    text = _LIST_ITEM_MARK.sub(r"\1 ", text).replace("<newsroom-cell>", HTML_CELL)
    tags += _HTML_OTHER_TAG.findall(text)
    text = _HTML_OTHER_TAG.sub("", text)
    if is_page or code or tags or links or buttons or furniture:
        # Copy that carried HTML spells "&" as "&amp;" and "’" as "&#8217;":
        # read as HTML reads them. Plain text is left as typed, since read
        # so, "this&nothing" would become "this¬hing" ("&not" needs no ";").
        # Read only once the tags are gone: "&lt;b&gt;" is the text "<b>", not a tag.
        # A reference can name a control character, taken out as in the rest.
        text, headline = clean_text(html.unescape(text)), clean_text(html.unescape(headline))
        links = [
            Removal(link.kind, html.unescape(link.text)) for link in furniture + links + buttons
        ]
    else:
        links += buttons
    markup = [Removal("HTML markup", " ".join(tags))] if tags else []
    return text, code + markup + links, " ".join(headline.split())


def _strip_furniture(text, is_page, paragraph_break):
    """``text`` without the page's furniture, forms, captions and struck-out words.

    Returns ``(text, removals)``, each removal with the words that went. The
    masthead, menus, side boxes and footer go only from a whole page: in a
    fragment of a story, an ``<aside>`` may be the story's own fact box.
    """
    removals = []

    def drop(elements, kind, text, keep=None):
        spans = []
        for match in elements.finditer(text):
            if keep is not None and keep(match):
                continue
            spans.append(match.span())
            words = _element_text(match.group(match.lastindex))
            if words:
                removals.append(Removal(kind, words))
        return _replace_spans(text, spans, paragraph_break)

    if is_page:
        for elements in _PAGE_FURNITURE:
            # Read afresh for each kind: the text shrinks as furniture goes.
            stories = [match.span() for match in _HTML_ARTICLE.finditer(text)]

            def story_own(match, stories=stories):
                if _HTML_H1_OPENING.search(match.group(2)) is not None:
                    return True
                # Inside the <article>, a fact box (an <aside> named one by its
                # class) and a footer that is the "Source:" line are the story's.
                if not any(start < match.start() and match.end() <= end for start, end in stories):
                    return False
                name = match.group(1).lower()
                if name == "aside":
                    return _names_a_story_box(match.string[match.start() : match.start(2)])
                return name == "footer" and bool(source_line_names(_element_text(match.group(2))))

            text = drop(elements, "page junk", text, keep=story_own)
    text = drop(_HTML_FORM, "page junk", text)
    text = drop(_HTML_CAPTION, "picture caption", text)
    text = drop(_HTML_DELETED, "struck-out text", text)
    return text, removals


# A table's cell or a list's item, and the paragraphs and line breaks inside
# one: "<td><p>Against.</p><p>Orban called it a betrayal.</p></td>" is one cell.
# An element ends at its closing tag, or unclosed (as HTML allows) at the next
# one of its kind or the end of its list, row or table; read up to there only.
_HTML_CELL_ELEMENT = re.compile(
    r"<t[dh](?=[\s>])[^<>]*+>(?P<inner>(?:[^<]|<(?!/?t[dhr]\b|/?table\b))*+)</t[dh]\s*>", re.I
)
_HTML_ITEM_ELEMENT = re.compile(
    r"<li(?=[\s>])[^<>]*+>(?P<inner>(?:[^<]|<(?!/?li\b|/?[uo]l\b))*+)</li\s*>", re.I
)
_HTML_INNER_BLOCK = re.compile(r"</?(?:p|div|br)(?=[\s/>])[^<>]*>", re.I)
# What a cell or an item holding a story does not: a heading, a list, a table.
_HTML_INNER_STRUCTURE = re.compile(r"<(?:h[1-6]|ul|ol|table|blockquote|figure)(?=[\s>])", re.I)
# A cell or an item longer than this is a page laid out in a table: its
# paragraphs stay paragraphs.
INNER_BLOCKS_MAX_CHARS = 600


_NEXT_CELL = re.compile(r"\s*<t[dh](?=[\s>])", re.I)
_CELL_BEFORE = re.compile(r"</t[dh]\s*>\s*$", re.I)


def _blocks_inside_as_spaces(elements, text, *, beside_another=False):
    """``text`` with the paragraphs and line breaks inside each of ``elements`` joined.

    A piece without final punctuation runs on after a dash ("Paiporta sports
    hall — Open 24 hours."), one with it after a space. ``beside_another``:
    only in an element with another of its kind beside it (a table's cell in a
    row of more, not a page laid out in one cell).
    """

    def join(match):
        inner = match.group("inner")
        if beside_another and not (
            _NEXT_CELL.match(text, match.end())
            or _CELL_BEFORE.search(text, max(0, match.start() - 40), match.start())
        ):
            return match.group(0)
        if (
            len(inner) > INNER_BLOCKS_MAX_CHARS
            or _HTML_INNER_STRUCTURE.search(inner)
            or not _HTML_INNER_BLOCK.search(inner)
        ):
            return match.group(0)
        parts = [part.strip() for part in _HTML_INNER_BLOCK.split(inner) if part.strip()]
        joined = ""
        for part in parts:
            if joined:
                plain = _HTML_OTHER_TAG.sub("", joined).rstrip()
                starts = _HTML_OTHER_TAG.sub("", part).lstrip()[:1]
                runs_on = plain.endswith(_FINAL_PUNCTUATION) or not (
                    starts.isupper() or starts.isdigit() or starts in _OPENING_MARKS
                )
                joined += " " if runs_on else " — "
            joined += part
        whole, start = match.group(0), match.start("inner") - match.start()
        return whole[:start] + joined + whole[start + len(inner) :]

    return elements.sub(join, text)


def _join_source_lines(text):
    """``text`` with the line breaks inside each paragraph element read as spaces."""
    pieces, start = [], 0
    for match in _HTML_TEXT_BLOCK.finditer(text):
        pieces += [text[start : match.start()], re.sub(r"[ ]*\n\s*", " ", match.group(0))]
        start = match.end()
    return "".join(pieces) + text[start:]


# A clause that says who spoke: "…, he urged donors", "…, the company's app
# tells users", "according to the complaint". A line that opens like a page's
# button ("Subscribe to the newsletter of the World Food Programme, he urged
# donors.", "Click here, the spokesman joked") and holds one is a quotation: copy.
_SPEECH_CLAUSE = re.compile(
    r"[,;]\s+(?:[\w'’-]+\s+){0,4}?(?:said|says|say|told|tells|added|adds|urged|urges|joked"
    r"|jokes|wrote|writes|asked|asks|warned|warns|insisted|insists|explained|explains"
    r"|recalled|recalls|pleaded|pleads|complained|complains|reported|reports|demanded"
    r"|demands|announced|announces|noted|notes|posted|posts|tweeted|claimed|claims"
    r"|promised|promises|suggested|suggests|boasted|boasts|argued|argues|stressed|stresses"
    r"|advised|advises|stated|states|replied|replies|conceded|concedes|acknowledged"
    r"|acknowledges|admitted|admits|cautioned|cautions|observed|observes|remarked|remarks)\b"
    r"|\baccording\s+to\b",
    re.I,
)


# "Related: the number of famine zones doubled.": a sentence running on after
# "Related:", where a link's headline opens with a capital and has no full stop.
_RUNNING_ON = re.compile(r"^(?i:related)\s*[:：]\s*[a-z]")
# A sentence that tells of a button or a pitch rather than being one: "Click
# here to donate was the message flashed on screens", "Share on Facebook was
# disabled for the ministry's posts". A page's own buttons ask; they do not
# narrate. (A linked headline may: "Read more: Was the Budget a gamble?")
_NARRATED = re.compile(
    r"^(?:click\s+here|share\s+on|subscribe|sign\s+up|follow\s+us|join\s+us|download"
    r"|also\s+read|see\s+(?:also|more)|read\s+(?:also|more))\b(?!\s*[:：])"
    r"[^.!?]*?\b(?:was|were)\b",
    re.I,
)


# An advert's label the copy ran into a paragraph between two sentences, "… on
# Monday. Advertisement The talks …": before a sentence that opens with a
# small word only, so "Advertisement Standards matter." keeps it.
_INLINE_ADVERT = re.compile(
    # Never between words: "issued an Advertisement for 1,056 posts" (a job
    # notice), "said Advertisement rates rose", "labelled ADVERTISEMENT at the
    # top" are a sentence's.
    r"(?<=\.)\s+(?:ADVERTISEMENT|Advertisement)\s+(?=[“\"]?(?:The|A|An|He|She|It|They|We|I"
    r"|In|On|At|But|And|This|That|These|Those|His|Her|Their|Its|There|When|After|Before|As|If"
    r"|While)\s)"
)


def _without_inline_adverts(paragraph, removals):
    """``paragraph`` without the advert labels run into it, listed in ``removals``."""
    found = _INLINE_ADVERT.findall(paragraph)
    removals.extend(Removal("page junk", label.strip()) for label in found)
    return _INLINE_ADVERT.sub(" ", paragraph) if found else paragraph


def is_page_junk(line):
    """Is ``line``, a line of its own, a copied page's furniture rather than copy?

    "ADVERTISEMENT", a row of share buttons, "© 2026 Reuters. All rights
    reserved.": what the importer drops from wire copy. The checklist asks it
    of a story's paragraphs, for copy pasted into the editor.
    """
    return _junk_line(line)


# Kyodo's stamp over its stories: "KYODO NEWS - Nov 30, 2026 - 14:22 | Japan,
# All", the agency's name, the date and time, and the site's sections.
_AGENCY_STAMP = re.compile(
    r"^(?P<agency>[^\W\d][\w .-]{1,30}?)\s+[—–-]\s+(?P<stamp>[^|]{4,60}?)"
    r"(?:\s*\|\s*[^|.!?:]{1,40})?$"
)


def _agency_stamp(line):
    """The agency whose name stamps ``line`` with its story's date, or ""."""
    match = _AGENCY_STAMP.match(line.strip())
    if (
        match
        and is_agency_name(match.group("agency"))
        and _DATE_STAMP.fullmatch(re.sub(r"\s+[—–-]\s+", " ", match.group("stamp")))
    ):
        # As the agency writes its name in a sentence: "KYODO NEWS" is "Kyodo News".
        return _AGENCY_NAMES.get(match.group("agency").casefold(), match.group("agency"))
    return ""


def _junk_line(line):
    stripped = line.strip()
    if len(stripped) <= JUNK_MAX_CHARS and (_agency_stamp(stripped) or _ticker_line(stripped)):
        return True
    if len(stripped) <= JUNK_MAX_CHARS and any(p.match(stripped) for p in _JUNK_LINES):
        # A sentence, ended as one, that quotes someone or runs on is copy; a
        # link's headline ("Read more: Bank holds rates, governor says") has
        # no full stop.
        sentence = stripped.endswith((".", "!", "?", "\"", "”"))
        return not (
            sentence
            and (
                _SPEECH_CLAUSE.search(stripped)
                or _RUNNING_ON.match(stripped)
                or _NARRATED.match(stripped)
            )
        )
    return _consent_line(stripped)


def _consent_line(line):
    stripped = line.strip()
    return len(stripped) <= CONSENT_MAX_CHARS and any(
        pattern.match(stripped) for pattern in _CONSENT_LINES
    )


def _consent_choices(lines, junk):
    """Indexes of a cookie banner's switches and buttons in a run beside its other lines.

    ``junk`` holds the indexes of lines already found to be page junk. One
    pass each way: a switch belongs to the banner when the line above it
    (reading down) or below it (reading up) does.
    """
    banner = {index for index in junk if _consent_line(lines[index])}
    choices = set()
    for indexes, step in ((range(len(lines)), -1), (reversed(range(len(lines))), 1)):
        for index in indexes:
            if (
                index not in junk
                and (index + step in banner or index + step in choices)
                and _CONSENT_CHOICE_LINE.match(lines[index].strip())
            ):
                choices.add(index)
    return choices


def _share_line(line):
    """Whether ``line`` is a share button, or a row of them, wherever it stands."""
    stripped = line.strip()
    return len(stripped) <= JUNK_MAX_CHARS and any(p.match(stripped) for p in _SHARE_LINES)


# A page copied from a browser carries its site's menu above the story: the
# masthead, the sections and buttons one to a line ("Al Jazeera", "News",
# "Middle East", "US & Canada", "Sign in"), a breadcrumb ("News|Israel-Palestine
# conflict", "World › Europe"). An item is a few words, no figures, no final
# punctuation; a run of MENU_MIN_LINES of them makes a menu (four sections
# under a headline may be a story's own list: "News", "Sport", "Weather").
MENU_MIN_LINES = 4
# A run this long is a menu whatever stands above it; a shorter one only under
# nothing longer than a masthead ("France 24" over "Live", "News", "Sport",
# "Culture"), since a story's headline may stand over four sections it lists.
MENU_LONG_LINES = 6
MENU_ITEM_MAX_WORDS = 3
MENU_ITEM_MAX_CHARS = 30
_BREADCRUMB = re.compile(r"^[^|›»>\d]{1,40}(?:[|›»>][^|›»>\d]{1,40}){1,3}$")
# The story's first sentence: the menu is above it.
STORY_SENTENCE_MIN_WORDS = 8
# What makes a run of short lines a site's menu, not a list of names, places or
# a poem's lines over the headline: two or more of its items are a news site's
# own sections and buttons.
_MENU_WORD = re.compile(
    r"^(?:home(?:page)?|news|world|sport|sports|business|opinion|culture|lifestyle|politics"
    r"|weather|live|video|videos|podcasts?|search|menu|sign\s+in|sign\s+up|log\s+in"
    r"|subscribe|newsletters?|technology|tech|science|health|entertainment|travel|climate"
    r"|economy|markets|more|features|investigations|in\s+pictures|your\s+account"
    r"|skip\s+to\s+(?:main\s+)?content|accessibility\s+help|support\s+us)$",
    re.I,
)
MENU_MIN_WORDS = 3
# A short menu has a site's button among its sections ("Live", "Search",
# "Sign in"); "Health", "Economy", "Climate", "Defence" under a headline is a
# story's list of topics.
_MENU_BUTTON = re.compile(
    r"^(?:home(?:page)?|live|search|menu|sign\s+in|sign\s+up|log\s+in|subscribe|your\s+account"
    r"|skip\s+to\s+(?:main\s+)?content|accessibility\s+help|support\s+us)$",
    re.I,
)


def _menu_item(line):
    line = line.strip()
    if _BREADCRUMB.match(line):
        return len(line.split()) <= MENU_ITEM_MAX_WORDS * 3
    return (
        0 < len(line.split()) <= MENU_ITEM_MAX_WORDS
        and len(line) <= MENU_ITEM_MAX_CHARS
        and not any(char.isdigit() for char in line)
        and not line.endswith((*_FINAL_PUNCTUATION, ","))
    )


# A site's menu or breadcrumb copied as one line: "Home | World | Business |
# Sport", "Home › World › Asia", "News / World / Asia", "Menu / Search".
_MENU_BAR_SEPARATOR = re.compile(r"\s*[|›»>·•]\s*|\s+/\s+")
MENU_BAR_MIN_ITEMS = 3


def _menu_bars(lines, junk):
    """Indexes of the lines above the story that are a site's menu written on one line.

    Its items are menu items (:func:`_menu_item`), two or more of them a news
    site's sections or buttons: three or more items, or two that are both
    ("Menu / Search"). A breadcrumb of places alone ("Europe › France ›
    Paris") or a headline with a slash ("Israel / Gaza") is not one.
    """
    bars = set()
    for index in range(_first_sentence(lines, junk)):
        if index in junk:
            continue
        items = [item for item in _MENU_BAR_SEPARATOR.split(lines[index].strip()) if item]
        if len(items) < 2 or not all(_menu_item(item) for item in items):
            continue
        words = sum(bool(_MENU_WORD.match(item)) for item in items)
        if words == len(items) or (len(items) >= MENU_BAR_MIN_ITEMS and words >= 2):
            bars.add(index)
    return bars


# A site's footer links, one to a line under the story: "About", "Contact us",
# "Privacy policy", "Sign up for Al Jazeera". Only two or more of them at the end,
# among junk: "About" alone may head a passage.
_FOOTER_LABEL = re.compile(
    r"^(?:about(?:\s+us)?|contact(?:\s+us)?|privacy(?:\s+(?:policy|notice|settings))?"
    r"|terms(?:\s+(?:of\s+(?:use|service)|and\s+conditions))?|cookie\s+(?:policy|settings)"
    r"|accessibility(?:\s+statement)?|advertise(?:\s+with\s+us)?|careers|help(?:\s+cent(?:re|er))?"
    r"|site\s*map|code\s+of\s+ethics|editorial\s+(?:policy|standards)|newsletters?|rss"
    r"|follow\s+us|sign\s+up\s+for\s+[^.!?,]{1,40})\s*$",
    re.I,
)
FOOTER_MIN_LINES = 2


def _page_foot(lines, junk):
    """Indexes of a site's footer links at the end of ``lines`` (junk between them read past)."""
    labels = []
    for index in reversed(range(len(lines))):
        if index in junk:
            continue
        if not _FOOTER_LABEL.match(lines[index].strip()):
            break
        labels.append(index)
    if not labels or min(labels) == 0 or lines[min(labels) - 1].rstrip().endswith(":"):
        return set()  # "Its website has two pages so far:" "About" "Contact us"
    if any(index in junk for index in range(min(labels), len(lines))):
        return set(labels) if len(labels) >= FOOTER_MIN_LINES else set()
    # Alone, three or more under the story's Source line: "Privacy policy",
    # "Cookie policy" under a sentence may be a story's list.
    under_source = source_line_names(lines[min(labels) - 1])
    return set(labels) if under_source and len(labels) > FOOTER_MIN_LINES else set()


def _story_sentence(line):
    """Whether ``line`` is a sentence of a story: long enough, with final punctuation."""
    return len(line.split()) >= STORY_SENTENCE_MIN_WORDS and line.strip().endswith(
        _FINAL_PUNCTUATION
    )


def _first_sentence(lines, junk=()):
    """The index of the story's first sentence among ``lines`` (not in ``junk``), or len(lines)."""
    return next(
        (index for index, line in enumerate(lines) if index not in junk and _story_sentence(line)),
        len(lines),
    )


def _page_top(lines, junk):
    """Indexes of ``lines`` from the top of the copy to the end of the site's menu.

    ``junk`` holds the indexes of lines already found to be page junk or
    captions. The menu is a run of MENU_MIN_LINES or more items (see
    :func:`_menu_item`; junk between them does not break it) above the
    story's first sentence, MENU_MIN_WORDS or more of them a site's sections or buttons
    ("News", "Sport", "Sign in"), with a line of a headline's shape between the
    two. Everything above the menu's end is the page's too (a masthead, a
    "Support us" pitch); the headline under it is the story's. Without such a
    run nothing goes: short lines over a headline may be the copy's own.
    """
    first_sentence = _first_sentence(lines, junk)
    if first_sentence == len(lines) or not junk:
        # Copy with no page junk anywhere (no "Skip to content", no share
        # button, no caption) is no copied page.
        return set()
    end, run, words, buttons = None, 0, 0, 0
    # Whether every line above the run is junk or no longer than a masthead.
    above_is_masthead = masthead_so_far = True
    for index in range(first_sentence):
        if index in junk:
            continue
        if _menu_item(lines[index]):
            if not run:
                above_is_masthead = masthead_so_far
            run += 1
            words += bool(_MENU_WORD.match(lines[index].strip()))
            buttons += bool(_MENU_BUTTON.match(lines[index].strip()))
        else:
            run = words = buttons = 0
        masthead_so_far = masthead_so_far and len(lines[index].split()) <= MENU_ITEM_MAX_WORDS
        if words >= MENU_MIN_WORDS and (
            run >= MENU_LONG_LINES or (run >= MENU_MIN_LINES and above_is_masthead and buttons)
        ):
            end = index
    if end is None or not any(
        index not in junk and _has_headline_shape(lines[index].strip())
        for index in range(end + 1, first_sentence)
    ):
        return set()
    return set(range(end + 1)) - junk


# A picture's caption with its credit, as a page copied from a browser gives
# it: "Palestinians queue for food in Deir el-Balah [Abdel Kareem Hana/AP
# Photo]", "Fighters in Aleppo on Friday. Photograph: Omar Haj Kadour/AFP/Getty
# Images"; or the credit alone, "Getty Images". A sentence ends in its full stop,
# after the credit or with no credit at all.
# A month's name in a date (the captions' and the stamps' and the datelines').
_MONTH = (
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    # In capitals, as ANSA's English service writes them: "ROME, NOV 29 -".
    r"|(?:JANUARY|FEBRUARY|MARCH|APRIL|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)\.?)"
)
_PHOTO_AGENCY = (
    r"(?:AP\s+Photo|AFP|Reuters|Getty\s+Images|EPA(?:-EFE)?|Anadolu(?:\s+Agency)?|Shutterstock"
    r"|Alamy|PA\s+Media)"
)
# A photographer's name in a credit: "Hatem Khaled", "Ju-min Park", "Piroschka
# van de Wouw"; in capitals, "SERGEY DOLZHENKO".
_CREDIT_NAME = (
    r"(?-i:[A-Z][\w'’.-]*"
    r"(?:\s+(?:[A-Z][\w'’.-]*|de|da|do|dos|van|von|der|al|bin|el|la|le|du)){0,4})"
)
_CAPITALS_NAME = r"(?-i:[A-Z][A-Z'’.-]*(?:\s+[A-Z][A-Z'’.-]*){0,3})"
_CAPTION_LINE = re.compile(
    # The photographer and agency in brackets at the end: "[Name/AP Photo]",
    # "[Mohammed Salem/Reuters]", "[AP Photo]"; an editor's note in brackets
    # ("[An earlier version credited the wrong photo agency]") names no one so.
    rf"^(?:.{{0,200}}\[(?:(?:[^\[\]/]{{1,40}}/){{1,2}}{_PHOTO_AGENCY}|AP\s+Photo)\]"
    # A caption's sentence, then its credit: "… on Friday. Photograph: Omar
    # Haj Kadour/AFP/Getty Images". The credit names a photographer over an
    # agency, or an agency.
    rf"|.{{0,200}}[.!?]\s+(?:Photograph|Photo|Picture)\s*:\s*"
    rf"(?:[^.!?/\s][^.!?/]{{0,40}}/)*{_PHOTO_AGENCY}(?:/{_PHOTO_AGENCY})?"
    # The agencies' own caption credits after the caption's sentence, a name and
    # nothing more: Reuters' "… 2026. REUTERS/Hatem Khaled" (and "/File Photo",
    # "/Pool", "/Illustration"), "EPA-EFE/SERGEY DOLZHENKO" and "XINHUA/LI MING" in
    # capitals, AP's "(AP Photo/Name)", Getty's "(Photo by Name/AFP via Getty
    # Images)". "EPA/NHTSA joint standards were due" is a sentence.
    rf"|.{{0,260}}[.!?]\s+(?-i:REUTERS/{_CREDIT_NAME}"
    rf"|(?:EPA(?:-EFE)?|XINHUA|ANADOLU|IMAGO|SIPA)/{_CAPITALS_NAME})"
    r"(?-i:/(?:File\s+Photo|Pool|Illustration|Handout))*(?-i:\s+via\s+REUTERS)?"
    r"|.{0,260}[.!?]\s+\((?:AP|AFP|Reuters)\s+Photo(?:/[^()]{1,60})?\)"
    rf"|.{{0,260}}[.!?]\s+\(Photo\s+by\s+[^()/]{{1,60}}/{_PHOTO_AGENCY}"
    r"(?:\s+via\s+Getty\s+Images)?\)"
    # A credit in brackets after the caption, as Israeli and other sites give
    # it: a photographer over an agency or a pool ("(Yonatan Sindel/Flash90)",
    # "(Haim Zach/GPO)"), or said to be one ("(photo credit: FLASH90)"); or a
    # name alone ("(Flash90)") after a caption that says it is one
    # ("Illustrative: …", "File: …") or ends at the day the picture was taken
    # ("… in Jerusalem, November 30, 2026."). Not an agency's name alone,
    # which may sign the story's last paragraph ("… on May 1, 2026. (AFP)").
    rf"|.{{0,260}}[.!?]\s+\({_CREDIT_NAME}(?:/(?-i:[A-Z0-9][^()/\n]{{0,40}})){{1,2}}\)"
    r"|.{0,260}[.!?]\s+\((?:photo(?:\s+credit)?|credit|picture)\s*:\s*[^()\n]{1,60}\)"
    r"|(?:(?:illustrative|file|archive)(?:\s+(?:photo|image|picture))?\s*:.{0,260}[.!?]"
    rf"|.{{0,260}}\b(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\.)"
    r"\s+\((?P<credit>(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}))\))\s*$",
    re.I,
)
# The credit alone, over its caption as the BBC's pages give them: "Getty Images"
# then "Protesters gathered outside parliament for a second night".
_CREDIT_ALONE = re.compile(
    r"^(?:getty\s+images|shutterstock|alamy|epa(?:-efe)?|afp\s+via\s+getty\s+images)\s*$",
    re.I,
)
CAPTION_MAX_CHARS = 200
CAPTION_MIN_WORDS = 2


def _captions(lines, junk):
    """Indexes of ``lines`` that are pictures' captions or credits (see _CAPTION_LINE), and,
    in a copied page (one with ``junk``), the caption under a credit alone, which has
    no full stop: in plain copy "EPA" over "NASA science programmes" is a list."""
    # A gallery's "1 of 4 | … (AP Photo/Name)" is the page's, found already.
    captions = {
        index for index, line in enumerate(lines) if index not in junk and _caption_line(line)
    }
    # A credit alone over its caption, as the BBC's lead picture has it: above
    # the story's first sentence only ("Shutterstock" "Founded in New York in
    # 2003" in a story about the agency is a fact box).
    first_sentence = _first_sentence(lines, junk)
    # And under the headline: over it, the line under the credit may be the headline.
    headline = next(
        (index for index, line in enumerate(lines) if index not in junk and line.strip()),
        len(lines),
    )
    for index, line in enumerate(lines[: first_sentence - 1] if junk else ()):
        if index <= headline:
            continue
        under = lines[index + 1].strip()
        if (
            _CREDIT_ALONE.match(line.strip())
            and index + 1 not in captions
            # A caption says what the picture shows; "EPA" over "FEMA" under
            # "They are:" lists agencies.
            and len(under.split()) >= CAPTION_MIN_WORDS
            and len(under) <= CAPTION_MAX_CHARS
            and not under.endswith(_FINAL_PUNCTUATION)
            and not (index and lines[index - 1].strip().endswith(":"))
            # Under a caption comes the story's sentence or more of the page,
            # not a list's next item ("EPA" "NASA science programmes" "National
            # Science Foundation").
            and (
                index + 2 >= len(lines)
                or index + 2 in junk
                or lines[index + 2].strip().endswith(_FINAL_PUNCTUATION)
            )
        ):
            captions |= {index, index + 1}
    return captions


def _caption_line(line):
    stripped = line.strip()
    caption = _CAPTION_LINE.match(stripped) if len(stripped) <= JUNK_MAX_CHARS + 100 else None
    return caption is not None and not (
        caption.group("credit") and is_agency_name(caption.group("credit"))
    )


def _share_buttons(lines, junk):
    """Indexes of ``lines`` that are share buttons copied one label to a line.

    ``junk`` holds the indexes of lines already found to be page junk. A row
    of buttons copied from a page puts each label on a line of its own
    ("Facebook", "Twitter", "Email"). Such a line is a button where it cannot
    be a line of the story: in a run of two or more; beside another share line
    ("Share on Facebook", "Tweet") or a "By" line; above the story, with
    nothing over it but the headline, a "By" line or junk; or below it, with
    nothing under it but junk, a "Source:" line, the wire's credits or a bio.
    Between two lines of copy a label alone may be a subheading ("Telegram"
    over a passage about the app), and stays; so it does beside a "Read also"
    line or an advert, which sit between paragraphs, not beside buttons.

    A line that is nothing but a date ("29 November 2026", "Published 3 days
    ago") is the page's date stamp by the same rules: above or below the
    story, or beside its buttons or "By" line; between two paragraphs it
    may head a timeline's entry, and stays, unless it says it is a stamp
    ("Published …", "Updated …").
    """
    labels = {
        index for index, line in enumerate(lines)
        if index not in junk
        and (_SHARE_LABEL_LINE.match(line.strip()) or _MENU_LINE.match(line.strip())
             or _date_line(line))
    }
    shares = labels | {index for index in junk if _share_line(lines[index])}
    # A page's buttons sit by its "By" line, above the story or under it.
    shares |= {index for index, line in enumerate(lines) if read_byline_line(line)}
    # So do its writers' names alone over its date stamp, as DW sets them, and
    # the Guardian's "Helena Smith in Athens" over "Sun 30 Nov 2026 12.41 GMT".
    shares |= {
        index for index in range(len(lines) - 1)
        if index + 1 in labels
        and (read_names_over_stamp(lines[index]) or read_byline_without_by(lines[index]))
    }

    def before_story(index):
        line = lines[index]
        return (
            index in junk or index in labels or read_byline_line(line)
            or (index == 0 and is_copy_headline(line))
        )

    def after_story(index):
        line = lines[index]
        return (
            index in junk or index in labels or source_line_names(line)
            or is_wire_credit(line) or parse_bio(line)
        )

    # A timeline: two or more bare dates ("December 8, 2024"), each over a
    # paragraph of copy. They head its entries, the first one under the
    # headline too, where a page's date stamp would stand.
    timeline = {
        index for index in labels
        if _timeline_date(lines[index])
        and index + 1 < len(lines)
        and index + 1 not in labels
        and index + 1 not in junk
        and not read_byline_line(lines[index + 1])
    }
    if len(timeline) >= 2:
        labels -= timeline
    # How many lines from the top are all above the story, and from which line
    # on all are below it: one pass each, so a label's place is read at once.
    top = next((index for index in range(len(lines)) if not before_story(index)), len(lines))
    foot = next(
        (index + 1 for index in reversed(range(len(lines))) if not after_story(index)), 0
    )
    # A stamp that says what it is ("Published on 30/11/2026 - 09:14") heads no
    # timeline's entry, wherever it stands.
    return {
        index for index in labels
        if index - 1 in shares or index + 1 in shares or index <= top or index >= foot - 1
        or (_date_line(lines[index]) and _STAMP_VERB.search(lines[index]))
    }


def _box_lists(lines, junk):
    """Indexes of ``lines`` listed in a box of other stories under its heading.

    ``junk`` holds the indexes of lines already found to be page junk. Under
    a "Most read", "Top stories" or "More on this story" heading come up to
    BOX_ITEMS_MAX short headlines, each maybe numbered ("1. …") or stamped
    with its date. They go with the heading only where the run of them is
    plainly a list: numbered, or ending where the copy does or where more
    furniture, a "Source:" line, the credits or a bio begin, or two or more
    of them in a row. Under a heading left in the middle of the story one
    short line may be a subheading over its paragraph, and there it stays.
    A box copied for screen readers has its own labels between its items
    ("list 1 of 4" … "end of list"): read past, they are junk already.
    """

    def box(label, past_junk):
        items, end = [], label + 1
        while end < len(lines) and len(items) < BOX_ITEMS_MAX:
            line = lines[end]
            if end in junk:
                if not past_junk:
                    break
            elif (_box_item(line) or _date_line(line)) and not source_line_names(line):
                items.append(end)
            else:
                break
            end += 1
        numbered = any(_NUMBERED_ITEM.match(lines[index]) for index in items)
        closed = end == len(lines) or end in junk or end - 1 in junk or (
            source_line_names(lines[end]) or is_wire_credit(lines[end]) or parse_bio(lines[end])
        )
        # Short lines in a row head no paragraph (a subheading stands alone,
        # see parse_copy): two or more under the heading are its list, even
        # where the story goes on under them.
        return items if items and (numbered or closed or len(items) > 1) else []

    listed = set()
    for label in sorted(junk):
        if _BOX_LABEL_LINE.match(lines[label].strip()):
            listed.update(box(label, past_junk=False), box(label, past_junk=True))
        elif (
            # Al Jazeera's box for screen readers: "list 1 of 4", a headline, "list 2
            # of 4", …, "end of list". A headline between two of its labels is its.
            _LIST_LABEL.match(lines[label].strip())
            and label + 2 < len(lines)
            and label + 2 in junk
            and _LIST_LABEL.match(lines[label + 2].strip())
            and _box_item(lines[label + 1])
        ):
            listed.add(label + 1)
    return listed


_LIST_LABEL = re.compile(r"^(?:list\s+\d{1,2}\s+of\s+\d{1,2}|end\s+of\s+list)$", re.I)

# A site's ticker over its story: a flash label on a line of its own
# ("BREAKING", "Just in", "LIVE", "Developing story"), perhaps over the other
# stories it rolls through, one headline to a line; or the label and its
# headlines on one line ("BREAKING NEWS: Fire at Tokyo refinery | Yen hits 160").
_TICKER_LABEL = (
    r"(?:breaking(?:\s+news)?|just\s+in|live(?:\s*(?:now|updates|blog|coverage))?"
    r"|developing(?:\s+story)?|urgent|news\s*flash|flash|(?:news\s+)?alert|news\s+ticker|ticker"
    r"|latest(?:\s+(?:news|updates|headlines|stories))?|trending(?:\s+now)?|top\s+stories"
    r"|headlines)"
)
_TICKER_LABEL_LINE = re.compile(rf"^{_TICKER_LABEL}\s*[:：]?\s*$", re.I)
# The labels of a ticker that rolls other stories' headlines under it; "LIVE"
# and "Liveblog" stand over the story's own.
_ROLLING_TICKER_LABEL = re.compile(
    r"^(?!live)(?!developing)(?!urgent)(?!flash)(?!(?:news\s+)?alert)", re.I
)
_TICKER_LINE_LABEL = re.compile(rf"^{_TICKER_LABEL}\s*(?:[:：|•·▪◆]|\s[—–-])\s*", re.I)
# The label before a page's date stamp on its line: "LIVE Updated 2 hours ago".
_TICKER_LABEL_BEFORE = re.compile(rf"^{_TICKER_LABEL}\s+(?=[^\s|·•])", re.I)
_TICKER_SEPARATOR = re.compile(r"\s+[|•·▪◆]\s+")
# Each of a one-line ticker's headlines: "Yen hits 160"; "World | Reuters" is no ticker.
TICKER_ITEM_MIN_WORDS = 2


def _ticker_line(line):
    """Whether ``line`` is a ticker's label and two or more headlines on one line."""
    label = _TICKER_LINE_LABEL.match(line)
    items = _TICKER_SEPARATOR.split(line[label.end() :]) if label else []
    return len(items) > 1 and all(
        len(item.split()) >= TICKER_ITEM_MIN_WORDS and _box_item(item) for item in items
    )


def _ticker(lines, skip):
    """Indexes of a site's ticker at the top of the copy, over the story's headline.

    ``skip`` holds the indexes of lines already found to be the page's. The
    ticker's label is the first line left ("BREAKING", "LIVE", "Just in"): it
    goes, as do the headlines it rolls under it, one to a line, but for the
    last of them above the story, which is the story's own, or the last two
    when the last is the longest (the headline's standfirst without a full
    stop). "LIVE" and the like stand over the story's own headline alone. The
    run of them ends at a byline, a date stamp, an entry time, a "Source:" line
    or the dateline, which are the story's. Lower down a short "Latest" may
    head a passage, and stays.
    """
    top = next((index for index in range(len(lines)) if index not in skip), None)
    if top is None or not _TICKER_LABEL_LINE.match(lines[top].strip()):
        return set()
    if not _ROLLING_TICKER_LABEL.match(lines[top].strip()):
        return {top}
    items = []
    for index in range(top + 1, len(lines)):
        if index in skip:
            continue
        line = lines[index]
        if (
            not _box_item(line)
            or _date_line(line)
            or is_entry_time(line)
            or read_byline_line(line)
            or source_line_names(line)
            or _opening_dateline(line)
        ):
            break
        items.append(index)
    words = [len(lines[index].split()) for index in items]
    if len(items) > 1 and words[-1] > max(words[:-1]):
        # The last the longest: the story's standfirst, written without a full
        # stop, under its headline.
        items.pop()
    return {top, *items[:-1]}


def _box_item(line):
    """Whether ``line`` reads as one of a box's headlines: short, no final punctuation,
    or a headline's question ("Who are Georgian Dream?")."""
    line = line.strip()
    if _NUMBERED_ITEM.match(line):
        return len(line) <= HEADLINE_MAX_CHARS
    if line.startswith("#"):
        # A tag: "#JCS".
        line = line[1:]
    return is_subheading(line) or _has_headline_shape(line)


def parse_bio(paragraph):
    """An :class:`AuthorBio` when ``paragraph`` is a first-person author bio."""
    match = _BIO.match(paragraph.strip())
    if not match:
        return None
    rest = paragraph[match.end() :]
    if not _BIO_HINT.search(rest) and len(paragraph) > 400:
        return None
    job = re.sub(r"\s+based\s+in\b.*$", "", match.group("job")).strip(" ,")
    if not _JOURNALISTS_JOB.search(job):
        return None
    return AuthorBio(
        name=" ".join(match.group("name").split()),
        job_title=(job[:1].upper() + job[1:])[:150],
        publication=(match.group("publication") or "").strip(),
        text=" ".join(paragraph.split()),
    )


_LAST_BAR = re.compile(r"\s+[|·•]\s+(?=[^|·•]*$)")


def without_date_stamp(line):
    """``line`` without the date stamp a page may set after a bar, stripped.

    "By Ana Souza | Updated: Nov 30, 2026, 10:42 IST" is "By Ana Souza".
    """
    line = line.strip()
    bar = _LAST_BAR.search(line)
    return line[: bar.start()] if bar and _date_line(line[bar.end() :]) else line


_BYLINE_HELP = re.compile(
    r"\s+(?:and|with|&)\s+(?:staff|wires|agencies|news\s+agencies|agency\s+reports)\s*$", re.I
)


def read_byline_line(paragraph):
    """``(names, places)`` from a "By Ana Souza in Lisbon" line, or None if it is not one.

    ``places`` are where the writers say they filed from, in order, as
    written; most lines name none.
    """
    # "By Jessica Clifford and staff", "… with wires": the desk's help, no writer.
    line = _BYLINE_HELP.sub("", without_date_stamp(paragraph))
    if len(line) > BYLINE_MAX_CHARS:
        return None
    places = [
        titlecase_place(place) if place.isupper() else place
        for place in (m.group("place") for m in _BYLINE_PLACE.finditer(line))
    ]
    match = _BYLINE_LINE.match(_BYLINE_PLACE.sub("", line))
    organisation = (match.group("organisation") or "") if match else ""
    if len(re.findall(r"\b[a-z]+\b", organisation)) > BYLINE_ORGANISATION_SMALL_WORDS_MAX:
        # "Written by Jane Austen, the novel was turned down by three publishers.":
        # a sentence goes on after the comma; an outlet or a job does not.
        return None
    written = match.group("names") if match else _stamped_byline_names(paragraph.strip())
    if not written:
        return None
    names = [" ".join(name.split()) for name in re.split(_BETWEEN_NAMES, written) if name.strip()]
    # "By ANA SOUZA and LI WEI Associated Press", as AP writes it: the names in
    # capitals, then the organisation in title case with no comma between.
    if names:
        words = names[-1].split()
        capitals = next((i for i, word in enumerate(words) if not word.isupper()), len(words))
        if 2 <= capitals < len(words):
            names[-1] = " ".join(words[:capitals])
    # "By Ana Souza, Associated Press": the last "name" may be the organisation;
    # after another name, so may one with an outlet's word in it or opening
    # with "The" ("By Ana Souza, The Andean Almanac").
    last_words = names[-1].casefold().split() if names else []
    separators = [found.group().strip() for found in re.finditer(_BETWEEN_NAMES, written)]
    after_comma = len(names) > 1 and separators[-1:] == [","]
    if _NOT_PERSON_WORDS.intersection(last_words) or (
        after_comma
        and (_OUTLET_NAME_WORDS.intersection(last_words) or last_words[0] in _OUTLET_ARTICLES)
    ):
        names.pop()
    if not names or any(
        _NOT_PERSON_WORDS.intersection(name.casefold().split())
        # "BY THE NUMBERS", "By The Way": a subheading, not a writer.
        or name.split()[0].casefold() in _NOT_FIRST_NAMES
        for name in names
    ):
        return None
    return [titlecase_place(name) if name.isupper() else name for name in names], places


_STAFF_BYLINE = re.compile(
    r"^(?i:by)\s+(?:[A-Z][\w&'’.-]*\s+){1,5}(?i:staff|reporters?|correspondents?|desk|team"
    r"|newsroom|writers?)$"
)
# "By The Associated Press", "By Reuters", "By AFP": an agency's name as the byline;
# Euronews' "By Euronews with AP": the site's own name with the agency's; and
# the agency's name alone, "AFP", as sites that run its copy set it.
_AGENCY_BYLINE = re.compile(
    r"^(?:(?i:by)\s+(?:[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}\s+(?i:with|and)\s+)?)?"
    r"(?P<agency>(?:(?i:the)\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4})\s*$"
)
# A page's byline without "By": the writer's name alone on a line, over their
# job or desk on the next ("Rayhan Demytrie" over "BBC News, Tbilisi", "Amira
# Haddad" over "Europe correspondent"); a place after a comma is where they filed from.
_BARE_NAME = re.compile(rf"^{_PERSON}$")
_JOB_AND_PLACE = re.compile(r"^[^,.!?]{2,40},\s*(?P<place>[A-Z][\w'’. -]{1,30})$")
JOB_LINE_MAX_WORDS = 6


def read_name_over_job(name_line, job_line):
    """``(names, places)`` from a name line over a job line, or None if they are not one."""
    name, job = name_line.strip(), job_line.strip()
    if (
        not _BARE_NAME.match(name)
        or _NOT_PERSON_WORDS.intersection(name.casefold().split())
        or name.split()[0].casefold() in _NOT_FIRST_NAMES
        or len(job.split()) > JOB_LINE_MAX_WORDS
        or job.endswith(_FINAL_PUNCTUATION)
    ):
        return None
    words = set(job.casefold().replace(",", " ").split())
    if not (_NOT_PERSON_WORDS & words or _JOURNALISTS_JOB.search(job)):
        return None
    place = _JOB_AND_PLACE.match(job)
    return [name], [place.group("place")] if place else []


# Words that open a name a story tells of, never a writer's byline: "King Charles
# in Canada", "Pope Leo in Lebanon" under a headline are the story's subject.
_TITLES = frozenset(
    {
        "pope", "king", "queen", "prince", "princess", "president", "prime", "minister",
        "chancellor", "sheikh", "emir", "general", "gen.", "sir", "dame", "lord", "lady",
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "saint", "st", "st.",
    }
)


def read_byline_without_by(line):
    """``(names, places)`` from a byline line without "By", or None if it is not one.

    "Helena Smith in Athens" (the Guardian's; "… and Jon Henley in Paris" too):
    names, each maybe with where the writer filed from, and at least one place,
    since a name alone on a line may be anyone's. "Jane Doe, Beirut
    correspondent": a name and, after a comma, the writer's job, which is not
    part of the name (:func:`read_name_over_job`). Whether the line stands where
    a byline does, and names no one the story is about, is the caller's to say.
    """
    line = line.strip()
    if len(line) > BYLINE_MAX_CHARS:
        return None
    name, comma, job = line.partition(",")
    found = read_name_over_job(name, job) if comma else None
    if not found and _BYLINE_PLACE.search(line):
        found = read_byline_line(f"By {line}")
        found = found if found and found[1] else None
    if not found or any(name.split()[0].casefold() in _TITLES for name in found[0]):
        return None
    return found


_NAMES_BAR = re.compile(r"\s+[|·•]\s+")


def read_names_over_stamp(line):
    """``(names, [])`` from a line of writers' names and nothing else, or None.

    DW sets its writers' names so over the story's date stamp: "Jens Thurau",
    "Monika Sieradzka | Teri Schultz". A name alone may be anyone's: the
    caller says whether a date stamp is under it.
    """
    line = line.strip()
    if not all(_BARE_NAME.match(part) for part in _NAMES_BAR.split(line)):
        return None
    found = read_byline_line("By " + _NAMES_BAR.sub(" and ", line))
    if not found or any(name.split()[0].casefold() in _TITLES for name in found[0]):
        return None
    return found


def _byline_dateline(places):
    """The one place a byline line files from, or "" (none, or writers in different places)."""
    return places[0] if len(set(places)) == 1 else ""


def is_wire_credit(paragraph):
    """Whether ``paragraph`` is a wire's "(Reporting by …; Editing by …)" credit line."""
    line = paragraph.strip()
    if len(line) > WIRE_CREDIT_MAX_CHARS or not _WIRE_CREDIT.match(line):
        return False
    # A credit alone may be a sentence that opens the same way, and is read
    # whole. Of several on one line ("…; Additional reporting by … aboard the
    # secretary's plane; Editing by …") only the first is read, which names who
    # reported and no more: "Reporting by ProPublica exposed the failures;
    # reporting by local papers later showed …" is a sentence.
    several = re.search(
        r";\s*(?i:(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|graphics))\b",
        line,
    )
    first = line.split(";", 1)[0] if several else line
    others = [
        word
        for word in re.findall(r"\b[a-z][a-z'’-]+\b", first)
        if word not in _CREDIT_WORDS and not word.startswith(("al-", "el-"))
    ]
    if len(others) > (CREDIT_OTHER_WORDS_IN_FIRST_MAX if several else CREDIT_OTHER_WORDS_MAX):
        return False
    # One line of credits, not sentences: no full stop followed by more words.
    # An initial's full stop ("Editing by T. Miles") ends no sentence.
    return not re.search(
        r"(?<!\b[A-Z])[.!?]\s+(?!(?i:additional\s+)?(?i:reporting|writing|editing)\b)[A-Z]",
        line,
    )


# The sign-offs under wire copy: who handled it, in each agency's code. AFP's
# bureau and staff in small letters ("bur-txw/dl/jj", "sst/ser"); Lusa's
# initials in capitals ("ACL // JNM"); dpa's codes after its name ("dpa ab yydd
# n1 ht", "dpa-AFX/sk/DP/mis"); Yonhap's "(END)" and its reporter's address
# ("yoonjae@yna.co.kr"); Xinhua's "Enditem"; and an agency's name alone on the
# last line ("(ANSA).", "EFE", "==Kyodo", "-- BERNAMA", "(c) Agencia EFE"), or over its
# desk's codes in small letters ("EFE ms/jac", see is_wire_signoff).
_SIGNOFF_CODES = re.compile(r"(?:bur-)?[a-z]{2,4}(?:-[a-z]{2,4})*(?:/[a-z]{2,4}(?:-[a-z]{2,4})*)+")
_WIRE_SIGNOFF = re.compile(
    rf"{_SIGNOFF_CODES.pattern}"
    r"|[A-Z]{2,4}(?:\s*//?\s*[A-Z]{2,4})+"
    r"|dpa(?:\s+[a-z0-9]{1,4}){2,}"
    r"|dpa(?:-AFX)?(?:/[A-Za-z0-9]{1,4}){2,}"
    r"|\(END\)|(?i:end\s*item)"
    # PTI's desk codes on a line of their own ("PTI ABC DEF RT"), Xinhua's "（完）".
    r"|PTI(?:\s+[A-Z]{2,4})+|[（(]完[）)]"
    # The reporter's address at Yonhap only: "seek@missingpeople.org.uk" closing
    # a story is where readers write.
    r"|[\w.+-]+@(?:yna\.co\.kr|yonhapnews\.co\.kr)"
)
# Bernama's "-- BERNAMA" and Lusa's "Lusa/End" too.
_AGENCY_ALONE = re.compile(
    r"(?:[=—–-]{2}\s*|(?:©|\([cC]\))\s*)?\(?(?P<agency>[^\W\d][\w .-]{1,30}?)\)?\.?"
    r"(?:\s*={2}|/(?i:end))?"
)
# The same codes closing the last paragraph, as Xinhua's "■" and "Enditem",
# PTI's "PTI ABC DEF RT" and ANSA's "(ANSA)." follow its last sentence on the
# same line.
_TRAILING_SIGNOFF = re.compile(
    r"(?:(?<=[.!?\"”’)])\s+"
    r"(?:■|Enditem|\(END\)|PTI(?:\s+[A-Z]{2,4})+|\((?P<agency>[A-Za-z]{2,6})\)\.?)"
    # Xinhua's "（完）" after the last sentence's "。", no space between.
    r"|(?<=[.!?。！？”」])\s*[（(]完[）)])\s*$"
)
# An agency's notice under its copy: Anadolu's "Anadolu Agency website contains
# only a portion of the news stories offered to subscribers …", ANSA's
# "RIPRODUZIONE RISERVATA © Copyright ANSA" and, on its English service, "ALL
# RIGHTS RESERVED © Copyright ANSA"; AP's note on who funds a beat, "The
# Associated Press receives financial support for … The AP is solely
# responsible for all content."
_AGENCY_NOTICE = re.compile(
    r"^(?:(?:the\s+)?anadolu\s+agency\s+website\s+contains\s+only\s+a\s+portion\b"
    # Indian papers' note under agency copy run as received.
    r"|this\s+(?:story|article)\s+(?:has\s+been|was)\s+(?:published|auto-generated)\s+from\s+an?\s+"
    r"(?:wire\s+agency|syndicated|agency)\s+feed\b"
    r"|the\s+associated\s+press(?:['’]s?\s+[\w\s]{1,60}?)?\s+receives\s+(?:financial\s+)?support\b"
    r"|riproduzione\s+riservata\b|all\s+rights\s+reserved\s*[.,]?\s*(?:©|\(c\)|copyright\b))",
    re.I,
)
AGENCY_NOTICE_MAX_CHARS = 400
WIRE_SIGNOFF_MAX_CHARS = 40


def is_wire_signoff(paragraph):
    """Whether ``paragraph`` is nothing but a wire's sign-off ("bur-txw/dl/jj", "(ANSA).")."""
    line = paragraph.strip()
    if _AGENCY_NOTICE.match(line):
        return len(line) <= AGENCY_NOTICE_MAX_CHARS
    if len(line) > WIRE_SIGNOFF_MAX_CHARS:
        return False
    if _WIRE_SIGNOFF.fullmatch(line):
        return True
    agency, _, codes = line.partition(" ")
    if _SIGNOFF_CODES.fullmatch(codes.strip()) and is_agency_name(agency):
        return True
    alone = _AGENCY_ALONE.fullmatch(line)
    return alone is not None and is_agency_name(alone.group("agency"))


def find_outlet_mentions(text):
    """Outlets a story relies on, as named in attribution sentences.

    Returns ``(names, sentences)``: the names as written and the sentences
    they came from, where the desk's known sources are looked for; of a
    sentence such as "The Guardian reported that …", only the words before
    its verb, and no name.
    """
    # Dicts, in the order found: a list is searched from the start for each
    # new one, in time that grows with the square of their number.
    names, sentences = {}, {}
    institutions = _initials_of_institutions(text)
    for sentence in split_sentences(text):
        for pattern in _OUTLET_PATTERNS:
            for match in pattern.finditer(sentence):
                if match.group("outlet") is None:
                    continue  # A run of capitalised words with no verb after it.
                # A name ends on a word of its own: "by Axios de facto" names "Axios".
                name = _TRAILING_SMALL_WORDS.sub("", match.group("outlet")).strip(" .,’'")
                if name in _NOT_OUTLETS or len(name) < 2:
                    continue
                # "… told the Journal du Dimanche newspaper": said to be an outlet.
                institution = not match.groupdict().get("kind") and _names_an_institution(
                    name, after_the=bool(match.group("article")), institutions=institutions
                )
                if not institution:
                    names.setdefault(name)
                sentences.setdefault(name if pattern is _FIRST_REPORTED_BY else sentence)
        for reporting in _REPORTING_SENTENCE.finditer(sentence):
            # The words before the verb only: a known source is looked for there.
            sentences.setdefault(reporting.group("subject"))
    return list(names), list(sentences)


# ---------------------------------------------------------------------------
# Sentences, subheadings, headline
# ---------------------------------------------------------------------------

# Where a sentence may end: after a full stop, question or exclamation mark
# (Arabic's "؟" too) and any closing quotation mark, at the space before the
# next; or after a Chinese or Japanese stop, which no space follows. The closing
# quotation mark stays with its sentence ("… no." Then).
_SENTENCE_BREAK = re.compile(r"[.!?…؟][\"”’'»]?\s+|[。！？][”’」』）)]?\s*")
_OPENING_MARKS = "\"“‘'(«「『（"
# The first character after a sentence break and any opening marks, read in
# place: copying out the rest of the text at every break took time in its square.
_FOLLOWING_LETTER = re.compile(rf"[{re.escape(_OPENING_MARKS)}]*+(.?)", re.S)
# Abbreviations that end in a full stop without ending the sentence.
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|St|Mt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov"
    r"|Dec|No|Sen|Rep|Gov|Pres|U\.S|U\.K|U\.N|E\.U|vs|etc|approx|Inc|Ltd|Co)\.$"
)
# With the full stops and question marks of Chinese, Japanese and Arabic copy.
_FINAL_PUNCTUATION = tuple(".!?…:;\"”’')]»。！？．؟")


def split_sentences(text):
    """Split prose into sentences without breaking at "Mr." or "U.S.".

    After a full stop and a space, the next sentence starts with a capital, a
    digit, or a letter of a script without capitals (Arabic, Hebrew, Chinese…),
    never a small letter ("the U.S. embassy"); after "。", "！" or "？" a new
    sentence always starts.
    """
    text = " ".join(text.split())
    pieces, start = [], 0
    for stop in _SENTENCE_BREAK.finditer(text):
        following = _FOLLOWING_LETTER.match(text, stop.end()).group(1)
        if not following:
            continue
        if text[stop.start()] in ".!?…؟" and (following.islower() or not following.isalnum()):
            continue
        pieces.append(text[start : stop.end()].rstrip())
        start = stop.end()
    pieces.append(text[start:])
    # Each sentence as its pieces, joined at the end, and only its last piece
    # searched for an abbreviation: "Mr. Mr. Mr. …" is one sentence, and
    # copying and searching it whole for each piece took time in its square.
    sentences = []
    for piece in pieces:
        if sentences and _ABBREVIATIONS.search(sentences[-1][-1]):
            sentences[-1].append(piece)
        else:
            sentences.append([piece])
    return [sentence for sentence in map(" ".join, sentences) if sentence]


# A fact box's heading: "BY THE NUMBERS", "Key facts", "At a glance". It heads
# the box's short lines under it ("48 hours of strike", "120 ferries in port"),
# which a subheading alone on its line does not; under the headline, it and its
# lines stand above the story's first sentence, which is the lead.
_BOX_HEADING = re.compile(
    r"^(?:by\s+the\s+numbers|in\s+numbers|the\s+numbers|key\s+(?:facts|figures|points|dates)"
    r"|fast\s+facts|the\s+facts|facts\s+and\s+figures|at\s+a\s+glance|fact\s*box"
    r"|what\s+we\s+know(?:\s+so\s+far)?|why\s+it\s+matters|what(?:['’]s|\s+is)\s+next)"
    r"\s*:?$",
    re.I,
)


def is_box_heading(line):
    """Whether ``line`` is a fact box's heading ("BY THE NUMBERS", "Key facts")."""
    return _BOX_HEADING.match(line.strip()) is not None


def is_subheading(line):
    """A short line without final punctuation that starts with a capital."""
    line = line.strip()
    return (
        0 < len(line) <= SUBHEADING_MAX_CHARS
        and len(line.split()) <= SUBHEADING_MAX_WORDS
        and not line.endswith(_FINAL_PUNCTUATION)
        and (line[0].isupper() or line[0].isdigit())
        and line[0] not in "\"“‘'"
    )


def is_copy_headline(line):
    """Whether the first line of a file is its headline, not the lead.

    In a script with capitals it is one when it has a subheading's shape: short,
    no final punctuation, a capital first. Chinese, Japanese, Arabic or Hebrew
    has no capital to start it, so there a short line without final
    punctuation is enough; Chinese and Japanese leave no spaces between words,
    so their length is counted in characters (a headline runs to some 10 to
    30). A wire's dateline on a line of its own ("新华社北京3月5日电") has the
    same shape and is not a headline.
    """
    line = _LEADING_BIDI.sub("", line, count=1).strip()
    if is_subheading(line) or _has_headline_shape(line):
        return True
    if not line or not _is_caseless_letter(line[0]) or line.endswith(_FINAL_PUNCTUATION):
        return False
    if _caseless_dateline(line) is not None:
        return False
    dense = len(_DENSE_SCRIPT.findall(line))
    if dense * 2 > len(line):
        return len(line) <= DENSE_HEADLINE_MAX_CHARS
    return len(line) <= SUBHEADING_MAX_CHARS and len(line.split()) <= SUBHEADING_MAX_WORDS


_CLOSING_QUOTES = "\"”’'»"


def _has_headline_shape(line):
    """A headline as desks write them, longer than a subheading may be: up to
    HEADLINE_MAX_CHARS and HEADLINE_MAX_WORDS, a question ("Will the Fed cut
    rates again?"), opening with a quotation ("'We will not back down,' says
    Zelenskiy") or closing one ('Trump: "We will win"'), but not a sentence
    ending in a full stop, inside its quotation marks or not."""
    if not 0 < len(line) <= HEADLINE_MAX_CHARS or len(line.split()) > HEADLINE_MAX_WORDS:
        return False
    first = line.lstrip(_OPENING_MARKS)[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    unquoted = line.rstrip(_CLOSING_QUOTES)
    if unquoted != line:
        return bool(unquoted) and not unquoted.endswith(tuple(".,;:…"))
    return line.endswith("?") or not line.endswith(_FINAL_PUNCTUATION)


def _is_caseless_letter(char):
    """A letter of a script without capitals: Han, kana, Hangul, Arabic, Hebrew…"""
    return char.isalpha() and not char.isupper() and not char.islower()


# Words a headline must not end on: cutting after them leaves a phrase hanging.
_HANGING_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
        "with", "as", "than", "that", "which", "who", "whose", "into", "onto", "over", "after",
        "before", "about", "against", "between", "during", "under", "amid", "while", "its", "his",
        "her", "their", "our", "your", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "will", "would", "said", "says",
    }
)


# Where a long sentence can be cut and still read as a whole phrase: before
# punctuation that ends a clause or before a word that starts a new one.
_CLAUSE_BOUNDARY = re.compile(
    r"\s*(?:[,;:]|\s[—–-])\s|[，；：、،؛]|\s(?=(?:as|after|while|because|when|amid|following|despite"
    r"|that|which|but|since|until|before|ending|leaving|saying|where)\s)"
)
HEADLINE_MIN_CHARS = 40


def derive_headline(lead):
    """A short, complete phrase of at most 110 characters from the lead.

    The lead's first sentence is used whole when it fits. Otherwise it is cut
    at the last clause boundary that fits and leaves at least 40 characters
    (a comma, dash, semicolon or colon, or a word such as "after" or "as"
    that opens a new clause) and no quotation or bracket open, since a
    headline that opens a quote and never closes it misreads the speaker;
    failing that, at the last whole word (or before a bracket or quotation
    the cut would leave open, when 40 characters remain), dropping words
    such as "the" or "of" that would leave the phrase hanging.
    Never cut mid-word; no trailing punctuation.
    """
    sentence = split_sentences(lead)[0] if lead.strip() else ""
    sentence = sentence.strip().rstrip(".!…;:, 。！？．؟，；：、")
    if len(sentence) <= HEADLINE_MAX_CHARS:
        return sentence
    window = sentence[: HEADLINE_MAX_CHARS + 1]
    boundaries = [
        m.start() for m in _CLAUSE_BOUNDARY.finditer(window)
        if HEADLINE_MIN_CHARS <= m.start() <= HEADLINE_MAX_CHARS
        and _first_unclosed(window[: m.start()]) is None
    ]
    if boundaries:
        return _trim_hanging(window[: boundaries[-1]])
    cut = window[:HEADLINE_MAX_CHARS]
    if not window[HEADLINE_MAX_CHARS:].startswith(" "):
        cut = cut.rsplit(" ", 1)[0]
    cut = _trim_hanging(cut)
    opened = _first_unclosed(cut)
    if opened is not None and opened >= HEADLINE_MIN_CHARS:
        cut = _trim_hanging(cut[:opened])
    return cut


def _first_unclosed(phrase):
    """Where the first quotation or bracket that ``phrase`` leaves open starts, or None."""
    opened = []
    for index, char in enumerate(phrase):
        closes_straight_quote = char == '"' and opened and phrase[opened[-1]] == '"'
        if (char in "”)" and opened) or closes_straight_quote:
            opened.pop()
        elif char in '“("':
            opened.append(index)
    return opened[0] if opened else None


def _trim_hanging(phrase):
    words = phrase.rstrip(" ,;:—–-").split()
    while len(words) > 3 and words[-1].lower().strip(",;:") in _HANGING_WORDS:
        words.pop()
    return " ".join(words).rstrip(" ,;:—–-")


def split_standfirst(lead):
    """Split the lead into ``(standfirst, rest)``.

    The standfirst is the lead's opening sentences, as many as fit in 300
    characters (at least one); ``rest`` is the sentences after them, "" when
    the standfirst took the whole lead. A lead that ends in a colon ("The
    budget's main measures:") introduces what follows it: the sentence that
    does stays over it in the body, and a lead of that sentence alone gives no
    standfirst, since shown apart from the body ("on the front page") it would
    promise a list it does not hold.
    """
    sentences = split_sentences(lead)
    taken = 1
    while taken < len(sentences):
        if len(" ".join(sentences[: taken + 1])) > STANDFIRST_MAX_CHARS:
            break
        taken += 1
    if taken == len(sentences) and introduces_what_follows(sentences[-1]):
        taken -= 1
    return " ".join(sentences[:taken]), " ".join(sentences[taken:])


def introduces_what_follows(paragraph):
    """Whether ``paragraph`` ends in a colon, over the list or the quotation it introduces."""
    return paragraph.rstrip().endswith((":", "："))


# ---------------------------------------------------------------------------
# Dateline
# ---------------------------------------------------------------------------


# Capitals a desk commonly files from, for the third dateline rule below.
CAPITALS = frozenset(
    {
        "Abuja", "Accra", "Addis Ababa", "Algiers", "Amman", "Amsterdam", "Ankara", "Athens",
        "Baghdad", "Baku", "Bamako", "Bangkok", "Beijing", "Beirut", "Belgrade", "Berlin",
        "Bern", "Bogota", "Brasilia", "Bratislava", "Brussels", "Bucharest", "Budapest",
        "Buenos Aires", "Cairo", "Canberra", "Caracas", "Chisinau", "Copenhagen", "Dakar",
        "Damascus", "Dhaka", "Doha", "Dublin", "Hanoi", "Harare", "Havana", "Helsinki",
        "Islamabad", "Jakarta", "Jerusalem", "Kabul", "Kampala", "Kathmandu", "Khartoum",
        "Kigali", "Kinshasa", "Kyiv", "Lima", "Lisbon", "Ljubljana", "London", "Luanda",
        "Madrid", "Managua", "Manila", "Maputo", "Mexico City", "Minsk", "Mogadishu", "Moscow",
        "Muscat", "Nairobi", "New Delhi", "Nicosia", "Oslo", "Ottawa", "Paris", "Prague",
        "Pretoria", "Pyongyang", "Quito", "Rabat", "Riga", "Riyadh", "Rome", "Santiago",
        "Sarajevo", "Seoul", "Singapore", "Skopje", "Sofia", "Stockholm", "Taipei", "Tallinn",
        "Tashkent", "Tbilisi", "Tehran", "Tirana", "Tokyo", "Tripoli", "Tunis", "Vienna",
        "Vilnius", "Warsaw", "Washington", "Wellington", "Yerevan", "Zagreb",
    }
)
# A page's date stamp on a line of its own: "29 November 2026", "Nov. 29,
# 2026, 09:00 GMT", "Published 3 days ago", "Updated: 2026-11-29"; in figures,
# DW's "11/30/2026" and Euronews' "30/11/2026 - 09:14 GMT+1".
_DATE_STAMP = re.compile(
    r"(?:(?:(?:first\s+|last\s+)?(?:published|updated|posted|issued|modified)|last\s+modified)"
    # "Updated - November 30, 2026 09:12 pm IST", as Indian papers write it.
    r"\s*(?:on\s*)?(?::\s*|[—–-]\s+)?)?"
    # The time may come first: "Updated 6:42 AM EST, Sat November 30, 2026".
    r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?,?\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    r"|\d{1,2}([/.-])\d{1,2}\1\d{4}"
    # Day and month with the time after them: Africanews' "Last updated: 30/11 - 14:25".
    r"|\d{1,2}/\d{1,2}(?=(?:,|\s+[—–-])?\s*\d{1,2}[:.]\d{2})"
    # "3 hours ago", and as the pages shorten it: "2h ago", "5m ago".
    r"|\d{1,3}\s*(?:seconds?|minutes?|mins?|hours?|hrs?|[hmd]|days?|weeks?|months?)\s+ago"
    r"|yesterday|today)"
    r"(?:(?:,|\s+[—–-])?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s+[A-Z]{2,4}(?:[+-]\d{1,2})?)?)?\s*",
    re.I,
)
DATE_STAMP_MAX_CHARS = 60
# The reading time may follow the date with no mark between: "November 30, 2026
# 9:14 AM 2 min read".
_DATE_STAMP_SEPARATOR = re.compile(
    r"\s*[|·•]\s*|\s+(?=\d{1,3}\s*-?\s*min(?:ute)?s?\.?\s+read\s*$)", re.I
)


_STAMP_VERB = re.compile(r"(?i)\b(?:published|updated|posted|modified|issued)\b")
# A page's stamp says what the date is ("Published …", "Updated …", "3 days
# ago") or gives the time of day ("Nov. 29, 2026, 09:00 GMT").
_STAMP_WORDS = re.compile(
    r"(?i)\b(?:published|updated|posted|modified|issued|ago|today|yesterday)\b|\d[:.]\d\d\b"
)


# A live blog's entry time on a line of its own: "14:05 GMT", "2.05pm ET",
# "09:30 CET", "Nov 30, 14:05 GMT". The zones are the ones live blogs write:
# "82.45 USD" is a price.
_TIME_ZONES = (
    "GMT|UTC|BST|CET|CEST|EET|EEST|WET|WEST|MSK|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT"
    "|IST|JST|KST|HKT|SGT|AEST|AEDT|SAST|EAT|WAT|CAT|GST|AST|PKT|ICT|WIB"
)
_ENTRY_TIME = re.compile(
    rf"(?:(?:(?i:{_MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{_MONTH})),?\s+)?"
    rf"\d{{1,2}}[:.]\d{{2}}(?:\s*(?i:[ap]\.?m\.?))?(?:\s+(?:{_TIME_ZONES})(?:[+-]\d{{1,2}})?)?"
)
# Two of them make the copy a live blog's: one alone may be a page's stamp.
LIVE_ENTRY_TIMES_MIN = 2


def is_entry_time(line):
    return _ENTRY_TIME.fullmatch(line.strip()) is not None


def is_live_blog(paragraphs):
    """Whether ``paragraphs`` are a live blog's: entries under times on lines of their own.

    Two times at least, and a sentence (final punctuation) in every entry: a
    programme, a timetable or a table of tides has times over short labels
    ("09:30" over "Arrival of leaders"), and stays as it was filed.
    """
    starts = [index for index, line in enumerate(paragraphs) if is_entry_time(line)]
    if len(starts) < LIVE_ENTRY_TIMES_MIN:
        return False
    ends = [*starts[1:], len(paragraphs)]
    return all(
        any(line.rstrip().endswith(_FINAL_PUNCTUATION) for line in paragraphs[start + 1 : end])
        for start, end in zip(starts, ends, strict=True)
    )


def _timeline_date(line):
    """Whether ``line`` is a bare date that may head a timeline's entry: no "Published",
    no time of day."""
    return _date_line(line) and not _STAMP_WORDS.search(line)


_READING_TIME_PART = re.compile(_READING_TIME, re.I)


def _date_line(line):
    """Whether ``line`` is nothing but a date, as a page stamps its stories.

    Or two: "Published: 30 Nov 2026, 08:15 GMT | Updated 2 hours ago"; or a
    date and the reading time: "Updated 3 hours ago · 4 min read"; or a date
    and the ticker's flash label: "LIVE Updated 2 hours ago", "Updated 2 hours
    ago | BREAKING".
    """
    parts = _DATE_STAMP_SEPARATOR.split(_TICKER_LABEL_BEFORE.sub("", line.strip(), count=1))
    dates = [
        len(part) <= DATE_STAMP_MAX_CHARS and _DATE_STAMP.fullmatch(part) is not None
        for part in parts
    ]
    return len(parts) <= 2 and any(dates) and all(
        date or _READING_TIME_PART.fullmatch(part) or _TICKER_LABEL_LINE.fullmatch(part)
        for date, part in zip(dates, parts, strict=True)
    )


# Capital letters a dateline's place is written in: Latin with its accented
# letters ("BOGOTÁ", "ŁÓDŹ", "İSTANBUL", "ŠIAULIAI"), Greek and Cyrillic.
# Python's re has no \p{Lu}, so the class lists the capitals of those blocks.
_UPPER_CHARS = "A-Z" + "".join(char for char in map(chr, range(0xC0, 0x530)) if char.isupper())
_LOWER_CHARS = "a-z" + "".join(char for char in map(chr, range(0xC0, 0x530)) if char.islower())
_UPPER = f"[{_UPPER_CHARS}]"
# The country or state after a place in capitals: "KYIV, Ukraine", "SPRINGFIELD, Ill.",
# "SARAJEVO, Bosnia and Herzegovina".
_REGION = rf"{_UPPER}[{_UPPER_CHARS}{_LOWER_CHARS}'’. ]{{1,30}}"
# "PARIS —", "NEW YORK -", "KYIV, Ukraine –": a place in capitals, then a dash.
# Words a desk puts in capitals before a dash that are labels, not places:
# "EXCLUSIVE — Ministers met …" has no dateline.
STORY_LABELS = frozenset(
    {
        *("ADVISORY", "ALERT", "ANALYSIS", "BREAKING", "COMMENT", "CORRECTED", "CORRECTION"),
        *("EDITORIAL", "EXCLUSIVE", "EXPLAINER", "FACTBOX", "FLASH", "INTERVIEW", "LIVE"),
        *("OPINION", "REFILE", "REVIEW", "UPDATE", "UPDATED", "URGENT", "WATCH"),
        *("LEAD", "FILE", "PHOTO", "PHOTOS", "VIDEO", "AUDIO", "FOCUS", "GRAPHIC"),
    }
)
_CAPS_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER}[{_UPPER_CHARS}'’.-]+(?:\s{_UPPER}[{_UPPER_CHARS}'’.-]+){{0,3}})"
    rf"(?:,\s*{_REGION})?"
    r"\s*[—–-]{1,2}\s+"
)
# "LONDON (Reuters) -", "NAIROBI (AFP) —": the agency's own form, and the AP's
# "KYIV, Ukraine (AP) —".
_CAPS_AGENCY_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER}[{_UPPER_CHARS}'’.-]+(?:\s{_UPPER}[{_UPPER_CHARS}'’.-]+){{0,3}})"
    rf"(?:,\s*{_REGION})?"
    r"\s*\((?P<agency>[^)]{2,40})\)\s*[—–-]{1,2}\s*"
)
# "Paris (AFP) -", "New York (Reuters) —": the same in the agencies' web copy.
_TITLE_AGENCY_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER}[\w'’.-]+(?:\s{_UPPER}[\w'’.-]+){{0,3}})"
    r"\s*\((?P<agency>[^)]{2,40})\)\s*[—–-]{1,2}\s*"
)
# "Paris, Nov 27 (Reuters) -", "Nairobi, 3 March (AFP) —", and in the
# agencies' other languages, with the month as they write it:
# "MADRID, 29 nov (EFE).-", "МОСКВА, 29 ноября (Рейтер) -".
_WIRE_DATE = (
    rf"(?:(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+(?:de\s+)?(?:{_MONTH}|[^\W\d_]{{3,12}}\.?))"
    r"(?:,?\s*(?:de\s+)?\d{4})?"
    # dpa's "Brussels, 29.11.2024 (dpa) -".
    r"|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?)"
)
# Two places a story was filed from: "WASHINGTON/LONDON, Nov 29 (Reuters) -".
_TITLE_PLACE = rf"{_UPPER}[\w'’.-]+(?:\s{_UPPER}[\w'’.-]+){{0,3}}"
# ANSA puts a dash before its name, "ROMA, 29 NOV - (ANSA) -", and files the
# same dateline after it too (see _AGENCY_FIRST_DATELINE).
# The country after the place, "ST. PETERSBURG, Russia, Nov 29 (Reuters) -",
# is left out of it. APP ends its dateline with a colon: "Islamabad, Nov. 29 (APP):".
_WIRE_DATELINE = re.compile(
    rf"^(?P<place>{_TITLE_PLACE}(?:/{_TITLE_PLACE})?),(?:\s*{_REGION},)?\s+{_WIRE_DATE}\s*"
    r"(?:[—–-]\s*)?\((?P<agency>[^)]{2,40})\)\s*\.?(?:[—–-]{1,2}|:)\s*"
)
# "(ANSA) - BOLOGNA, 29 NOV -": the agency first, then the place and the date.
_AGENCY_FIRST_DATELINE = re.compile(
    r"^\((?P<agency>[^)]{2,40})\)\s*[—–-]{1,2}\s*"
    rf"(?P<place>{_UPPER}[\w'’.-]+(?:\s{_UPPER}[\w'’.-]+){{0,3}}),\s+{_WIRE_DATE}"
    r"\s*\.?[—–-]{1,2}\s*"
)
# TASS and Ukrinform put the agency between slashes: "MOSCOW, November 30.
# /TASS/.", "МОСКВА, 30 ноября. /ТАСС/.", "КИЇВ, 30 листопада /Укрінформ/.".
_SLASHED_AGENCY_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER}[\w'’.-]+(?:\s{_UPPER}[\w'’.-]+){{0,3}}),\s+{_WIRE_DATE}\.?\s*"
    r"/(?P<agency>[^/\s][^/]{0,38}[^/\s])/\.?\s+"
)
# Indian papers' and agencies' "NEW DELHI, Nov 30:": a place in capitals, a
# date and a colon, no agency.
_CAPS_DATE_COLON_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER}[{_UPPER_CHARS}'’.-]+(?:\s{_UPPER}[{_UPPER_CHARS}'’.-]+){{0,3}}),\s+"
    rf"{_WIRE_DATE}\s*:\s+(?={_UPPER}|\d)"
)
# Indian and Pakistani papers' "NEW DELHI: The …", with no date: read only for
# a place the importer knows (see _LONE_PLACES), since "WATCH: The …" and
# "NOTE: The …" open the same way.
_CAPS_COLON_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER}[{_UPPER_CHARS}'’.-]+(?:\s{_UPPER}[{_UPPER_CHARS}'’.-]+){{0,3}})"
    rf"\s*:\s+(?={_UPPER}|\d)"
)
# ANSA's English service ends it with a dash: "ROME, NOV 29 - Italian …". A
# month by name, no year, and a sentence after it: "JOHN SMITH, 12 March 1941 -
# 28 November 2026." is an obituary's, "ARSENAL, 3 Saka - …" a score.
_CAPS_DATE_DASH_DATELINE = re.compile(
    rf"^(?P<place>{_UPPER}[{_UPPER_CHARS}'’.-]+(?:\s{_UPPER}[{_UPPER_CHARS}'’.-]+){{0,3}}),\s+"
    rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})\s*[—–-]{{1,2}}\s+(?={_UPPER}[^\W\d_])"
)
# Formulas read only with an agency the importer knows, since without one they
# look like a sentence: RIA Novosti's "МОСКВА, 30 ноя — РИА Новости.", PTI's
# "NEW DELHI, Nov 30 (PTI) The…" with no dash, and Interfax's site's
# "Москва. 30 ноября. INTERFAX.RU - ".
_KNOWN_AGENCY_DATELINES = (
    re.compile(
        rf"^(?P<place>{_UPPER}[\w'’.-]+(?:\s{_UPPER}[\w'’.-]+){{0,3}}),\s+{_WIRE_DATE}"
        r"\s*[—–-]{1,2}\s*(?P<agency>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2})\.\s+"
    ),
    re.compile(
        rf"^(?P<place>{_UPPER}[\w'’.-]+(?:\s{_UPPER}[\w'’.-]+){{0,3}}),\s+{_WIRE_DATE}"
        rf"\s*\((?P<agency>[^)]{{2,40}})\)\s+(?={_UPPER})"
    ),
    # Kyodo's "TOKYO, Nov. 29 Kyodo - Japan's …": the agency's name, no brackets.
    re.compile(
        rf"^(?P<place>{_UPPER}[\w'’.-]+(?:\s{_UPPER}[\w'’.-]+){{0,3}}),\s+{_WIRE_DATE}"
        r"\s+(?P<agency>[^\W\d_]+)\s+[—–-]{1,2}\s+"
    ),
    re.compile(
        rf"^(?P<place>{_UPPER}[\w'’-]+(?:\s{_UPPER}[\w'’-]+){{0,3}})\.\s+{_WIRE_DATE}\.\s+"
        r"(?P<agency>[^\W\d_]+)(?:\.[A-Za-z]{2,3})?\s*[—–-]{1,2}\s*"
    ),
)
_CAPITAL_IN_TEXT = re.compile(
    r"\b(?:in|from|at)\s+(?P<place>" + "|".join(
        re.escape(name) for name in sorted(CAPITALS, key=len, reverse=True)
    ) + r")\b"
)

# Datelines in scripts without capitals. Arabic, Persian and Hebrew have no
# capital letters, nor have Chinese, Japanese and Korean, so a place followed
# by a dash ("بيروت - …", "北京——…") looks like any sentence's first words
# followed by one, and is not read. What marks a dateline there is the wire's
# own formula around the place: the agency in brackets right after it
# ("بيروت (رويترز) -", "北京，3月5日（新华社）——"), Xinhua's "新华社北京3月5日电"
# (agency, place, date, "dispatch"), Jiji's and Kyodo's "【ワシントン時事】",
# Yonhap's "(서울=연합뉴스)".


def _char_class(ranges, keep):
    """The characters in ``ranges`` that ``keep`` accepts, as the inside of a regex class."""
    spans = []
    for first, last in ranges:
        for code in range(first, last + 1):
            if not keep(chr(code)):
                continue
            if spans and spans[-1][1] == code - 1:
                spans[-1][1] = code
            else:
                spans.append([code, code])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in spans
    )


def _is_letter(char):
    # The tatweel stretches a word; standing alone it is a dash ("غزة ـ").
    return unicodedata.category(char)[0] in "LM" and char != "\u0640"


# Arabic script (Arabic, Persian, Urdu) with its combining vowel marks, and
# the zero-width non-joiner inside Persian words ("خبرگزاری‌ها").
_ARABIC_LETTERS = (
    _char_class(
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
        _is_letter,
    )
    + "\u200c"
)
_HEBREW_LETTERS = _char_class(((0x0590, 0x05FF), (0xFB1D, 0xFB4F)), _is_letter)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df"
# Katakana with its long-vowel mark and the dot between the words of a foreign
# name ("ブエノス・アイレス"), and hiragana.
_KANA = "\u3041-\u3096\u30a1-\u30fc\uff66-\uff9f"
_HANGUL = "\uac00-\ud7a3"
# Marks that set the direction of a run of text (LRM, RLM, ALM, embeddings,
# isolates). The importer keeps them; a dateline reads through them.
# Scripts written without spaces between words (Chinese, Japanese), and Korean,
# whose syllables are as dense: a headline there is counted in characters.
_DENSE_SCRIPT = re.compile(f"[{_HAN}{_KANA}{_HANGUL}]")
DENSE_HEADLINE_MAX_CHARS = 40
_BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LEADING_BIDI = re.compile(rf"[{_BIDI_MARKS}\s]*")

# Labels, not places, in front of an agency: "عاجل (رويترز) -" is "URGENT (Reuters) -".
CASELESS_STORY_LABELS = frozenset(
    {
        *("عاجل", "حصري", "خاص", "تحليل", "تحديث", "مقابلة", "رأي", "افتتاحية", "تقرير"),
        *("فوری", "اختصاصی", "تحلیل", "گزارش"),
        *("מבזק", "בלעדי", "ניתוח", "פרשנות", "דעה", "עדכון"),
        *("快讯", "快訊", "独家", "獨家", "综述", "綜述", "特稿", "专访", "專訪", "评论", "評論"),
        *("社论", "社論", "更新", "突发", "突發", "视频", "視頻", "图片", "圖片"),
        *("速報", "独自", "詳報", "解説", "社説", "特集", "動画", "写真", "図解", "訂正"),
        *("속보", "단독", "종합", "인터뷰", "사설", "영상"),
    }
)

# Agencies as Arabic, Persian, Hebrew, Chinese, Japanese and Korean copy names
# them, and the name they sign with in Latin letters ("(Reuters)"), under which
# a desk knows them. In Arabic, Persian and Hebrew copy only these count as the
# agency of a dateline: without capitals, a name in brackets after the first
# words is all that tells "بيروت (رويترز) -" from "الرئيس الأمريكي (السابق) -".
AGENCIES_IN_OTHER_SCRIPTS = {
    # Arabic
    "رويترز": "Reuters",
    "أ ف ب": "AFP",
    "فرانس برس": "AFP",
    "الفرنسية": "AFP",
    "أسوشيتد برس": "AP",
    "د ب أ": "dpa",
    "شينخوا": "Xinhua",
    "الأناضول": "Anadolu",
    "أ ش أ": "MENA",
    "سانا": "SANA",
    "واس": "SPA",
    "وام": "WAM",
    "قنا": "QNA",
    "كونا": "KUNA",
    "بترا": "Petra",
    "وفا": "WAFA",
    "بنا": "BNA",
    # Persian
    "ایرنا": "IRNA",
    "ایسنا": "ISNA",
    "تسنیم": "Tasnim",
    "خبرگزاری فرانسه": "AFP",
    # Hebrew
    "רויטרס": "Reuters",
    # Chinese
    "路透": "Reuters",
    "路透社": "Reuters",
    "法新社": "AFP",
    "美联社": "AP",
    "美聯社": "AP",
    "新华社": "Xinhua",
    "新華社": "Xinhua",
    "塔斯社": "TASS",
    "韩联社": "Yonhap",
    "韓聯社": "Yonhap",
    "共同社": "Kyodo",
    # Japanese
    "ロイター": "Reuters",
    "共同": "Kyodo",
    "時事": "Jiji Press",
    # Korean
    "연합뉴스": "Yonhap",
    "로이터": "Reuters",
    # Russian and Ukrainian
    "Рейтер": "Reuters",
    "Рейтерс": "Reuters",
    "Интерфакс": "Interfax",
    "ТАСС": "TASS",
    "РИА Новости": "RIA Novosti",
    "АФП": "AFP",
    "Франс Пресс": "AFP",
    "Ассошиэйтед Пресс": "AP",
    "Синьхуа": "Xinhua",
    "Укринформ": "Ukrinform",
    "УНИАН": "UNIAN",
    "Укрінформ": "Ukrinform",
    # Greek
    "ΑΠΕ-ΜΠΕ": "ANA-MPA",
    "ΑΠΕ": "ANA-MPA",
    "Ρόιτερς": "Reuters",
    "Γαλλικό Πρακτορείο": "AFP",
}
# "أ.ف.ب" is "أ ف ب", "رویترز" with a Persian yeh is "رويترز", "إرنا" is "ارنا".
_AGENCY_SPELLING = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ی": "ي", "ى": "ي", "ک": "ك"})


def _agency_key(name):
    return re.sub(r"[\s.·・]", "", name).translate(_AGENCY_SPELLING)


_AGENCY_KEYS = {_agency_key(name): latin for name, latin in AGENCIES_IN_OTHER_SCRIPTS.items()}


def agency_latin_name(agency):
    """The Latin name of an agency named in another script ("رويترز" → "Reuters"), or ""."""
    return _AGENCY_KEYS.get(_agency_key(agency), "")


# News agencies by the names they sign with, in Latin letters: a "Source:" line
# naming one says whose copy it is ("Source: Reuters"), where any other name
# credits figures or a statement in it ("Source: Eurostat").
_AGENCY_NAMES = {
    name.casefold(): name
    for name in (
        *AGENCIES_IN_OTHER_SCRIPTS.values(),
        *("Reuters", "Thomson Reuters", "AFP", "Agence France-Presse", "Agence France Presse"),
        *("AP", "Associated Press", "The Associated Press", "dpa", "Deutsche Presse-Agentur"),
        *("EFE", "Agencia EFE", "ANSA", "Lusa", "Agência Lusa", "Europa Press", "Interfax"),
        *("RIA Novosti", "Ukrinform", "UNIAN", "PAP", "ČTK", "CTK", "MTI", "APA", "Belga"),
        *("ANP", "NTB", "TT", "Ritzau", "STT", "Kyodo", "Kyodo News", "Yonhap", "Bernama"),
        *("Antara", "PTI", "Press Trust of India", "IANS", "APP", "AAP", "PA", "PA Media"),
        *("Xinhua", "TASS", "Anadolu", "Anadolu Agency", "Agência Brasil", "Prensa Latina"),
        *("Notimex", "Télam", "KUNA", "WAFA", "MENA", "SANA", "IRNA", "ISNA", "Tasnim"),
        *("Jiji Press", "Jiji", "CNA", "Central News Agency", "Bloomberg News", "UPI"),
        *("Bloomberg", "Athens-Macedonian News Agency"),
    )
}
NEWS_AGENCIES = frozenset(_AGENCY_NAMES)


def is_agency_name(name):
    """Whether ``name`` is a news agency's ("Reuters", "AFP", "رويترز", "Рейтер")."""
    name = name.strip()
    return (
        name.casefold() in NEWS_AGENCIES
        or re.sub(r"^the\s+", "", name, flags=re.I).casefold() in NEWS_AGENCIES
        or bool(agency_latin_name(name))
    )


# Words that open ordinary sentences, never a place or an agency: prepositions,
# pronouns and the verbs of attribution.
_SENTENCE_WORDS = frozenset(
    {
        *("في", "من", "على", "إلى", "الى", "عن", "مع", "بين", "حتى", "منذ", "بعد", "قبل"),
        *("عند", "لدى", "خلال", "أن", "إن", "لا", "لم", "لن", "ما", "هل", "هو", "هي", "هم"),
        *("قد", "كان", "كانت", "التي", "الذي", "هذا", "هذه", "ذلك", "تلك", "قال", "قالت"),
        *("أعلن", "أعلنت", "أكد", "أكدت", "ذكر", "ذكرت", "أفاد", "أفادت", "بحسب", "حسب"),
        *("در", "از", "به", "با", "که", "را", "این", "آن", "برای", "گفت"),
        *("של", "את", "עם", "על", "אל", "כי", "לא", "הוא", "היא", "זה", "זו", "לפי", "אמר"),
    }
)


def _rtl_pattern(letters):
    """"بيروت (رويترز) -", "القاهرة، 12 مارس (رويترز) -", "ירושלים (רויטרס) —"."""
    word = rf"[{letters}]+(?:[.'’׳״־][{letters}]+)*[׳״]?"
    # "12 مارس", "١٢ آذار ٢٠٢٥", "5 تشرين الأول": digits first, then the month.
    date = rf"\d{{1,4}}(?:\s+{word}){{1,2}}(?:\s*[،,]?\s*\d{{4}})?"
    return re.compile(
        rf"(?P<place>{word}(?:\s{word}){{0,2}})(?:\s*[،,]\s*{date})?"
        rf"[\s{_BIDI_MARKS}]*\(\s*(?P<agency>{word}(?:\s{word}){{0,3}})\s*\)"
        rf"[\s{_BIDI_MARKS}]*[-–—ـ]{{1,2}}[{_BIDI_MARKS}]*\s*"
    )


_RTL_DATELINES = (_rtl_pattern(_ARABIC_LETTERS), _rtl_pattern(_HEBREW_LETTERS))

_CJK_DATE = r"(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日"
# An agency's or site's name ends in 社 ("agency"), 网 ("site") or 报
# ("paper"), which a person's name or a gloss in brackets ("李华（化名）——",
# "Li Hua (not her real name) —") does not.
_CJK_AGENCY = rf"(?:路透社?|彭博社?|共同社?|[{_HAN}]{{1,5}}?[社网網报報])"
# "据新华社北京3月5日电，…" is a sentence: "according to Xinhua's dispatch, …".
_CJK_CITING = r"(?![据據]|根[据據]|援引|引述|综合|綜合|转引|轉引)"
# "新华社北京3月5日电（记者张三）", "中新社北京电", "路透北京3月5日 -": the agency,
# the place, the date, then 电 ("dispatch") or a dash. 本报 is "this paper".
_CJK_DISPATCH = re.compile(
    rf"{_CJK_CITING}(?:(?P<own>本[报報刊台网網])|(?P<agency>{_CJK_AGENCY}))"
    rf"(?P<place>(?!记者|記者)[{_HAN}·]{{2,8}}?)"
    rf"(?:(?:{_CJK_DATE})?[电電]"
    rf"(?:\s*[（(](?:特派)?(?:记者|記者|通讯员|通訊員)(?P<reporters>[^（）()]{{0,40}})[）)])?"
    rf"|{_CJK_DATE}\s*(?:——|[—－–-]))"
    # A comma after it makes it part of a sentence.
    r"(?!\s*[，,、])"
)
_CJK_BRACKETS = {"【": "】", "〔": "〕", "（": "）", "(": ")", "[": "]"}
# "北京，3月5日（新华社）——", "北京（路透）：".
_CJK_BRACKETED_AGENCY = re.compile(
    rf"{_CJK_CITING}(?P<place>[{_HAN}·]{{2,8}})(?:\s*[，,、]?\s*{_CJK_DATE})?"
    rf"\s*[（(](?P<agency>路透社?|彭博社?|共同社?|[{_HAN}]{{1,6}}[社网網报報])[）)]"
    r"\s*(?:——|[—－–:：-])\s*"
)
# Jiji and Kyodo: "【ワシントン時事】", "【北京共同】", "【ロンドンAFP時事】".
_JAPANESE_AGENCY_DATELINE = re.compile(
    rf"【(?P<place>[{_KANA}{_HAN}]{{2,12}}?)(?P<agency>(?:AFP|ＡＦＰ|EPA)?時事|共同)】\s*"
)
# "(서울=연합뉴스) 홍길동 기자 =", "[서울=뉴시스]": place and agency; a Japanese
# paper's "【ワシントン＝山田太郎】" is place and reporter.
_EQUALS_DATELINE = re.compile(
    rf"(?P<open>[【\[（(])\s*(?P<place>[{_KANA}{_HAN}{_HANGUL}]{{2,12}})\s*[=＝]\s*"
    r"(?P<who>[^【】\[\]（）()=＝\s][^【】\[\]（）()=＝]{0,19}?)\s*(?P<close>[】\]）)])"
    rf"(?:\s*(?P<reporters>(?:[{_HANGUL}]{{2,4}}[\s·,]*){{1,4}})(?:기자|특파원)\s*[=＝])?\s*"
)
# The reporters such a dateline names: "（记者 王雨萧、李明）", "김지헌 이재림 기자 =".
# Role words between them ("通讯员", "特派") are not names.
_DATELINE_ROLE = (
    r"(?:(?:特派|见习|見習|摄影|攝影)?(?:记者|記者)|通讯员|通訊員|实习生|實習生|摄|攝|기자|특파원)"
)
_DATELINE_REPORTER = re.compile(rf"(?!{_DATELINE_ROLE})[{_HAN}{_HANGUL}{_KANA}·]{{2,8}}")


_SPACES = re.compile(r"\s*")


@dataclass
class _Dateline:
    """A dateline found at ``lead[start:end]``; ``agency`` is "" when it names none."""

    place: str
    agency: str
    start: int
    end: int
    reporters: tuple = ()


def _rtl_dateline(lead, start):
    for pattern in _RTL_DATELINES:
        match = pattern.match(lead, start)
        if not match:
            continue
        place, agency = match.group("place"), match.group("agency")
        words = place.split() + agency.split()
        if agency_latin_name(agency) and not _SENTENCE_WORDS.intersection(words):
            return _Dateline(place, agency, start, match.end())
    return None


def _cjk_dispatch(lead, start):
    closer = _CJK_BRACKETS.get(lead[start : start + 1])
    match = _CJK_DISPATCH.match(lead, start + 1 if closer else start)
    if not match:
        return None
    end = _SPACES.match(lead, match.end()).end()
    if closer:
        # The bracket that opened the dateline closes it: "【新华社北京3月5日电】".
        if not lead.startswith(closer, end):
            return None
        end = _SPACES.match(lead, end + 1).end()
    return _Dateline(
        match.group("place"),
        match.group("agency") or "",
        start,
        end,
        _reporters(match.group("reporters")),
    )


def _reporters(text):
    """The names in a dateline's "（记者 王雨萧、李明）" or "김지헌 기자 =", in order."""
    names = re.sub(_DATELINE_ROLE, " ", text or "")
    return tuple(_DATELINE_REPORTER.findall(names))


def _cjk_bracketed_agency(lead, start):
    match = _CJK_BRACKETED_AGENCY.match(lead, start)
    if match:
        return _Dateline(match.group("place"), match.group("agency"), start, match.end())
    return None


def _japanese_agency(lead, start):
    match = _JAPANESE_AGENCY_DATELINE.match(lead, start)
    if match:
        return _Dateline(match.group("place"), match.group("agency"), start, match.end())
    return None


# A Japanese agency or paper after "＝": "共同通信", "時事通信", "読売新聞".
_JAPANESE_AGENCY_ENDS = ("通信", "通信社", "新聞", "新聞社", "時事", "共同")


def _equals_dateline(lead, start):
    match = _EQUALS_DATELINE.match(lead, start)
    if not match or _CJK_BRACKETS.get(match.group("open"), "]") != match.group("close"):
        return None
    place, who = match.group("place"), match.group("who").strip()
    korean = re.fullmatch(f"[{_HANGUL}]+", place) is not None
    if match.group("open") in "(（" and not korean:
        return None  # Round brackets are Yonhap's; elsewhere, "(注=…)" is a note.
    # Korean copy names the agency after "="; a Japanese paper, its reporter.
    agency = who if korean or agency_latin_name(who) or who.endswith(_JAPANESE_AGENCY_ENDS) else ""
    reporters = _reporters(match.group("reporters"))
    if not agency and _DATELINE_REPORTER.fullmatch(who):
        reporters = (who,)
    return _Dateline(place, agency, start, match.end(), reporters)


# Where a dateline on a line of its own may name: a capital, or a city that
# files as much ("ISTANBUL", Anadolu's other desk).
_LONE_PLACES = CAPITALS | {
    "Istanbul", "New York", "Geneva", "Dubai", "Hong Kong", "Shanghai", "Mumbai", "Karachi",
    "Lagos", "Johannesburg", "Sao Paulo", "Rio De Janeiro", "Los Angeles", "Frankfurt",
    "Milan", "Barcelona", "St. Petersburg", "Gaza", "Kharkiv", "Odesa", "Aleppo", "Erbil",
    "Izmir", "Antalya", "Gaziantep", "Diyarbakir", "Sydney", "Toronto", "Chicago",
}


def _caseless_dateline(lead):
    """A wire dateline in a script without capitals at the start of ``lead``, or None.

    It starts after the direction marks that open the lead: those set the
    paragraph's direction, and stay with it.
    """
    start = _LEADING_BIDI.match(lead).end()
    for read in (
        _rtl_dateline,
        _cjk_dispatch,
        _cjk_bracketed_agency,
        _japanese_agency,
        _equals_dateline,
    ):
        found = read(lead, start)
        if found and not CASELESS_STORY_LABELS.intersection(found.place.split()):
            return found
    return None


def detect_dateline(lead):
    """Return ``(place, reason, lead_without_dateline)``; place is "" when unsure.

    "Confidence" means one of three things, tried in this order:

    1. the lead opens with a place in capitals followed by a dash
       ("PARIS —", "NEW YORK -"): the wire convention, taken as is; or by a
       colon, for a place the importer knows ("NEW DELHI:");
    2. the lead opens with "Place, <date> (Agency) -": the agency convention,
       or, in a script without capitals, one of the wires' formulas for it
       ("بيروت (رويترز) -", "【新华社北京3月5日电】", "【ワシントン時事】");
    3. the lead's first sentence names exactly one capital from
       :data:`CAPITALS`, right after "in", "from" or "at" ("… met in Nairobi
       on Monday"). Two different capitals, or a capital used any other way
       ("Paris-based", "the Moscow government"), is not confident: no dateline.

    In cases 1 and 2 the dateline is taken off the front of the lead, since
    the page shows it separately. Direction marks in front of it stay: they
    are the paragraph's.
    """
    match = _agency_dateline(lead)
    if match:
        place = match.group("place").strip()
        # "MILAN, Nov 27 (Reuters) -" reads "Milan", as "MILAN -" does.
        place = titlecase_place(place) if place.isupper() else place
        return place, f'"{match.group(0).strip()}" at the start of the lead', lead[match.end():]
    found = _caseless_dateline(lead)
    if found:
        dateline = lead[found.start : found.end].strip()
        rest = lead[: found.start] + lead[found.end :]
        return found.place, f'"{dateline}" at the start of the lead', rest
    match = (
        _CAPS_DATELINE.match(lead)
        or _CAPS_DATE_COLON_DATELINE.match(lead)
        or _CAPS_DATE_DASH_DATELINE.match(lead)
    )
    if (
        match
        and len(match.group("place").replace(" ", "")) >= 3
        and not STORY_LABELS.intersection(match.group("place").upper().split())
        # "REUTERS - Shares rose …" names whose copy it is, not where it was filed.
        and not is_agency_name(match.group("place"))
    ):
        place = titlecase_place(match.group("place"))
        return place, f'"{match.group(0).strip()}" at the start of the lead', lead[match.end():]
    match = _CAPS_COLON_DATELINE.match(lead)
    if match and titlecase_place(match.group("place")) in _LONE_PLACES:
        place = titlecase_place(match.group("place"))
        return place, f'"{match.group(0).strip()}" at the start of the lead', lead[match.end():]
    sentences = split_sentences(lead)
    if sentences:
        places = {m.group("place") for m in _CAPITAL_IN_TEXT.finditer(sentences[0])}
        if len(places) == 1:
            place = places.pop()
            return place, f"the first sentence names {place}", lead
    return "", "", lead


def _short_unstopped(line):
    """A line of a subheading's length that ends without a full stop: a label, not a sentence."""
    line = line.strip()
    return 0 < len(line) <= SUBHEADING_MAX_CHARS and not line.endswith(_FINAL_PUNCTUATION)


def _opening_dateline(paragraph):
    """Whether ``paragraph`` opens with a wire dateline, not just names a capital."""
    place, _, rest = detect_dateline(paragraph)
    return bool(place) and rest != paragraph


def _agency_dateline(lead):
    """The match of a "PLACE (Agency) -", "Place, <date> (Agency) -",
    "(Agency) - Place, <date> -" or "PLACE, <date>. /Agency/." opening, or of
    another wire's formula naming an agency the importer knows; or None."""
    match = (
        _WIRE_DATELINE.match(lead)
        or _AGENCY_FIRST_DATELINE.match(lead)
        or _CAPS_AGENCY_DATELINE.match(lead)
        or _TITLE_AGENCY_DATELINE.match(lead)
        or _SLASHED_AGENCY_DATELINE.match(lead)
    )
    if match and not _is_label_or_acronym(match.group("place"), match.group("agency")):
        return match
    for pattern in _KNOWN_AGENCY_DATELINES:
        match = pattern.match(lead)
        if match and is_agency_name(match.group("agency")):
            return match
    return None


def dateline_agency(lead):
    """The agency a wire dateline names ("Reuters" in "LONDON (Reuters) -"), or "".

    As written: "رويترز" in "بيروت (رويترز) -", "新华社" in "新华社北京3月5日电";
    :func:`agency_latin_name` gives the name it signs with in Latin letters.
    """
    match = _agency_dateline(lead)
    if match:
        return " ".join(match.group("agency").split())
    found = _caseless_dateline(lead)
    return " ".join(found.agency.split()) if found else ""


def dateline_reporters(lead):
    """The reporters a wire dateline names, in a script without capitals, or ().

    Xinhua's "新华社北京11月29日电（记者 王雨萧）", Yonhap's "(서울=연합뉴스)
    김지헌 기자 =" and a Japanese paper's "【ワシントン＝山田太郎】" name them
    where an English wire has its "By" line.
    """
    found = _caseless_dateline(lead)
    return list(found.reporters) if found else []


def _is_label_or_acronym(place, parenthesis):
    """Whether "PLACE (parenthesis) -" opens with a label or an acronym, not a place.

    "EXCLUSIVE (Reuters) -" is a label; "WHO (World Health Organization) -"
    is an acronym spelt out, its letters the initials of the words after it,
    and "Amnesty International (AI) -" a name with its acronym.
    """
    if STORY_LABELS.intersection(place.upper().split()):
        return True
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z][\w'’-]*", parenthesis))
    if place.isupper() and initials.upper() == place.replace(" ", ""):
        return True
    # The other way round: "Amnesty International (AI) -" names its acronym.
    place_initials = "".join(word[0] for word in place.split())
    return len(place.split()) > 1 and place_initials.upper() == parenthesis.replace(" ", "").upper()


# The small words inside places' and people's names, in small letters but first.
# Inside a name joined by hyphens, any of them: "Port-au-Prince",
# "Stratford-upon-Avon", "Deir al-Balah", "Sharm el-Sheikh".
_PLACE_PARTICLES = frozenset(
    {
        "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "es", "el", "al",
        "au", "aux", "la", "le", "les", "of", "on", "upon", "sur", "en", "am", "im", "an",
        "der", "den", "van", "von", "y", "bin", "ibn", "ter",
    }
)
# Between words, with a word after them, those that are never a name's own word
# ("Rio de Janeiro", "Dar es Salaam", "Isle of Man", "Port au Prince", "Boulogne
# sur Mer", "Mohammed bin Salman"); the others where another small word stands
# beside them ("Ana de la Cruz", "Ursula von der Leyen", "Frankfurt an der
# Oder"). "Hoi An", "West Des Moines", "South El Monte", "Marine Le Pen" and
# "Dick Van Dyke" keep their capitals.
_SPACED_PARTICLES = frozenset(
    {
        "de", "da", "do", "dos", "das", "del", "della", "di", "es", "of", "upon", "am", "im",
        "y", "au", "aux", "en", "sur", "on", "bin", "ibn",
    }
)


def titlecase_place(place):
    """"NEW YORK" -> "New York", "KYIV" -> "Kyiv", "ŁÓDŹ" -> "Łódź",
    "WASHINGTON/LONDON" -> "Washington/London", "PORT-AU-PRINCE" -> "Port-au-Prince",
    "N'DJAMENA" -> "N'Djamena", "MCALLEN" -> "McAllen"."""
    titled = []
    for name in place.split("/"):
        parts = re.split(r"([\s-]+)", name)
        first = next((index for index in range(0, len(parts), 2) if parts[index]), 0)
        words = [_small(part) for part in parts[::2]]
        small = False
        for index in range(0, len(parts), 2):
            word, after = words[index // 2], words[index // 2 + 1 : index // 2 + 2]
            hyphened = "-" in "".join(parts[max(index - 1, 0) : index + 2 : 2])
            small = (
                index > first
                and word in _PLACE_PARTICLES
                and (
                    hyphened
                    or (
                        bool(after)
                        and (word in _SPACED_PARTICLES or small or after[0] in _PLACE_PARTICLES)
                    )
                )
            )
            parts[index] = word if small else _capitalised(parts[index])
        titled.append("".join(parts))
    return "/".join(titled)


def _small(word):
    # "İ" in lower case is "i" and a combining dot; the dot is "i"'s own.
    return word.replace("İ", "I").lower()


def _capitalised(word):
    """"KYIV" -> "Kyiv", "N'DJAMENA" -> "N'Djamena", "MCALLEN" -> "McAllen"; "İSTANBUL"
    keeps its dotted capital."""
    word = word[:1].upper() + _small(word[1:])
    word = re.sub(r"^(\w['’])(\w)", lambda found: found[1] + found[2].upper(), word)
    return re.sub(r"^(Mc)(\w)", lambda found: found[1] + found[2].upper(), word)


# ---------------------------------------------------------------------------
# The whole file
# ---------------------------------------------------------------------------


def content_fingerprint(lines):
    """sha256 of the kept copy with all whitespace removed.

    Computed after ad CSS and page junk are gone, so the same story pasted
    again from a page with different ads or line wrapping has the same print.
    """
    normalised = re.sub(r"\s+", "", "".join(lines))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _paragraphs(text, blank_line_paragraphs):
    """Lines of copy as paragraphs, joining lines that were hard-wrapped.

    Wire copy usually has one paragraph per line, and then every line is a
    paragraph, unless it plainly runs on from the line above (a long line
    ending mid-sentence, the next opening in small letters: ``_runs_on``
    without a width). Copy wrapped at a fixed width separates its paragraphs
    with blank lines instead; in such a file the lines between two blank lines
    are joined where a line runs on from the one above it (see :func:`_runs_on`).
    A joined paragraph is read as a whole afterwards: a wrapped line that
    happens to start "sign up for the scheme" is no page junk, and one that
    happens to be short is no subheading. An indented line under a sentence's
    end opens a paragraph, as ANSA indents each of its own, whatever width
    the lines seem to show.
    """
    # Each run of lines between blank lines, each line with its length as
    # filed, indent and all: the length the wrapping tool counted; and whether
    # it is indented.
    runs, run = [], []
    for raw_line in text.split("\n"):
        line = " ".join(raw_line.split())
        if line:
            run.append((len(raw_line.rstrip()), line, raw_line[:1].isspace()))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    if not blank_line_paragraphs:
        return _rewrapped([line for run in runs for _, line, _ in run])
    width = _wrap_width(runs)
    paragraphs = []
    for run in runs:
        # A paragraph's lines gathered and joined once: added one at a time
        # to the string, its text was copied again for each line.
        pieces = [run[0][1]]
        for (length, above, _), (_, line, indented) in pairwise(run):
            if not _runs_on(length, above, line, width) or (
                indented and above.endswith(_FINAL_PUNCTUATION)
            ):
                paragraphs.append(" ".join(pieces))
                pieces = []
            pieces.append(line)
        paragraphs.append(" ".join(pieces))
    return paragraphs


def _rewrapped(lines):
    """Copy with a paragraph a line, its lines wrapped all the same joined back.

    Pasted from a terminal or an email, the standfirst stopped at "struck off
    the coast" and the body began "of central Chile". A line runs on into the
    next as ``_runs_on`` says with no width to go by (a long line ending
    mid-sentence over one opening with a word in small letters), but only
    where the copy shows it was wrapped: two such lines at least, of nearly
    the same length (a wrapping tool's width), and each joined paragraph
    ending with a full stop. A list of pledges in small letters, a poem or
    two posts quoted one under the other stay a line each; the first line
    (the headline's place) is never joined.
    """
    joins = {
        index
        for index in range(2, len(lines))
        if _runs_on(len(lines[index - 1]), lines[index - 1], lines[index], None)
    }
    lengths = sorted(len(lines[index - 1]) for index in joins)
    if not any(longer - shorter <= WRAP_SLACK_CHARS for shorter, longer in pairwise(lengths)):
        return lines
    paragraphs, run = [], lines[:1]
    for index, line in enumerate(lines[1:], start=1):
        if index in joins:
            run.append(line)
            continue
        paragraphs.extend(_joined_if_ended(run))
        run = [line]
    paragraphs.extend(_joined_if_ended(run))
    return paragraphs


def _joined_if_ended(run):
    """``run``'s lines as one paragraph if it ends a sentence, else each as it was."""
    if len(run) > 1 and not run[-1].endswith(_FINAL_PUNCTUATION):
        return run
    return [" ".join(run)]


def _wrap_width(runs):
    """The width the copy was hard-wrapped at, or None when its lines show none.

    ``runs`` are the runs of lines between blank lines, each line as
    ``(length, text, indented)``. A tool that wraps a paragraph ends each of its lines
    but the last within a word of the width, and none past it unless a word
    is too long to fit. So the width is the length that the most lines with
    another under them end at or just short of; at least two must (one line
    shows no width), and fewer lines may run on well past it than reach it.
    Copy with a paragraph a line shows none: only a headline, a "By" line or
    a subheading stands over another line, and its paragraphs run on past
    whatever length those reach.
    """
    # A line that ends a sentence over one that starts another shows no width:
    # a page's headline over its standfirst, each a line of its own, is as long
    # as two wrapped lines may be.
    ends = sorted(
        length
        for run in runs
        for (length, line, _), (_, below, _) in pairwise(run)
        if length >= WRAPPED_LINE_MIN_CHARS
        and not (line.endswith(_FINAL_PUNCTUATION) and below[:1].isupper())
    )
    # The length that the most of them end within WRAP_SLACK_CHARS of, found
    # with a window slid once along them in order.
    width, reaching, low = None, 0, 0
    for high, length in enumerate(ends):
        while ends[low] < length - WRAP_SLACK_CHARS:
            low += 1
        if high - low + 1 >= reaching:
            width, reaching = length, high - low + 1
    if reaching < 2:
        return None
    past = sum(1 for run in runs for length, *_ in run if length > width + WRAP_SLACK_CHARS)
    return width if past < reaching else None


def _runs_on(length, above, line, width):
    """Whether ``line`` carries on the paragraph of the line ``above`` it.

    ``length`` is the line above's length as filed, and ``width`` the copy's
    wrap width (None when it shows none). In copy with a width, the line
    above was wrapped by the tool when it reaches within WRAP_SLACK_CHARS of
    the width, or when the next line's first word would not have fitted on
    it; then whatever its last character ("Mr.", a question mark, a closing
    quote) the next line is the same paragraph's. A line well short of the
    width was ended on purpose: a headline, a "By" line, a short paragraph.
    Without a width, the line above must be long and end without final
    punctuation, and the line under it carry on its sentence in small
    letters; neither may be page junk, nor the line under it a share
    button's label (each a line of its own on the page). Either way a line
    that opens with a dateline or is a "By" line starts afresh, however long
    the headline over it.
    """
    if width is not None:
        first_word = line.split(" ", 1)[0]
        wrapped = length >= width - WRAP_SLACK_CHARS or length + 1 + len(first_word) > width
    else:
        wrapped = (
            len(above) >= WRAPPED_LINE_MIN_CHARS
            and not above.endswith(_FINAL_PUNCTUATION)
            # A word in small letters: "iPhone sales fell" under a headline opens
            # a paragraph of its own.
            and line.split(" ", 1)[0].islower()
            and not _junk_line(above)
            and not _junk_line(line)
            and not _SHARE_LABEL_LINE.match(line)
        )
    return (
        wrapped
        and not _opening_dateline(line)
        and not read_byline_line(line)
        and not source_line_names(line)
    )


# The Indian and Gulf papers' attribution under agency copy: "(With inputs from
# PTI)", "With reporting from Reuters and AFP".
_WITH_INPUTS_LINE = re.compile(
    r"^\s*\(?\s*with\s+(?:(?:agency\s+)?inputs?|(?:additional\s+)?reporting)\s+(?:from|by)\s+"
    r"(?P<names>[^()]{2,80}?)\s*\)?\s*\.?\s*$",
    re.I,
)


# France 24's "(FRANCE 24 with AFP)", Euronews' "(Euronews with AP, Reuters)":
# the site's name and the agencies whose copy it is, in brackets.
# Or without brackets, on a line of its own at the top or the foot: Le Monde's
# "Le Monde with AFP", Africanews' "with AFP" under its headline.
# A sentence is no such line: the site's name is in capitals and no full stop
# ends the line ("He spoke with AFP." is copy).
_SITE_WITH_AGENCIES_LINE = re.compile(
    r"^\s*(?:\(\s*(?:[^\W\d_][\w .&'’-]{1,40}?\s+)?with\s+(?P<names>[^()]{2,60}?)\s*\)\s*\.?"
    # Not a byline ("By Euronews with AP"), read as one elsewhere.
    r"|(?!by\s)(?-i:(?:[A-Z][\w&'’-]*\s+){0,4})with\s+(?P<bare_names>[^().]{2,60}?))\s*$",
    re.I,
)


def source_line_names(paragraph):
    """The sources a "Source: …" line names, or None if ``paragraph`` is not one."""
    with_inputs = _WITH_INPUTS_LINE.match(paragraph)
    if with_inputs and len(paragraph) <= 120:
        names = with_inputs.group("names")
        if _SENTENCE_NOT_NAMES.search(names):
            return None  # "With reporting from Reuters, the paper said …" is a sentence.
        return _split_source_names(names) or None
    site = _SITE_WITH_AGENCIES_LINE.match(paragraph)
    if site:
        names = _split_source_names(site.group("names") or site.group("bare_names"))
        # Only agencies: "(Smith with his lawyer)" names no copy's source.
        if names and all(is_agency_name(name) for name in names):
            return names
    match = _SOURCE_LINE.match(paragraph)
    if not match or len(paragraph) > 120:
        return None
    names = match.group("names")
    if match.group("separator") not in ":：" and _SENTENCE_NOT_NAMES.search(names):
        return None
    return _split_source_names(names) or None


def _split_source_names(names):
    # A tag the page cleaning does not know ("<agency>Reuters</agency>", from a
    # wire's own markup) goes and its words stay, before the "/" of its closing
    # tag splits it into "<agency>Reuters<" and "agency>". The line is listed
    # among the removals as written, tags and all.
    parts = []
    for listed in re.split(r"\s*[,;/]\s*", without_html_tags(names)):
        parts.extend(_split_at_and(listed.strip()))
    named = (_source_name(part.strip(" .")) for part in parts)
    return [name for name in named if name]


# "and" or "&" between words: it may join two sources ("Reuters and AFP",
# "Eurostat and Reuters") or sit inside one name ("Ministry of Trade and
# Industry", "Procter & Gamble"). An "&" inside a word ("AT&T", "S&P Global")
# is always a name's.
_AND = re.compile(r"\s+(?:&|and)\s+", re.I)


def _split_at_and(listed):
    """The sources in ``listed``, one part of a "Source:" line, split at "and" and "&".

    "and" splits ("Greenpeace and Oxfam", "Eurostat and Reuters") but not
    where the words after it carry on the portfolio of a name before it
    ("Department of Health and Human Services", ``_goes_on``); "&" joins one
    name ("Procter & Gamble", "Bill & Melinda Gates Foundation") unless a side
    is an agency or an acronym ("Reuters & AFP"). What follows "and" in lower
    case ("Reuters and others", "AFP and agencies") is no source and is left
    out. The import joins parts again where the desk has the whole name as a
    source, and splits one where it has each part
    (``import_service._known_names``): "Food and Agriculture Organization".
    """
    pieces = _AND.split(listed)
    joins = _AND.findall(listed)
    parts, current = [], pieces[0]
    for join, piece in zip(joins, pieces[1:], strict=True):
        if not piece[:1].isupper() and not piece.casefold().startswith("the "):
            continue  # "and others", "and agencies": no name
        ampersand = join.strip() == "&"
        if _goes_on(current, piece) or (
            ampersand and not (_stands_alone(current) or _stands_alone(piece))
        ):
            current = f"{current}{join}{piece}"
        else:
            parts.append(current)
            # "the" in a list is the line's, not the name's: "the WHO" is "WHO".
            current = re.sub(r"^the\s+", "", piece, flags=re.I)
    parts.append(current)
    return parts


def _stands_alone(name):
    """Whether ``name`` is a source by itself beside "&": an agency or an acronym."""
    return is_agency_name(name) or _acronym(name.strip())


def _acronym(word):
    return len(word) > 1 and word.isupper() and word.isalpha()


def _goes_on(name, words):
    """Whether ``words``, after "and", carry on the portfolio of ``name``: "Department
    of Health" and "Human Services", "Ministry of Trade" and "Industry".

    Only after a name with a particle ("of", "for"), and not when the words
    open with "the", an acronym or a capital-less word, name an agency, or hold
    a particle of their own ("Bank of England").
    """
    particles = _NAME_PARTICLES - {"the", "and"}
    if not particles.intersection(name.split()):
        return False
    first, *rest = words.split()
    return not (
        first.casefold() == "the"
        or _acronym(first)
        or not first[:1].isupper()
        or is_agency_name(words)
        or particles.intersection(rest)
    )


# A date in a data credit ("Source: Eurostat, October 2026") is never a source.
_DATE_PART = re.compile(
    rf"(?:(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}})?\s+)?(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH}",
    re.I,
)
# Small words a name holds in lower case ("Ministry of the Interior").
_NAME_PARTICLES = frozenset(
    {
        *("of", "for", "the", "on", "in", "and"),
        *("de", "du", "des", "del", "la", "le", "el", "al", "los", "las", "y", "et"),
        *("da", "do", "dos", "das", "e", "di", "della", "delle", "dei", "degli", "dello"),
        *("und", "für", "von", "der", "den", "van", "het"),
    }
)


def _source_name(part):
    """The source a part of a "Source:" line names, or None for a date or a description.

    "Colombian weather agency IDEAM" describes its source and names it last:
    it is IDEAM. "city water company" only describes one, which no source page
    should be made for. A lone word stays as written ("dpa").
    """
    if not part or _DATE_PART.fullmatch(part):
        return None
    words = part.split()
    described = len(words) > 1 and any(
        word[0].islower() and word not in _NAME_PARTICLES for word in words
    )
    if not described:
        return part
    last = words[-1]
    return last if len(last) > 1 and last.isalpha() and last.isupper() else None


# Reuters' slugs in front of a headline: "UPDATE 2-", "REFILE-",
# "EXCLUSIVE-", "CORRECTED-", one or more, in capitals and hyphened to it.
_WIRE_SLUG = (
    r"(?:(?:UPDATE|WRAPUP) \d{1,2}|REFILE|EXCLUSIVE|CORRECTED|RPT)-"
    # A flash tag in capitals: "BREAKING: ", "URGENT: ", "JUST IN: ". The desk's
    # own page says what is breaking; "Breaking:" in small letters may be a title.
    r"|(?:BREAKING(?: NEWS)?|URGENT|FLASH|NEWSFLASH|NEWSALERT|ALERT|JUST IN|DEVELOPING)"
    r"(?:: | [-—–] )"
    # Yonhap's tags in brackets: "(LEAD) ", "(2nd LD) ", "(URGENT) ", "(News Focus) ".
    r"|\((?:LEAD|URGENT|\d{1,2}(?:st|nd|rd|th) LD(?:, ?Writethru)?|News Focus"
    r"|Yonhap (?:Interview|Feature))\) "
)
_HEADLINE_SLUGS = re.compile(rf"^(?:{_WIRE_SLUG})+(?=\S)")
# A wire's note to editors under the headline, in brackets: Reuters' "(Corrects
# name of central bank governor in paragraph 3)", "(Adds details, quotes)",
# "(Updates with …)". Not for readers: listed, and a correction is said.
# A note is terse, with no full stop: "(Changes to the Fed's statement were
# minimal, with one word added.)" is a sentence of the story's.
_WIRE_NOTE = re.compile(
    r"^\((?P<verb>Corrects|Correcting|Adds|Updates|Recasts|Refiles|Repeats|Rewrites"
    r"|Fixes|Removes|Inserts|Deletes)\s(?:[^().]|(?<=\d)\.(?=\d)){0,150}\)$"
)


_CHANGED_NOTE = re.compile(
    r"^(?i:this\s+(?:story|article|report)\s+(?:has\s+been|was)\s+)"
    r"(?P<verb>(?i:corrected|updated|amended|changed))\b[^\n]{0,250}$"
)


# A section's name over the headline: one word ("World", "Business"). Two
# ("Middle East") would take "Brexit talks" over its standfirst for one too,
# but for the names news sites give their sections and running stories.
SECTION_KICKER_MAX_WORDS = 1
SECTION_CAPITALS_KICKER_MAX_WORDS = 3
_SECTION_NAME = re.compile(
    r"^(?:(?:world|uk|us|u\.s\.|europe|africa|asia|business|politics|science|climate|health"
    r"|tech(?:nology)?|sports?|culture|opinion|breaking|latest|local|national|international)"
    r"\s+news|middle\s+east|asia[\s-]pacific|latin\s+america|north\s+america|south\s+asia"
    r"|east\s+asia|us\s*&\s*canada|australia\s*&\s*pacific|global\s+development"
    # A running story's label: "Russia-Ukraine War", "Israel-Gaza war", "Sudan crisis";
    # its names in capitals ("Sudan's forgotten war" is a headline).
    # Not a possessive: "Trump's Trade War" over its standfirst is a headline.
    r"|(?-i:[A-Z]\w+(?:[\s-][A-Z]\w+)?)\s+(?:war|conflict|crisis)"
    # The Times of Israel's "Israel at war", "Ukraine at war".
    r"|(?-i:[A-Z]\w+(?:[\s-][A-Z]\w+)?)\s+at\s+war)$",
    re.I,
)


def _section_kicker(first, second, third):
    """Whether ``first``, the top line, names the site's section over the headline ``second``.

    Both must have a headline's shape; the section is one word, the
    headline at least four words, so two short lines (a headline and a
    one-line standfirst) are read as before.

    A name of two words or more, read as a section's or a running story's by
    its words ("Sudan Crisis", "Middle East"), may be the story's own short
    headline over a standfirst written without a full stop. It is a label only
    over a headline as short as desks write them (a subheading's length), or
    over one with a line of its own under it that is no sentence of the story
    (its standfirst, a byline): a longer line straight over the story's first
    sentence is the headline's standfirst.
    """
    # A kicker in capitals over a headline that is not ("SOUTH AFRICA" over "Eskom
    # warns …") is a label as one word is.
    one_word = len(first.split()) <= SECTION_KICKER_MAX_WORDS or (
        len(first.split()) <= SECTION_CAPITALS_KICKER_MAX_WORDS
        and first.strip().isupper()
        and not second.strip().isupper()
        and not is_box_heading(first)  # "BY THE NUMBERS" heads its own box
    )
    return (
        (one_word or _SECTION_NAME.match(first.strip()))
        and is_subheading(first)
        and not any(char.isdigit() for char in first)
        and len(second.split()) >= 4
        and is_copy_headline(second)
        and (one_word or is_subheading(second) or not _story_sentence(third))
    )


# How many labels a page stacks over the headline: the Guardian's pillar over
# its running story or country ("World news" over "Greece").
SECTION_LABELS_MAX = 2


def _section_labels(paragraphs):
    """How many of the top ``paragraphs`` are labels over the headline: none, one or two.

    The Guardian stacks two. Each is read as a label alone is, over the
    headline under them both and the line under that, so short lines over one
    another with no headline under them, or a short headline over its
    standfirst, stay: "Sudan's forgotten war" under "World news" is the
    headline, not a second label.
    """
    for count in range(SECTION_LABELS_MAX, 0, -1):
        headline_and_under = paragraphs[count : count + 2]
        if len(headline_and_under) == 2 and all(
            _section_kicker(label, *headline_and_under) for label in paragraphs[:count]
        ):
            return count
    return 0


# A stringer's email: its header lines at the top, a greeting and a note to the
# desk above the story, a sign-off and a name under it.
_EMAIL_HEADER = re.compile(r"^(?P<field>from|to|cc|bcc|sent|date|subject|reply-to)\s*:\s*\S", re.I)
_SUBJECT_PREFIX = re.compile(r"^(?:(?:re|fwd?|aw|tr)\s*:\s*)+", re.I)
_SUBJECT_LENGTH = re.compile(r"\s*\(\s*\d[\d,.]*\s*(?:words?|wds)\s*\)\s*$", re.I)
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|morning|good\s+(?:morning|afternoon|evening))\b[^.!?]{0,40}[,!:]?$",
    re.I,
)
_SIGN_OFF = re.compile(
    r"^(?:thanks|thank\s+you|many\s+thanks|cheers|best|best\s+wishes|regards|best\s+regards"
    r"|kind\s+regards|all\s+the\s+best)\b[^.!?]{0,30}[,.!]?$",
    re.I,
)
SIGNED_NAME_MAX_CHARS = 40


# How many lines a signature under "-- " has at most: name, job, desk, agency,
# telephone, email address, web address, and one more.
SIGNATURE_MAX_LINES = 8
# Each of its lines is short and no sentence: "--" over paragraphs of copy is a
# scene break.
SIGNATURE_LINE_MAX_CHARS = 60
# Scores ("Benfica 2 Sporting 1") or a fact box ("Key Facts", "Population: 1.6
# million") under "--" are the story's.


def _signature_evidence(line):
    """A line that says a journalist sent the email: their job.

    A telephone number, a web or an email address alone is a helpline's or a
    venue's as much ("Shelter Scotland" "0808 800 4444", "Missing People"
    "seek@missingpeople.org.uk").
    """
    return bool(_JOURNALISTS_JOB.search(line))


# And it opens with the sender's name ("Selin Kaya", "Олександр Шевченко",
# "Khaled al-Masri", "Ana de la Cruz | Manila correspondent"), maybe under a
# sign-off ("Best,"): a helpline box ("Childline", "0800 1111") or an
# exhibition's ("Turner and Constable", "www.tate.org.uk") does not.
_SIGNATURE_NAME_WORD = (
    rf"(?:[{_CAPITAL}][\w'’.-]*|(?:al|el|bin|ibn|abu|de|da|do|dos|van|von|der|du|la|le)"
    rf"(?:-[{_CAPITAL}][\w'’.-]*)?)"
)
_SIGNATURE_NAME = re.compile(
    rf"^[{_CAPITAL}][\w'’.-]*(?:\s+{_SIGNATURE_NAME_WORD}){{1,4}}(?:\s*\|.*)?$"
)
_SIGNATURE_SIGN_OFF = re.compile(
    r"^(?:best|thanks|thank\s+you|regards|kind\s+regards|best\s+regards|cheers|cordially)"
    r"(?:\s+wishes)?\s*,?$",
    re.I,
)


def _signature_opens_with_a_name(lines):
    lines = [line.strip() for line in lines]
    if lines and _SIGNATURE_SIGN_OFF.match(lines[0]):
        lines = lines[1:]
    return bool(lines) and bool(
        _SIGNATURE_NAME.match(lines[0]) or _JOURNALISTS_JOB.search(lines[0])
    )


# "Distance: 42.195 km", "SOS Voz Amiga: 213 544 545", "Entries: www…": a fact
# box's label and value. A signature's labels are its ways of reaching the sender.
_FACT_LINE = re.compile(
    r"^(?!(?:tel|telephone|phone|mobile|mob|cell|fax|e-?mail|web|website|twitter|x|skype"
    r"|signal|whatsapp|telegram)\b)[^:]{2,30}:\s+\S",
    re.I,
)


def _signature_line(line):
    line = line.strip()
    return len(line) <= SIGNATURE_LINE_MAX_CHARS and not line.endswith((".", "!", "?", "\"", "”"))


def _without_email_wrapping(paragraphs, removals):
    """``(paragraphs, subject)``: the copy without an email's wrapping, listed in ``removals``.

    Only copy that opens with an email's header lines ("From:", "Sent:",
    "Subject: …"; two of them, or the subject) is an email; they go, and the
    subject, without "Re:" and a "(550 words)" count, is returned for the
    headline. Under them a greeting ("Hi Maria,") goes, and with it the note
    to the desk under it when a dateline opens one of the next paragraphs
    ("Here's the piece. Photos to follow." then "GOMA, Congo - …"): without
    one, the note may be the story, and stays. A signature under "--", and a
    sign-off and the name under it ("Thanks," "Jean"), go from the end.
    """
    header = []
    while len(header) < len(paragraphs) and len(header) < 8:
        match = _EMAIL_HEADER.match(paragraphs[len(header)])
        if not match:
            break
        header.append(match)
    fields = {match.group("field").lower() for match in header}
    if not header or (len(header) == 1 and "subject" not in fields):
        # Not an email: "Hey Jude: McCartney's lost guitar found" is a headline,
        # and "Cheers erupted in the hall." a story's last words.
        return paragraphs, ""
    subject = ""
    for match in header:
        line = match.string
        removals.append(Removal("email header", line))
        if match.group("field").lower() == "subject":
            subject = line[match.end() - 1 :].strip()
            subject = _SUBJECT_LENGTH.sub("", _SUBJECT_PREFIX.sub("", subject)).strip()
    paragraphs = paragraphs[len(header) :]
    if paragraphs and _GREETING.match(paragraphs[0]):
        note = next(
            (index for index in range(1, min(len(paragraphs), 5))
             if _opening_dateline(paragraphs[index])),
            1,
        )
        removals.extend(Removal("note to the desk", line) for line in paragraphs[:note])
        paragraphs = paragraphs[note:]
    # The signature under "-- ", the line an email program puts over it: the
    # sender's name, job, office and telephone number, which are not the story's.
    marks = [i for i, line in enumerate(paragraphs) if line.strip() == "--"]
    if (
        marks
        and marks[-1] >= 1
        and len(paragraphs) - marks[-1] <= SIGNATURE_MAX_LINES + 1
        and _signature_opens_with_a_name(paragraphs[marks[-1] + 1 :])
        and (
            _SIGNATURE_SIGN_OFF.match(paragraphs[marks[-1] + 1].strip())
            or any(_signature_evidence(line) for line in paragraphs[marks[-1] + 1 :])
        )
        and not any(_FACT_LINE.match(line.strip()) for line in paragraphs[marks[-1] + 1 :])
        and all(_signature_line(line) for line in paragraphs[marks[-1] + 1 :])
    ):
        removals.extend(Removal("email signature", line) for line in paragraphs[marks[-1] :])
        paragraphs = paragraphs[: marks[-1]]
    for end in (len(paragraphs) - 2, len(paragraphs) - 1):
        if end >= 1 and _SIGN_OFF.match(paragraphs[end]) and (
            end == len(paragraphs) - 1
            or (
                len(paragraphs[-1]) <= SIGNED_NAME_MAX_CHARS
                and not paragraphs[-1].endswith(_FINAL_PUNCTUATION)
            )
        ):
            removals.extend(Removal("email sign-off", line) for line in paragraphs[end:])
            paragraphs = paragraphs[:end]
            break
    return paragraphs, subject


# A stringer's closing words to the desk under the story, each a line of its
# own: "Let me know if you need another 200 words", "Pics to follow", "Can file
# more tonight". Not for readers. A line that reports or quotes someone's words
# (""Let me know if you need anything," she told them.") is copy.
_NOTE_TO_DESK = re.compile(
    rf"^{_REPORTED}(?:"
    r"let\s+me\s+know\s+if\s+you\b[^\"“”]{0,100}"
    r"|(?:pics|pix|photos?|pictures|images|video|footage|audio)\s+(?:to\s+follow|attached"
    r"|(?:are\s+|is\s+)?on\s+(?:the|their|its)\s+way|sent\s+separately|coming)"
    r"(?:\s+(?:shortly|soon|later|separately|tonight|tomorrow|in\s+a\s+bit))?"
    r"|(?:i\s+)?can\s+(?:file|send|write|do)\s+(?:more|another\s+\d+|an\s+update|a\s+longer)"
    r"[^\"“”]{0,60}"
    r"|happy\s+to\s+(?:file|send|add|update|cut|trim|expand|top)\b[^\"“”]{0,80}"
    r")\s*[.!]*\s*$",
    re.I,
)


def _without_notes_to_the_desk(paragraphs, removals):
    """``paragraphs`` without a stringer's closing words to the desk, listed in ``removals``.

    From the end up only, and never under a line ending in a colon: a note
    between paragraphs, or under "The council's appeal ends:", is copy. An
    email's "--" left over them (its "Sent from my iPhone" is page junk) goes
    with them: with nothing under it, it marks nothing.
    """
    notes = []
    while len(paragraphs) > 1 and not paragraphs[-2].rstrip().endswith(":"):
        last = paragraphs[-1].strip()
        if _NOTE_TO_DESK.match(last):
            notes.append(Removal("note to the desk", paragraphs.pop()))
        elif last == "--":
            notes.append(Removal("email signature", paragraphs.pop()))
        else:
            break
    removals.extend(reversed(notes))
    return paragraphs


# "(Reuters) - ", "(CNN) — ": an outlet's name in brackets and a dash opening
# the lead, with no place before it.
# Reuters' markets copy dates it: "Nov 30 (Reuters) - Shares rose …". An
# agency's name in capitals without brackets, "XINHUA -- China said …", is
# read only as an agency the importer knows: "NATO - " would be anyone's.
_AGENCY_OPENING = re.compile(
    rf"^(?:(?:{_WIRE_DATE}\s*)?\((?P<agency>[^()]{{2,40}})\)"
    r"|(?P<name>[A-Z][A-Z.-]*(?:\s[A-Z][A-Z.-]*){0,3}))\s*[—–-]{1,2}\s+(?=\S)"
)

# Soft hyphens, zero-width spaces and word joiners: a page's hyphenation and
# line-breaking hints, which draw nothing but split a word for search
# ("Minis\u00adter" is not "Minister") and for the slug.
# Thai, Lao, Burmese and Khmer put no spaces between words and use the
# zero-width space to mark where one ends: there it stays.
_SPACELESS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_SHOWS_NOTHING = re.compile(
    f"[\u00ad\u2060-\u2064]|(?<![{_SPACELESS}])\u200b|\u200b(?![{_SPACELESS}])"
)


def _tab_rows_as_bar_rows(text):
    """``text`` with a table copied from a spreadsheet, cells parted by tabs, written
    with bars ("FTSE 100 | 8,102.5 | -0.4%"), as the importer reads a table's rows.

    Two or more lines in a row with the same number (one or more) of tabs between
    cells make a table; a tab alone in a line of copy (an indent) is a space.
    """
    lines = text.split("\n")
    cells = [
        len(line.strip().split("\t")) if "\t" in line.strip() else 0 for line in lines
    ]
    for index, count in enumerate(cells):
        if count < 2:
            continue
        same_beside = (index and cells[index - 1] == count) or (
            index + 1 < len(cells) and cells[index + 1] == count
        )
        if same_beside:
            lines[index] = " | ".join(cell.strip() for cell in lines[index].strip().split("\t"))
    return "\n".join(lines)


def parse_copy(text, *, headline=""):
    """Parse the decoded text of one file into a :class:`ParsedCopy`.

    ``headline`` is the editor's own headline; without it one is derived.
    """
    parsed = ParsedCopy()
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _tab_rows_as_bar_rows(text).replace("\t", " ")
    # The same rule as every plain-text field on save: U+0001 in a "Source:"
    # line would otherwise look up one agency name and store another.
    text = _SHOWS_NOTHING.sub("", clean_text(text))

    # Decided before CSS is removed: a removed rule leaves a blank line behind.
    # A line's last character before its break, not every one: read from each
    # to the line's end, one long line took seconds.
    blank_line_paragraphs = re.search(r"\S[^\S\n]*\n[ ]*\n+[ ]*\S", text) is not None
    text, html, page_headline = strip_html(text, "\n\n" if blank_line_paragraphs else "\n")
    # A page's "&shy;" is one once read.
    text, page_headline = _SHOWS_NOTHING.sub("", text), _SHOWS_NOTHING.sub("", page_headline)
    parsed.removals.extend(html)
    if page_headline and headline:
        # The editor's headline wins; the page's is listed, not lost.
        parsed.removals.append(Removal("page headline", page_headline))
    elif page_headline:
        headline = page_headline
    text, css = strip_css(text)
    parsed.removals.extend(Removal("ad CSS", snippet) for snippet in css)

    lines = _one_cell_rows_as_text(_paragraphs(text, blank_line_paragraphs))
    junk = {index for index, line in enumerate(lines) if _junk_line(line)}
    junk |= _box_lists(lines, junk)
    junk |= _consent_choices(lines, junk)
    junk |= _share_buttons(lines, junk)
    captions = _captions(lines, junk)
    menu = _menu_bars(lines, junk | captions)
    menu |= _page_top(lines, junk | captions | menu) | _page_foot(lines, junk | captions)
    ticker = _ticker(lines, junk | captions | menu)
    paragraphs = []
    for index, paragraph in enumerate(lines):
        if index in ticker:
            parsed.removals.append(Removal("news ticker", paragraph))
        elif index in menu:
            parsed.removals.append(Removal("page menu", paragraph))
        elif index in captions:
            parsed.removals.append(Removal("picture caption", paragraph))
        elif index in junk:
            parsed.removals.append(Removal("page junk", paragraph))
            parsed.agency_byline = parsed.agency_byline or _agency_stamp(paragraph)
        else:
            paragraphs.append(paragraph)
    # Writers' names alone over the date stamp that went (see _share_buttons).
    over_stamps = {
        line for index, line in enumerate(lines[:-1])
        if index + 1 in junk and _date_line(lines[index + 1])
    }
    paragraphs = [_without_inline_adverts(paragraph, parsed.removals) for paragraph in paragraphs]
    paragraphs, subject = _without_email_wrapping(paragraphs, parsed.removals)
    if subject and headline:
        parsed.removals.append(Removal("email subject", subject))
    elif subject:
        headline = subject
    parsed.fingerprint = content_fingerprint(paragraphs)
    paragraphs = _without_notes_to_the_desk(paragraphs, parsed.removals)

    for index in range(min(len(paragraphs) - 1, 3) - 1, -1, -1):
        note = _WIRE_NOTE.match(paragraphs[index].strip())
        if note:
            parsed.removals.append(Removal("wire's note to editors", paragraphs.pop(index)))
            if note.group("verb").startswith("Correct"):
                parsed.wire_correction = note.group(0)
    # At the foot, the outlet's own note on what it changed: AP's "This story has
    # been corrected to show …", a paper's "This story has been updated to …".
    for index in range(len(paragraphs) - 1, max(len(paragraphs) - 4, 0), -1):
        note = _CHANGED_NOTE.match(paragraphs[index].strip())
        if note:
            parsed.removals.append(Removal("wire's note to editors", paragraphs.pop(index)))
            if note.group("verb").lower().startswith("correct"):
                parsed.wire_correction = parsed.wire_correction or note.group(0)
            break

    # "(Reporting by …; Editing by …)" closes wire copy, near a Source line.
    # It credits the wire's own staff, not the story's byline: listed, not kept.
    # Only from the end up: an agency's name or an address above a paragraph of
    # copy is copy ("signed by:" "Reuters" "AP", "email the volunteers:" "…@…").
    # The credits, a Source line and a bio may stand among the sign-offs.
    for index in range(len(paragraphs) - 1, max(len(paragraphs) - 4, 0), -1):
        if is_wire_signoff(paragraphs[index]) and not paragraphs[index - 1].rstrip().endswith(":"):
            # Under "Anyone with information should email:", the address is copy.
            parsed.removals.append(Removal("wire sign-off", paragraphs.pop(index)))
        elif not (
            is_wire_credit(paragraphs[index])
            or source_line_names(paragraphs[index])
            or parse_bio(paragraphs[index])
        ):
            break
    trailing = _TRAILING_SIGNOFF.search(paragraphs[-1]) if len(paragraphs) > 1 else None
    if trailing and (not trailing.group("agency") or is_agency_name(trailing.group("agency"))):
        parsed.removals.append(Removal("wire sign-off", trailing.group(0).strip()))
        paragraphs[-1] = paragraphs[-1][: trailing.start()]
    for index in range(len(paragraphs) - 1, max(len(paragraphs) - 4, 0), -1):
        if is_wire_credit(paragraphs[index]):
            parsed.wire_credit = paragraphs.pop(index)
            parsed.removals.append(Removal("wire credit line", parsed.wire_credit))
            break
    # The attribution line, the bio and a note on how to reach the writer sit
    # at the end, in any order; the note may take two paragraphs.
    notes = 0
    for _ in range(4):
        if not paragraphs:
            break
        names = source_line_names(paragraphs[-1])
        if names and not parsed.origin_sources:
            parsed.origin_sources = names
            parsed.removals.append(Removal("attribution line", paragraphs.pop()))
            continue
        bio = parse_bio(paragraphs[-1]) if len(paragraphs) > 1 else None
        if bio and parsed.bio is None:
            parsed.bio = bio
            parsed.removals.append(Removal("author bio", paragraphs.pop()))
            continue
        if notes < 2 and len(paragraphs) > 1 and is_writer_note(paragraphs[-1], under_one=notes):
            notes += 1
            parsed.removals.append(Removal("writer's contact note", paragraphs.pop()))
    if not parsed.origin_sources:
        # A Source line not quite at the end (followed by a photo credit, say).
        for index in range(len(paragraphs) - 1, max(len(paragraphs) - 4, 0), -1):
            names = source_line_names(paragraphs[index])
            if names:
                parsed.origin_sources = names
                parsed.removals.append(Removal("attribution line", paragraphs.pop(index)))
                break
    # A note to the desk over the Source line or the credits is the end of the copy now.
    paragraphs = _without_notes_to_the_desk(paragraphs, parsed.removals)
    if len(paragraphs) > 2:
        # Or at the top, under the headline and the site's labels over it, as
        # some desks file it: above the story's first sentence, it became the
        # standfirst. Le Monde prints its "Le Monde with AFP" at the top and the
        # foot: the second naming the same sources goes too.
        top = min(3 + _section_labels(paragraphs), _first_sentence(paragraphs))
        for index in range(top):
            names = source_line_names(paragraphs[index])
            if names and (not parsed.origin_sources or names == parsed.origin_sources):
                parsed.origin_sources = names
                parsed.removals.append(Removal("attribution line", paragraphs.pop(index)))
                break

    # A "By Ana Souza" line sits at the top, under the headline or standfirst
    # and a label over them: in the top four lines, or five under two labels.
    top = 3 + max(1, 0 if headline else _section_labels(paragraphs))
    for index in range(min(len(paragraphs), top) - 1, -1, -1):
        found = read_byline_line(paragraphs[index]) if len(paragraphs) > 1 else None
        if not found and len(paragraphs) > 1 and paragraphs[index] in over_stamps:
            found = read_names_over_stamp(paragraphs[index])
        if found and not parsed.byline_names:
            parsed.byline_names, parsed.byline_places = found
            parsed.byline_line = paragraphs.pop(index)
            parsed.removals.append(Removal("byline line", parsed.byline_line))
    # "By Al Jazeera Staff": a byline that names no writer. Listed, not a
    # subheading; above the story's first sentence only ("By Nursing Staff"
    # lower down heads a passage).
    # Or right under the standfirst, when that is the sentence under the
    # headline: Al Jazeera's "By Al Jazeera Staff". A sentence that opens with
    # the dateline is the lead, not a standfirst.
    first_sentence = _first_sentence(paragraphs)
    standfirst_over = 1 == first_sentence < len(paragraphs) and not _opening_dateline(paragraphs[1])
    staff_end = first_sentence + 2 if standfirst_over else first_sentence
    for index in range(min(len(paragraphs), 4, staff_end) - 1, 0, -1):
        if not parsed.byline_names and _STAFF_BYLINE.match(without_date_stamp(paragraphs[index])):
            parsed.removals.append(Removal("byline line", paragraphs.pop(index)))
            break
    # "By The Associated Press" under the headline: listed, and the agency credited
    # if nothing else names whose copy it is. It became the standfirst.
    for index in range(min(len(paragraphs), 4, _first_sentence(paragraphs)) - 1, 0, -1):
        agency = _AGENCY_BYLINE.match(without_date_stamp(paragraphs[index]))
        if not parsed.byline_names and agency and is_agency_name(agency.group("agency")):
            parsed.agency_byline = agency.group("agency")
            parsed.removals.append(Removal("byline line", paragraphs.pop(index)))
            break
    # Under the headline (never the headline itself) and above the story's first
    # sentence: a name over a job line. Lower down, it is someone the story names.
    above = _first_sentence(paragraphs)
    for index in range(1, min(len(paragraphs) - 2, 4, above - 1)):
        found = None if parsed.byline_names else read_name_over_job(*paragraphs[index : index + 2])
        # Named in the headline or the story's first sentence, it is whom the
        # story is about (an obituary's "Barbara Walters" over "ABC News anchor").
        name = found[0][0] if found else ""
        if found and (
            name in paragraphs[above % len(paragraphs)]
            # A columnist's headline opens with her name: "Laura Kuenssberg: …".
            or (name in paragraphs[0] and not paragraphs[0].startswith(f"{name}:"))
        ):
            found = None
        if found:
            parsed.byline_names, parsed.byline_places = found
            lines = [paragraphs.pop(index), paragraphs.pop(index)]
            parsed.byline_line = " / ".join(lines)
            parsed.removals.extend(Removal("byline line", line) for line in lines)

    for _ in range(0 if headline else _section_labels(paragraphs)):
        # "World" over "Ethiopia and Eritrea reopen border crossing": the
        # site's section over the headline. Listed, so an editor who meant
        # it as the headline sees it.
        parsed.removals.append(Removal("section label", paragraphs.pop(0)))

    # A byline without "By" on a line of its own, under the headline and above the
    # story's first sentence: "Helena Smith in Athens", "Jane Doe, Beirut
    # correspondent". Not a name the headline or that sentence tells of, nor one
    # whose last word the copy writes in small letters: "Riot Police in Athens"
    # over "Riot police fired tear gas …" is a thing the story tells of. (A
    # writer whose surname is a word, "Green", stays for the editor to read.)
    # The copy's own headline, its first line, is never the byline; under a
    # headline given apart (the editor's, a saved page's, an email's subject)
    # the first line may be.
    above = _first_sentence(paragraphs)
    for index in range(0 if headline else 1, min(len(paragraphs) - 1, 4, above)):
        found = None if parsed.byline_names else read_byline_without_by(paragraphs[index])
        if found and any(
            name in (headline or paragraphs[0])
            or name in paragraphs[above % len(paragraphs)]
            or any(
                re.search(rf"\b{re.escape(name.split()[-1].lower())}\b", paragraph)
                for paragraph in paragraphs
            )
            for name in found[0]
        ):
            found = None
        if found:
            parsed.byline_names, parsed.byline_places = found
            parsed.byline_line = paragraphs.pop(index)
            parsed.removals.append(Removal("byline line", parsed.byline_line))
            break
    if (
        not headline
        and len(paragraphs) > 1
        and is_copy_headline(paragraphs[0])
        and not is_box_heading(paragraphs[0])
    ):
        # A file that does carry its own headline on the first line.
        headline = paragraphs.pop(0)
        parsed.headline_derived = False
        slugs = _HEADLINE_SLUGS.match(headline)
        if slugs:
            parsed.removals.append(Removal("wire slug", slugs.group(0).strip()))
            headline = headline[slugs.end() :]
    elif not headline:
        parsed.headline_derived = True

    if not paragraphs:
        parsed.headline = headline.strip()
        return parsed

    # A live blog's entry times ("14:05 GMT" over each entry) head their
    # entries, the first one included: it heads the lead rather than being it.
    live = parsed.live_blog = is_live_blog(paragraphs)
    lead_heads = []
    while live and len(paragraphs) > 1 and is_entry_time(paragraphs[0]):
        lead_heads.append(paragraphs.pop(0).strip())

    # Anadolu files its place in capitals on a line of its own above the lead
    # ("ANKARA"): a capital's name so written is the dateline. It is read as
    # if it opened the lead, and said as it was written.
    place_line = ""
    for index in range(min(len(paragraphs) - 1, 2)):
        if index and paragraphs[0].strip().endswith(_FINAL_PUNCTUATION):
            break  # Under the lead, "KYIV" heads a roundup's part.
        if paragraphs[index].isupper() and titlecase_place(paragraphs[index]) in _LONE_PLACES:
            place_line = paragraphs.pop(index).strip()
            paragraphs[index] = f"{place_line} — {paragraphs[index]}"
            break

    # Scraped pages put a standfirst of their own above the story, whose first
    # paragraph opens with the wire's dateline: "LISBON (Reuters) — …".
    standfirst_line = ""
    if (
        len(paragraphs) > 1
        and len(paragraphs[0]) <= STANDFIRST_MAX_CHARS
        and not _opening_dateline(paragraphs[0])
        and _opening_dateline(paragraphs[1])
    ):
        standfirst_line = paragraphs.pop(0)
    # A person's name over their role, over the dateline's paragraph that names
    # them ("Barbara Walters" over "ABC News anchor", an obituary's picture):
    # neither the lead nor its standfirst. They stay above it, for the editor to
    # keep or delete. (A page's standfirst over a caption is not a name, and
    # stays the standfirst.)
    above_lead = []
    if (
        not standfirst_line
        and len(paragraphs) > 2
        and _BARE_NAME.match(paragraphs[0].strip())
        and paragraphs[0].strip() in paragraphs[2]
        and _short_unstopped(paragraphs[1])
        and not _opening_dateline(paragraphs[1])
        and _opening_dateline(paragraphs[2])
    ):
        above_lead = [("p", paragraphs.pop(0)), ("p", paragraphs.pop(0))]
    elif not standfirst_line and is_box_heading(paragraphs[0]):
        # "BY THE NUMBERS" and its figures under the headline: a box over the
        # story, not its lead, which is the story's first sentence under them.
        box_end = _first_sentence(paragraphs)
        if box_end < len(paragraphs) and box_end <= BOX_ITEMS_MAX + 1:
            above_lead = [("h2", paragraphs[0]), *(("p", line) for line in paragraphs[1:box_end])]
            del paragraphs[:box_end]

    parsed.dateline_agency = dateline_agency(paragraphs[0])
    if parsed.agency_byline and not parsed.origin_sources and not parsed.dateline_agency:
        parsed.origin_sources = [parsed.agency_byline]
    reporters = dateline_reporters(paragraphs[0])
    if reporters and not parsed.byline_names:
        parsed.byline_names = reporters
    place, reason, lead = detect_dateline(paragraphs[0])
    # A capital the first sentence names leaves the opening in front of it:
    # "(Bloomberg) -- Copper rose to a record in London …".
    opening = _AGENCY_OPENING.match(lead) if lead == paragraphs[0] else None
    named = (opening.group("agency") or opening.group("name")) if opening else ""
    if opening and (
        is_agency_name(named)
        or (opening.group("agency") and _ACRONYM.fullmatch(named) and named not in STORY_LABELS)
    ):
        # "(Reuters) - Shares rose …", "(CNN) — Hurricane …": the outlet's
        # opening with no place. It names whose copy it is; listed, not kept.
        named = " ".join(named.split())
        parsed.dateline_agency = _AGENCY_NAMES.get(named.casefold(), named)
        parsed.removals.append(Removal("agency opening", opening.group(0).strip()))
        lead = lead[opening.end() :]
    if place_line and place:
        reason = f'"{place_line}" on a line of its own above the lead'
    if standfirst_line:
        reason = reason.replace("of the lead", "of the story, under the standfirst")
    byline_place = _byline_dateline(parsed.byline_places)
    if byline_place and lead == paragraphs[0]:
        # The writer's own "in Lisbon" outranks a capital the first sentence
        # names; a dateline at the front of the lead outranks both.
        place, reason = byline_place, f'"{parsed.byline_line.strip()}" above the story'
    parsed.dateline, parsed.dateline_reason = place, reason
    if place and not lead.strip(_BIDI_MARKS + " ") and len(paragraphs) > 1:
        # "【新华社北京3月5日电】" on a line of its own: the story starts under it.
        paragraphs.pop(0)
    else:
        paragraphs[0] = lead.strip() or paragraphs[0]

    if standfirst_line:
        parsed.blocks.append(("p", standfirst_line))
    parsed.blocks.extend(("h2", head) for head in lead_heads)
    parsed.blocks.extend(above_lead)
    if above_lead:
        parsed.lead_at = len(parsed.blocks)
    parsed.blocks.append(("p", paragraphs[0]))
    # A subheading heads the paragraphs under it: one short line between two
    # of them. Short lines in a row are something else (a list's points, a
    # table's cells, a post's counts of likes), and stay paragraphs. A live
    # blog's entry time is a subheading wherever it is, and a short line under
    # it between paragraphs is its entry's title.
    # Found here, once every line above the lead has been taken out.
    times = {i for i, line in enumerate(paragraphs) if i and is_entry_time(line)} if live else set()
    shapes = [False, *(is_subheading(line) for line in paragraphs[1:]), False]
    tables = _table_runs(paragraphs)
    for index, paragraph in enumerate(paragraphs[1:], start=1):
        if index in tables:
            if tables[index]:
                parsed.blocks.append(("table", "\n".join(tables[index])))
            continue
        last = index == len(paragraphs) - 1
        alone = not shapes[index - 1] and not shapes[index + 1]
        paragraph_under = not last and index + 1 not in times and not shapes[index + 1]
        if index in times and not last:
            kind = "h2"
        elif index - 1 in times and shapes[index] and paragraph_under:
            kind = "h3"
        elif is_box_heading(paragraph) and not last:
            kind = "h2"  # over its box's short lines
        else:
            kind = "h2" if shapes[index] and alone and not last else "p"
        parsed.blocks.append((kind, paragraph))
    # A saved page's row read as something else (the lead, a row of one cell
    # among paragraphs) shows its cells between bars, as typed rows have them.
    parsed.blocks = [
        (kind, text if kind == "table" else " ".join(text.replace(HTML_CELL, " | ").split()))
        for kind, text in parsed.blocks
    ]

    parsed.headline = " ".join(headline.split()) if headline else derive_headline(parsed.lead)
    if standfirst_line:
        # The page's own standfirst, whole; the body starts at the dateline.
        standfirst, lead_rest = standfirst_line, ""
    else:
        standfirst, lead_rest = split_standfirst(parsed.lead)
    # A story needs a body: copy that is one short paragraph keeps it there,
    # and the editor writes the standfirst rather than read it twice. So does
    # a live blog's: its first entry, under its time, is news, not a summary,
    # and taken whole for the standfirst it left its time over nothing.
    if (lead_rest or len(parsed.blocks) > 1) and not lead_heads:
        parsed.standfirst, parsed.lead_rest = standfirst, lead_rest
        parsed.standfirst_given = bool(standfirst_line)
        parsed.lead_introduces_what_follows = not standfirst and introduces_what_follows(
            parsed.lead
        )
    copy_text = "\n".join(text for kind, text in parsed.blocks if kind == "p")
    parsed.outlet_mentions, parsed.attribution_sentences = find_outlet_mentions(copy_text)
    return parsed
