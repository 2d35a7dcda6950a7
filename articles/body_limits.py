"""What the sanitiser will hand to nh3: the checks a body passes before it is cleaned.

nh3 parses a body with html5ever, which builds the tree as a browser does and
caps nothing. Three kinds of body cost far more to clean than any story needs;
each is refused here, in one pass over the text, before nh3 sees it.
The times are one machine's, cleaning once; a story save cleans the body three
times (two comparisons with the stored body, then the save).

- Size. :data:`BODY_MAX_CHARS` is ten times the longest story a desk files
  (under 100 KB). Cleaning 12 MB of copy, the most a request may carry, took
  4.5 s; a million characters of the costliest shape found (one-word
  paragraphs, nested 99 deep or not) take 1.5 s, mostly the sanitiser's own
  passes after nh3.
- Nesting. html5ever checks every new block against the elements still open
  (is a ``<p>`` open? a ``<li>``?), so its work grows with the square of the
  depth: 10,000 nested ``<ul><li>`` (180 KB) took 1.5 s to clean and 30,000
  took 13 s (an open html5ever issue; browsers stop nesting at 512 for the
  same reason). Copy nests a few levels (a quote holding a list of links in
  bold): :data:`BODY_MAX_DEPTH` is 100, at which nh3 reads a megabyte of the
  costliest shape in 0.16 s.
- Formatting left open. A ``<b>`` or ``<a href=…>`` that a paragraph's end
  closes without its own end tag is opened again, with all its attributes,
  wherever text follows, as browsers do: a link with a 10 KB address left open
  before 10,000 short paragraphs (90 KB) made 100 MB of HTML and took 4.8 s.
  What such tags can add is counted, and a body where it comes to more than
  the body's own length and :data:`REPEAT_ALLOWANCE_CHARS` is refused.

The pass reads the text by html5ever's own tokenising rules (comments,
attribute values, the text of ``<script>`` and ``<style>``), so a tag hidden
from one is hidden from the other, and its count is never lower than the depth
html5ever reaches: see :class:`_Nesting`. It takes a tenth of the time cleaning
takes for copy, a third for a body that is all tags.
"""

import re

BODY_MAX_CHARS = 1_000_000
BODY_MAX_DEPTH = 100
# What formatting left open may add before a body is refused, beyond its own
# length. In copy, every tag closes where it ends, and the measure is the length
# of the links and bold text and the tags inside them: in the demo stories and
# the test suite's copy a hundredth of the length, a third at most.
REPEAT_ALLOWANCE_CHARS = 100_000


class BodyRefused(ValueError):
    """Rich text the sanitiser will not clean; ``message`` says why, for whoever wrote it."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def check(html):
    """Raise :class:`BodyRefused` if ``html`` is too long, too deeply nested, or
    would grow out of proportion when parsed; otherwise return None.

    ``html`` is the text as nh3 is given it, control characters out
    (``articles.sanitiser.check_body`` takes them out first). Linear in its
    length: one pass, which stops at the first limit passed.
    """
    if not html:
        return
    if len(html) > BODY_MAX_CHARS:
        raise BodyRefused(
            f"This text is {len(html):,} characters long; the most is {BODY_MAX_CHARS:,} "
            "(about 150,000 words). Split it into more than one story or page.",
            code="body_too_long",
        )
    nesting = _Nesting(html, len(html) + REPEAT_ALLOWANCE_CHARS)
    if nesting.passed is None:
        return
    if nesting.unfollowed:
        tag = _shown(nesting.unfollowed)
        raise BodyRefused(
            f"This text has {tag} in it, which a story cannot show, and after it more "
            f"tags than the check on nesting can follow. Take out the {tag} and what "
            "belongs to it, or paste the text as plain text.",
            code="body_unchecked",
        )
    if nesting.passed == "depth":
        raise BodyRefused(
            f"This text has tags nested more than {BODY_MAX_DEPTH} deep, one inside "
            "another (lists in lists, quotes in quotes). Paste it as plain text, or take "
            "out the nesting.",
            code="body_too_deep",
        )
    raise BodyRefused(
        f"This text leaves {_shown(nesting.left_open)} open, so it would be repeated in "
        "every paragraph after it. Close it where it should end, or paste the text as "
        "plain text.",
        code="body_left_open",
    )


def _shown(tag):
    return f"“{tag if len(tag) <= 40 else tag[:39] + '…'}”"


# --- Reading the text as html5ever does --------------------------------------
#
# The tokeniser's rules (HTML Living Standard, 13.2.5), for what decides where
# a tag is: white space is these five characters only; a tag name starts with
# an ASCII letter and runs to white space, "/" or ">"; an attribute value in
# quotes may hold ">"; a tag cut off by the end of the text is dropped.
_SPACE = r"\t\n\f\r "
_ATTRIBUTES = (
    rf"(?:[{_SPACE}/]++"
    rf"|[^{_SPACE}/>][^{_SPACE}/>=]*+"
    rf"(?:[{_SPACE}]*+=[{_SPACE}]*+(?:\"[^\"]*+\"?|'[^']*+'?|[^{_SPACE}>]*+))?+)*+"
)
_TOKEN = re.compile(
    # A comment: "<!-->" and "<!--->" end at once; otherwise "-->" or "--!>".
    r"<!--(?:-?>|(?:(?!--!?>).)*+(?:--!?>)?)"
    # A doctype, "<![CDATA[" outside SVG and MathML, "<?…": up to the first ">".
    r"|<[!?][^>]*+>?"
    # "</>" is dropped; "</" and anything but a letter is a comment up to ">".
    r"|</(?:>|(?=[^a-zA-Z])[^>]*+>?)"
    # A start or end tag: its name, then its attributes (end tags have them too).
    rf"|<(/?)([a-zA-Z][^{_SPACE}/>]*+){_ATTRIBUTES}(>?)",
    re.DOTALL,
)
# Every place a start tag could begin, with the start of its name.
_POSSIBLE_START = re.compile(r"<(?=([a-zA-Z][a-zA-Z0-9]*+))")

# Elements that never hold anything (html5ever opens and closes them at once).
_VOID = frozenset(
    {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
     "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
)
# The formatting elements html5ever opens again after a block closes them.
_FORMATTING = frozenset(
    {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
     "tt", "u"}
)
# Elements whose text is not read for tags, up to their own end tag.
_RAW_TEXT = frozenset({"iframe", "noembed", "noframes", "style", "textarea", "title", "xmp"})
# Elements after which html5ever reads the text by rules this pass does not
# follow: SVG and MathML (where "<br>" can hold things and "<![CDATA[" hides
# tags), and the three whose handling depends on a mode or a setting (in a
# <select> or <template>, <style> and <xmp> may be ignored, leaving their text
# to be read for tags; <noscript> is text only while scripting is on).
_UNFOLLOWED = frozenset({"math", "noscript", "select", "svg", "template"})
_ROW_GROUPS = frozenset({"tbody", "thead", "tfoot"})
_TABLE_PARTS = frozenset({"td", "th", "tr"})


def _lower(name):
    """ASCII-only lower case, as html5ever folds tag names (the Kelvin sign, U+212A, stays)."""
    return name.lower() if name.isascii() else name.encode().lower().decode()


def _end_of_raw_text(name):
    return re.compile(rf"</{name}(?=[{_SPACE}/>])", re.IGNORECASE | re.ASCII)


_RAW_TEXT_ENDS = {name: _end_of_raw_text(name) for name in _RAW_TEXT}
# A script's text has escapes of its own: inside "<!--", a "<script>" makes the
# next "</script>" part of the text (13.2.5.4-13.2.5.31).
_SCRIPT_DATA = re.compile(rf"<!--|</script(?=[{_SPACE}/>])", re.IGNORECASE | re.ASCII)
_SCRIPT_ESCAPED = re.compile(rf"-->|<(/?)script(?=[{_SPACE}/>])", re.IGNORECASE | re.ASCII)
_SCRIPT_DOUBLE_ESCAPED = re.compile(rf"-->|</script(?=[{_SPACE}/>])", re.IGNORECASE | re.ASCII)
_DASHES_THEN_CLOSE = re.compile(r"-*+>")


class _Nesting:
    """Whether a body's elements nest more than :data:`BODY_MAX_DEPTH` deep, or its
    open formatting would be repeated more than ``most_repeated``, counted so as
    never to be less than in the tree html5ever builds.

    Each start tag opens an element; an end tag closes one only when it names
    the element opened last and still open. html5ever closes more (a new
    ``<p>`` closes the last one, ``</div>`` what is inside the div), but never
    less when an end tag names its own last open element, so the count here can
    be higher than html5ever's, never lower; for copy written in the editor,
    where every tag is closed in order, it is exact. Closing more here would
    need every one of html5ever's rules followed exactly: closing one element
    too many lets a few bytes, repeated, add a level each time in html5ever and
    none here. The tables' implied parents are counted (html5ever gives a
    ``<td>`` with no ``<tr>`` one, and a ``<tbody>``), and close with the
    element they sit on; an element opened and closed at once (``<br>``, and
    ``</p>`` with no ``<p>`` open) is a level deeper while it is read.

    The repeats add up, after each tag, the length of the formatting tags then
    open: html5ever opens again, where text follows, each formatting element a
    block closed without its own end tag, at most once per tag, so this bounds
    what that can add. For copy whose tags close in order it is about the
    length of its links and bold text.

    After reading, ``passed`` is None, "depth" or "repeated"; ``depth`` is the
    deepest nesting counted, up to the first level past the limit; ``left_open``
    is the longest formatting tag open when the repeats passed theirs;
    ``unfollowed`` is the tag after which html5ever reads the text by rules this
    pass does not follow (:data:`_UNFOLLOWED`): from there every place a start
    tag could be counts as an element left open.
    """

    def __init__(self, html, most_repeated):
        self.depth = 0
        self.passed = None
        self.left_open = ""
        self.unfollowed = None
        self._most_repeated = most_repeated
        self._repeated = 0
        # Open elements as (name, formatting tag or "", implied by another).
        self._open = []
        self._formatting = 0
        position = 0
        while position is not None and self.passed is None:
            position = self._read(html, position)

    def _read(self, html, position):
        """Read tags from ``position``; where to go on from after raw text, or None to stop.

        Written out for speed, the most common tags first: it runs for every
        tag of every body saved.
        """
        open_elements = self._open
        for token in _TOKEN.finditer(html, position):
            is_end, name, closed = token.groups()
            if name is None:
                continue  # a comment, doctype or processing instruction
            if not closed:
                return None  # cut off by the end: html5ever drops it, and the rest with it
            name = name.lower() if name.isascii() else _lower(name)
            if is_end:
                if open_elements and open_elements[-1][0] == name:
                    if open_elements.pop()[1]:
                        self._formatting = sum(len(element[1]) for element in open_elements)
                elif open_elements and open_elements[-1][2]:
                    self._close(name)
                elif name in ("p", "br") and len(open_elements) >= self.depth:
                    # html5ever reads "</br>" as "<br>", and a "</p>" with no <p>
                    # open as "<p></p>": an element opened and closed at once.
                    self.depth = len(open_elements) + 1
            elif name in _VOID:
                if name == "col" and (not open_elements or open_elements[-1][0] != "colgroup"):
                    self._push("colgroup", implied=True)
                # Opened and closed at once, but a level deeper while it is read.
                if len(open_elements) >= self.depth:
                    self.depth = len(open_elements) + 1
            elif name in _FORMATTING:
                self._push(name, token.group())
            elif name in _TABLE_PARTS:
                self._imply_table_parents(name)
                self._push(name)
            elif name in _UNFOLLOWED:
                self._count_the_rest(html, token.start(), name)
                return None
            elif name in _RAW_TEXT or name == "script" or name == "plaintext":
                return self._read_raw_text(html, name, token.end())
            else:
                open_elements.append((name, "", False))
            if len(open_elements) > self.depth:
                self.depth = len(open_elements)
            if (self.depth > BODY_MAX_DEPTH or self._formatting) and self._passed_after_tag():
                return None
        return None

    def _read_raw_text(self, html, name, position):
        """Open ``name``, whose text is not read for tags, and close it at its end tag;
        where to go on from, or None to stop."""
        self._push(name)
        if self._passed_after_tag() or name == "plaintext":
            return None  # everything after <plaintext> is text
        end = self._end_of_text(html, name, position)
        end_tag = _TOKEN.match(html, end) if end is not None else None
        if end_tag is None or not end_tag.group(3):
            return None  # the rest is text
        self._open.pop()
        return None if self._passed_after_tag() else end_tag.end()

    def _passed_after_tag(self):
        """After a tag: is either limit passed? Formatting open then may be repeated once."""
        self.depth = max(self.depth, len(self._open))
        if self.depth > BODY_MAX_DEPTH:
            self.passed = "depth"
        else:
            self._repeated += self._formatting
            if self._repeated > self._most_repeated:
                self.passed = "repeated"
                self.left_open = max((element[1] for element in self._open), key=len)
        return self.passed is not None

    def _push(self, name, formatting_tag="", *, implied=False):
        self._open.append((name, formatting_tag, implied))
        self._formatting += len(formatting_tag)

    def _imply_table_parents(self, name):
        """Open what html5ever puts around a cell or row that has no row or row group."""
        top = self._open[-1][0] if self._open else None
        if name == "tr":
            if top not in _ROW_GROUPS:
                self._push("tbody", implied=True)
        elif top != "tr":
            if top not in _ROW_GROUPS:
                self._push("tbody", implied=True)
            self._push("tr", implied=True)

    def _close(self, name):
        """Close ``name`` if it is the element under the implied ones opened last."""
        index = len(self._open) - 1
        while index >= 0 and self._open[index][2] and self._open[index][0] != name:
            index -= 1
        if index >= 0 and self._open[index][0] == name:
            del self._open[index:]
            self._formatting = sum(len(element[1]) for element in self._open)

    def _end_of_text(self, html, name, position):
        """Where the end tag of raw-text element ``name`` starts, or None if it has none."""
        if name != "script":
            end = _RAW_TEXT_ENDS[name].search(html, position)
            return end.start() if end else None
        escaped = double_escaped = False
        while True:
            if double_escaped:
                mark = _SCRIPT_DOUBLE_ESCAPED.search(html, position)
            elif escaped:
                mark = _SCRIPT_ESCAPED.search(html, position)
            else:
                mark = _SCRIPT_DATA.search(html, position)
            if mark is None:
                return None
            text, position = mark.group(), mark.end()
            if text == "-->":
                escaped = double_escaped = False
            elif text == "<!--":
                # "<!-->" and "<!--->" open and close the escape at once.
                dashes = _DASHES_THEN_CLOSE.match(html, position)
                if dashes:
                    position = dashes.end()
                else:
                    escaped = True
            elif double_escaped:
                double_escaped = False  # "</script" back to escaped
            elif text[1] != "/":
                double_escaped = True  # "<script" inside "<!--"
            else:
                return mark.start()

    def _count_the_rest(self, html, start, name):
        """From ``start`` on, count every place a start tag could be as an element left open.

        html5ever's tags there do not overlap, so the formatting among them is
        no longer than the rest of the text; it is opened again at most once per tag.
        """
        # One more for a "</p>" or "</br>", read as an element opened and closed.
        depth, formatting = len(self._open) + 1, False
        for possible in _POSSIBLE_START.finditer(html, start):
            found = _lower(possible.group(1))
            depth += 3 if found in ("td", "th") else 2 if found in ("tr", "col") else 1
            formatting = formatting or found in _FORMATTING
        tags = html.count("<", start)
        self._repeated += tags * (self._formatting + (len(html) - start if formatting else 0))
        self.depth = max(self.depth, depth)
        if depth > BODY_MAX_DEPTH:
            self.passed = "depth"
        elif self._repeated > self._most_repeated:
            self.passed = "repeated"
        if self.passed:
            self.unfollowed = f"<{name}>"
