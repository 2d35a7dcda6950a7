"""The story body as readers get it: wide tables a keyboard can scroll, lazy pictures."""

from django.test import SimpleTestCase, TestCase

from articles.templatetags.newsroom_stories import reader_body
from tests.factories import make_article

TABLE = (
    "<table><caption>Mergers &amp; acquisitions</caption>"
    "<tbody><tr><td>Greens</td><td>12.4%</td></tr></tbody></table>"
)


class ReaderBodyTests(SimpleTestCase):
    def test_a_table_can_be_focused_and_keeps_its_caption(self):
        html = reader_body(f"<p>Before.</p>{TABLE}<p>After.</p>")
        self.assertHTMLEqual(
            html, f'<p>Before.</p>{TABLE.replace("<table>", "<table tabindex=0>")}<p>After.</p>'
        )

    def test_each_table_of_several_can_be_focused(self):
        html = reader_body(f"{TABLE}<p>Between.</p><table><tr><td>2</td></tr></table>")
        self.assertEqual(html.count('<table tabindex="0">'), 2)

    def test_a_table_inside_a_table_is_not_a_second_stop(self):
        inner = "<table><tr><td>inner</td></tr></table>"
        html = reader_body(f"<table><tr><td>{inner}</td></tr></table>{TABLE}")
        self.assertEqual(
            html,
            '<table tabindex="0"><tr><td><table><tr><td>inner</td></tr></table></td></tr>'
            "</table>" + TABLE.replace("<table>", '<table tabindex="0">'),
        )

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
        self.assertContains(response, '<table tabindex="0"><caption>Mergers &amp; acquisitions')


class AttributeTextTests(SimpleTestCase):
    """``reader_body`` edits tags by pattern: text that looks like a tag must never match.

    It relies on the sanitiser writing ``<`` inside attribute values as
    ``&lt;``; were it not, ``<table`` in a link's address would take the
    inserted ``tabindex="0"`` and close the attribute early, and what followed
    would become attributes of its own.
    """

    def test_tag_like_text_in_attributes_gains_no_attributes(self):
        from html.parser import HTMLParser

        from articles.sanitiser import clean_body

        body = clean_body(
            '<p><a href="https://x.example/?q=<table onmouseover=alert(1) ">x</a>'
            '<img src="https://e.example/a.png" alt="a <img onerror=alert(2) "></p>'
        )
        attributes = []

        class Collect(HTMLParser):
            def handle_starttag(self, tag, attrs):
                attributes.extend(name for name, _ in attrs)

        Collect().feed(str(reader_body(body)))
        self.assertNotIn("onmouseover", attributes)
        self.assertNotIn("onerror", attributes)
        self.assertEqual(
            sorted(set(attributes)), ["alt", "decoding", "href", "loading", "rel", "src"]
        )
