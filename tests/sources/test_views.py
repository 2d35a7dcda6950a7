"""Source pages: stories based on a source, and, apart, stories citing it."""

from django.test import TestCase
from django.urls import reverse

from articles.views import STORIES_PER_PAGE
from sources.models import Source
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
            response, '<h1 class="page-header__title">Continental Press Agency</h1>', html=True
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
        """Seven queries: source, count and page of each list, one bylines query, navigation.

        Guards against a query per story for its section or its byline
        authors; the two lists share their bylines query.
        """
        with self.assertNumQueries(7):
            response = self.client.get(self.sources[0].get_absolute_url())
        self.assertEqual(len(response.context["based_on"].object_list), 10)
        self.assertEqual(len(response.context["citing"].object_list), 20)
