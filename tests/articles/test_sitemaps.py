"""Sitemaps, the Google News sitemap and robots.txt."""

import math
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from unittest import mock

from django.contrib.sites.models import Site
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import sitemaps
from articles.models import Article
from authors.models import Author
from tests.articles.test_admin_workflow import form_fields
from tests.factories import (
    make_article,
    make_author,
    make_hidden_articles,
    make_section,
    make_source,
    make_user,
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

    def assertNoCount(self, queries):
        for query in queries.captured_queries:
            self.assertNotIn("COUNT(", query["sql"].upper())

    def index_dates(self):
        """Each sitemap's ``<lastmod>`` in the index, by its address."""
        return {
            entry.findtext(f"{SM}loc"): entry.findtext(f"{SM}lastmod")
            for entry in parse(self.client.get("/sitemap.xml")).findall(f"{SM}sitemap")
        }

    def story_pages(self):
        """How many pages the stories sitemap has: its ids run to the highest public one.

        Computed from ids rather than assumed, as ids on PostgreSQL keep
        counting up across the test run.
        """
        highest = Article.objects.published().order_by("-pk").values_list("pk", flat=True)[0]
        return math.ceil(highest / sitemaps.StorySitemap.limit)

    def story_locations(self):
        """Every address on every page of the stories sitemap that the index lists."""
        pages = [
            loc
            for loc in self.locations("/sitemap.xml")
            if loc.startswith(f"{ROOT}/sitemap-stories.xml")
        ]
        return [
            story for page in pages for story in self.locations(page.removeprefix(ROOT))
        ]


class SitemapIndexTests(SitemapTestCase):
    def test_index_links_each_sitemap(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response["Content-Type"], "application/xml")
        root = parse(response)
        self.assertEqual(root.tag, f"{SM}sitemapindex")
        stories = f"{ROOT}/sitemap-stories.xml"
        self.assertEqual(
            [loc.text for loc in root.iter(f"{SM}loc")],
            [f"{ROOT}/sitemap-home.xml", stories]
            + [f"{stories}?p={page}" for page in range(2, self.story_pages() + 1)]
            + [f"{ROOT}/sitemap-{name}.xml" for name in ("sections", "authors", "sources")]
            + [f"{ROOT}/sitemap-lists.xml", f"{ROOT}/sitemap-pages.xml"],
        )
        for entry in root.findall(f"{SM}sitemap"):
            loc = entry.findtext(f"{SM}loc")
            # The lists and About pages keep no time of change; every list of stories has one.
            if loc not in (f"{ROOT}/sitemap-lists.xml", f"{ROOT}/sitemap-pages.xml"):
                self.assertTrue(entry.findtext(f"{SM}lastmod"), loc)

    def test_index_query_count_is_fixed(self):
        """Neither a count of the stories nor a load of them: seven queries at any size.

        One for the home page (the latest change to a public story), two for
        stories (the same latest change, highest public id: the number of
        pages, where an exact ``COUNT(*)`` read every public story), one each
        for sections, authors and sources (the pages, each with its latest
        story as a subquery; it was two each, a grouped scan of every public
        story and the pages), one for the About pages. More stories, and more
        pages, add none.
        """
        with self.assertNumQueries(7) as queries:
            self.client.get("/sitemap.xml")
        self.assertNoCount(queries)
        for _ in range(5):
            make_article(section=make_section(), authors=[make_author()], origin=make_source())
        with mock.patch.object(sitemaps.StorySitemap, "limit", 1), self.assertNumQueries(7):
            self.client.get("/sitemap.xml")

    def test_index_lastmod_is_the_newest_publication(self):
        Article.objects.update(updated_at=self.fresh.published_at)
        entries = self.index_dates()
        stories = entries[f"{ROOT}/sitemap-stories.xml"]
        self.assertTrue(stories.startswith(self.fresh.published_at.isoformat()[:16]), stories)
        # The newest story is in Europe: the sections sitemap has the same date.
        self.assertEqual(entries[f"{ROOT}/sitemap-sections.xml"], stories)

    def test_index_lastmod_follows_a_change_to_an_old_story(self):
        """An old story corrected: the index's date had stayed at the newest publication,
        older than that story's own ``<lastmod>`` in the sitemap it names."""
        Article.objects.update(updated_at=self.fresh.published_at)
        for field in ("updated_at", "substantive_update_at"):
            with self.subTest(field):
                moment = timezone.now().replace(microsecond=0) - timedelta(minutes=5)
                Article.objects.filter(pk=self.old.pk).update(**{field: moment})
                stories = self.index_dates()[f"{ROOT}/sitemap-stories.xml"]
                self.assertEqual(datetime.fromisoformat(stories), moment)
                Article.objects.filter(pk=self.old.pk).update(
                    updated_at=self.old.published_at, substantive_update_at=None
                )
        # A draft's change is nobody's business.
        make_article(status=Article.Status.DRAFT)
        stories = self.index_dates()[f"{ROOT}/sitemap-stories.xml"]
        self.assertTrue(stories.startswith(self.fresh.published_at.isoformat()[:16]), stories)


class HomeSitemapTests(SitemapTestCase):
    """The home page was in no sitemap: crawlers had only links to learn of it."""

    def test_lists_the_home_page_dated_by_the_latest_public_change(self):
        Article.objects.update(updated_at=self.fresh.published_at)
        moment = timezone.now().replace(microsecond=0) - timedelta(minutes=5)
        Article.objects.filter(pk=self.old.pk).update(substantive_update_at=moment)
        # A draft's later change is nobody's business.
        make_article(status=Article.Status.DRAFT)
        (url,) = parse(self.client.get("/sitemap-home.xml")).findall(f"{SM}url")
        self.assertEqual(url.findtext(f"{SM}loc"), f"{ROOT}/")
        self.assertEqual(datetime.fromisoformat(url.findtext(f"{SM}lastmod")), moment)
        home = self.index_dates()[f"{ROOT}/sitemap-home.xml"]
        self.assertEqual(datetime.fromisoformat(home), moment)

    def test_without_public_stories_it_has_no_date(self):
        Article.objects.update(status=Article.Status.DRAFT)
        (url,) = parse(self.client.get("/sitemap-home.xml")).findall(f"{SM}url")
        self.assertEqual(url.findtext(f"{SM}loc"), f"{ROOT}/")
        self.assertIsNone(url.find(f"{SM}lastmod"))

    def test_query_count_is_fixed(self):
        """One query, the latest change to a public story, at any number of stories."""
        with self.assertNumQueries(1) as queries:
            self.client.get("/sitemap-home.xml")
        self.assertNoCount(queries)
        for _ in range(5):
            make_article(section=make_section())
        with self.assertNumQueries(1):
            self.client.get("/sitemap-home.xml")


class ListsSitemapTests(SitemapTestCase):
    """The journalists and sources indexes and the corrections log were in no sitemap."""

    def test_lists_the_journalists_the_sources_and_the_corrections_log(self):
        with self.assertNumQueries(0):
            response = self.client.get("/sitemap-lists.xml")
        urls = parse(response).findall(f"{SM}url")
        self.assertEqual(
            [url.findtext(f"{SM}loc") for url in urls],
            [f"{ROOT}/authors/", f"{ROOT}/sources/", f"{ROOT}/corrections/"],
        )
        self.assertEqual([url.find(f"{SM}lastmod") for url in urls], [None, None, None])
        for url in urls:
            with self.subTest(url.findtext(f"{SM}loc")):
                path = url.findtext(f"{SM}loc").removeprefix(ROOT)
                self.assertEqual(self.client.get(path).status_code, 200)


def page_of(story, per_page):
    return (story.pk - 1) // per_page + 1


class StorySitemapPageTests(SitemapTestCase):
    """The stories sitemap in pages of ids: page k holds ids (k-1)*limit+1 to k*limit."""

    def page(self, number):
        return f"/sitemap-stories.xml?p={number}"

    def test_stories_sitemap_lists_public_stories_with_lastmod(self):
        response = self.client.get(self.page(page_of(self.fresh, sitemaps.StorySitemap.limit)))
        urls = {url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in parse(response)}
        lastmod = urls[ROOT + self.fresh.get_absolute_url()]
        # As stored: its credits, added after the story was created, moved its
        # updated_at on, across a second's edge when the machine is slow.
        self.fresh.refresh_from_db()
        # To the second, in the site's zone (W3C Datetime, as sitemaps.org asks).
        self.assertEqual(
            lastmod, timezone.localtime(self.fresh.updated_at).isoformat(timespec="seconds")
        )
        self.assertCountEqual(
            self.story_locations(),
            [ROOT + self.fresh.get_absolute_url(), ROOT + self.old.get_absolute_url()],
        )

    def test_each_story_is_on_the_page_of_its_id(self):
        """A story's page depends on its id only, so it never moves as others are published."""
        later = [make_article(section=self.europe) for _ in range(4)]
        with mock.patch.object(sitemaps.StorySitemap, "limit", 2):
            for story in [self.fresh, self.old, *later]:
                page = self.locations(self.page(page_of(story, 2)))
                self.assertIn(ROOT + story.get_absolute_url(), page)
                self.assertLessEqual(len(page), 2)

    def test_the_index_lists_every_page_up_to_the_highest_public_id(self):
        """Pages run to the highest public id, gaps included; hidden ids above it add none."""
        make_article(section=self.europe, status=Article.Status.DRAFT)
        last = make_article(section=self.europe)
        make_hidden_articles(section=self.europe)
        with mock.patch.object(sitemaps.StorySitemap, "limit", 1):
            listed = [
                loc for loc in self.locations("/sitemap.xml") if "sitemap-stories" in loc
            ]
            self.assertEqual(len(listed), last.pk)
            self.assertEqual(listed[-1], f"{ROOT}/sitemap-stories.xml?p={last.pk}")
            self.assertEqual(self.client.get(self.page(last.pk + 1)).status_code, 404)

    def test_a_page_of_hidden_ids_is_empty_not_missing(self):
        """Ids of drafts and scheduled stories below the last public one leave empty pages."""
        hidden = make_hidden_articles(section=self.europe)
        make_article(section=self.europe)
        with mock.patch.object(sitemaps.StorySitemap, "limit", 1):
            for story in hidden:
                response = self.client.get(self.page(story.pk))
                self.assertEqual(response.status_code, 200)
                self.assertEqual(len(parse(response)), 0, story.headline)

    def test_a_page_past_the_last_is_not_found(self):
        past = self.story_pages() + 1
        self.assertEqual(self.client.get(self.page(past)).status_code, 404)

    def test_page_numbers_that_are_not_pages_are_not_found(self):
        """Nothing a crawler or a prankster puts in ?p= reaches the database as an id."""
        for number in ("0", "-1", "abc", "1.5", "", "10**30", str(10**30), "9" * 400):
            with self.subTest(p=number[:40]):
                self.assertEqual(self.client.get(self.page(number)).status_code, 404)

    def test_a_story_unpublished_or_deleted_leaves_its_page(self):
        gone, withdrawn = make_article(section=self.europe), make_article(section=self.europe)
        self.assertIn(ROOT + withdrawn.get_absolute_url(), self.story_locations())
        gone.delete()
        withdrawn.status = Article.Status.DRAFT
        withdrawn.save()
        locations = self.story_locations()
        self.assertNotIn(ROOT + withdrawn.get_absolute_url(), locations)
        self.assertNotIn(f"/{gone.slug}/", "".join(locations))
        self.assertIn(ROOT + self.old.get_absolute_url(), locations)

    def test_hidden_stories_are_on_no_page(self):
        """Drafts, stories in review, archived and scheduled ones, on any page listed."""
        hidden = make_hidden_articles(section=self.europe)
        make_article(section=self.europe)
        with mock.patch.object(sitemaps.StorySitemap, "limit", 2):
            listed = "".join(self.story_locations())
        for story in hidden:
            self.assertNotIn(story.slug, listed)

    def test_story_sitemap_query_count_is_fixed(self):
        """The highest public id (not a count of every public story), then the page."""
        page = self.page(page_of(self.old, sitemaps.StorySitemap.limit))
        with self.assertNumQueries(2) as queries:
            self.client.get(page)
        self.assertNoCount(queries)
        for _ in range(5):
            make_article(section=make_section())
        with self.assertNumQueries(2):
            self.client.get(page)


class SectionSitemapTests(SitemapTestCase):

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

    def test_hidden_stories_are_in_no_sitemap(self):
        paths = [f"/sitemap-stories.xml?p={page}" for page in range(1, self.story_pages() + 1)]
        paths += [
            "/sitemap-sections.xml",
            "/sitemap-authors.xml",
            "/sitemap-sources.xml",
            "/news-sitemap.xml",
        ]
        content = "".join(self.client.get(path).content.decode() for path in paths)
        for trace in ("-story", "/empty/", "idle-writer", "unused-wire"):
            self.assertNotIn(trace, content)


class SitemapOrderTests(SitemapTestCase):
    """Rows sharing the model's order (two writers of one name) keep one order: by id."""

    def test_every_listed_model_is_ordered_to_the_id(self):
        listed = (sitemaps.AuthorSitemap, sitemaps.SourceSitemap, sitemaps.SectionSitemap)
        for sitemap in (kind() for kind in listed):
            with self.subTest(sitemap.model.__name__), CaptureQueriesContext(connection) as sql:
                sitemap.items()
            order = sql.captured_queries[-1]["sql"].rsplit("ORDER BY", 1)[1]
            self.assertRegex(order, r'"id" ASC\s*$')

    def test_two_writers_of_one_name_are_both_listed_in_the_order_they_came(self):
        twin = make_author(name="Ann Baker", slug="ann-baker-2")
        make_article(section=self.europe, authors=[twin])
        listed = [author.pk for author in sitemaps.AuthorSitemap().items()]
        self.assertEqual(listed, [self.ann.pk, twin.pk])


class AuthorSitemapDateTests(SitemapTestCase):
    """An author's date was their latest story's: a new biography or photo went unsaid."""

    def author_dates(self):
        return {
            url.findtext(f"{SM}loc"): datetime.fromisoformat(url.findtext(f"{SM}lastmod"))
            for url in parse(self.client.get("/sitemap-authors.xml")).findall(f"{SM}url")
        }

    def test_dated_by_the_latest_story_when_the_profile_is_older(self):
        Author.objects.update(updated_at=self.old.published_at)
        self.assertEqual(
            self.author_dates(),
            {f"{ROOT}/authors/ann-baker/": self.fresh.published_at.replace(microsecond=0)},
        )

    def test_a_profile_edit_dates_the_author_page_and_the_index(self):
        Author.objects.update(updated_at=self.old.published_at)
        self.ann.bio = "Now covers the Balkans."
        self.ann.save()
        edited = self.ann.updated_at.replace(microsecond=0)
        self.assertGreater(edited, self.fresh.published_at)
        self.assertEqual(self.author_dates(), {f"{ROOT}/authors/ann-baker/": edited})
        index = self.index_dates()[f"{ROOT}/sitemap-authors.xml"]
        self.assertEqual(datetime.fromisoformat(index), self.ann.updated_at)
        # A writer with no public story stays out, however fresh the profile.
        self.idle.save()
        self.assertNotIn(f"{ROOT}/authors/idle-writer/", self.author_dates())

    def test_a_link_added_in_the_admin_dates_the_author_page(self):
        """The links are on the profile; the admin saves the author with them."""
        Author.objects.update(updated_at=self.old.published_at)
        self.client.force_login(make_user(superuser=True))
        url = reverse("admin:authors_author_change", args=[self.ann.pk])
        data = form_fields(self.client.get(url))
        row = int(data["links-TOTAL_FORMS"])
        data |= {
            "links-TOTAL_FORMS": str(row + 1),
            f"links-{row}-label": "Website",
            f"links-{row}-url": "https://example.org/ann",
            f"links-{row}-position": "0",
        }
        before = timezone.now().replace(microsecond=0)
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertEqual(self.ann.links.count(), 1)
        self.assertGreaterEqual(self.author_dates()[f"{ROOT}/authors/ann-baker/"], before)


    def test_an_admin_save_that_changes_nothing_leaves_the_date(self):
        """It moved the profile's time, and told crawlers the page had changed."""
        Author.objects.update(updated_at=self.old.published_at)
        self.client.force_login(make_user(superuser=True))
        url = reverse("admin:authors_author_change", args=[self.ann.pk])
        response = self.client.post(url, form_fields(self.client.get(url)))
        self.assertEqual(response.status_code, 302)
        self.ann.refresh_from_db()
        self.assertEqual(self.ann.updated_at, self.old.published_at)
        # A change of the row itself still dates it.
        response = self.client.post(
            url, {**form_fields(self.client.get(url)), "job_title": "Balkans correspondent"}
        )
        self.assertEqual(response.status_code, 302)
        self.ann.refresh_from_db()
        self.assertGreater(self.ann.updated_at, self.fresh.published_at)


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

    def test_language_is_the_code_google_news_reads(self):
        """``news:language`` takes an ISO 639 code, or zh-cn / zh-tw: "pt-BR" broke its schema."""
        for stored, written in (
            ("pt-BR", "pt"),
            ("es-419", "es"),
            ("fil", "fil"),
            ("zh-Hant-TW", "zh-tw"),
            ("zh-HK", "zh-tw"),
            ("zh-Hans-CN", "zh-cn"),
            ("zh", "zh-cn"),
        ):
            with self.subTest(stored):
                Article.objects.filter(pk=self.fresh.pk).update(language=stored)
                root = parse(self.client.get("/news-sitemap.xml"))
                self.assertEqual(root.findtext(f".//{NEWS}language"), written)

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
    def test_names_both_sitemaps_and_keeps_crawlers_out_of_admin(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        self.assertIn("Disallow: /admin/", lines)
        # A leaked preview link is fetched, so its noindex is read and it is never
        # listed; disallowed, it could be listed as a bare address.
        self.assertNotIn("Disallow: /preview/", lines)
        self.assertIn(f"Sitemap: {ROOT}/sitemap.xml", lines)
        self.assertIn(f"Sitemap: {ROOT}/news-sitemap.xml", lines)
