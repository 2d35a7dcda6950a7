"""Feed ids that never change, one "last modified" time everywhere, valid times, feed images.

- A feed item's id is a ``tag:`` URI (RFC 4151) that outlives a move to another
  section, a new slug and a change of the site's time zone: RFC 4287 says an
  entry's id must not change, and a reader shows an item with a new id as news.
- ``dateModified``, ``article:modified_time``, each feed entry's ``<updated>``
  and each sitemap ``<lastmod>`` read ``Article.last_modified_at``: never
  before publication, and moved by a correction.
- Every ``<time datetime>`` is a valid HTML date string (at most three digits
  of fractional seconds: we write none).
- Stories with a featured image carry it in feeds as Media RSS.
"""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from django.contrib.sites.models import Site
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Correction
from tests.factories import make_article, make_section, make_user

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA_NS = "http://search.yahoo.com/mrss/"
MEDIA = "{" + MEDIA_NS + "}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
MODIFIED_TIME = re.compile(r'<meta property="article:modified_time" content="([^"]+)">')
TIME_DATETIME = re.compile(r'<time\b[^>]*\bdatetime="([^"]*)"')
# HTML's "valid global date and time string": seconds optional, 1-3 digits of fraction.
VALID_HTML_DATETIME = re.compile(
    r"^\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$"
)
TAG_URI = re.compile(r"^tag:example\.com,\d{4}-\d{2}-\d{2}:(story|correction)/\d+$")


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


class FeedTestCase(TestCase):
    def setUp(self):
        # The current Site is cached per process; warm it so query counts are stable.
        Site.objects.get_current()

    def fetch(self, name, **kwargs):
        response = self.client.get(reverse(name, kwargs=kwargs))
        self.assertEqual(response.status_code, 200)
        return response, parse(response)

    def rss_item(self, story, name="feeds:rss"):
        _, root = self.fetch(name)
        for item in root.iter("item"):
            if item.findtext("title") == story.headline:
                return item
        self.fail(f"{story.headline!r} is not in the feed")

    def atom_entry(self, story, name="feeds:atom"):
        _, root = self.fetch(name)
        for entry in root.iter(f"{ATOM}entry"):
            if entry.findtext(f"{ATOM}title") == story.headline:
                return entry
        self.fail(f"{story.headline!r} is not in the feed")


class StoryIdTests(FeedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.business = make_section(name="Business", slug="business")
        # 23:30 UTC: the next day in Tokyo, so the story's local date depends on TIME_ZONE.
        published_at = (timezone.now() - timedelta(days=1)).replace(
            hour=23, minute=30, second=0, microsecond=0
        )
        cls.story = make_article(
            headline="Central bank holds rates",
            slug="central-bank-holds-rates",
            section=cls.world,
            published_at=published_at,
        )

    def ids(self):
        item = self.rss_item(self.story)
        entry = self.atom_entry(self.story)
        return item, entry

    def test_rss_guid_and_atom_id_are_one_tag_uri_and_not_a_permalink(self):
        item, entry = self.ids()
        guid = item.find("guid")
        self.assertRegex(guid.text, TAG_URI)
        self.assertTrue(guid.text.endswith(f":story/{self.story.pk}"))
        self.assertEqual(guid.get("isPermaLink"), "false")
        self.assertEqual(entry.findtext(f"{ATOM}id"), guid.text)
        # The link is still the story's address.
        self.assertEqual(
            item.findtext("link"), "http://example.com" + self.story.get_absolute_url()
        )

    def test_ids_survive_a_move_to_another_section_and_a_new_slug(self):
        item, entry = self.ids()
        guid, atom_id, link = (
            item.findtext("guid"),
            entry.findtext(f"{ATOM}id"),
            item.findtext("link"),
        )
        story = Article.objects.get(pk=self.story.pk)
        story.section = self.business
        story.slug = "central-bank-keeps-rates-on-hold"
        story.save()
        item, entry = self.ids()
        self.assertNotEqual(item.findtext("link"), link)  # the address did move
        self.assertEqual(item.findtext("guid"), guid)
        self.assertEqual(entry.findtext(f"{ATOM}id"), atom_id)

    def test_ids_do_not_depend_on_the_sites_time_zone(self):
        item, entry = self.ids()
        with override_settings(TIME_ZONE="Asia/Tokyo"):
            moved_item, moved_entry = self.ids()
        self.assertNotEqual(moved_item.findtext("link"), item.findtext("link"))
        self.assertEqual(moved_item.findtext("guid"), item.findtext("guid"))
        self.assertEqual(moved_entry.findtext(f"{ATOM}id"), entry.findtext(f"{ATOM}id"))

    def test_section_and_site_feeds_give_a_story_the_same_id(self):
        in_site = self.rss_item(self.story).findtext("guid")
        _, root = self.fetch("feeds:section_rss", slug="world")
        self.assertEqual(root.find("channel/item").findtext("guid"), in_site)


class CorrectionsFeedTests(FeedTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.story = make_article(headline="Election results", slug="election-results")
        cls.correction = services.add_correction(
            cls.story,
            kind="correction",
            note="Turnout was <half of ballots cast> & falling, not rising.",
        )

    def item(self):
        _, root = self.fetch("workflow:corrections_feed")
        items = root.findall("channel/item")
        self.assertEqual(len(items), 1)
        return items[0]

    def test_note_is_plain_text_escaped_in_the_html_description(self):
        """Readers treat the description as HTML: "<half ...>" must not become a tag."""
        self.assertEqual(
            self.item().findtext("description"),
            "Turnout was &lt;half of ballots cast&gt; &amp; falling, not rising.",
        )

    def test_guid_is_a_tag_uri_that_survives_a_new_slug(self):
        item = self.item()
        guid = item.find("guid")
        self.assertRegex(guid.text, TAG_URI)
        self.assertTrue(guid.text.endswith(f":correction/{self.correction.pk}"))
        self.assertEqual(guid.get("isPermaLink"), "false")
        self.assertTrue(item.findtext("link").endswith(f"#correction-{self.correction.pk}"))
        Article.objects.filter(pk=self.story.pk).update(slug="election-results-final")
        self.assertEqual(self.item().findtext("guid"), guid.text)

    def test_a_correction_and_its_story_have_different_ids(self):
        story_guid = self.rss_item(self.story).findtext("guid")
        self.assertNotEqual(self.item().findtext("guid"), story_guid)


class LastModifiedTests(FeedTestCase):
    """dateModified, article:modified_time, Atom <updated> and <lastmod> agree."""

    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.story = make_article(
            headline="Ceasefire talks resume",
            slug="ceasefire-talks-resume",
            published_at=now - timedelta(days=3, hours=1),
        )
        # Saved the evening before, scheduled for the morning, never saved again.
        Article.objects.filter(pk=cls.story.pk).update(updated_at=now - timedelta(days=3, hours=9))
        cls.story.refresh_from_db()

    def page(self):
        response = self.client.get(self.story.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def json_ld(self, html):
        blocks = {block["@type"]: block for block in map(json.loads, JSON_LD.findall(html))}
        return blocks["NewsArticle"]

    def correct(self):
        return services.add_correction(
            self.story, kind="correction", note="The talks are in Doha, not Cairo."
        )

    def test_date_modified_is_never_before_date_published(self):
        data = self.json_ld(self.page())
        published = datetime.fromisoformat(data["datePublished"])
        self.assertEqual(published, self.story.published_at)
        self.assertGreaterEqual(datetime.fromisoformat(data["dateModified"]), published)

    def test_a_correction_moves_date_modified_and_the_modified_time_tag(self):
        correction = self.correct()
        html = self.page()
        modified = datetime.fromisoformat(self.json_ld(html)["dateModified"])
        self.assertEqual(modified, correction.created_at)
        meta = MODIFIED_TIME.search(html)
        self.assertIsNotNone(meta)
        self.assertEqual(datetime.fromisoformat(meta.group(1)), correction.created_at)

    def test_the_modified_time_tag_names_the_publication_of_a_story_never_updated(self):
        meta = MODIFIED_TIME.search(self.page())
        self.assertIsNotNone(meta)
        self.assertEqual(datetime.fromisoformat(meta.group(1)), self.story.published_at)

    def test_the_property_is_the_latest_of_the_three_times(self):
        story = Article.objects.get(pk=self.story.pk)
        self.assertEqual(story.last_modified_at, story.published_at)
        story.substantive_update_at = story.published_at + timedelta(hours=2)
        self.assertEqual(story.last_modified_at, story.substantive_update_at)
        draft = Article(updated_at=story.updated_at)
        self.assertEqual(draft.last_modified_at, story.updated_at)

    def test_atom_updated_is_never_before_publication_and_reflects_a_correction(self):
        entry = self.atom_entry(self.story)
        self.assertEqual(
            datetime.fromisoformat(entry.findtext(f"{ATOM}updated")), self.story.published_at
        )
        correction = self.correct()
        entry = self.atom_entry(self.story)
        self.assertEqual(
            datetime.fromisoformat(entry.findtext(f"{ATOM}updated")), correction.created_at
        )

    def test_sitemap_lastmod_reflects_a_correction(self):
        correction = self.correct()
        response = self.client.get(reverse("sitemap-section", kwargs={"section": "stories"}))
        lastmods = {
            url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod")
            for url in parse(response).iter(f"{SM}url")
        }
        self.assertEqual(
            datetime.fromisoformat(lastmods["http://example.com" + self.story.get_absolute_url()]),
            correction.created_at.replace(microsecond=0),
        )

    def test_story_sitemap_reads_the_update_time_without_a_query_per_story(self):
        self.correct()
        for _ in range(3):
            services.add_correction(make_article(), kind="update", note="New figures.")
        with self.assertNumQueries(2):
            self.client.get(reverse("sitemap-section", kwargs={"section": "stories"}))


class HtmlTimeTests(TestCase):
    def assertTimesValid(self, response):
        """The page has ``<time>`` elements, and each ``datetime`` is one HTML accepts."""
        values = TIME_DATETIME.findall(response.content.decode())
        self.assertTrue(values)
        for value in values:
            self.assertRegex(value, VALID_HTML_DATETIME)

    def test_every_time_element_has_a_valid_html_datetime(self):
        """Python writes six digits of microseconds; HTML allows one to three."""
        section = make_section(name="World", slug="world")
        published_at = timezone.now().replace(microsecond=824613) - timedelta(hours=2)
        story = make_article(section=section, published_at=published_at)
        services.add_correction(
            story,
            kind="update",
            note="Figures updated.",
            when=timezone.now().replace(microsecond=123456) - timedelta(minutes=5),
        )
        for url in ("/", section.get_absolute_url(), story.get_absolute_url(), "/corrections/"):
            with self.subTest(url=url):
                self.assertTimesValid(self.client.get(url))

    def test_the_admin_pages_time_elements_are_valid_too(self):
        """The editors' home page and a scheduled story's form wrote ``date:'c'``."""
        now = timezone.now().replace(microsecond=824613)
        draft = make_article(status=Article.Status.DRAFT, published_at=None)
        scheduled = make_article(published_at=now + timedelta(days=1))
        make_article(published_at=now - timedelta(hours=1))
        # Around ``services``, which refuses one on a story no reader has seen.
        Correction.objects.create(article=draft, kind="update", note="Figures.", created_at=now)
        Article.objects.filter(pk=draft.pk).update(updated_at=now)
        self.client.force_login(make_user(superuser=True))
        pages = {
            "home": reverse("admin:index"),
            "scheduled story": reverse("admin:articles_article_change", args=[scheduled.pk]),
        }
        for name, url in pages.items():
            with self.subTest(page=name):
                self.assertTimesValid(self.client.get(url))
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_selected", "_selected_action": [scheduled.pk]},
        )
        self.assertTimesValid(response)

    @override_settings(TIME_ZONE="Europe/Paris")
    def test_story_time_keeps_the_seconds_and_the_offset(self):
        from articles.templatetags.newsroom_stories import story_time

        self.assertEqual(
            story_time(datetime(2026, 11, 28, 6, 6, 59, 824613, tzinfo=UTC)),
            '<time datetime="2026-11-28T07:06:59+01:00">28 Nov 2026, 07:06 CET</time>',
        )


class ZoneLabelTests(TestCase):
    def test_zones_named_by_their_offset_read_as_utc_and_the_offset(self):
        from articles.templatetags.newsroom_stories import story_time

        when = datetime(2026, 11, 28, 7, 45, tzinfo=UTC)
        for zone, label in (
            ("UTC", "07:45 UTC"),
            ("Europe/Paris", "08:45 CET"),
            ("America/Sao_Paulo", "04:45 UTC−3"),
            ("Asia/Dubai", "11:45 UTC+4"),
            ("Asia/Kolkata", "13:15 IST"),
            ("Asia/Kathmandu", "13:30 UTC+5:45"),
        ):
            with self.subTest(zone), override_settings(TIME_ZONE=zone):
                self.assertIn(f"{label}</time>", story_time(when))


class FeedImageTests(FeedTestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.pictured = make_article(
            headline="Floods in the delta",
            featured_image="articles/abc123.jpg",
            featured_image_width=1600,
            featured_image_height=900,
            featured_image_alt='Rescuers "wade" <through> water',
            featured_image_credit="Reuters/Ana Ruiz",
            published_at=now - timedelta(hours=1),
        )
        cls.small = make_article(
            headline="Harvest begins",
            featured_image="articles/small.png",
            featured_image_width=700,
            featured_image_height=350,
            published_at=now - timedelta(hours=2),
        )
        cls.plain = make_article(headline="Talks end", published_at=now - timedelta(hours=3))

    def assert_media(self, element, url, width, height, description=None, credit=None):
        media = element.findall(f"{MEDIA}content")
        self.assertEqual(len(media), 1)
        media = media[0]
        self.assertEqual(media.get("url"), url)
        self.assertEqual(media.get("medium"), "image")
        self.assertEqual((media.get("width"), media.get("height")), (width, height))
        self.assertEqual(media.findtext(f"{MEDIA}description"), description)
        self.assertEqual(media.findtext(f"{MEDIA}credit"), credit)

    def test_rss_items_carry_the_image_as_media_content(self):
        with self.assertNumQueries(2):  # the image is on the story row
            response, _ = self.fetch("feeds:rss")
        self.assertIn(f'xmlns:media="{MEDIA_NS}"', response.content.decode())
        self.assert_media(
            self.rss_item(self.pictured),
            "http://example.com/media/renditions/articles/abc123-1280.jpg",
            "1280",
            "720",
            'Rescuers "wade" <through> water',
            "Reuters/Ana Ruiz",
        )
        # Narrower than the widest rendition: the copy at its own width.
        self.assert_media(
            self.rss_item(self.small),
            "http://example.com/media/renditions/articles/small-700.png",
            "700",
            "350",
        )
        self.assertIsNone(self.rss_item(self.plain).find(f"{MEDIA}content"))

    def test_atom_entries_carry_the_image_as_media_content(self):
        with self.assertNumQueries(2):
            response, _ = self.fetch("feeds:atom")
        self.assertIn(f'xmlns:media="{MEDIA_NS}"', response.content.decode())
        self.assert_media(
            self.atom_entry(self.pictured),
            "http://example.com/media/renditions/articles/abc123-1280.jpg",
            "1280",
            "720",
            'Rescuers "wade" <through> water',
            "Reuters/Ana Ruiz",
        )
        self.assertIsNone(self.atom_entry(self.plain).find(f"{MEDIA}content"))

    def test_an_image_in_a_format_we_do_not_render_is_the_original(self):
        """An imported name in no format make_renditions writes has no renditions to name."""
        Article.objects.filter(pk=self.pictured.pk).update(featured_image="articles/scan.bmp")
        self.assert_media(
            self.rss_item(self.pictured),
            "http://example.com/media/articles/scan.bmp",
            "1600",
            "900",
            'Rescuers "wade" <through> water',
            "Reuters/Ana Ruiz",
        )

    def test_section_feed_carries_the_image_in_a_fixed_number_of_queries(self):
        section = self.pictured.section
        with self.assertNumQueries(3):
            _, root = self.fetch("feeds:section_atom", slug=section.slug)
        self.assertIsNotNone(root.find(f"{ATOM}entry/{MEDIA}content"))
