"""The body sanitiser: what an attacker pastes is gone, what a reporter writes stays."""

import re
from unittest import mock

from django.db import connection
from django.test import SimpleTestCase

from articles.models import Article
from articles.sanitiser import clean_body
from tests.factories import make_article
from tests.guards import needs_cpu_timer, within_seconds
from tests.migration_case import MigrationTestCase

# (name, dirty HTML, fragments that must not survive, matched case-insensitively)
XSS_VECTORS = [
    ("script tag", "<p>Hi</p><script>alert(1)</script>", ["<script", "alert(1)"]),
    ("script upper case", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", ["<script", "evil"]),
    ("script split by nesting", "<scr<script>ipt>alert(1)</script>", ["<script", "<scr"]),
    ("event handler on p", '<p onclick="alert(1)">Hi</p>', ["onclick", "alert"]),
    ("img onerror", "<img src=x onerror=alert(1)>", ["onerror", "alert"]),
    # Slashes as separators: what is left is a harmless src value, not an attribute.
    ("img onerror no quotes slash", "<img/src=x/onerror=alert(1)>", [" onerror"]),
    ("body onload", "<body onload=alert(1)><p>x</p></body>", ["onload", "<body"]),
    ("javascript href", '<a href="javascript:alert(1)">x</a>', ["javascript:", "alert"]),
    ("javascript mixed case", '<a href="JaVaScRiPt:alert(1)">x</a>', ["javascript", "alert"]),
    ("javascript leading spaces", '<a href="  javascript:alert(1)">x</a>', ["javascript"]),
    ("javascript entity colon", '<a href="javascript&colon;alert(1)">x</a>', ["javascript"]),
    (
        "javascript numeric entities",
        '<a href="&#106;&#97;&#118;&#97;script:alert(1)">x</a>',
        ["script:", "alert"],
    ),
    # nh3 writes the reference out as the character; taking it out after would
    # join the scheme back together.
    (
        "javascript split by a control reference",
        '<a href="java&#1;script:alert(1)">x</a>',
        ["javascript", "alert"],
    ),
    ("data split by DEL", '<a href="data&#x7f;:text/html,x">x</a>', ["data:", "text/html"]),
    ("vbscript led by a control reference", '<img src="&#2;vbscript:x" alt="">', ["vbscript"]),
    ("javascript hex entities", '<a href="&#x6A;avascript:alert(1)">x</a>', ["script:", "alert"]),
    ("encoded tab in scheme", '<a href="jav&#x09;ascript:alert(1)">x</a>', ["ascript", "alert"]),
    ("encoded newline in scheme", '<a href="jav&#x0A;ascript:alert(1)">x</a>', ["ascript"]),
    ("raw tab in scheme", '<a href="jav\tascript:alert(1)">x</a>', ["ascript", "alert"]),
    ("data URL link", '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ["data:"]),
    ("data URL image", '<img src="data:image/svg+xml,<svg onload=alert(1)>">', ["data:", "onload"]),
    ("vbscript URL", '<a href="vbscript:msgbox(1)">x</a>', ["vbscript", "msgbox"]),
    ("svg onload", "<svg onload=alert(1)><circle r=1 /></svg>", ["<svg", "onload", "alert"]),
    ("svg script", "<svg><script>alert(1)</script></svg>", ["<svg", "<script", "alert"]),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', ["<iframe", "evil"]),
    (
        "iframe srcdoc",
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        ["<iframe", "srcdoc", "alert"],
    ),
    ("object", '<object data="evil.swf"></object>', ["<object", "evil"]),
    ("embed", '<embed src="evil.swf">', ["<embed", "evil"]),
    (
        "form with formaction",
        '<form><button formaction="javascript:alert(1)">Go</button></form>',
        ["<form", "formaction", "javascript", "<button"],
    ),
    ("input autofocus onfocus", "<input autofocus onfocus=alert(1)>", ["<input", "onfocus"]),
    (
        "style element with content",
        "<style>body{background:url(javascript:alert(1))}</style>",
        ["<style", "background", "javascript"],
    ),
    (
        "style attribute expression",
        '<p style="width:expression(alert(1))">x</p>',
        ["style", "expression"],
    ),
    (
        "style attribute url",
        '<p style="background:url(javascript:alert(1))">x</p>',
        ["style", "javascript"],
    ),
    ("base href", '<base href="https://evil.example/"><a href="/x">x</a>', ["<base", "evil"]),
    (
        "meta refresh",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        ["<meta", "refresh", "javascript"],
    ),
    (
        "link stylesheet",
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        ["<link", "evil"],
    ),
    ("html comment", "<p>a</p><!-- <script>alert(1)</script> -->", ["<!--", "alert"]),
    (
        "conditional comment",
        "<!--[if IE]><script>alert(1)</script><![endif]-->",
        ["<!--", "<script", "alert", "endif"],
    ),
    ("malformed nesting", "<p><a href=x><script>alert(1)</a></p></script>", ["<script", "alert"]),
    ("unclosed attribute", '<img src="x" alt="a onerror=alert(1)//', ["onerror=alert"]),
    (
        "mutation XSS via noscript",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        ["onerror", "<noscript"],
    ),
    (
        "mutation XSS via svg style",
        "<svg><p><style><img src=1 onerror=alert(1)></style></p></svg>",
        ["onerror", "<svg"],
    ),
    (
        "mutation XSS via math",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        ["onerror", "<math", "<mglyph"],
    ),
    (
        "template element",
        "<template><img src=x onerror=alert(1)></template>",
        ["<template", "onerror"],
    ),
    ("textarea breakout", "<textarea></textarea><img src=x onerror=alert(1)>", ["onerror"]),
    ("target blank tabnabbing", '<a href="https://x.example/" target="_blank">x</a>', ["target"]),
    ("id and class clobbering", '<p id="location" class="admin-only">x</p>', ["id=", "class="]),
]

NEWS_COPY = """<h2>Talks resume</h2>
<p>Leaders met in <strong>Brussels</strong> on <em>Friday</em>.<br>More follows.</p>
<h3>Background</h3>
<h4>Detail</h4>
<blockquote><p>“We have a deal,” the chair said.</p></blockquote>
<ul><li>Gas storage</li><li>Price cap</li></ul>
<ol><li>First</li><li>Second</li></ol>
<figure><img src="/media/uploads/chart.jpg" alt="A chart of gas prices" width="800" height="450">\
<figcaption>Gas prices this year.</figcaption></figure>
<table><thead><tr><th scope="col">Country</th><th>Votes</th></tr></thead>\
<tbody><tr><td>A</td><td>46.8%</td></tr></tbody></table>
<hr>
<p>Read <a href="https://cpa.example/story" rel="noopener noreferrer">the agency report</a>.</p>"""


class XssVectorTests(SimpleTestCase):
    def test_dangerous_markup_is_removed(self):
        for name, dirty, forbidden in XSS_VECTORS:
            with self.subTest(name):
                cleaned = clean_body(dirty).lower()
                for fragment in forbidden:
                    self.assertNotIn(fragment.lower(), cleaned, f"{dirty!r} -> {cleaned!r}")

    def test_no_event_handler_or_script_url_survives_any_vector(self):
        handler = re.compile(r"<[^>]*\son\w+\s*=", re.I)
        for name, dirty, _ in XSS_VECTORS:
            with self.subTest(name):
                cleaned = clean_body(dirty)
                self.assertIsNone(handler.search(cleaned), cleaned)
                for scheme in ("javascript:", "vbscript:", "data:"):
                    self.assertNotIn(scheme, cleaned.lower())

    def test_cleaning_twice_changes_nothing(self):
        for name, dirty, _ in [*XSS_VECTORS, ("news copy", NEWS_COPY, [])]:
            with self.subTest(name):
                once = clean_body(dirty)
                self.assertEqual(clean_body(once), once)

    def test_there_are_at_least_thirty_vectors(self):
        self.assertGreaterEqual(len(XSS_VECTORS), 30)


class NewsCopyTests(SimpleTestCase):
    def test_news_markup_is_kept(self):
        cleaned = clean_body(NEWS_COPY)
        for fragment in [
            "<h2>Talks resume</h2>",
            "<h3>",
            "<h4>",
            "<strong>Brussels</strong>",
            "<em>Friday</em>",
            "<br>",
            "<blockquote><p>“We have a deal,”",
            "<ul><li>Gas storage</li>",
            "<ol><li>First</li>",
            "<figure>",
            '<img src="/media/uploads/chart.jpg" alt="A chart of gas prices" width="800" '
            'height="450">',
            "<figcaption>Gas prices this year.</figcaption>",
            '<th scope="col">Country</th>',
            "<td>46.8%</td>",
            "<hr>",
            'href="https://cpa.example/story"',
        ]:
            with self.subTest(fragment):
                self.assertIn(fragment, cleaned)

    def test_clean_copy_comes_back_unchanged(self):
        self.assertEqual(clean_body(NEWS_COPY), NEWS_COPY)

    def test_external_links_get_noopener_noreferrer(self):
        cleaned = clean_body('<p><a href="https://other.example/">x</a></p>')
        self.assertEqual(
            cleaned, '<p><a href="https://other.example/" rel="noopener noreferrer">x</a></p>'
        )

    def test_internal_links_get_the_same_rel(self):
        """One rule for every link: harmless on our own pages, see articles/sanitiser.py."""
        cleaned = clean_body('<a href="/world/">World</a>')
        self.assertEqual(cleaned, '<a href="/world/" rel="noopener noreferrer">World</a>')

    def test_a_link_whose_colon_names_no_scheme_leads_nowhere(self):
        self.assertEqual(
            clean_body('<p><a href=":x">Dead</a></p>'),
            '<p><a rel="noopener noreferrer">Dead</a></p>',
        )

    def test_mailto_and_relative_links_are_kept(self):
        self.assertIn(
            'href="mailto:desk@newsroom.example"',
            clean_body('<a href="mailto:desk@newsroom.example">Tips</a>'),
        )
        self.assertIn('href="../europe/"', clean_body('<a href="../europe/">Europe</a>'))

    def test_superscript_and_subscript_are_kept(self):
        """Unwrapped, a power of ten became another number and CO2 lost its subscript."""
        copy = (
            "<p>Output rose to 10<sup>6</sup> tonnes of CO<sub>2</sub>; see note<sup>1</sup>.</p>"
        )
        self.assertEqual(clean_body(copy), copy)
        self.assertEqual(
            clean_body('<p>m<sup class="x" onclick="steal()">3</sup></p>'), "<p>m<sup>3</sup></p>"
        )

    def test_a_short_quotation_keeps_its_quotation_marks(self):
        """A browser draws a <q>'s marks; unwrapped as an unknown tag, "He called it
        <q>a disaster</q>" read "He called it a disaster", the words his own. It
        becomes the words in typographic marks, as the wire importer writes it, a
        quotation inside one in single marks."""
        for pasted, cleaned in (
            (
                '<p>He called it <q cite="https://x.example" onclick="x()">a disaster</q>.</p>',
                "<p>He called it “a disaster”.</p>",
            ),
            (
                "<p><q>She said <q>never</q> twice</q>, he recalled.</p>",
                "<p>“She said ‘never’ twice”, he recalled.</p>",
            ),
            (
                "<p><q>One</q> and <q><em>two</em></q></p>",
                "<p>“One” and “<em>two</em>”</p>",
            ),
            # Left open, it ends with its paragraph, as in a browser.
            ("<p>They said <q>no.</p><p>Then left.</p>", "<p>They said “no.”</p><p>Then left.</p>"),
        ):
            with self.subTest(pasted):
                self.assertEqual(clean_body(pasted), cleaned)
                self.assertEqual(clean_body(cleaned), cleaned)

    def test_unknown_tags_are_unwrapped_keeping_their_text(self):
        self.assertEqual(clean_body("<div><span>Text</span></div>"), "Text")

    def test_a_picture_without_an_address_goes_with_its_empty_paragraph(self):
        """Its data: or script address refused, it would be a broken image on the page."""
        for img in (
            '<img src="data:image/png;base64,iVBORw0KGgo=" alt="A chart">',
            '<img src="javascript:alert(1)" alt="A chart">',
            '<img alt="A chart">',
            '<img src="" alt="A chart">',
            # Hypothesis's find: a colon that names no scheme is no address either.
            '<IMG SRC=:>',
            '<img src=":chart.png" alt="A chart">',
        ):
            with self.subTest(img=img[:30]):
                self.assertEqual(
                    clean_body(f"<p>Before.</p><p>{img}</p><p>After.</p>"),
                    "<p>Before.</p><p>After.</p>",
                )
        kept = '<p><img src="/media/uploads/chart.png" alt="A chart"></p>'
        self.assertEqual(clean_body(kept), kept)

    def test_empty_body(self):
        self.assertEqual(clean_body(""), "")
        self.assertEqual(clean_body(None), "")


FILLED_ROW = "<tr><td>Greens</td><td>12.4%</td></tr>"
BLANK_ROW = "<tr><td></td><td></td></tr>"


def table(rows):
    return f"<table><tbody>{rows}</tbody></table>"


class EmptyLastRowTests(SimpleTestCase):
    """The table dialog makes three rows; those nobody filled go from the end of the table."""

    def test_every_kind_of_blank_row_at_the_end_goes(self):
        for blank in (
            BLANK_ROW,
            "<tr><td>&nbsp;</td><td><br></td></tr>",
            "<tr><td>\u00a0 </td></tr>",
            '<tr><th scope="row"></th><td colspan="2"> </td></tr>',
            "<tr>\n\t<td>\n\t</td>\n</tr>",
        ):
            with self.subTest(blank=blank):
                self.assertEqual(clean_body(table(FILLED_ROW + blank)), table(FILLED_ROW))

    def test_a_run_of_blank_rows_at_the_end_goes_with_the_white_space_after_each(self):
        """The white space before the run is the filled row's and stays."""
        self.assertEqual(
            clean_body(table(f"\n{FILLED_ROW}\n{BLANK_ROW}\n{BLANK_ROW}\n")),
            table(f"\n{FILLED_ROW}\n"),
        )

    def test_blank_rows_before_a_filled_one_stay(self):
        for rows in (
            BLANK_ROW + FILLED_ROW,
            f"{FILLED_ROW}\n{BLANK_ROW}\n{BLANK_ROW}\n{FILLED_ROW}",
        ):
            with self.subTest(rows=rows):
                self.assertEqual(clean_body(table(rows)), table(rows))

    def test_only_the_blank_rows_after_the_last_filled_one_go(self):
        self.assertEqual(
            clean_body(table(BLANK_ROW + FILLED_ROW + BLANK_ROW + FILLED_ROW + BLANK_ROW * 2)),
            table(BLANK_ROW + FILLED_ROW + BLANK_ROW + FILLED_ROW),
        )

    def test_a_row_with_something_in_it_stays(self):
        for row in (
            "<tr><td></td><td>0</td></tr>",
            '<tr><td><img src="/media/uploads/flag.png" alt="Flag"></td></tr>',
            "<tr><td>&nbsp;.</td></tr>",
        ):
            with self.subTest(row=row):
                self.assertEqual(clean_body(table(FILLED_ROW + row)), table(FILLED_ROW + row))

    def test_a_table_of_blank_rows_keeps_its_body_and_loses_the_rows(self):
        self.assertEqual(clean_body(table(BLANK_ROW * 3)), table(""))

    def test_blank_header_rows_stay(self):
        header = "<thead><tr><th></th><th>&nbsp;</th></tr></thead>"
        body = f"<table>{header}<tbody>{FILLED_ROW}</tbody></table>"
        self.assertEqual(clean_body(body), body)

    def test_each_table_body_loses_its_own_blank_last_rows(self):
        """A footer is not on the allowlist: its rows become a body of their own."""
        self.assertEqual(
            clean_body(
                f"<table><tbody>{FILLED_ROW}{BLANK_ROW}</tbody><tbody>{FILLED_ROW}{BLANK_ROW}"
                f"</tbody><tfoot>{BLANK_ROW}</tfoot></table>"
            ),
            f"<table><tbody>{FILLED_ROW}</tbody><tbody>{FILLED_ROW}</tbody><tbody></tbody></table>",
        )

    def test_a_table_inside_a_cell_loses_its_blank_last_rows(self):
        inner = table(FILLED_ROW + BLANK_ROW)
        self.assertEqual(
            clean_body(table(f"<tr><td>{inner}</td></tr>{BLANK_ROW}")),
            table(f"<tr><td>{table(FILLED_ROW)}</td></tr>"),
        )


@needs_cpu_timer
class HostileSizeTests(SimpleTestCase):
    """A body an attacker shapes must cost time in proportion to its length.

    Every story save cleans the body, so a pass that is quadratic in some
    shape of input lets one save hold a worker for minutes.
    """

    def test_thirty_six_thousand_blank_rows_before_a_filled_one(self):
        """970 KB, near the longest body the sanitiser takes. A pattern that looked
        ahead from every blank row for the end of the table read the rest of the
        run each time: 50,000 rows (1.35 MB) took 23 minutes."""
        blank_rows = BLANK_ROW * 36_000
        body = f"<p>Text.</p>{table(blank_rows + FILLED_ROW + BLANK_ROW * 3)}"
        with within_seconds(60, "Cleaning 36,000 blank rows"):
            cleaned = clean_body(body)
        self.assertEqual(cleaned, f"<p>Text.</p>{table(blank_rows + FILLED_ROW)}")

    def test_angle_brackets_in_attribute_values_come_out_escaped(self):
        """The sanitiser's patterns stop at the first ">" after a tag opens; they stay
        linear only because nh3 never leaves "<" or ">" inside a tag."""
        self.assertEqual(
            clean_body('<p title="<p a>b">x</p>'), '<p title="&lt;p a&gt;b">x</p>'
        )


class RecleaningMigrationTests(MigrationTestCase):
    """Migration 0017 takes script links out of bodies saved before the fix, and only those."""

    def test_a_stored_script_link_goes_and_other_bodies_stay(self):
        planted = make_article()
        plain = make_article()
        # As stored by the old sanitiser: the link whole again, the prose untouched.
        Article.objects.filter(pk=planted.pk).update(
            body='<p>Read <a href="javascript:alert(1)">the statement</a>.</p>'
        )
        # Prose with "data:" in it, and something today's sanitiser would tidy (an
        # empty paragraph): read and rewritten, it would change.
        untidy = "<p>Official data: 40% of grain stores are empty.</p><p></p>"
        Article.objects.filter(pk=plain.pk).update(body=untidy)
        self.migrate([("articles", "0016_status_change_keeps_who_made_it")])
        dropped = []

        def drop_cached_pages(**kwargs):
            dropped.append((kwargs, connection.in_atomic_block))

        with mock.patch("articles.cache.invalidate", side_effect=drop_cached_pages):
            self.migrate([("articles", "0017_reclean_script_links")])
        # Cached pages are dropped once the clean bodies are committed: dropped
        # inside the migration's transaction, a reader's request could have
        # cached the old body again before the commit.
        self.assertEqual(dropped, [({"takedown": True}, False)])
        planted.refresh_from_db()
        plain.refresh_from_db()
        self.assertNotIn("javascript", planted.body)
        self.assertIn("the statement", planted.body)
        self.assertEqual(plain.body, untidy)
