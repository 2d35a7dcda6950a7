"""Source pages: stories based on a source, and, apart, stories citing it."""

import re
from itertools import pairwise
from unittest import mock

from django.test import TestCase
from django.urls import reverse

from articles.models import Article
from articles.views import STORIES_PER_PAGE
from sources.models import OtherName, Source
from tests.factories import make_article, make_busy_desk, make_hidden_articles, make_source


class SourcePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cpa = make_source(
            name="Continental Press Agency",
            slug="cpa",
            kind=Source.Kind.AGENCY,
            country="France",
            url="https://cpa.example.org/",
            notes="Editors only: call the night desk before quoting.",
        )
        cls.based = make_article(headline="Based on the agency", origin=cls.cpa)
        cls.citing = make_article(headline="Citing the agency", cited=[cls.cpa])
        cls.unrelated = make_article(headline="Unrelated", origin=make_source())

    def test_shows_the_source_and_both_lists(self):
        response = self.client.get("/sources/cpa/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            '<h1 class="page-header__title"><bdi>Continental Press Agency</bdi></h1>',
            html=True,
        )
        self.assertContains(response, "News agency")
        self.assertContains(response, "France")
        self.assertContains(response, 'href="https://cpa.example.org/"')
        self.assertEqual(response.context["based_on"].object_list, [self.based])
        self.assertEqual(response.context["citing"].object_list, [self.citing])
        self.assertNotContains(response, "Unrelated")
        self.assertContains(
            response, '<link rel="canonical" href="http://testserver/sources/cpa/">'
        )

    def test_the_page_says_what_else_the_source_is_called(self):
        """Readers who know it as "CPA" see it is the same source; a source with no
        other names says nothing of them."""
        self.assertNotContains(self.client.get("/sources/cpa/"), "Also known as")
        for name in ("CPA", "Conti & Press"):
            OtherName.objects.create(source=self.cpa, name=name)
        response = self.client.get("/sources/cpa/")
        self.assertContains(
            response,
            '<p class="page-header__description">Also known as <bdi>CPA</bdi>, '
            "<bdi>Conti &amp; Press</bdi></p>",
            html=True,
        )

    def test_the_page_names_its_feeds_for_feed_readers_and_for_readers(self):
        """Auto-discovery in the head, and the addresses to copy under the stories.

        The block itself is tested with the section's and the writer's in
        tests/articles/test_feed_index.py.
        """
        response = self.client.get("/sources/cpa/")
        self.assertContains(
            response,
            '<link rel="alternate" type="application/rss+xml" title="Newsroom: stories based on'
            ' or citing Continental Press Agency (RSS)" href="/feeds/sources/cpa/rss/">',
        )
        self.assertContains(
            response,
            '<link rel="alternate" type="application/atom+xml" title="Newsroom: stories based on'
            ' or citing Continental Press Agency (Atom)" href="/feeds/sources/cpa/atom/">',
        )
        self.assertContains(
            response,
            '<code class="feed-addresses__address">http://testserver/feeds/sources/cpa/rss/</code>',
        )

    def test_editors_notes_are_never_shown(self):
        self.assertNotContains(self.client.get("/sources/cpa/"), "night desk")

    def test_unknown_source_is_404(self):
        self.assertEqual(self.client.get("/sources/nobody/").status_code, 404)

    def test_a_source_goes_public_with_the_first_public_story_crediting_it(self):
        """Known only from drafts (a leaked memo): no page announces it."""
        memo = make_source(name="Leaked ministry memo", slug="leaked-ministry-memo")
        make_hidden_articles(origin=memo)
        make_hidden_articles(cited=[memo])
        for path in ("/sources/leaked-ministry-memo/", "/sources/leaked-ministry-memo/?page=2"):
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, "Leaked ministry memo", status_code=404)
        # A public story that only cites it is enough.
        make_article(headline="Ministry denies the memo", cited=[memo])
        self.assertContains(self.client.get("/sources/leaked-ministry-memo/"), "denies the memo")

    def test_route_reverses(self):
        self.assertEqual(reverse("sources:detail", kwargs={"slug": "cpa"}), "/sources/cpa/")


class SourcePaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cpa = make_source(slug="cpa")
        for _ in range(STORIES_PER_PAGE + 2):
            make_article(origin=cls.cpa)
        for _ in range(STORIES_PER_PAGE + 4):
            make_article(cited=[cls.cpa])

    def test_lists_page_independently_and_links_keep_the_other_page(self):
        response = self.client.get("/sources/cpa/?page=2&cited_page=2")
        self.assertEqual(len(response.context["based_on"].object_list), 2)
        self.assertEqual(len(response.context["citing"].object_list), 4)
        self.assertContains(response, 'href="?cited_page=2" rel="prev"')
        self.assertContains(response, 'href="?page=2" rel="prev"')
        self.assertContains(
            response,
            '<link rel="canonical" href="http://testserver/sources/cpa/?page=2&amp;cited_page=2">',
        )

    def test_each_page_has_its_own_title(self):
        name = self.cpa.name
        for query, title in (
            ("", f"<title>{name} | Newsroom</title>"),
            ("?page=2", f"<title>{name} (page 2) | Newsroom</title>"),
            ("?cited_page=2", f"<title>{name} (citing page 2) | Newsroom</title>"),
            ("?page=2&cited_page=2", f"<title>{name} (page 2, citing page 2) | Newsroom</title>"),
        ):
            with self.subTest(query):
                self.assertContains(self.client.get(f"/sources/cpa/{query}"), title)

    def test_hostile_page_values_never_fail(self):
        for value in ("abc", "-1", str(10**30), "%00"):
            with self.subTest(page=value):
                response = self.client.get(
                    "/sources/cpa/", {"page": value, "cited_page": value}, follow=True
                )
                self.assertEqual(response.status_code, 200)


class SourceQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        *_, cls.sources, _ = make_busy_desk(stories=40)

    def test_query_count_is_fixed(self):
        """Eight queries: source, its other names, count and page of each list, one bylines
        query, navigation.

        Guards against a query per story for its section or its byline
        authors; the two lists share their bylines query. The other names
        ("Also known as …") were added as one query, as a writer's links are.
        """
        for name in ("CPA", "Continental", "Conti"):
            OtherName.objects.create(source=self.sources[0], name=f"{name} {self.sources[0].pk}")
        with self.assertNumQueries(8):
            response = self.client.get(self.sources[0].get_absolute_url())
        self.assertEqual(len(response.context["based_on"].object_list), 10)
        self.assertEqual(len(response.context["citing"].object_list), 20)


class SourceIndexTests(TestCase):
    """/sources/: every source a public story credits, by kind, each linking to its page."""

    @classmethod
    def setUpTestData(cls):
        cls.wire = make_source(name="Wire Service", slug="wire", kind=Source.Kind.AGENCY)
        cls.cpa = make_source(
            name="continental Press Agency",
            slug="cpa",
            kind=Source.Kind.AGENCY,
            country="France",
            notes="Editors only: call the night desk before quoting.",
        )
        cls.gazette = make_source(name="Daily Gazette", slug="gazette", kind=Source.Kind.NEWSPAPER)
        cls.radio = make_source(name="Radio North", slug="radio", kind=Source.Kind.BROADCASTER)
        cls.ministry = make_source(
            name="Ministry of Health", slug="ministry", kind=Source.Kind.GOVERNMENT
        )
        cls.red_cross = make_source(
            name="Red Cross", slug="red-cross", kind=Source.Kind.ORGANISATION
        )
        cls.blog = make_source(name="A Blog", slug="blog", kind=Source.Kind.OTHER)
        make_article(origin=cls.wire, cited=[cls.gazette, cls.radio])
        make_article(origin=cls.cpa, cited=[cls.ministry, cls.red_cross, cls.blog])
        cls.memo = make_source(name="Leaked ministry memo", slug="leaked-memo")
        make_hidden_articles(origin=cls.memo)
        make_hidden_articles(cited=[cls.memo])
        make_source(name="Never Credited", slug="never-credited")

    def test_lists_public_sources_by_kind_then_by_name(self):
        response = self.client.get("/sources/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<h1 class="page-header__title">Our sources</h1>', html=True)
        self.assertEqual(
            [(group["heading"], group["sources"]) for group in response.context["groups"]],
            [
                ("News agencies", [self.cpa, self.wire]),
                ("Newspapers", [self.gazette]),
                ("Broadcasters", [self.radio]),
                ("Governments", [self.ministry]),
                ("Organisations", [self.red_cross]),
                ("Other sources", [self.blog]),
            ],
        )
        page = response.content.decode()
        self.assertLess(page.index("continental Press Agency"), page.index("Wire Service"))
        self.assertLess(page.index("Wire Service"), page.index("Daily Gazette"))
        self.assertContains(
            response,
            '<h3 class="person__name">'
            '<a href="/sources/cpa/" dir="auto">continental Press Agency</a></h3>',
            html=True,
        )
        self.assertContains(response, '<p class="person__role">France</p>', html=True)
        self.assertNotContains(response, "night desk")

    def test_title_description_and_canonical_address(self):
        response = self.client.get("/sources/")
        self.assertContains(response, "<title>Our sources | Newsroom</title>")
        self.assertContains(
            response,
            '<meta name="description" content="The news agencies, newspapers, broadcasters and'
            ' other sources our stories are based on or cite.">',
        )
        self.assertContains(response, '<link rel="canonical" href="http://testserver/sources/">')

    def test_headings_go_from_the_page_to_each_kind_to_each_source(self):
        """One h1, an h2 per kind naming its list, an h3 per source: no level skipped."""
        response = self.client.get("/sources/")
        main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", main)]
        self.assertEqual(levels[0], 1)
        self.assertEqual(levels.count(1), 1)
        self.assertEqual(levels.count(2), 6)
        for before, after in pairwise(levels):
            self.assertLessEqual(after, before + 1, levels)
        self.assertContains(
            response,
            '<section class="source-group" aria-labelledby="sources-newspaper">',
        )
        self.assertContains(
            response,
            '<h2 class="list-title" id="sources-newspaper">Newspapers</h2>',
            html=True,
        )

    def test_a_source_credited_only_by_hidden_stories_is_not_listed(self):
        """Draft, review, scheduled or archived, as origin or cited: not named, not linked."""
        page = self.client.get("/sources/").content.decode()
        self.assertNotIn("Leaked ministry memo", page)
        self.assertNotIn("leaked-memo", page)
        self.assertNotIn("Never Credited", page)

    def test_a_kind_with_no_public_source_has_no_heading(self):
        self.ministry.credits.all().delete()
        response = self.client.get("/sources/")
        self.assertNotContains(response, "Governments")
        self.assertEqual(len(response.context["groups"]), 5)

    def test_a_kind_outside_the_choices_is_listed_under_other(self):
        Source.objects.filter(pk=self.gazette.pk).update(kind="magazine")
        groups = self.client.get("/sources/").context["groups"]
        self.assertEqual(groups[-1]["heading"], "Other sources")
        self.assertEqual(groups[-1]["sources"], [self.blog, self.gazette])

    def test_none_credited_says_so(self):
        Article.objects.all().delete()
        self.assertContains(self.client.get("/sources/"), "No sources credited yet.")

    def test_every_page_links_it_and_source_pages_lead_back(self):
        home = self.client.get("/")
        self.assertContains(home, '<a href="/sources/">Our sources</a>', html=True)
        self.assertContains(
            self.client.get("/sources/"),
            '<a href="/sources/" aria-current="page">Our sources</a>',
            html=True,
        )
        self.assertContains(
            self.client.get("/sources/cpa/"),
            '<p class="kicker"><a href="/sources/">Our sources</a></p>',
            html=True,
        )

    def test_query_count_is_fixed(self):
        """Three queries: the count, a page of sources, the navigation.

        Guards against a query per source for its public stories (whether to
        list it is one ``EXISTS`` in the page's query) and a query per kind
        for its group: the groups are cut from the one page of sources.
        """
        for kind in Source.Kind.values:
            make_article(origin=make_source(kind=kind), cited=[make_source(kind=kind)])
        with self.assertNumQueries(3):
            response = self.client.get("/sources/")
        self.assertEqual(sum(len(group["sources"]) for group in response.context["groups"]), 19)

    def test_many_sources_are_listed_in_pages_by_kind_and_name(self):
        with mock.patch("sources.views.SOURCES_PER_PAGE", 4):
            first = self.client.get("/sources/")
            second = self.client.get("/sources/", {"page": 2})
        self.assertEqual(
            [group["sources"] for group in first.context["groups"]],
            [[self.cpa, self.wire], [self.gazette], [self.radio]],
        )
        self.assertEqual(
            [group["sources"] for group in second.context["groups"]],
            [[self.ministry], [self.red_cross], [self.blog]],
        )
        self.assertContains(first, 'rel="next">Next →</a>')
        self.assertContains(
            second, '<link rel="canonical" href="http://testserver/sources/?page=2">'
        )
        self.assertContains(second, "<title>Our sources (page 2) |")

    def test_route_reverses(self):
        self.assertEqual(reverse("sources:index"), "/sources/")
