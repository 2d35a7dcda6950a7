"""Properties of the importer's HTML reading over copy that hypothesis makes up.

strip_html reads elements and link-only lines in pieces, so that copy full of
tags left open is read in linear time. The rules are simplest said as single
patterns, written out below: the importer must find exactly what they find.
They are fine on these short copies, and take minutes on hostile ones
(tests/articles/test_importer.py, HostileHtmlTests).
"""

import re

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import importer

# The rules as one pattern each: an element to the first closing tag of its name.
PLAIN_ELEMENTS = {
    "_HTML_CODE": re.compile(
        r"<(script|style|iframe|noscript|template)(?=[\s/>])[^>]*>.*?</\1\s*>|<!--.*?-->",
        re.I | re.S,
    ),
    "_HTML_BUTTON": re.compile(r"<button(?=[\s>])[^>]*>(.*?)</button\s*>", re.I | re.S),
    "_HTML_HEAD": re.compile(r"<head(?=[\s>])[^>]*>.*?</head\s*>", re.I | re.S),
    "_HTML_TITLE": re.compile(r"<title(?=[\s>])[^>]*>(.*?)</title\s*>", re.I | re.S),
    "_HTML_H1": re.compile(r"(<h1(?=[\s>])[^>]*>)(.*?)(</h1\s*>)", re.I | re.S),
}
# A line of spaces and tags with one link in it, whose opening tag (and the
# space in its closing tag) may run over lines.
PLAIN_LINK_ONLY_LINE = re.compile(
    r"^[ ]*(?:<[^<>\n]+>[ ]*)*<a(?=[\s>])[^>]*>[^<\n]*</a\s*>(?:[ ]*<[^<>\n]+>)*[ ]*$",
    re.I | re.M,
)

# Pieces of tags, whole tags in odd spellings (with letters a case-blind
# pattern reads as "s" and "i"), and what stands between them.
ELEMENT_FRAGMENTS = [
    "<script>", "</script>", "<SCRIPT type='x'>", "</Script >", "</script\n>", "<style>",
    "</style>", "<iframe/>", "</iframe>", "<noscript>", "</noscript>", "<template >",
    "</template>", "<scripts>", "<ſcript>", "</ſcript>", "<scrİpt>", "</scrİpt>",
    "<!--", "-->", "<!-->", "<!--->", "<head>", "</head>", "<HEAD lang=x>", "</head >",
    "<header>", "<title>", "</title>", "<TITLE>", "</title\n>", "<button>", "</button>",
    "<button\n>", "</BUTTON>", "<h1>", "</h1>", "<H1 class=x>", "</h1 >", "<h1/>",
    "<b>", "<", ">", "/", " ", "\n", "\t", "\xa0", "x", "Talks resumed.",
]
# Links, tags and spaces, and a third of the time tags cut short or run over
# lines, and words.
LINK_TAGS = [
    "<a href='/x'>Other story</a>", "<a></a>", "<a> </a>", "<A>x</A >", "<a>", "</a>",
    "<A href='/x'>", "<b>", "</b>", "<li>", " ", "\n",
]
LINK_ODDITIES = [
    "</a\n>", "</a\t>", "<a\nhref=x>", "<a ", "<ab>", "<a/>", "</a", "<a", "<", ">", "\t", "x",
]
element_copies = st.lists(st.sampled_from(ELEMENT_FRAGMENTS), max_size=30).map("".join)
link_fragments = st.one_of(
    st.sampled_from(LINK_TAGS), st.sampled_from(LINK_TAGS), st.sampled_from(LINK_ODDITIES)
)
link_copies = st.lists(link_fragments, max_size=30).map("".join)

PROPERTY_SETTINGS = settings(max_examples=500, deadline=None, database=None)


class HtmlReadingPropertyTests(SimpleTestCase):
    @PROPERTY_SETTINGS
    @given(element_copies)
    def test_elements_are_those_the_plain_patterns_find(self, copy):
        for name, plain in PLAIN_ELEMENTS.items():
            elements = getattr(importer, name)
            self.assertEqual(
                [(match.span(), match.groups()) for match in elements.finditer(copy)],
                [(match.span(), match.groups()) for match in plain.finditer(copy)],
                name,
            )
            self.assertEqual(elements.sub("\n", copy), plain.sub("\n", copy), name)

    @PROPERTY_SETTINGS
    @given(link_copies)
    def test_link_only_lines_are_those_the_plain_pattern_finds(self, copy):
        self.assertEqual(
            importer._link_only_lines(copy),
            [match.span() for match in PLAIN_LINK_ONLY_LINE.finditer(copy)],
        )
