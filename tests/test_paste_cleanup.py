"""Copy pasted from Word and Google Docs: typed bullets become lists, tables keep their cells.

The sanitiser's rules are tested on their own first; the browser tests then
paste into the real editor and read the story on a phone.
"""

import json

from django.test import SimpleTestCase, TestCase, tag
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.forms import ArticleAdminForm, sanitiser_allowlist_rules
from articles.models import Article
from articles.sanitiser import ALLOWED_TAGS, clean_body, comparable_body
from tests.browser.base import PHONE, BrowserTestCase
from tests.factories import make_article, make_user

# What Word puts on the clipboard for two bulleted points and a small table
# (trimmed: the real thing has a <style> block and many more attributes).
WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0} --></style>
</head><body lang=EN-GB>
<p class=MsoNormal>Turnout was high.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>\
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·\
<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>\
</span></span><![endif]>Polls opened late<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>\
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·\
<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>\
</span></span><![endif]>Counting went on all night<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\
<tr><td width=301 valign=top style='width:225.4pt;border:solid windowtext 1.0pt'>\
<p class=MsoNormal><b>Party</b><o:p></o:p></p></td>\
<td width=301 valign=top><p class=MsoNormal><b>Votes</b><o:p></o:p></p></td></tr>\
<tr><td width=301 valign=top><p class=MsoNormal>Greens<o:p></o:p></p></td>\
<td width=301 valign=top><p class=MsoNormal>12.4%<o:p></o:p></p></td></tr></table>
</body></html>"""

ELECTION_TABLE = (
    '<table><caption>Results</caption><thead><tr><th scope="col">Party</th>'
    '<th scope="col">Votes</th><th scope="col">Share</th><th scope="col">Seats</th>'
    '<th scope="col">Change</th><th scope="col">Leader</th></tr></thead><tbody>'
    "<tr><td>Social Democratic Alliance</td><td>4,512,398</td><td>31.2%</td><td>142</td>"
    "<td>+12</td><td>Annika Lindqvist-Berg</td></tr>"
    "<tr><td>Christian People's Union</td><td>3,870,044</td><td>26.8%</td><td>121</td>"
    "<td>−9</td><td>Marek Nowakowski</td></tr>"
    '<tr><td colspan="4">Turnout</td><td colspan="2">61.4%</td></tr></tbody></table>'
)


class TypedBulletTests(SimpleTestCase):
    def test_word_bullets_become_one_list(self):
        """Word's Symbol-font "·" and its padding go; the two points are one list."""
        cleaned = clean_body(WORD_PASTE)
        self.assertIn(
            "<p>Turnout was high.</p>\n"
            "<ul><li>Polls opened late</li><li>Counting went on all night</li></ul>",
            cleaned,
        )
        for trace in ("·", "&nbsp;", "class=", "style=", "Mso", "mso-", "<o:p"):
            self.assertNotIn(trace, cleaned)

    def test_the_briefs_example(self):
        self.assertEqual(
            clean_body('<p class="MsoListParagraph">·<span>&nbsp;&nbsp;</span>First point</p>'),
            "<ul><li>First point</li></ul>",
        )

    def test_typed_bullets_with_one_space_or_a_no_break_space(self):
        for bullet in ("•", "·", "▪", "◦", "●"):
            with self.subTest(bullet):
                self.assertEqual(
                    clean_body(f"<p>{bullet} Gas storage</p>\n<p>{bullet}\u00a0Price cap</p>"),
                    "<ul><li>Gas storage</li><li>Price cap</li></ul>",
                )

    def test_a_paragraph_between_makes_two_lists(self):
        self.assertEqual(
            clean_body("<p>• One</p><p>Then:</p><p>• Two</p>"),
            "<ul><li>One</li></ul><p>Then:</p><ul><li>Two</li></ul>",
        )

    def test_words_and_signs_that_look_like_word_bullets_stay_text(self):
        """Word pads its "o" and "§" bullets; a sentence has one space after its first word."""
        for copy in (
            "<p>o presidente disse que não.</p>",
            "<p>§ 219a was struck down.</p>",
            "<p>o\u00a0presidente</p>",
            "<p>- a dash, as in dialogue</p>",
            "<p>– Where? she asked.</p>",
        ):
            with self.subTest(copy):
                self.assertNotIn("<li>", clean_body(copy))

    def test_plain_texts_hyphen_and_asterisk_bullets_make_a_list_two_or_more_in_a_row(self):
        """Plain-text copy's usual bullets stayed as paragraphs opening "- "."""
        for bullet in ("-", "*"):
            with self.subTest(bullet):
                typed = f"<p>Key points:</p><p>{bullet} Gas storage</p><p>{bullet} Price cap</p>"
                self.assertEqual(
                    clean_body(typed),
                    "<p>Key points:</p><ul><li>Gas storage</li><li>Price cap</li></ul>",
                )
        # Items that end as sentences do make a list under a line ending in a colon.
        self.assertIn(
            "<li>Gas storage is full.</li>",
            clean_body("<p>Key points:</p><p>- Gas storage is full.</p><p>- Prices fell.</p>"),
        )
        # Dashes opening lines of dialogue, alone or in a run, stay as typed.
        for copy in (
            "<p>- Where? she asked.</p><p>He said nothing.</p>",
            "<p>He stopped her.</p><p>- Where are you going? the officer asked.</p>"
            "<p>- Home, she said.</p>",
        ):
            with self.subTest(copy):
                self.assertNotIn("<li>", clean_body(copy))

    def test_word_second_and_third_level_bullets(self):
        self.assertEqual(
            clean_body("<p>o&nbsp;&nbsp;&nbsp;&nbsp; Sub-point</p><p>§&nbsp;&nbsp; Detail</p>"),
            "<ul><li>Sub-point</li><li>Detail</li></ul>",
        )

    def test_any_marker_word_pads_in_a_paragraph_it_calls_a_list_item(self):
        hint = 'class="MsoListParagraphCxSpMiddle" style="mso-list:l1 level1 lfo2"'
        self.assertEqual(
            clean_body(f"<p {hint}>Ø&nbsp;&nbsp;&nbsp; Arrow bullet</p>"),
            "<ul><li>Arrow bullet</li></ul>",
        )
        # Without Word's word for it, "Ø" is a letter (Danish, Norwegian): it stays,
        # one space from the next word, as any two words (DoubleSpaceTests).
        self.assertEqual(clean_body("<p>Ø&nbsp;&nbsp;&nbsp; Øresund</p>"), "<p>Ø Øresund</p>")

    def test_an_indented_word_paragraph_without_a_marker_keeps_its_first_word(self):
        self.assertEqual(
            clean_body('<p class="MsoListParagraph">An indented paragraph</p>'),
            "<p>An indented paragraph</p>",
        )

    def test_lettered_word_lists_are_ordered(self):
        hint = 'style="mso-list:l0 level1 lfo1"'
        self.assertEqual(
            clean_body(
                f"<p {hint}>a)&nbsp;&nbsp;&nbsp; First</p><p {hint}>b)&nbsp;&nbsp; Next</p>"
            ),
            "<ol><li>First</li><li>Next</li></ol>",
        )

    def test_marker_inside_bold_is_removed_with_the_empty_bold(self):
        self.assertEqual(
            clean_body("<p><strong>•&nbsp;</strong>Ceasefire holds</p><p><b>• Aid</b> arrives</p>"),
            "<ul><li>Ceasefire holds</li><li><b>Aid</b> arrives</li></ul>",
        )

    def test_the_editors_own_list_items_lose_the_bullets_padding(self):
        """CKEditor's Word paste makes the list itself but keeps the spaces after "·"."""
        self.assertEqual(
            clean_body("<ul><li>&nbsp;&nbsp;&nbsp;First point</li><li>\u00a0 Second</li></ul>"),
            "<ul><li>First point</li><li>Second</li></ul>",
        )
        # Spaces inside an item are not padding: they stay, one between two
        # words as anywhere else (DoubleSpaceTests).
        self.assertEqual(
            clean_body("<ol><li>Aid&nbsp;&nbsp;arrives</li></ol>"),
            "<ol><li>Aid&nbsp;arrives</li></ol>",
        )

    def test_a_bullet_with_nothing_after_it_is_left_alone(self):
        self.assertEqual(clean_body("<p>•&nbsp;</p>"), "<p>•&nbsp;</p>")

    def test_lists_inside_quotes_and_table_cells(self):
        self.assertEqual(
            clean_body("<blockquote><p>• a</p><p>• b</p></blockquote>"),
            "<blockquote><ul><li>a</li><li>b</li></ul></blockquote>",
        )
        self.assertEqual(
            clean_body("<table><tr><td><p>• a</p><p>• b</p></td></tr></table>"),
            "<table><tbody><tr><td><ul><li>a</li><li>b</li></ul></td></tr></tbody></table>",
        )

    def test_the_language_of_a_paragraph_stays_with_its_item(self):
        self.assertEqual(
            clean_body('<p lang="fr">• Liberté</p>'), '<ul><li lang="fr">Liberté</li></ul>'
        )

    def test_an_item_is_cleaned_like_the_rest(self):
        cleaned = clean_body('<p>• <a href="javascript:alert(1)" onclick="x()">a</a></p>')
        self.assertEqual(cleaned, '<ul><li><a rel="noopener noreferrer">a</a></li></ul>')


class TypedNumberTests(SimpleTestCase):
    def test_a_count_from_one_becomes_an_ordered_list(self):
        for delimiter in (".", ")"):
            with self.subTest(delimiter):
                self.assertEqual(
                    clean_body(
                        f"<p>1{delimiter} Close the border</p>\n\n<p>2{delimiter}\u00a0Open talks"
                        f"</p><p>3{delimiter} Vote</p>"
                    ),
                    "<ol><li>Close the border</li><li>Open talks</li><li>Vote</li></ol>",
                )

    def test_counts_an_ordered_list_would_renumber_stay_as_typed(self):
        """<ol> starts at 1 here (no start attribute): "3." would read "1."."""
        for copy in (
            "<p>3. Third</p><p>4. Fourth</p>",
            "<p>1. One</p><p>3. Three</p>",
            "<p>1. One</p><p>2) Two</p>",
            "<p>1. FC Köln won at home.</p>",
            "<p>2024. A year to remember.</p>",
        ):
            with self.subTest(copy):
                self.assertNotIn("<ol>", clean_body(copy))
                self.assertNotIn("<li>", clean_body(copy))

    def test_bullets_then_numbers_make_two_lists(self):
        self.assertEqual(
            clean_body("<p>• Aid</p><p>1. First</p><p>2. Second</p>"),
            "<ul><li>Aid</li></ul><ol><li>First</li><li>Second</li></ol>",
        )


# Markup a paste might carry, with typed markers and Word's hints mixed in.
PIECES = [
    "<p>• a</p>",
    "<p>·&nbsp;&nbsp;b</p>",
    "<p>1. c</p>",
    "<p>2. d</p>",
    "<p>o&nbsp;&nbsp; e</p>",
    '<p class="MsoListParagraph" style="mso-list:l0">Ø&nbsp;&nbsp; f</p>',
    "<p>g</p>",
    "\n",
    "<blockquote>",
    "</blockquote>",
    "<td>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<li>",
    "<strong>",
    "</strong>",
    "<p>",
    "</p>",
    "<ul>",
    "</ul>",
    "<br>",
    "&nbsp;",
    " ",
    "•",
    "<b>•</b>",
]


class DoubleSpaceTests(SimpleTestCase):
    """Two spaces typed after a full stop (the editor writes "&nbsp; "), or a
    run of no-break spaces pasted from Word or wire copy, showed readers a
    double gap: a browser collapses ordinary spaces, not no-break ones."""

    def test_a_double_gap_between_words_becomes_one_space(self):
        for pasted, cleaned in [
            ("<p>Tuesday&nbsp;&nbsp;after</p>", "<p>Tuesday&nbsp;after</p>"),
            ("<p>Tuesday\u00a0\u00a0\u00a0after</p>", "<p>Tuesday&nbsp;after</p>"),
            ("<p>They met.&nbsp; Then they left.</p>", "<p>They met. Then they left.</p>"),
            ("<p>They met. &nbsp;Then &nbsp; they left.</p>", "<p>They met. Then they left.</p>"),
            ("<p>They met.&nbsp;\n  Then they left.</p>", "<p>They met. Then they left.</p>"),
            ("<h2>Aid&nbsp; arrives</h2>", "<h2>Aid arrives</h2>"),
            ("<table><tbody><tr><td>12.4&nbsp;&nbsp;%</td></tr></tbody></table>",
             "<table><tbody><tr><td>12.4&nbsp;%</td></tr></tbody></table>"),
        ]:
            with self.subTest(pasted):
                self.assertEqual(clean_body(pasted), cleaned)

    def test_a_single_no_break_space_between_words_stays(self):
        """It keeps two words on one line ("10 km", "Mr Smith"): the writer's choice."""
        copy = "<p>The line ran 10&nbsp;km, Mr&nbsp;Smith said, on 3&nbsp;May.</p>"
        self.assertEqual(clean_body(copy), copy)

    def test_spaces_that_show_no_double_gap_stay_as_written(self):
        for copy in [
            "<p>Ordinary  spaces\n collapse in the browser.</p>",
            "<table><tbody><tr><td>&nbsp; </td><td>Greens</td></tr></tbody></table>",
            "<p>Before&nbsp;&nbsp;<em>the vote</em></p>",
            '<p><a href="https://news.example/a&nbsp;&nbsp;b" rel="noopener noreferrer">x</a></p>',
            '<p><img src="/media/uploads/a.jpg" alt="Aid&nbsp;&nbsp;arrives"></p>',
        ]:
            with self.subTest(copy):
                self.assertEqual(clean_body(copy), copy)

    @settings(max_examples=150, deadline=None, database=None)
    @given(
        st.lists(
            st.tuples(
                st.lists(st.sampled_from([" ", "&nbsp;", "\u00a0", "\n"]), min_size=1, max_size=4),
                st.sampled_from(["Aid", "10", "km", "Mr", "Smith", "été", "AT&amp;T"]),
            ),
            max_size=6,
        )
    )
    def test_between_two_words_one_space_or_one_no_break_space(self, gaps_and_words):
        """A gap of no-break spaces alone is one no-break space; one with an ordinary
        space in it, one space; one of ordinary spaces alone shows as one and stays."""

        def one_gap(gap):
            spaces = "".join(gap).replace("\u00a0", "&nbsp;")
            if "&nbsp;" not in spaces:
                return spaces
            return "&nbsp;" if not spaces.replace("&nbsp;", "") else " "

        body = "<p>Aid" + "".join("".join(gap) + word for gap, word in gaps_and_words) + "</p>"
        expected = "<p>Aid" + "".join(one_gap(gap) + word for gap, word in gaps_and_words) + "</p>"
        self.assertEqual(clean_body(body), expected)


class EmptyParagraphTests(SimpleTestCase):
    """Empty paragraphs are gaps on the page: Enter pressed twice, Word's spacer
    lines, and the paragraph CKEditor adds after a table at the end of a body."""

    def test_empty_paragraphs_go_and_the_words_stay(self):
        self.assertEqual(
            clean_body(
                "<p>Talks resumed.</p><p>&nbsp;</p><p></p><p> <br/> </p>"
                '<p class="MsoNormal">\u00a0</p><p>Both sides agreed.</p>'
            ),
            "<p>Talks resumed.</p><p>Both sides agreed.</p>",
        )

    def test_the_paragraph_the_editor_adds_after_a_closing_table_goes(self):
        table = "<table><tbody><tr><td>Greens</td><td>12.4%</td></tr></tbody></table>"
        self.assertEqual(
            clean_body(f"<p>Results:</p>{table}<p>&nbsp;</p>"), f"<p>Results:</p>{table}"
        )

    def test_a_paragraph_with_anything_visible_stays(self):
        for html in ("<p>.</p>", '<p><img alt="Map" src="/media/map.png"></p>', "<p>\u2014</p>"):
            with self.subTest(html=html):
                self.assertEqual(clean_body(html), clean_body(clean_body(html)))
                self.assertNotEqual(clean_body(html), "")

    def test_unfilled_rows_at_the_end_of_a_table_go(self):
        """The table dialog makes three rows; the ones nobody filled are not news."""
        filled = "<tr><th>Party</th><th>Votes</th></tr><tr><td>Greens</td><td>12.4%</td></tr>"
        self.assertEqual(
            clean_body(
                f"<table><tbody>{filled}<tr><td>&nbsp;</td><td><br></td></tr>\n"
                "\t<tr>\n\t\t<td>\u00a0</td>\n\t\t<td></td>\n\t</tr>\n</tbody></table>"
            ),
            f"<table><tbody>{filled}</tbody></table>",
        )

    def test_an_empty_paragraph_before_a_list_items_padding(self):
        """Found by the property test below: cleaning twice must change nothing."""
        self.assertEqual(clean_body("<li></p>&nbsp;"), "<li></li>")

    def test_typed_items_with_a_blank_line_between_make_one_list(self):
        """Also found by the property test: the list must not appear only on a second clean."""
        self.assertEqual(
            clean_body("<p>1. Talks</p><p>&nbsp;</p><p>2. Vote</p>"),
            "<ol><li>Talks</li><li>Vote</li></ol>",
        )

    def test_a_blank_row_between_filled_ones_stays(self):
        table = (
            "<table><tbody><tr><td>Greens</td></tr><tr><td>&nbsp;</td></tr>"
            "<tr><td>Liberals</td></tr></tbody></table>"
        )
        self.assertEqual(clean_body(table), table)

    def test_the_editor_adding_it_back_is_not_an_edit(self):
        body = clean_body("<p>Results:</p><table><tbody><tr><td>x</td></tr></tbody></table>")
        self.assertEqual(comparable_body(body + "<p>&nbsp;</p>"), comparable_body(body))


class TypedMarkerPropertyTests(SimpleTestCase):
    @settings(max_examples=300, deadline=None, database=None)
    @given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
    def test_cleaning_a_paste_twice_changes_nothing(self, html):
        once = clean_body(html)
        self.assertEqual(clean_body(once), once)


class PastedTableTests(SimpleTestCase):
    def test_word_tables_keep_rows_and_cells_and_lose_word_attributes(self):
        self.assertIn(
            "<table><tbody><tr><td><p><b>Party</b></p></td><td><p><b>Votes</b></p></td></tr>"
            "<tr><td><p>Greens</p></td><td><p>12.4%</p></td></tr></tbody></table>",
            clean_body(WORD_PASTE),
        )

    def test_election_table_comes_through_whole(self):
        self.assertEqual(clean_body(ELECTION_TABLE), ELECTION_TABLE)

    def test_the_editor_accepts_the_markup_the_sanitiser_keeps(self):
        """CKEditor's content filter only allows what the toolbar makes: without these
        rules a pasted table became one run of text, and figure captions vanished."""
        rules = sanitiser_allowlist_rules()
        for rule in (
            "table",
            "caption",
            "thead",
            "tbody",
            "tr",
            "th[colspan,rowspan,scope]",
            "td[colspan,rowspan]",
            "figure",
            "figcaption",
            "hr",
            "img[alt,height,src,width]",
        ):
            self.assertIn(rule, rules.split("; "))
        # A pasted quotation too, which the sanitiser gives its quotation marks.
        self.assertEqual(
            {rule.split("[")[0] for rule in rules.split("; ")}, ALLOWED_TAGS | {"q"}
        )
        widget = ArticleAdminForm().fields["body"].widget
        self.assertIn(rules, widget.config["extraAllowedContent"])
        rendered = widget.render("body", "", {"id": "id_body"})
        self.assertIn(json.dumps(rules), rendered.replace("&quot;", '"'))

    def test_the_editor_still_refuses_styles_and_scripts(self):
        config = ArticleAdminForm().fields["body"].widget.config
        self.assertIn("*{*}", config["disallowedContent"])
        self.assertIn("script", config["disallowedContent"])


# Copy from a web page or Word with its heading styles: the title is an <h1>, and
# the levels go deeper than the three a story's subheadings have.
PASTED_HEADINGS = (
    '<h1 class="title">Floods cut off the delta</h1><p>Rivers rose overnight.</p>'
    "<h2>Aid arrives</h2><p>Lorries reached Can Tho.</p>"
    '<h5>Where to give</h5><p>Three charities.</p><h6 style="color:red">Updated 14:00</h6>'
)
PASTED_HEADINGS_CLEANED = (
    "<h2>Floods cut off the delta</h2><p>Rivers rose overnight.</p>"
    "<h2>Aid arrives</h2><p>Lorries reached Can Tho.</p>"
    "<h4>Where to give</h4><p>Three charities.</p><h4>Updated 14:00</h4>"
)


class PastedHeadingTests(SimpleTestCase):
    def test_headings_the_page_has_no_level_for_take_the_nearest_it_has(self):
        """<h1>, <h5> and <h6> were unwrapped: a pasted story's title and smallest
        subheadings ran on as plain text, and its outline was lost without a word.
        The page's own <h1> is the headline, so a pasted one becomes an <h2>."""
        self.assertEqual(clean_body(PASTED_HEADINGS), PASTED_HEADINGS_CLEANED)
        self.assertEqual(clean_body(PASTED_HEADINGS_CLEANED), PASTED_HEADINGS_CLEANED)

    def test_a_heading_keeps_its_words_formatting_and_language(self):
        self.assertEqual(
            clean_body('<h1 lang="fr" id="t">Le <em>fleuve</em><br>monte</h1>'),
            '<h2 lang="fr">Le <em>fleuve</em><br>monte</h2>',
        )
        self.assertEqual(
            clean_body("<blockquote><h6>Said on Monday</h6></blockquote>"),
            "<blockquote><h4>Said on Monday</h4></blockquote>",
        )

    def test_heading_tags_written_as_text_or_inside_attributes_stay_text(self):
        """Only real elements are renamed; what looks like a tag in a title, a
        comment or the copy is left as written (escaped) or removed with it."""
        for body, cleaned in (
            ('<p title="<h1>Not</h1>">Copy</p>', '<p title="&lt;h1&gt;Not&lt;/h1&gt;">Copy</p>'),
            ("<p>Write &lt;h1&gt; for a title</p>", "<p>Write &lt;h1&gt; for a title</p>"),
            ("<!-- <h1>Draft</h1> --><p>Copy</p>", "<p>Copy</p>"),
            ("<p>Copy</p><script>'<h5>'</script>", "<p>Copy</p>"),
        ):
            with self.subTest(body=body):
                self.assertEqual(clean_body(body), cleaned)

    def test_headings_pasted_inside_one_another_clean_once_and_for_all(self):
        """A parser closes a heading when another opens, so renaming cannot nest them."""
        for body in (
            "<h2>Aid <h1>arrives</h1> late</h2>",
            "<h5>Aid<h6>arrives</h5>late</h6>",
            "<h1><p>Aid arrives</p></h1>",
            "<ul><li><h1>Aid</h1></li></ul><h6></h6>",
        ):
            with self.subTest(body=body):
                once = clean_body(body)
                self.assertNotRegex(once, "<h[156]")
                self.assertEqual(clean_body(once), once)

    def test_editing_a_story_with_them_counts_the_renaming_as_no_edit(self):
        self.assertEqual(
            comparable_body(PASTED_HEADINGS), comparable_body(PASTED_HEADINGS_CLEANED)
        )

    def test_the_editor_is_told_the_same_levels(self):
        """CKEditor's filter would make them paragraphs first (the browser test below
        pastes them); its page script renames them by the sanitiser's table."""
        widget = ArticleAdminForm().fields["body"].widget
        self.assertEqual(widget.config["pastedHeadingLevels"], {"h1": "h2", "h5": "h4", "h6": "h4"})
        self.assertIn("articles/editor-headings.js", str(widget.media))


class StoryWithTableTests(TestCase):
    def test_the_story_page_serves_the_table_and_its_stylesheet_styles_it(self):
        story = make_article(body=f"<p>Results are in.</p>{ELECTION_TABLE}")
        response = self.client.get(story.get_absolute_url())
        self.assertContains(response, "<td>4,512,398</td>", html=False)
        self.assertContains(response, '<td colspan="4">Turnout</td>', html=False)


# Runs in the editor's page: paste ``html`` as the browser would and return the data.
PASTE = """(html) => new Promise(resolve => {
    const editor = CKEDITOR.instances.id_body;
    editor.setData("", () => {
        editor.focus();
        editor.once("afterPaste", () => setTimeout(() => resolve(editor.getData()), 0));
        const transfer = new DataTransfer();
        transfer.setData("text/html", html);
        editor.fire("paste", {
            type: "html", method: "paste", dataValue: html,
            dataTransfer: new CKEDITOR.plugins.clipboard.dataTransfer(transfer),
        });
    });
})"""


@tag("browser")
class PasteInTheEditorTests(BrowserTestCase):
    def setUp(self):
        self.editor = make_user("paste-editor", superuser=True)

    def story_form(self, story):
        page = self.new_page()
        self.sign_in(page, "paste-editor", "correct horse battery staple")
        page.goto(self.live_server_url + reverse("admin:articles_article_change", args=[story.pk]))
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        return page

    def test_a_pasted_table_keeps_its_cells_through_the_editor_and_the_save(self):
        story = make_article(status=Article.Status.DRAFT)
        page = self.story_form(story)
        pasted = page.evaluate(PASTE, ELECTION_TABLE)
        # CKEditor indents what it writes; cell for cell, it is the same table.
        self.assertEqual(comparable_body(pasted), comparable_body(ELECTION_TABLE))

        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist")
        story.refresh_from_db()
        self.assertEqual(comparable_body(story.body), comparable_body(ELECTION_TABLE))

    def test_word_bullets_and_table_arrive_as_a_list_and_a_table(self):
        story = make_article(status=Article.Status.DRAFT)
        page = self.story_form(story)
        pasted = comparable_body(page.evaluate(PASTE, WORD_PASTE))
        self.assertIn(
            "<ul><li>Polls opened late</li><li>Counting went on all night</li></ul>", pasted
        )
        self.assertIn("<tr><td><p><strong>Party</strong></p></td>", pasted)

    def test_pasted_headings_keep_a_level_through_the_editor_and_the_save(self):
        """CKEditor's filter made a pasted <h1>, <h5> or <h6> a paragraph, so the
        server never saw a heading to move to a level the story has."""
        story = make_article(status=Article.Status.DRAFT)
        page = self.story_form(story)
        pasted = page.evaluate(PASTE, PASTED_HEADINGS)
        self.assertEqual(comparable_body(pasted), comparable_body(PASTED_HEADINGS_CLEANED))

        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist")
        story.refresh_from_db()
        self.assertEqual(comparable_body(story.body), comparable_body(PASTED_HEADINGS_CLEANED))

    def test_on_a_phone_a_wide_table_scrolls_in_its_own_box_and_cells_stand_apart(self):
        small = (
            "<table><tbody><tr><th>Party</th><th>Votes</th><th>Share</th></tr>"
            "<tr><td>Greens</td><td>1,204,332</td><td>12.4%</td></tr></tbody></table>"
        )
        story = make_article(body=f"<p>Results are in.</p>{ELECTION_TABLE}{small}")
        page = self.new_page(viewport=PHONE)
        page.goto(self.live_server_url + story.get_absolute_url())
        wide, narrow = page.locator(".story__body table").all()
        # The page never scrolls sideways; a wide table does, inside itself, and
        # keyboard users can focus it and scroll it with the arrow keys.
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        self.assertGreater(wide.evaluate("t => t.scrollWidth"), wide.evaluate("t => t.clientWidth"))
        self.assertEqual(wide.evaluate("t => getComputedStyle(t).overflowX"), "auto")
        wide.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("t => t.scrollLeft > 0", arg=wide.element_handle())
        wide.evaluate("t => { t.scrollLeft = 0 }")
        # Results of three columns fit a phone whole, and a caption longer than
        # their width is not squeezed to a word a line.
        narrow.evaluate(
            "t => t.insertAdjacentHTML('afterbegin', "
            "'<caption>Election results by region and party, first round</caption>')"
        )
        self.assertLess(
            narrow.locator("caption").evaluate("c => c.getBoundingClientRect().height"), 60
        )
        self.assertLessEqual(
            narrow.evaluate("t => t.scrollWidth"), narrow.evaluate("t => t.clientWidth")
        )
        # Each cell has room and a rule: "Greens" and "12.4%" never run together.
        first_cell = page.locator(".story__body td").first
        self.assertGreater(
            first_cell.evaluate("td => parseFloat(getComputedStyle(td).paddingRight)"), 0
        )
        self.assertNotEqual(
            first_cell.evaluate("td => getComputedStyle(td).borderBottomStyle"), "none"
        )
        # The caption stays in view while the wide table scrolls under it.
        caption = wide.locator("caption")
        left_before = caption.evaluate("c => c.getBoundingClientRect().left")
        wide.evaluate("t => { t.scrollLeft = t.scrollWidth }")
        self.assertGreater(wide.evaluate("t => t.scrollLeft"), 0)
        self.assertAlmostEqual(
            caption.evaluate("c => c.getBoundingClientRect().left"), left_before, delta=1
        )
        self.assertLessEqual(
            caption.evaluate("c => c.getBoundingClientRect().right"), PHONE["width"]
        )
        # Still a table to a screen reader, headers and all.
        snapshot = page.locator(".story__body").aria_snapshot()
        self.assertIn("- table", snapshot)
        self.assertIn('columnheader "Party"', snapshot)
        self.screenshot(page, "paste-cleanup-table-phone")
        # Printed, the caption is above the table, not a row under its header.
        page.emulate_media(media="print")
        caption_top = caption.evaluate("c => c.getBoundingClientRect().top")
        header_top = wide.locator("thead").evaluate("h => h.getBoundingClientRect().top")
        self.assertLess(caption_top, header_top)
