"""Paginated lists: a page asked for at any address but its own redirects there.

A stale link (``?page=9`` of a list that has since shrunk, or that a reader
copied when it was longer), a made-up one (``?page=abc``, ``?page=0``) or one
written otherwise than our links write it (``?page=1``, ``?page=02``) lands on
the page it shows, at that page's address: one address per page for readers,
search engines and the page cache alike.
"""

from datetime import timedelta
from unittest import mock

from django.core.paginator import Paginator
from django.test import RequestFactory, TestCase
from django.utils import timezone

from articles.corrections import RECENT_CORRECTIONS
from articles.models import Article, Correction, SourceCredit, public_authors, public_sources
from articles.search import RESULTS_PER_PAGE, search
from articles.views import STORIES_PER_PAGE, StoryPaginator, paginate
from tests.factories import make_article, make_author, make_section, make_source


class PaginatedListsTestCase(TestCase):
    """Every paginated list of the public site, each two pages long (three for search)."""

    @classmethod
    def setUpTestData(cls):
        world = make_section(name="World", slug="world")
        business = make_section(name="Business", slug="business")
        ana = make_author(name="Ana Reporter", slug="ana-reporter")
        bo = make_author(name="Bo Writer", slug="bo-writer")
        cpa = make_source(name="Continental Press Agency", slug="cpa")
        now = timezone.now()
        stories = [
            make_article(
                headline=f"Harbour strike day {n}",
                section=world,
                authors=[ana],
                origin=cpa,
                published_at=now - timedelta(hours=n + 1),
            )
            for n in range(STORIES_PER_PAGE + 5)
        ]
        for _ in range(STORIES_PER_PAGE + 1):
            make_article(section=business, authors=[bo], cited=[cpa])
        # A second source, so Our sources has two pages of one.
        stories[-1].source_credits.create(
            source=make_source(name="Daily Gazette", slug="gazette"), role=SourceCredit.Role.CITED
        )
        Correction.objects.bulk_create(
            Correction(article=stories[0], note=f"Correction number {n}.")
            for n in range(RECENT_CORRECTIONS + 1)
        )

    # (name, the first page's address, the last page's number)
    LISTS = (
        ("section", "/world/", 2),
        ("author", "/authors/ana-reporter/", 2),
        ("source", "/sources/cpa/", 2),
        ("journalists", "/authors/", 2),
        ("our sources", "/sources/", 2),
        ("corrections", "/corrections/", 2),
        ("search", "/search/?q=harbour", -(-(STORIES_PER_PAGE + 5) // RESULTS_PER_PAGE)),
    )

    def setUp(self):
        # Two journalists, one a page; two sources, likewise.
        for patcher in (
            mock.patch("authors.views.AUTHORS_PER_PAGE", 1),
            mock.patch("sources.views.SOURCES_PER_PAGE", 1),
        ):
            patcher.start()
            self.addCleanup(patcher.stop)

    @staticmethod
    def address(first, query):
        """``first`` with ``query`` (``"page=2"``) added to its own query, if any."""
        if not query:
            return first
        return f"{first}{'&' if '?' in first else '?'}{query}"


class StaleAndMadeUpPageNumbersTests(PaginatedListsTestCase):
    def test_every_list_sends_each_number_to_the_page_it_shows(self):
        """302: the last page moves on as stories are published; ?page=3 may be real tomorrow."""
        for name, first, last in self.LISTS:
            for asked, served in (
                ("page=99", f"page={last}"),
                (f"page={10**30}", f"page={last}"),
                ("page=0", ""),
                ("page=-1", ""),
                ("page=abc", ""),
                ("page=", ""),
                ("page=2.5", ""),
                ("page=1", ""),
                ("page=02", "page=2"),
                ("page=2&page=99", f"page={last}"),
            ):
                with self.subTest(name, asked=asked):
                    response = self.client.get(self.address(first, asked))
                    self.assertRedirects(
                        response, self.address(first, served), fetch_redirect_response=False
                    )
                    self.assertNotIn("Cache-Control", response)

    def test_the_page_it_lands_on_is_the_page_at_its_own_address(self):
        for name, first, last in self.LISTS:
            with self.subTest(name):
                response = self.client.get(self.address(first, "page=99"), follow=True)
                self.assertEqual(
                    response.redirect_chain, [(self.address(first, f"page={last}"), 302)]
                )
                self.assertEqual(response.status_code, 200)
                page = response.context["based_on" if name == "source" else "page"]
                self.assertEqual(page.number, last)
                self.assertGreater(len(page), 0)

    def test_pages_at_their_own_address_are_served(self):
        for name, first, last in self.LISTS:
            for query in ("", "page=2", f"page={last}"):
                with self.subTest(name, query=query):
                    self.assertEqual(self.client.get(self.address(first, query)).status_code, 200)

    def test_other_parameters_stay_on_the_address(self):
        """A shared link's tracking tags still count for the campaign that brought the reader."""
        for asked, served in (
            (
                "?utm_source=mail&page=99&utm_medium=email",
                "?utm_source=mail&page=2&utm_medium=email",
            ),
            ("?page=abc&utm_source=mail", "?utm_source=mail"),
            ("?page=1&utm_source=a&utm_source=b", "?utm_source=a&utm_source=b"),
        ):
            with self.subTest(asked):
                self.assertRedirects(
                    self.client.get(f"/world/{asked}"),
                    f"/world/{served}",
                    fetch_redirect_response=False,
                )

    def test_a_head_request_is_redirected_too(self):
        self.assertRedirects(
            self.client.head("/world/?page=99"), "/world/?page=2", fetch_redirect_response=False
        )

    def test_a_page_for_nobody_is_still_not_found(self):
        """The section, author or source is looked up first: no redirect to a 404."""
        for path in ("/atlantis/", "/authors/nobody/", "/sources/nobody/"):
            with self.subTest(path):
                self.assertEqual(self.client.get(f"{path}?page=99").status_code, 404)


class TwoListsOnOnePageTests(PaginatedListsTestCase):
    """A source page pages its stories (?page=) and those citing it (?cited_page=) apart."""

    def test_one_redirect_puts_both_lists_at_their_own_address(self):
        for asked, served in (
            ("?page=99&cited_page=99", "?page=2&cited_page=2"),
            ("?page=2&cited_page=99", "?page=2&cited_page=2"),
            ("?page=99&cited_page=2", "?page=2&cited_page=2"),
            ("?page=abc&cited_page=2", "?cited_page=2"),
            ("?cited_page=0", ""),
            ("?cited_page=1&page=1", ""),
        ):
            with self.subTest(asked):
                self.assertRedirects(
                    self.client.get(f"/sources/cpa/{asked}"),
                    f"/sources/cpa/{served}",
                    fetch_redirect_response=False,
                )


class RedirectQueryCountTests(PaginatedListsTestCase):
    """A redirect reads no rows of any list, and counts only a list asked past page 1."""

    def assert_redirect_queries(self, count, path):
        with self.assertNumQueries(count):
            response = self.client.get(path)
        self.assertEqual(response.status_code, 302, path)

    def test_to_the_first_page_without_counting(self):
        """Page 1 always exists: only what finds the page's owner (section, author, source)."""
        for count, path in (
            (1, "/world/?page=abc"),  # the sections
            (1, "/authors/ana-reporter/?page=0"),  # the author
            (1, "/sources/cpa/?page=1&cited_page=abc"),  # the source
            (0, "/authors/?page=abc"),
            (0, "/sources/?page=abc"),
            (0, "/corrections/?page=-1"),
            (0, "/search/?q=harbour&page=abc"),
        ):
            with self.subTest(path):
                self.assert_redirect_queries(count, path)

    def test_to_the_last_page_with_one_count(self):
        """A number within ten pages of the top: one count, then no rows."""
        for count, path in (
            (2, "/world/?page=5"),  # sections, count
            (2, "/authors/ana-reporter/?page=5"),  # author, count
            (2, "/sources/cpa/?page=5"),  # source, count (the cited list is on page 1)
            (3, "/sources/cpa/?page=5&cited_page=5"),  # source, a count for each list
            (1, "/authors/?page=5"),
            (1, "/sources/?page=5"),
            (1, "/corrections/?page=5"),
            (1, "/search/?q=harbour&page=5"),  # the ranked matches
        ):
            with self.subTest(path):
                self.assert_redirect_queries(count, path)

    def test_deep_stale_link(self):
        """Deeper, a story list first looks for the page's stories, then counts from the top.

        Other lists are counted whole at any depth, once.
        """
        self.assert_redirect_queries(3, "/world/?page=99")  # sections, the look, the count
        self.assert_redirect_queries(1, "/corrections/?page=99")
        self.assert_redirect_queries(1, "/authors/?page=99")
        self.assert_redirect_queries(1, "/sources/?page=99")


class PaginatorChoiceTests(TestCase):
    """The paginator follows what is paginated: callers do not name it."""

    def test_stories_are_counted_ahead_and_other_lists_whole(self):
        request = RequestFactory().get("/")
        stories = paginate(request, Article.objects.published())
        self.assertIs(type(stories.paginator), StoryPaginator)
        for name, rows in (
            ("journalists", public_authors()),
            ("sources", public_sources()),
            ("corrections", Correction.objects.all()),
            ("search results", search("harbour")),
        ):
            with self.subTest(name):
                self.assertIs(type(paginate(request, rows).paginator), Paginator)
