"""The story body as readers get it: wide tables in a box a keyboard can scroll, lazy pictures."""

from django.test import SimpleTestCase, TestCase

from articles.templatetags.newsroom_stories import reader_body
from tests.factories import make_article

TABLE = (
    "<table><caption>Results <em>by party</em></caption>"
    "<tbody><tr><td>Greens</td><td>12.4%</td></tr></tbody></table>"
)


class ReaderBodyTests(SimpleTestCase):
    def test_a_table_sits_in_a_focusable_region_named_after_its_caption(self):
        html = reader_body(f"<p>Before.</p>{TABLE}<p>After.</p>")
        self.assertHTMLEqual(
            html,
            '<p>Before.</p><div class="table-scroll" role="region" tabindex="0" '
            f'aria-label="Results by party">{TABLE}</div><p>After.</p>',
        )

    def test_a_table_without_a_caption_is_named_table(self):
        html = reader_body("<table><tr><td>1</td></tr></table>")
        self.assertIn('aria-label="Table"', html)

    def test_a_table_inside_a_table_gets_no_box_of_its_own(self):
        inner = "<table><tr><td>inner</td></tr></table>"
        html = reader_body(f"<table><tr><td>{inner}</td></tr></table><p>After.</p>")
        self.assertEqual(html.count('class="table-scroll"'), 1)
        self.assertTrue(html.endswith("</td></tr></table></td></tr></table></div><p>After.</p>"))

    def test_a_caption_cannot_break_out_of_the_label(self):
        html = reader_body('<table><caption>"><script>x</script></caption></table>')
        self.assertIn('aria-label="&quot;&gt;x"', html)

    def test_pictures_load_lazily(self):
        html = reader_body('<figure><img src="/media/a.jpg" alt="Floods"></figure>')
        self.assertHTMLEqual(
            html,
            '<figure><img loading="lazy" decoding="async" src="/media/a.jpg" alt="Floods">'
            "</figure>",
        )

    def test_a_body_without_tables_or_pictures_is_unchanged(self):
        self.assertEqual(reader_body("<p>Talks resume.</p>"), "<p>Talks resume.</p>")


class StoryPageTests(TestCase):
    def test_the_story_page_serves_the_reader_body(self):
        story = make_article(body=f"<p>Votes were counted.</p>{TABLE}")
        response = self.client.get(story.get_absolute_url())
        self.assertContains(response, 'role="region" tabindex="0" aria-label="Results by party"')
