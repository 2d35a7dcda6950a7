"""The readers' page of feeds at /feeds/: what a feed is, and which feeds there are."""

import re

from django.test import TestCase
from django.urls import reverse

from tests.factories import make_article, make_author, make_section, make_source
from tests.test_page_cache import PageCacheTestCase


def main_of(response):
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def footer_of(response):
    return response.content.decode().split('<footer class="site-footer"', 1)[1]


class SomeFeeds:
    """Sections in and out of the navigation, and a story in Europe by a writer from a source."""

    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world", position=1)
        cls.europe = make_section(name="Europe", slug="europe", parent=cls.world)
        cls.business = make_section(name="Business", slug="business", position=2)
        cls.hidden = make_section(
            name="Sponsored", slug="sponsored", position=3, show_in_nav=False
        )
        cls.hidden_child = make_section(name="Partners", slug="partners", parent=cls.hidden)
        cls.writer = make_author(name="Amira Haddad", slug="amira-haddad")
        cls.agency = make_source(name="Continental Press Agency", slug="cpa")
        make_article(section=cls.europe, authors=[cls.writer], origin=cls.agency)


class FeedIndexTests(SomeFeeds, TestCase):
    def test_the_page_says_what_a_feed_is_and_how_to_use_one(self):
        response = self.client.get("/feeds/")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, '<h1 class="page-header__title">RSS feeds</h1>', html=True)
        self.assertContains(response, "paste it into your feed reader")
        self.assertContains(response, "<title>RSS feeds | Newsroom</title>")
        self.assertContains(response, '<link rel="canonical" href="http://testserver/feeds/">')

    def test_the_latest_stories_feeds_are_given_as_text_to_copy_and_as_links(self):
        response = self.client.get("/feeds/")
        for kind, media_type in (("rss", "rss"), ("atom", "atom")):
            with self.subTest(kind):
                address = f"http://testserver/feeds/{kind}/"
                self.assertContains(
                    response, f'<code class="feed-addresses__address">{address}</code>', html=True
                )
                self.assertContains(
                    response, f'<a href="{address}" type="application/{media_type}+xml">'
                )

    def test_lists_the_sections_the_navigation_shows_with_their_subsections(self):
        """In navigation order, each followed by its subsections; a section kept out
        of the navigation, and what sits under it, is not offered."""
        page = main_of(self.client.get("/feeds/"))
        names = re.findall(r'<h3 class="feeds__name"><a href="([^"]+)">([^<]+)</a>', page)
        self.assertEqual(
            names,
            [("/world/", "World"), ("/europe/", "World › Europe"), ("/business/", "Business")],
        )
        for slug in ("world", "europe", "business"):
            for kind in ("rss", "atom"):
                self.assertIn(f"http://testserver/feeds/sections/{slug}/{kind}/", page)
        self.assertNotIn("Sponsored", page)
        self.assertNotIn("sponsored", page)
        self.assertNotIn("partners", page)

    def test_writers_and_sources_are_not_listed_one_by_one(self):
        """There may be thousands: the page sends readers to their pages instead."""
        page = main_of(self.client.get("/feeds/"))
        self.assertNotIn("Amira Haddad", page)
        self.assertNotIn("/feeds/authors/", page)
        self.assertNotIn("Continental Press Agency", page)
        self.assertNotIn("/feeds/sources/", page)
        self.assertIn(f'href="{reverse("authors:index")}"', page)
        self.assertIn(f'href="{reverse("sources:index")}"', page)

    def test_query_count_is_fixed(self):
        """One query, the section tree (shared with the navigation), however many sections.

        Guards against a query per section for its subsections or its address.
        """
        with self.assertNumQueries(1):
            response = self.client.get("/feeds/")
        self.assertEqual(response.status_code, 200)
        for n in range(5):
            top = make_section(name=f"Desk {n}", slug=f"desk-{n}", position=10 + n)
            make_section(name=f"Region {n}", slug=f"region-{n}", parent=top)
        with self.assertNumQueries(1):
            response = self.client.get("/feeds/")
        self.assertContains(response, "Desk 4 › Region 4")

    def test_only_get_and_head(self):
        self.assertEqual(self.client.head("/feeds/").status_code, 200)
        self.assertEqual(self.client.post("/feeds/").status_code, 405)

    def test_the_footer_links_to_this_page_and_the_head_still_to_the_feeds(self):
        """Tapped on a phone, a feed's XML is shown as code: the footer's link leads to
        this page. Feed readers find the feeds themselves from the head."""
        for path in ("/", "/world/", "/authors/amira-haddad/", "/sources/cpa/", "/feeds/"):
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assertIn('<li><a href="/feeds/"', footer_of(response))
                self.assertNotIn('<a href="/feeds/rss/">', footer_of(response))
                self.assertContains(
                    response,
                    '<link rel="alternate" type="application/rss+xml" title="Newsroom: latest'
                    ' stories (RSS)" href="/feeds/rss/">',
                )
        footer = footer_of(self.client.get("/feeds/"))
        self.assertIn('<a href="/feeds/" aria-current="page">RSS feeds</a>', footer)

    def test_route_reverses(self):
        self.assertEqual(reverse("feeds:index"), "/feeds/")



class FollowFeedsTests(SomeFeeds, TestCase):
    """A section's, a writer's and a source's page give their own feeds' addresses
    under the stories, as the page of feeds does: to copy, with a word on what a
    feed is. Before, the footer linked the RSS itself, which a phone shows as code."""

    PAGES = {
        "/europe/": ("sections/europe", "new stories in Europe"),
        "/authors/amira-haddad/": ("authors/amira-haddad", "new stories by Amira Haddad"),
        "/sources/cpa/": (
            "sources/cpa",
            "new stories based on or citing Continental Press Agency",
        ),
    }

    def follow_block(self, response):
        main = main_of(response)
        self.assertEqual(main.count('<section class="follow-feeds"'), 1)
        return main.split('<section class="follow-feeds"', 1)[1].split("</section>", 1)[0]

    def test_each_page_gives_its_feeds_addresses_to_copy_and_says_what_they_bring(self):
        for path, (feed_path, stories) in self.PAGES.items():
            with self.subTest(path):
                block = self.follow_block(self.client.get(path))
                self.assertIn("Follow in a feed reader", block)
                self.assertIn(f"and {stories} appear in it as we publish them", block)
                self.assertIn('<a href="/feeds/">What is a feed?</a>', block)
                for kind in ("rss", "atom"):
                    address = f"http://testserver/feeds/{feed_path}/{kind}/"
                    self.assertIn(f'<code class="feed-addresses__address">{address}</code>', block)
                    self.assertIn(f'<a href="{address}" type="application/{kind}+xml">', block)
                    self.assertEqual(self.client.get(address).status_code, 200)

    def test_the_addresses_are_on_the_sites_own_host_name(self):
        with self.settings(NEWSROOM_DOMAIN="news.example.org"):
            block = self.follow_block(self.client.get("/authors/amira-haddad/"))
        self.assertIn(">http://news.example.org/feeds/authors/amira-haddad/rss/</code>", block)
        self.assertNotIn("testserver", block)

    def test_no_link_to_a_feed_itself_outside_the_block_and_the_head(self):
        """The footer keeps its one link, to the page that explains feeds."""
        for path in self.PAGES:
            with self.subTest(path):
                response = self.client.get(path)
                body = response.content.decode().split("</head>", 1)[1]
                block = self.follow_block(response)
                outside = body.replace(block, "")
                self.assertEqual(re.findall(r'href="[^"]*/(?:rss|atom)/"', outside), [])
                self.assertIn('<li><a href="/feeds/">RSS feeds</a></li>', footer_of(response))

    def test_other_pages_have_no_such_block(self):
        for path in ("/", "/feeds/", "/authors/", "/sources/"):
            with self.subTest(path):
                self.assertNotIn("follow-feeds", self.client.get(path).content.decode())

class FeedIndexCacheTests(PageCacheTestCase):
    """Stored like the other public pages, and refreshed when the sections change."""

    def test_the_page_is_stored_for_the_next_reader(self):
        self.assertEqual(self.get("/feeds/")["X-Page-Cache"], "miss")
        self.assert_hit("/feeds/", "/feeds/sections/world/rss/")

    def test_a_section_renamed_added_or_hidden_reaches_the_page(self):
        self.get("/feeds/")
        self.assert_hit("/feeds/")
        with self.captureOnCommitCallbacks(execute=True):
            self.section.name = "World news"
            self.section.save()
        self.assert_fresh("/feeds/", "World news")
        self.assert_hit("/feeds/")
        with self.captureOnCommitCallbacks(execute=True):
            make_section(name="Climate", slug="climate", position=5)
        self.assert_fresh("/feeds/", "/feeds/sections/climate/atom/")
        with self.captureOnCommitCallbacks(execute=True):
            self.section.show_in_nav = False
            self.section.save()
        response = self.get("/feeds/")
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertNotContains(response, "/feeds/sections/world/rss/")
