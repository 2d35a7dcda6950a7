"""Properties of the body sanitiser over HTML that hypothesis makes up.

The example tests in tests/articles/test_sanitiser.py pin known attacks; these
check the rules for any input: cleaning twice changes nothing, and only
allowlisted tags, attributes and URL schemes come out.
"""

from html.parser import HTMLParser

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.body_limits import BodyRefused
from articles.sanitiser import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, clean_body

# Tags and attributes an attacker would reach for, mixed with the allowed ones and
# the headings and quotations pasted copy brings, which clean_body rewrites.
TAGS = sorted(ALLOWED_TAGS | {
    "script", "style", "iframe", "object", "embed", "svg", "math", "form", "input",
    "textarea", "noscript", "template", "base", "meta", "link", "div", "span", "body",
    "h1", "h5", "h6", "q",
})
ATTRIBUTES = ["href", "src", "alt", "title", "width", "onclick", "onerror", "style",
              "srcdoc", "formaction", "class", "id", "colspan", "scope", "xlink:href"]
URLS = ["https://news.example/a", "/world/", "javascript:alert(1)", "JaVaScRiPt:x",
        "data:text/html,<script>x</script>", "vbscript:x", "mailto:desk@news.example",
        "jav&#x09;ascript:alert(1)", "  javascript:x", "//evil.example/x",
        "java&#1;script:alert(1)", "&#x1f;data:text/html,x"]

attribute_values = st.one_of(st.sampled_from(URLS), st.text(max_size=20))
attribute = st.tuples(st.sampled_from(ATTRIBUTES), attribute_values)


@st.composite
def element(draw, children):
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(
        f' {name}="{value.replace(chr(34), "&quot;")}"'
        for name, value in draw(st.lists(attribute, max_size=3))
    )
    inner = "".join(draw(st.lists(children, max_size=3)))
    return f"<{tag}{attrs}>{inner}</{tag}>"


# Printable text: nh3 drops control characters such as NUL, as it should.
text = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30)
fragments = st.recursive(
    st.one_of(text, st.sampled_from(["<", ">", "&", "<!--", "-->", "</p>", "<br>", "&amp;"])),
    lambda children: element(children),
    max_leaves=12,
)
bodies = st.lists(fragments, max_size=6).map("".join)

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, database=None)


# Rows as clean_body writes them, so that it gives back those it keeps byte for byte.
BLANK_ROWS = ["<tr><td></td></tr>", "<tr><td>&nbsp;</td><td><br></td></tr>",
              '<tr>\n<th scope="row"> </th>\n</tr>', '<tr><td colspan="2">&nbsp; </td></tr>']
FILLED_ROWS = ["<tr><td>Greens</td><td>12.4%</td></tr>", '<tr><th scope="row">Turnout</th></tr>',
               "<tr><td></td><td>0</td></tr>", "<tr><td>&nbsp;.</td></tr>"]
white_space = st.sampled_from(["", "\n", "\n  "])
# (row, whether it is blank, the white space after it)
table_rows = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(BLANK_ROWS), st.just(True), white_space),
        st.tuples(st.sampled_from(FILLED_ROWS), st.just(False), white_space),
    ),
    max_size=8,
)
HEADING_WORDS = ["Aid arrives", "What <em>next</em>", "Le fleuve monte", "&lt;h1&gt; in text"]
header_rows = st.lists(st.sampled_from(BLANK_ROWS + FILLED_ROWS), max_size=4)


class TagsAndAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def tags_and_attributes(html):
    parser = TagsAndAttributes()
    parser.feed(html)
    parser.close()
    return parser.found


class SanitiserPropertyTests(SimpleTestCase):
    def cleaned(self, html):
        """``clean_body(html)``, or "" for a body it refuses, as it may only for one reason here.

        The bodies made up here are short and shallow, so the one limit they can
        pass is the check on nesting giving up inside an ``<svg>`` or ``<math>``
        and counting what follows at its worst (articles/body_limits.py): a
        refusal, with its reason, is then the right answer, and there is
        nothing cleaned to check.
        """
        try:
            return clean_body(html)
        except BodyRefused as refused:
            self.assertEqual(refused.code, "body_unchecked", html)
            self.assertRegex(html.lower(), r"<(svg|math)\b")
            return ""

    @PROPERTY_SETTINGS
    @given(bodies)
    def test_cleaning_is_idempotent(self, html):
        once = self.cleaned(html)
        self.assertEqual(clean_body(once), once)

    def test_a_body_the_nesting_check_cannot_follow_is_refused_with_its_reason(self):
        """The example hypothesis found: an ``<svg>`` with 2,000 characters of tags after it."""
        html = "<svg><blockquote></blockquote></svg>" + '<a href="/x">x</a><b>&lt;</b>' * 80
        with self.assertRaises(BodyRefused) as refused:
            clean_body(html)
        self.assertEqual(refused.exception.code, "body_unchecked")
        self.assertEqual(self.cleaned(html), "")

    @PROPERTY_SETTINGS
    @given(bodies)
    def test_only_allowlisted_tags_and_attributes_survive(self, html):
        for tag, attrs in tags_and_attributes(self.cleaned(html)):
            self.assertIn(tag, ALLOWED_TAGS)
            # nh3 keeps lang and title on any tag (plain text, no behaviour) and
            # adds rel="noopener noreferrer" to links.
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | {"lang", "title"}
            if tag == "a":
                allowed |= {"rel"}
            for name, _value in attrs:
                self.assertIn(name, allowed, f"{name} on <{tag}>")

    @PROPERTY_SETTINGS
    @given(bodies)
    def test_links_and_images_point_only_at_allowed_schemes(self, html):
        for tag, attrs in tags_and_attributes(self.cleaned(html)):
            for name, value in attrs:
                if name in {"href", "src"} and value and ":" in value.split("/")[0]:
                    scheme = value.split(":", 1)[0].strip().lower()
                    self.assertIn(scheme, ALLOWED_URL_SCHEMES, f"<{tag} {name}={value!r}>")

    @PROPERTY_SETTINGS
    @given(bodies)
    def test_nothing_executable_survives(self, html):
        for tag, attrs in tags_and_attributes(self.cleaned(html)):
            self.assertNotIn(tag, {"script", "style", "iframe", "svg", "object", "embed"})
            for name, value in attrs:
                self.assertFalse(name.startswith("on"), f"<{tag} {name}>")
                if name in {"href", "src"}:
                    squeezed = "".join((value or "").split()).lower()
                    self.assertFalse(squeezed.startswith(("javascript:", "vbscript:", "data:")))

    @PROPERTY_SETTINGS
    @given(text)
    def test_plain_text_keeps_its_words(self, words):
        """Copy without markup is escaped, never dropped."""
        cleaned = clean_body(words.replace("<", " ").replace("&", " "))
        for word in words.replace("<", " ").replace("&", " ").replace(">", " ").split():
            self.assertIn(word, cleaned.replace("&gt;", " "))

    @PROPERTY_SETTINGS
    @given(st.lists(st.tuples(st.integers(1, 6), st.sampled_from(HEADING_WORDS)), max_size=8))
    def test_every_heading_keeps_its_words_at_the_nearest_level_the_page_has(self, headings):
        """A story's subheadings are levels 2 to 4 (the page's <h1> is its headline):
        pasted ones outside them move to the nearest, in their place, none lost."""
        body = "".join(f"<h{level}>{words}</h{level}><p>Copy.</p>" for level, words in headings)
        expected = "".join(
            f"<h{min(max(level, 2), 4)}>{words}</h{min(max(level, 2), 4)}><p>Copy.</p>"
            for level, words in headings
        )
        self.assertEqual(clean_body(body), expected)

    @PROPERTY_SETTINGS
    @given(header_rows, white_space, table_rows)
    def test_a_table_loses_exactly_its_blank_last_rows(self, header, leading, rows):
        """Blank rows at the end of the body go, each with the white space after it;
        blank rows before a filled one stay, and so do the header's."""
        head = f"<thead>{''.join(header)}</thead>" if header else ""

        def table(rows):
            body = "".join(html + after for html, _blank, after in rows)
            return f"<table>{head}<tbody>{leading}{body}</tbody></table>"

        kept = list(rows)
        while kept and kept[-1][1]:
            kept.pop()
        self.assertEqual(clean_body(table(rows)), table(kept))
