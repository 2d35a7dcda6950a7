"""The story body as readers get it: wide tables a keyboard can scroll, lazy pictures."""

from html.parser import HTMLParser
from unittest import mock

from django.core.files.storage import default_storage
from django.test import SimpleTestCase, TestCase, override_settings

from articles.sanitiser import clean_body
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

    def test_body_pictures_cost_the_story_page_no_query(self):
        """A story with pictures in its body takes as many queries as one without."""
        plain = make_article()
        with self.assertNumQueries(6) as without:
            self.client.get(plain.get_absolute_url())
        pictured = make_article(body=f'<p>Floods.</p><p><img src="{SIZED}" alt="Floods"></p>' * 3)
        with self.assertNumQueries(len(without.captured_queries)):
            response = self.client.get(pictured.get_absolute_url())
        self.assertContains(response, f'<img src="{SIZED}" srcset=', count=3)


class AttributeTextTests(SimpleTestCase):
    """``reader_body`` edits tags by pattern: text that looks like a tag must never match.

    It relies on the sanitiser writing ``<`` inside attribute values as
    ``&lt;``; were it not, ``<table`` in a link's address would take the
    inserted ``tabindex="0"`` and close the attribute early, and what followed
    would become attributes of its own.
    """

    def test_tag_like_text_in_attributes_gains_no_attributes(self):
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


STEM = "0123456789abcdef0123456789abcdef"
SIZED = f"/media/uploads/2026/11/{STEM}-1600x1067.jpg"
COLUMN = "(min-width: 51em) 48rem, (min-width: 40em) calc(100vw - 3rem), calc(100vw - 2rem)"


def renditions_srcset(extension, widths=(320, 640, 960, 1280), size="1600x1067"):
    return ", ".join(
        f"/media/renditions/uploads/2026/11/{STEM}-{size}-{width}.{extension} {width}w"
        for width in widths
    )


def attribute_names(html):
    """Every (tag, attribute) in ``html`` as a browser's parser reads it."""
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, name) for name, _ in attrs)

    Collect().feed(str(html))
    return found


class BodyPictureTests(SimpleTestCase):
    """Pictures uploaded with renditions (a sized name) reach readers as a ``<picture>``."""

    def test_a_sized_upload_becomes_a_responsive_picture(self):
        body = f'<p><img src="{SIZED}" alt="Flood &amp; rain" width="1600" height="1067"></p>'
        html = reader_body(clean_body(body))
        self.assertHTMLEqual(
            html,
            f'<p><picture><source type="image/webp" srcset="{renditions_srcset("webp")}" '
            f'sizes="{COLUMN}"><img src="{SIZED}" srcset="{renditions_srcset("jpg")}" '
            f'sizes="{COLUMN}" alt="Flood &amp; rain" width="1600" height="1067" '
            'loading="lazy" decoding="async"></picture></p>',
        )

    def test_rendering_touches_no_storage(self):
        """A body with many pictures costs no file access (and, in a SimpleTestCase, no query)."""
        touched = AssertionError("storage touched")
        with (
            mock.patch.object(default_storage, "exists", side_effect=touched),
            mock.patch.object(default_storage, "open", side_effect=touched),
            mock.patch.object(default_storage, "size", side_effect=touched),
        ):
            html = reader_body(f'<p><img src="{SIZED}" alt="Flood"></p>' * 20)
        self.assertEqual(html.count("<picture>"), 20)

    def test_a_picture_without_width_and_height_gets_them_from_its_name(self):
        html = reader_body(f'<p><img src="{SIZED}" alt="Flood"></p>')
        self.assertIn('alt="Flood" width="1600" height="1067" loading="lazy"', html)

    def test_an_authors_smaller_size_is_kept_and_fetched_small(self):
        """A picture set 400 px wide asks for a 400 px copy once the page is wide enough."""
        html = reader_body(f'<p><img src="{SIZED}" alt="Flood" width="400" height="267"></p>')
        self.assertIn('width="400" height="267"', html)
        self.assertIn(f'sizes="(min-width: 448px) 400px, {COLUMN}"', html)

    def test_a_size_out_of_proportion_is_corrected_from_the_width(self):
        for attributes, expected in (
            ('width="800" height="800"', 'width="800" height="534"'),
            ('height="534"', 'width="801" height="534"'),
            ('width="50%" height="100"', 'width="150" height="100"'),
            ('width="wide" height="tall"', 'width="1600" height="1067"'),
        ):
            with self.subTest(attributes):
                html = reader_body(f'<p><img src="{SIZED}" alt="Flood" {attributes}></p>')
                self.assertIn(expected, html)
                self.assertEqual(html.count("width="), 1)

    def test_a_webp_original_has_one_list_and_no_source(self):
        src = f"/media/uploads/2026/11/{STEM}-1600x1067.webp"
        html = reader_body(f'<p><img src="{src}" alt="Flood"></p>')
        self.assertNotIn("<source", html)
        self.assertIn(f'srcset="{renditions_srcset("webp")}"', html)

    def test_a_small_original_lists_its_own_width_last(self):
        src = f"/media/uploads/2026/11/{STEM}-500x300.png"
        html = reader_body(f'<p><img src="{src}" alt="Map"></p>')
        self.assertIn(f'srcset="{renditions_srcset("png", (320, 500), "500x300")}"', html)
        self.assertIn('width="500" height="300"', html)

    def test_a_picture_without_alt_gets_none_invented(self):
        html = reader_body(f'<p><img src="{SIZED}"></p>')
        self.assertIn("<picture>", html)
        self.assertNotIn("alt=", html)

    def test_other_pictures_are_served_exactly_as_before(self):
        for src in (
            "/media/uploads/2026/11/0123456789abcdef0123456789abcdef.jpg",  # before sizes
            "/media/uploads/2026/11/photo-1600x1067.jpg",  # not a random name
            f"/media/uploads/2026/11/{STEM}-1600x1067_Ab12Cd3.jpg",  # renamed by storage
            f"/media/uploads/2026/11/{STEM}-0x1067.jpg",
            f"/media/uploads/2026/11/{STEM}-1600x1067.bmp",
            f"/media/uploads/2026/11/{STEM}-1600x1067.jpg?v=2",
            f"https://other.example{SIZED}",
            f"//other.example{SIZED}",
            f"/media/uploads/x/../2026/11/{STEM}-1600x1067.jpg",
            f"/other{SIZED}",
            f"/media/articles/2026/11/{STEM}-1600x1067.jpg",
        ):
            with self.subTest(src):
                body = clean_body(f'<p><img src="{src}" alt="Flood" width="10"></p>')
                today = body.replace("<img ", '<img loading="lazy" decoding="async" ')
                self.assertEqual(reader_body(body), today)

    def test_pictures_on_a_media_host_are_found_by_its_address(self):
        with override_settings(MEDIA_URL="https://media.news.example/"):
            cdn = SIZED.replace("/media/", "https://media.news.example/")
            html = reader_body(f'<p><img src="{cdn}" alt="a"><img src="{SIZED}" alt="b"></p>')
        self.assertEqual(html.count("<picture>"), 1)
        self.assertIn(f"https://media.news.example/renditions/uploads/2026/11/{STEM}", html)

    def test_a_tag_the_sanitiser_did_not_write_is_left_alone(self):
        """Bodies are sanitised on save; one that was not (a raw import) gains nothing."""
        for tag in (
            f'<img src="{SIZED}" alt="x" onerror="alert(1)">',
            f"<img src='{SIZED}' alt='x'>",
            f"<img src={SIZED} alt=x>",
            f'<img src="{SIZED}" src="/media/other.jpg">',
            f'<img srcset="/x.jpg 1w" src="{SIZED}">',
        ):
            with self.subTest(tag):
                self.assertNotIn("<picture>", reader_body(f"<p>{tag}</p>"))

    def test_hostile_text_in_a_body_picture_stays_text(self):
        body = clean_body(
            f'<p><img src="{SIZED}" alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; '
            '<img src=x onerror=alert(2)>" onload="alert(3)"></p>'
            f'<p><img src="{SIZED}&quot; onerror=&quot;alert(4)" alt="x"></p>'
            f'<p><img src="javascript:alert(5)//{STEM}-1600x1067.jpg" alt="x"></p>'
        )
        html = reader_body(body)
        self.assertEqual(html.count("<picture>"), 1)
        self.assertNotIn("<script", html)
        self.assertNotIn("javascript:", html)
        self.assertEqual(
            sorted({name for tag, name in attribute_names(html) if tag in {"img", "source"}}),
            ["alt", "decoding", "height", "loading", "sizes", "src", "srcset", "type", "width"],
        )

    def test_rendering_twice_changes_nothing_more(self):
        once = reader_body(f'<p><img src="{SIZED}" alt="Flood"></p>')
        self.assertEqual(reader_body(once), once)
