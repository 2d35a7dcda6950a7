"""Hostile input on every public URL: a 200, 400 or 404, never a 500, nothing reflected raw.

A table of known-bad inputs runs against each public route, then hypothesis
makes up query strings and path segments of its own.
"""

from urllib.parse import quote

from django.test import TestCase
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from articles.models import Article
from tests.factories import make_article, make_author, make_section, make_source

OK_STATUSES = {200, 301, 302, 400, 404, 405}
MARKER = "<script>alert('pwned')</script>"

HOSTILE_QUERIES = [
    "page=-1",
    "page=0",
    "page=abc",
    "page=" + "9" * 31,
    "page=1e9",
    "page=1&page=2&page=-3",
    "page=%00",
    "q=%00",
    "q=" + "a" * 10_240,
    "x=" + "%" * 300,
    "q=%ZZ%G1%",
    "q=%C0%AF%E2%82",
    "q=" + quote(MARKER),
    "q=" + quote('" onmouseover="alert(1)'),
    "q=" + quote("' OR 1=1 --"),
    "q=" + quote("!:*&|<->()"),
    "q=" + quote("ünïcødé 北京 🗞"),
    "q=a&q=b&q=" + quote(MARKER),
    "%00=%00",
]


class PublicRoutesMixin:
    @classmethod
    def make_desk(cls):
        cls.world = make_section(name="World", slug="world", show_in_nav=True)
        author = make_author(name="Ada Reporter", slug="ada-reporter")
        reuters = make_source(name="Reuters", slug="reuters")
        cls.story = make_article(
            headline="Talks resume in Geneva",
            section=cls.world,
            authors=[author],
            origin=reuters,
            body="<p>Delegates met again.</p>",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timezone.timedelta(hours=1),
        )

    @classmethod
    def routes(cls):
        return [
            "/",
            "/search/",
            "/world/",
            cls.story.get_absolute_url(),
            "/authors/ada-reporter/",
            "/sources/reuters/",
            "/feeds/rss/",
            "/feeds/atom/",
            "/feeds/sections/world/rss/",
            "/feeds/authors/ada-reporter/atom/",
            "/sitemap.xml",
            "/sitemap-stories.xml",
            "/news-sitemap.xml",
            "/corrections/",
            "/corrections/feed/",
            "/robots.txt",
            "/preview/shared/not-a-token/",
        ]

    def assert_answered_safely(self, url, **extra):
        response = self.client.get(url, **extra)
        self.assertIn(response.status_code, OK_STATUSES, url[:200])
        self.assertNotIn(MARKER.encode(), response.content, url[:200])
        return response


class HostileQueryStringTests(PublicRoutesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_desk()

    def test_every_route_is_a_real_page(self):
        """A misspelt route would answer 404 to everything and prove nothing."""
        for route in self.routes():
            if route.startswith("/preview/"):
                continue  # a made-up token: its 404 is the point
            with self.subTest(route=route):
                self.assertEqual(self.client.get(route).status_code, 200)

    def test_every_route_survives_every_hostile_query(self):
        for route in self.routes():
            for query in HOSTILE_QUERIES:
                with self.subTest(route=route, query=query[:60]):
                    self.assert_answered_safely(f"{route}?{query}")

    def test_a_huge_page_number_is_not_found_rather_than_an_error(self):
        """It is past the end of the list: on to the last page (the only one here)."""
        response = self.assert_answered_safely("/world/?page=" + "9" * 31)
        self.assertRedirects(response, "/world/")

    def test_the_search_box_echoes_the_query_escaped(self):
        response = self.client.get("/search/", {"q": MARKER})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "&lt;script&gt;alert(")


class HostilePathTests(PublicRoutesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_desk()

    def test_hostile_path_segments_are_not_found(self):
        segments = [
            "..%2F..%2Fetc%2Fpasswd",
            "../../etc/passwd",
            "%2e%2e/%2e%2e/settings.py",
            "%00",
            "world%00",
            "%ZZ",
            "北京",
            "caf%C3%A9",
            "%C0%AE%C0%AE",
            quote(MARKER, safe=""),
            "a" * 4096,
        ]
        prefixes = ["/", "/authors/", "/sources/", "/feeds/sections/", "/world/2024/01/01/"]
        for prefix in prefixes:
            for segment in segments:
                with self.subTest(prefix=prefix, segment=segment[:40]):
                    self.assert_answered_safely(f"{prefix}{segment}/")

    def test_impossible_story_dates_are_not_found(self):
        for date in ("2024/13/01", "2024/02/30", "0/0/0", "99999999999/01/01", "2024/aa/bb"):
            with self.subTest(date=date):
                response = self.assert_answered_safely(f"/world/{date}/talks-resume-in-geneva/")
                self.assertEqual(response.status_code, 404)

    def test_media_and_static_paths_do_not_traverse(self):
        for url in ("/static/../newsroom/settings.py", "/static/%2e%2e/manage.py",
                    "/media/../db.sqlite3"):
            with self.subTest(url=url):
                response = self.assert_answered_safely(url)
                self.assertNotIn(b"SECRET_KEY", b"".join(response))


class GeneratedInputTests(PublicRoutesMixin, HypothesisTestCase):
    """Inputs hypothesis makes up; each example runs in its own transaction."""

    @classmethod
    def setUpTestData(cls):
        cls.make_desk()

    @settings(
        max_examples=40, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        route=st.sampled_from(["/", "/search/", "/world/", "/authors/ada-reporter/",
                               "/feeds/rss/", "/corrections/"]),
        params=st.lists(
            st.tuples(
                st.sampled_from(["page", "q", "p", "%00"]),
                st.text(max_size=200),
            ),
            max_size=4,
        ),
    )
    def test_made_up_query_strings(self, route, params):
        query = "&".join(f"{quote(name, safe='%')}={quote(value)}" for name, value in params)
        self.assert_answered_safely(f"{route}?{query}")

    @settings(
        max_examples=40, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        prefix=st.sampled_from(["/", "/authors/", "/sources/", "/feeds/sections/",
                                "/world/2024/01/02/"]),
        segment=st.text(min_size=1, max_size=80),
    )
    def test_made_up_path_segments(self, prefix, segment):
        self.assert_answered_safely(prefix + quote(segment, safe="") + "/")

    @settings(
        max_examples=30, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(raw=st.binary(max_size=120))
    def test_made_up_raw_bytes_in_the_query(self, raw):
        self.assert_answered_safely("/search/?q=" + quote(raw))
