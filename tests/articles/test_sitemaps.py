"""Sitemaps, the Google News sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from unittest import mock

from django.contrib.sites.models import Site
from django.test import TestCase
from django.utils import timezone

from articles import sitemaps
from tests.factories import (
    make_article,
    make_author,
    make_hidden_articles,
    make_section,
    make_source,
)

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ROOT = "http://example.com"


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 (our own output)


class SitemapTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.world = make_section(name="World", slug="world")
        cls.europe = make_section(name="Europe", slug="europe", parent=cls.world)
        cls.empty_section = make_section(name="Empty", slug="empty")
        cls.ann = make_author(name="Ann Baker", slug="ann-baker")
        cls.idle = make_author(name="Idle Writer", slug="idle-writer")
        cls.agency = make_source(name="Agence Exemple", slug="agence-exemple")
        cls.cited = make_source(name="Cited Daily", slug="cited-daily")
        cls.unused = make_source(name="Unused Wire", slug="unused-wire")
        cls.fresh = make_article(
            headline="Fresh & new <story>",
            section=cls.europe,
            authors=[cls.ann],
            origin=cls.agency,
            cited=[cls.cited],
            published_at=now - timedelta(days=1),
            language="fr",
        )
        cls.old = make_article(
            headline="Three days old",
            section=cls.europe,
            authors=[cls.ann],
            published_at=now - timedelta(days=3),
        )
        # Only hidden stories for the idle author, the unused source, the empty section.
        for story in make_hidden_articles(section=cls.empty_section, authors=[cls.idle]):
            story.source_credits.create(source=cls.unused)

    def setUp(self):
        Site.objects.get_current()

    def locations(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        return [loc.text for loc in parse(response).iter(f"{SM}loc")]


class SitemapIndexTests(SitemapTestCase):
    def test_index_links_each_sitemap(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response["Content-Type"], "application/xml")
        root = parse(response)
        self.assertEqual(root.tag, f"{SM}sitemapindex")
        self.assertEqual(
            [loc.text for loc in root.iter(f"{SM}loc")],
            [
                f"{ROOT}/sitemap-{name}.xml"
                for name in ("stories", "sections", "authors", "sources")
            ],
        )
        for entry in root.findall(f"{SM}sitemap"):
            self.assertTrue(entry.findtext(f"{SM}lastmod"), entry.findtext(f"{SM}loc"))

    def test_index_query_count_is_fixed(self):
        """Story lastmod comes from one aggregate, not from loading every story.

        Two for stories (latest publication, count), one each for sections, authors
        and sources (the pages, each with its latest story as a subquery; it
        was two each, a grouped scan of every public story and the pages).
        """
        with self.assertNumQueries(5):
            self.client.get("/sitemap.xml")
        for _ in range(5):
            make_article(section=make_section(), authors=[make_author()], origin=make_source())
        with self.assertNumQueries(5):
            self.client.get("/sitemap.xml")


    def test_stories_sitemap_is_split_into_pages_the_index_lists(self):
        """A page holds at most ``limit`` stories, so its cost does not grow with the archive."""
        self.assertEqual(sitemaps.StorySitemap.limit, sitemaps.STORIES_PER_SITEMAP_PAGE)
        with mock.patch.object(sitemaps.StorySitemap, "limit", 1):
            index = self.locations("/sitemap.xml")
            first = self.locations("/sitemap-stories.xml")
            second = self.locations("/sitemap-stories.xml?p=2")
        self.assertIn(f"{ROOT}/sitemap-stories.xml?p=2", index)
        self.assertEqual(first, [ROOT + self.fresh.get_absolute_url()])
        self.assertEqual(second, [ROOT + self.old.get_absolute_url()])

    def test_index_lastmod_is_the_newest_publication(self):
        response = self.client.get("/sitemap.xml")
        entries = {
            entry.findtext(f"{SM}loc"): entry.findtext(f"{SM}lastmod")
            for entry in parse(response).findall(f"{SM}sitemap")
        }
        stories = entries[f"{ROOT}/sitemap-stories.xml"]
        self.assertTrue(stories.startswith(self.fresh.published_at.isoformat()[:16]), stories)
        # The newest story is in Europe: the sections sitemap has the same date.
        self.assertEqual(entries[f"{ROOT}/sitemap-sections.xml"], stories)


class SectionSitemapTests(SitemapTestCase):
    def test_stories_sitemap_lists_public_stories_with_lastmod(self):
        response = self.client.get("/sitemap-stories.xml")
        root = parse(response)
        urls = {url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in root}
        self.assertEqual(
            set(urls), {ROOT + self.fresh.get_absolute_url(), ROOT + self.old.get_absolute_url()}
        )
        lastmod = urls[ROOT + self.fresh.get_absolute_url()]
        self.assertEqual(lastmod, timezone.localdate(self.fresh.updated_at).isoformat())

    def test_sections_with_public_stories_and_their_parents_are_listed(self):
        self.assertCountEqual(
            self.locations("/sitemap-sections.xml"), [f"{ROOT}/world/", f"{ROOT}/europe/"]
        )

    def test_only_authors_and_sources_with_public_stories_are_listed(self):
        self.assertEqual(self.locations("/sitemap-authors.xml"), [f"{ROOT}/authors/ann-baker/"])
        self.assertEqual(
            self.locations("/sitemap-sources.xml"),
            [f"{ROOT}/sources/agence-exemple/", f"{ROOT}/sources/cited-daily/"],
        )

    def test_story_sitemap_query_count_is_fixed(self):
        with self.assertNumQueries(2):  # count for the paginator, then the page
            self.client.get("/sitemap-stories.xml")
        for _ in range(5):
            make_article(section=make_section())
        with self.assertNumQueries(2):
            self.client.get("/sitemap-stories.xml")

    def test_hidden_stories_are_in_no_sitemap(self):
        content = "".join(
            self.client.get(path).content.decode()
            for path in (
                "/sitemap-stories.xml",
                "/sitemap-sections.xml",
                "/sitemap-authors.xml",
                "/sitemap-sources.xml",
                "/news-sitemap.xml",
            )
        )
        for trace in ("-story", "/empty/", "idle-writer", "unused-wire"):
            self.assertNotIn(trace, content)


class NewsSitemapTests(SitemapTestCase):
    def test_lists_stories_from_the_last_two_days_with_news_elements(self):
        response = self.client.get("/news-sitemap.xml")
        self.assertEqual(response["Content-Type"], "application/xml")
        root = parse(response)
        self.assertEqual(root.tag, f"{SM}urlset")
        urls = root.findall(f"{SM}url")
        self.assertEqual(len(urls), 1, "the three-day-old story is left out")
        url = urls[0]
        self.assertEqual(url.findtext(f"{SM}loc"), ROOT + self.fresh.get_absolute_url())
        news = url.find(f"{NEWS}news")
        self.assertEqual(news.findtext(f"{NEWS}publication/{NEWS}name"), "Newsroom")
        self.assertEqual(news.findtext(f"{NEWS}publication/{NEWS}language"), "fr")
        self.assertEqual(news.findtext(f"{NEWS}title"), "Fresh & new <story>")
        published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
        self.assertIsNotNone(published.tzinfo)
        self.assertEqual(published, self.fresh.published_at)

    def test_publication_name_comes_from_settings(self):
        with self.settings(NEWSROOM_NAME="The Daily Example"):
            root = parse(self.client.get("/news-sitemap.xml"))
        self.assertEqual(root.findtext(f".//{NEWS}name"), "The Daily Example")

    def test_is_capped_newest_first(self):
        newer = make_article(published_at=timezone.now() - timedelta(minutes=5))
        with mock.patch.object(sitemaps, "NEWS_SITEMAP_LIMIT", 1):
            locations = self.locations("/news-sitemap.xml")
        self.assertEqual(locations, [ROOT + newer.get_absolute_url()])

    def test_query_count_is_fixed(self):
        with self.assertNumQueries(1):
            self.client.get("/news-sitemap.xml")
        for _ in range(5):
            make_article(section=make_section())
        with self.assertNumQueries(1):
            self.client.get("/news-sitemap.xml")


class RobotsTxtTests(SitemapTestCase):
    def test_names_both_sitemaps_and_keeps_crawlers_out_of_admin_and_previews(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        self.assertIn("Disallow: /admin/", lines)
        self.assertIn("Disallow: /preview/", lines)
        self.assertIn(f"Sitemap: {ROOT}/sitemap.xml", lines)
        self.assertIn(f"Sitemap: {ROOT}/news-sitemap.xml", lines)
