"""RSS and Atom feeds: valid, complete bylines, public stories only."""

import xml.etree.ElementTree as ET
from datetime import UTC, timedelta
from email.utils import parsedate_to_datetime
from unittest import mock

from django.contrib.sites.models import Site
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles import feeds
from articles.models import Article
from tests.factories import (
    make_article,
    make_author,
    make_hidden_articles,
    make_section,
    make_source,
)

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


class FeedTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.world = make_section(name="World", slug="world")
        cls.europe = make_section(name="Europe", slug="europe", parent=cls.world)
        cls.sport = make_section(name="Sport", slug="sport")
        cls.ann = make_author(name="Ann Baker", slug="ann-baker")
        cls.zoe = make_author(name="Zoe Adams", slug="zoe-adams")
        cls.cpa = make_source(name="Continental Press Agency", slug="cpa")
        cls.summit = make_article(
            headline="Summit opens in Paris",
            standfirst="Leaders gather <b>today</b> & talk.",
            section=cls.world,
            authors=[cls.zoe, cls.ann],
            # Based on the agency's copy, and quoting it in the text as well.
            origin=cls.cpa,
            cited=[cls.cpa],
            published_at=now - timedelta(hours=1),
        )
        cls.vote = make_article(
            headline="Vote in Berlin",
            section=cls.europe,
            authors=[cls.ann],
            published_at=now - timedelta(hours=3),
        )
        cls.match = make_article(
            headline="Cup final",
            section=cls.sport,
            authors=[cls.zoe],
            cited=[cls.cpa],
            published_at=now - timedelta(hours=5),
        )
        make_hidden_articles(section=cls.world, authors=[cls.ann], origin=cls.cpa)
        make_hidden_articles(section=cls.sport, cited=[cls.cpa])

    def setUp(self):
        # The current Site is cached per process; warm it so query counts are stable.
        Site.objects.get_current()

    def fetch(self, name, **kwargs):
        response = self.client.get(reverse(f"feeds:{name}", kwargs=kwargs))
        self.assertEqual(response.status_code, 200)
        return response, ET.fromstring(response.content)  # noqa: S314 (our own output)


class RssFeedTests(FeedTestCase):
    def test_an_item_in_another_language_says_which(self):
        """Atom's entries said so; an RSS reader took an Arabic story for the channel's English."""
        make_article(headline="القمة تفتتح", section=self.world, language="ar")
        _, root = self.fetch("rss")
        self.assertEqual(root.findtext("channel/language"), "en")
        languages = {
            item.findtext("title"): item.findtext(f"{DC}language")
            for item in root.findall("channel/item")
        }
        self.assertEqual(languages["القمة تفتتح"], "ar")
        self.assertIsNone(languages["Summit opens in Paris"])

    def test_channel_has_required_elements_and_self_link(self):
        response, root = self.fetch("rss")
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        self.assertEqual(root.tag, "rss")
        self.assertEqual(root.get("version"), "2.0")
        channel = root.find("channel")
        self.assertEqual(channel.findtext("title"), "Newsroom")
        self.assertEqual(channel.findtext("link"), "http://example.com/")
        self.assertTrue(channel.findtext("description"))
        self_link = channel.find(f"{ATOM}link")
        self.assertEqual(self_link.get("rel"), "self")
        self.assertEqual(self_link.get("href"), "http://example.com/feeds/rss/")

    def test_items_are_public_stories_newest_first(self):
        _, root = self.fetch("rss")
        titles = [item.findtext("title") for item in root.iter("item")]
        self.assertEqual(titles, ["Summit opens in Paris", "Vote in Berlin", "Cup final"])

    def test_item_has_link_permanent_guid_date_summary_category_and_every_byline(self):
        _, root = self.fetch("rss")
        item = root.find("channel/item")
        url = "http://example.com" + self.summit.get_absolute_url()
        self.assertEqual(item.findtext("link"), url)
        guid = item.find("guid")
        created = self.summit.created_at.astimezone(UTC)
        self.assertEqual(guid.text, f"tag:example.com,{created:%Y-%m-%d}:story/{self.summit.pk}")
        self.assertEqual(guid.get("isPermaLink"), "false")
        self.assertEqual(
            parsedate_to_datetime(item.findtext("pubDate")),
            self.summit.published_at.replace(microsecond=0),
        )
        self.assertEqual(item.findtext("category"), "World")
        self.assertEqual(
            [creator.text for creator in item.findall(f"{DC}creator")], ["Zoe Adams", "Ann Baker"]
        )

    def test_standfirst_is_escaped_html_in_the_description(self):
        """A "<b>" typed in the standfirst is text to the reader, not markup."""
        _, root = self.fetch("rss")
        description = root.find("channel/item").findtext("description")
        self.assertEqual(description, "Leaders gather &lt;b&gt;today&lt;/b&gt; &amp; talk.")

    def summit_item(self, kind):
        _, root = self.fetch(kind)
        items = root.findall("channel/item") or root.findall(f"{ATOM}entry")
        summit = [
            item
            for item in items
            if "Summit" in (item.findtext("title") or item.findtext(f"{ATOM}title") or "")
        ]
        self.assertEqual(len(summit), 1)
        return summit[0]

    def test_a_story_without_a_standfirst_is_summed_up_by_its_first_paragraph(self):
        """As link previews and search engines have it (``Article.summary``): wire
        copy often comes without a standfirst, and a bare headline tells a feed
        reader little."""
        Article.objects.filter(pk=self.summit.pk).update(
            standfirst="", body="<h2>Talks</h2><p>Leaders meet <em>at noon</em> &amp; talk.</p>"
        )
        for kind, element in (("rss", "description"), ("atom", f"{ATOM}summary")):
            with self.subTest(kind):
                summary = self.summit_item(kind).findtext(element)
                self.assertEqual(summary, "Leaders meet at noon &amp; talk.")

    def test_a_story_without_a_standfirst_or_body_has_no_empty_description(self):
        Article.objects.filter(pk=self.summit.pk).update(standfirst="", body="")
        for kind, element in (("rss", "description"), ("atom", f"{ATOM}summary")):
            with self.subTest(kind):
                self.assertIsNone(self.summit_item(kind).find(element))

    def test_feed_is_capped(self):
        with mock.patch.object(feeds, "FEED_LENGTH", 2):
            _, root = self.fetch("rss")
        self.assertEqual(len(root.findall("channel/item")), 2)

    def test_query_count_does_not_grow_with_stories(self):
        """Bylines are prefetched: one query for stories, one for all their bylines."""
        with self.assertNumQueries(2):
            self.fetch("rss")
        for _ in range(5):
            make_article(section=self.sport, authors=[self.ann, self.zoe])
        with self.assertNumQueries(2):
            self.fetch("rss")


class AtomFeedTests(FeedTestCase):
    def test_feed_has_id_title_updated_author_and_self_link(self):
        response, root = self.fetch("atom")
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        self.assertEqual(root.tag, f"{ATOM}feed")
        self.assertEqual(root.findtext(f"{ATOM}id"), "http://example.com/")
        self.assertEqual(root.findtext(f"{ATOM}title"), "Newsroom")
        self.assertTrue(root.findtext(f"{ATOM}updated"))
        self.assertEqual(root.findtext(f"{ATOM}author/{ATOM}name"), "Newsroom")
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        self.assertEqual(links["self"], "http://example.com/feeds/atom/")
        self.assertEqual(links["alternate"], "http://example.com/")

    def test_entry_has_link_permanent_id_dates_and_one_author_per_byline(self):
        _, root = self.fetch("atom")
        entry = root.find(f"{ATOM}entry")
        url = "http://example.com" + self.summit.get_absolute_url()
        created = self.summit.created_at.astimezone(UTC)
        tag = f"tag:example.com,{created:%Y-%m-%d}:story/{self.summit.pk}"
        self.assertEqual(entry.findtext(f"{ATOM}id"), tag)
        self.assertEqual(entry.find(f"{ATOM}link").get("href"), url)
        self.assertTrue(entry.findtext(f"{ATOM}published"))
        self.assertTrue(entry.findtext(f"{ATOM}updated"))
        self.assertEqual(entry.find(f"{ATOM}category").get("term"), "World")
        authors = [
            (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri"))
            for author in entry.findall(f"{ATOM}author")
        ]
        self.assertEqual(
            authors,
            [
                ("Zoe Adams", "http://example.com/authors/zoe-adams/"),
                ("Ann Baker", "http://example.com/authors/ann-baker/"),
            ],
        )

    def test_an_entry_in_another_language_says_which(self):
        make_article(headline="Le sommet s’ouvre", section=self.world, language="fr")
        _, root = self.fetch("atom")
        xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
        self.assertEqual(root.get(xml_lang), "en")
        languages = {
            entry.findtext(f"{ATOM}title"): entry.get(xml_lang)
            for entry in root.findall(f"{ATOM}entry")
        }
        self.assertEqual(languages["Le sommet s’ouvre"], "fr")
        self.assertIsNone(languages["Summit opens in Paris"])

    def test_entry_ids_are_unique(self):
        _, root = self.fetch("atom")
        ids = [entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")]
        self.assertEqual(len(ids), 3)
        self.assertEqual(len(set(ids)), 3)


class SectionAndAuthorFeedTests(FeedTestCase):
    def test_section_feed_includes_subsection_stories(self):
        _, root = self.fetch("section_rss", slug="world")
        channel = root.find("channel")
        self.assertEqual(channel.findtext("title"), "Newsroom: World")
        self.assertEqual(channel.findtext("link"), "http://example.com/world/")
        titles = [item.findtext("title") for item in channel.iter("item")]
        self.assertEqual(titles, ["Summit opens in Paris", "Vote in Berlin"])

    def test_section_feed_reaches_subsections_at_any_depth(self):
        balkans = make_section(name="Balkans", slug="balkans", parent=self.europe)
        make_article(headline="Bridge reopens in Mostar", section=balkans, authors=[self.ann])
        _, root = self.fetch("section_rss", slug="world")
        self.assertIn(
            "Bridge reopens in Mostar", [item.findtext("title") for item in root.iter("item")]
        )

    def test_subsection_feed_has_only_its_own_stories(self):
        _, root = self.fetch("section_atom", slug="europe")
        titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
        self.assertEqual(titles, ["Vote in Berlin"])

    def test_author_feed_lists_stories_with_the_author_on_the_byline(self):
        _, root = self.fetch("author_rss", slug="ann-baker")
        titles = [item.findtext("title") for item in root.iter("item")]
        self.assertEqual(titles, ["Summit opens in Paris", "Vote in Berlin"])
        _, root = self.fetch("author_atom", slug="zoe-adams")
        titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
        self.assertEqual(titles, ["Summit opens in Paris", "Cup final"])

    def test_unknown_section_or_author_is_404(self):
        self.assertEqual(self.client.get("/feeds/sections/nowhere/rss/").status_code, 404)
        self.assertEqual(self.client.get("/feeds/authors/nobody/atom/").status_code, 404)

    def test_author_feed_query_count_is_fixed(self):
        """Author, stories, bylines: three queries whatever the size."""
        with self.assertNumQueries(3):
            self.fetch("author_rss", slug="ann-baker")
        for _ in range(5):
            make_article(section=self.europe, authors=[self.ann, self.zoe])
        with self.assertNumQueries(3):
            self.fetch("author_rss", slug="ann-baker")

    def test_section_feed_query_count_is_fixed(self):
        """Section tree, stories, bylines: three queries whatever the size."""
        with self.assertNumQueries(3):
            self.fetch("section_rss", slug="world")
        for _ in range(5):
            make_article(section=self.europe, authors=[self.ann, self.zoe])
        with self.assertNumQueries(3):
            self.fetch("section_rss", slug="world")


class SourceFeedTests(FeedTestCase):
    def test_source_feed_lists_stories_based_on_or_citing_the_source_once_each(self):
        """The summit is based on the agency and cites it too: one item, not two."""
        _, root = self.fetch("source_rss", slug="cpa")
        channel = root.find("channel")
        self.assertEqual(channel.findtext("title"), "Newsroom: Continental Press Agency")
        self.assertEqual(channel.findtext("link"), "http://example.com/sources/cpa/")
        self_link = channel.find(f"{ATOM}link")
        self.assertEqual(self_link.get("href"), "http://example.com/feeds/sources/cpa/rss/")
        titles = [item.findtext("title") for item in channel.iter("item")]
        self.assertEqual(titles, ["Summit opens in Paris", "Cup final"])
        _, root = self.fetch("source_atom", slug="cpa")
        titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
        self.assertEqual(titles, ["Summit opens in Paris", "Cup final"])
        self.assertEqual(
            [author.findtext(f"{ATOM}name") for author in root.find(f"{ATOM}entry").findall(
                f"{ATOM}author"
            )],
            ["Zoe Adams", "Ann Baker"],
        )

    def test_unknown_source_is_404(self):
        for kind in ("rss", "atom"):
            with self.subTest(kind):
                response = self.client.get(f"/feeds/sources/nobody/{kind}/")
                self.assertEqual(response.status_code, 404)

    def test_a_source_known_only_from_stories_readers_cannot_see_has_no_feed(self):
        """As its page: a leaked memo credited by drafts alone is not announced by a feed."""
        memo = make_source(name="Leaked ministry memo", slug="leaked-memo")
        make_hidden_articles(origin=memo)
        make_hidden_articles(cited=[memo])
        for kind in ("rss", "atom"):
            with self.subTest(kind):
                response = self.client.get(f"/feeds/sources/leaked-memo/{kind}/")
                self.assertEqual(response.status_code, 404)
                for words in ("Leaked ministry memo", "Draft story", "Scheduled story"):
                    self.assertNotContains(response, words, status_code=404)

    def test_source_feed_query_count_is_fixed(self):
        """Source, stories, bylines: three queries whatever the size, as an author's feed.

        Guards against a query per story for its bylines, and against a join
        on the credits that would list a story crediting the source twice twice.
        """
        with self.assertNumQueries(3):
            self.fetch("source_atom", slug="cpa")
        for _ in range(5):
            make_article(section=self.europe, authors=[self.ann, self.zoe], origin=self.cpa)
        with self.assertNumQueries(3):
            _, root = self.fetch("source_atom", slug="cpa")
        self.assertEqual(len(root.findall(f"{ATOM}entry")), 7)


class HiddenStoriesTests(FeedTestCase):
    def test_no_feed_shows_a_story_that_is_not_public(self):
        routes = [
            ("rss", {}),
            ("atom", {}),
            ("section_rss", {"slug": "world"}),
            ("section_atom", {"slug": "world"}),
            ("author_rss", {"slug": "ann-baker"}),
            ("author_atom", {"slug": "ann-baker"}),
            ("source_rss", {"slug": "cpa"}),
            ("source_atom", {"slug": "cpa"}),
        ]
        for name, kwargs in routes:
            with self.subTest(feed=name):
                response, _ = self.fetch(name, **kwargs)
                content = response.content.decode()
                self.assertIn("Summit opens in Paris", content)
                for headline in ("Draft", "Review", "Archived", "Scheduled"):
                    self.assertNotIn(f"{headline} story", content)
