"""Headers for browsers, CDNs and proxies, conditional requests, and the purge hook."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

from django.core.cache import caches
from django.test import TestCase, TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from articles import cache as page_cache
from articles import services
from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from tests.articles.test_admin_workflow import form_fields
from tests.factories import (
    make_article,
    make_author,
    make_section,
    make_small_desk,
    make_source,
    make_user,
)

LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests-http-caching",
    }
}
PURGED = []


def record_purge(paths):
    """A purge hook that remembers what it was asked to drop."""
    PURGED.append(paths)


# One test process: its memory is the only cache (see tests/test_page_cache.py).
@override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM, PAGE_CACHE_LOCAL_SECONDS=300)
class HttpCachingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        make_small_desk(cls)

    def setUp(self):
        caches["default"].clear()
        PURGED.clear()


class CacheControlTests(HttpCachingTestCase):
    def test_public_pages_tell_cdns_how_long_and_how_stale(self):
        for path in ["/", "/world/", self.story.get_absolute_url(), "/feeds/rss/", "/sitemap.xml"]:
            for attempt in ("miss", "hit"):
                with self.subTest(path=path, attempt=attempt):
                    response = self.client.get(path)
                    self.assertEqual(response["X-Page-Cache"], attempt)
                    directives = {d.strip() for d in response["Cache-Control"].split(",")}
                    self.assertIn("public", directives)
                    self.assertIn("max-age=60", directives)
                    self.assertIn("stale-while-revalidate=30", directives)
                    self.assertIn("stale-if-error=86400", directives)
                    s_maxage = next(d for d in directives if d.startswith("s-maxage="))
                    self.assertGreater(int(s_maxage.split("=")[1]), 250)
                    self.assertLessEqual(int(s_maxage.split("=")[1]), 300)
                    self.assertTrue(response["ETag"].startswith('"'))
                    self.assertIn("GMT", response["Last-Modified"])

    def test_signed_in_staff_admin_and_previews_are_never_public(self):
        self.client.force_login(self.editor)
        for path in ["/", "/admin/", f"/preview/{self.story.pk}/"]:
            with self.subTest(path=path):
                control = self.client.get(path)["Cache-Control"]
                self.assertNotIn("public", control)
                self.assertIn("private", control)

    def test_the_error_page_is_not_public(self):
        response = self.client.get("/no-such-section/")
        self.assertNotIn("public", response.get("Cache-Control", ""))


class HitPathTests(HttpCachingTestCase):
    """The page cache runs first: a hit skips every other middleware, yet keeps
    what they would have done."""

    def test_a_hit_carries_the_security_headers_of_the_stored_page(self):
        url = self.story.get_absolute_url()
        first = self.client.get(url)
        hit = self.client.get(url)
        self.assertEqual(hit["X-Page-Cache"], "hit")
        for header in (
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
            "X-Frame-Options",
            "Content-Security-Policy",
            "Content-Length",
            "Content-Type",
        ):
            with self.subTest(header=header):
                self.assertEqual(hit[header], first[header])

    @override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=3600)
    def test_plain_http_is_redirected_even_when_the_https_page_is_stored(self):
        url = self.story.get_absolute_url()
        self.client.get(url, secure=True)
        stored = self.client.get(url, secure=True)
        self.assertEqual(stored["X-Page-Cache"], "hit")
        self.assertIn("max-age=3600", stored["Strict-Transport-Security"])
        plain = self.client.get(url, secure=False)
        self.assertEqual(plain.status_code, 301)
        self.assertEqual(plain["Location"], f"https://testserver{url}")

    def test_a_hit_reuses_the_stored_validators(self):
        """The ETag is computed once, when the page is stored, not on every hit."""
        first = self.client.get("/")
        with mock.patch("articles.cache.hashlib.md5") as md5:
            hit = self.client.get("/")
        md5.assert_not_called()
        self.assertEqual(hit["ETag"], first["ETag"])
        self.assertEqual(hit["Last-Modified"], first["Last-Modified"])

    def test_static_files_do_not_ask_the_page_cache(self):
        with mock.patch("articles.cache.lookup") as lookup:
            response = self.client.get("/static/css/site.css")
        lookup.assert_not_called()
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("X-Page-Cache", response)


class ConditionalRequestTests(HttpCachingTestCase):
    def test_a_current_etag_gets_304_without_the_database(self):
        first = self.client.get("/")
        with self.assertNumQueries(0):
            response = self.client.get("/", headers={"if-none-match": first["ETag"]})
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response.content, b"")
        self.assertEqual(response["ETag"], first["ETag"])

    def test_if_modified_since_gets_304(self):
        first = self.client.get("/world/")
        response = self.client.get("/world/", headers={"if-modified-since": first["Last-Modified"]})
        self.assertEqual(response.status_code, 304)

    def test_a_feed_or_sitemap_changed_since_is_sent_whole_to_if_modified_since(self):
        """Feeds and sitemaps sent their newest item's date as Last-Modified, which a writer's
        rename or a section's new slug leaves as it was: asked "If-Modified-Since" it, they
        said 304."""
        later = timezone.now() + timedelta(seconds=5)

        def rename_the_writer():
            self.author.name = "Ana Reporter-Silva"
            self.author.save()

        def move_the_section():
            self.section.slug = "world-news"
            self.section.save()

        for url, change in (
            (reverse("feeds:rss"), rename_the_writer),
            ("/sitemap-sections.xml", move_the_section),
        ):
            with self.subTest(url):
                first = self.client.get(url)
                self.assertEqual(first.status_code, 200)
                with self.captureOnCommitCallbacks(execute=True):
                    change()
                with mock.patch("django.utils.timezone.now", return_value=later):
                    again = self.client.get(
                        url, headers={"if-modified-since": first["Last-Modified"]}
                    )
                self.assertEqual(again.status_code, 200)
                self.assertNotEqual(again.content, first.content)

    def test_a_reader_copy_still_valid_after_an_unrelated_change_is_304(self):
        """The page is rendered again, but its body did not change: no need to send it."""
        first = self.client.get("/authors/ana-reporter/")
        with self.captureOnCommitCallbacks(execute=True):
            make_source(name="Unrelated Agency")
        response = self.client.get(
            "/authors/ana-reporter/", headers={"if-none-match": first["ETag"]}
        )
        self.assertEqual(response.status_code, 304)

    def test_a_tagged_link_is_revalidated_like_the_page(self):
        """A reader back on a story they reached from Facebook (?fbclid=) or a newsletter
        (?utm_source=) gets a 304 for their copy, from the page cache."""
        url = self.story.get_absolute_url()
        first = self.client.get(f"{url}?fbclid=IwAR2x9Zq")
        self.assertEqual(first.status_code, 200)
        self.assertTrue(first["Cache-Control"].startswith("public, max-age=60, s-maxage="))
        for query in ("?fbclid=IwAR2x9Zq", "?utm_source=newsletter&utm_medium=email", ""):
            with self.subTest(query=query), self.assertNumQueries(0):
                response = self.client.get(
                    f"{url}{query}", headers={"if-none-match": first["ETag"]}
                )
                self.assertEqual(response.status_code, 304)

    def test_a_changed_page_is_sent_again_with_a_new_etag(self):
        url = self.story.get_absolute_url()
        first = self.client.get(url)
        with self.captureOnCommitCallbacks(execute=True):
            self.story.headline = "Summit ends in Geneva"
            self.story.save()
        response = self.client.get(url, headers={"if-none-match": first["ETag"]})
        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(response["ETag"], first["ETag"])
        self.assertContains(response, "Summit ends in Geneva")


@override_settings(
    PAGE_CACHE_ENABLED=True,
    CACHES=LOCMEM,
    PAGE_CACHE_LOCAL_SECONDS=300,
    CACHE_PURGE_CALLABLE="tests.test_http_caching.record_purge",
)
class OnePurgePerRequestTests(TransactionTestCase):
    """Real commits: the admin's form save and its workflow move commit separately."""

    def setUp(self):
        caches["default"].clear()
        PURGED.clear()

    def test_an_edit_and_a_move_in_one_admin_save_drop_pages_and_purge_once(self):
        """The form's save and the workflow's move commit apart: every page was refreshed
        twice at the CDN (38 requests, not 19)."""
        ensure_roles()
        editor = make_user("editor", staff=True, groups=[EDITORS])
        story = make_article(
            headline="Ceasefire agreed",
            section=make_section(name="World", slug="world"),
            authors=[make_author(name="Ana Reporter", slug="ana-reporter")],
            origin=make_source(name="Wire Agency", slug="wire-agency"),
        )
        self.client.force_login(editor)
        url = reverse("admin:articles_article_change", args=[story.pk])
        data = form_fields(self.client.get(url))
        generation = page_cache.page_cache().get(page_cache.GENERATION_KEY)
        PURGED.clear()
        response = self.client.post(
            url,
            {
                **data,
                "standfirst": "Talks collapsed.",
                "_transition": "archived",
                "status_note": "Legal: injunction",
            },
        )
        self.assertEqual(response.status_code, 302)
        story.refresh_from_db()
        self.assertEqual(story.status, Article.Status.ARCHIVED)
        self.assertEqual(len(PURGED), 1)
        self.assertIn(story.get_absolute_url(), PURGED[0])
        self.assertIn("/*", PURGED[0])  # a takedown, whichever commit it came in
        self.assertEqual(page_cache.page_cache().get(page_cache.GENERATION_KEY), generation + 1)

    def test_each_commit_outside_a_request_still_invalidates_at_once(self):
        story = make_article(headline="Markets rally")
        PURGED.clear()
        story.standfirst = "Shares rose."
        story.save()
        self.assertEqual(len(PURGED), 1)

    def test_a_request_gathers_its_commits_into_one(self):
        first, second = make_article(headline="One"), make_article(headline="Two")
        PURGED.clear()
        with page_cache.one_invalidation_per_request():
            first.standfirst = second.standfirst = "Shares rose."
            first.save()
            second.save()
            self.assertEqual(PURGED, [], "before the request ends")
        self.assertEqual(len(PURGED), 1)
        self.assertIn(first.get_absolute_url(), PURGED[0])
        self.assertIn(second.get_absolute_url(), PURGED[0])


@override_settings(CACHE_PURGE_CALLABLE="tests.test_http_caching.record_purge")
class PurgeCallableTests(HttpCachingTestCase):
    def test_publishing_purges_every_page_that_lists_the_story_after_commit(self):
        draft = make_article(
            status=Article.Status.DRAFT,
            headline="Ceasefire agreed",
            section=make_section(name="Europe", slug="europe", parent=self.section),
            authors=[self.author],
            origin=self.source,
        )
        with self.captureOnCommitCallbacks() as callbacks:
            services.publish(draft, user=self.editor)
        self.assertEqual(PURGED, [], "purged before the commit")
        for callback in callbacks:
            callback()
        self.assertEqual(len(PURGED), 1)
        paths = set(PURGED[0])
        draft.refresh_from_db()
        for expected in [
            draft.get_absolute_url(),
            "/",
            "/europe/",
            "/world/",
            "/authors/ana-reporter/",
            "/sources/wire-agency/",
            "/feeds/rss/",
            "/feeds/atom/",
            "/feeds/sections/europe/rss/",
            "/feeds/authors/ana-reporter/atom/",
            "/feeds/sources/wire-agency/rss/",
            "/sitemap.xml",
            "/news-sitemap.xml",
            # Dated by the latest change to a public story.
            "/sitemap-home.xml",
            # Each section, author and source there is dated by its latest story.
            "/sitemap-sections.xml",
            "/sitemap-authors.xml",
            "/sitemap-sources.xml",
        ]:
            self.assertIn(expected, paths)
        self.assertEqual(PURGED[0], sorted(PURGED[0]))

    def test_a_correction_purges_the_story_and_the_corrections_log(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.add_correction(self.story, kind="correction", note="Venue misnamed.")
        self.assertIn(self.story.get_absolute_url(), PURGED[0])
        self.assertIn("/corrections/", PURGED[0])

    def test_a_section_change_is_site_wide(self):
        """A section's name is in the navigation of every page."""
        with self.captureOnCommitCallbacks(execute=True):
            self.section.name = "World news"
            self.section.save()
        self.assertEqual(PURGED, [[page_cache.SITE_WIDE]])

    def test_a_failing_hook_is_logged_and_the_change_stands(self):
        with (
            mock.patch(__name__ + ".record_purge", side_effect=RuntimeError("CDN down")),
            self.assertLogs("articles.cache", "ERROR"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.story.headline = "Saved anyway"
            self.story.save()
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Saved anyway")


class PurgeDefaultTests(HttpCachingTestCase):
    def test_no_hook_configured_means_nothing_is_called(self):
        with (
            mock.patch("urllib.request.urlopen") as urlopen,
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.story.headline = "Quiet change"
            self.story.save()
        urlopen.assert_not_called()
        self.assertEqual(PURGED, [])


class RecordingPurgeHandler(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.received.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class RecordingRefreshHandler(BaseHTTPRequestHandler):
    """nginx's refresh listener, as far as the app can tell: GETs with headers."""

    received = []

    def do_GET(self):  # noqa: N802 (the HTTP method's name)
        self.received.append(
            (self.path, self.headers.get("Host"), self.headers.get("X-Forwarded-Proto"))
        )
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"refreshed")

    def log_message(self, *args):
        pass


class PurgeUrlTests(HttpCachingTestCase):
    def serve(self, handler):
        handler.received = []
        server = HTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return f"http://127.0.0.1:{server.server_port}/"

    def test_a_refresh_gets_each_changed_page_under_the_readers_host(self):
        url = self.serve(RecordingRefreshHandler)
        with (
            override_settings(
                CACHE_PURGE_URL=url,
                CACHE_PURGE_METHOD="GET",
                CACHE_PURGE_HOST="news.example",
                CACHE_PURGE_PROTO="https",
            ),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.story.headline = "Summit ends in Geneva"
            self.story.save()
        received = RecordingRefreshHandler.received
        paths = [path for path, _, _ in received]
        self.assertEqual(paths[0], "/", "the front page is refreshed first")
        self.assertIn(self.story.get_absolute_url(), paths)
        self.assertIn("/world/", paths)
        headers = {(host, proto) for _, host, proto in received}
        self.assertEqual(headers, {("news.example", "https")})

    def test_a_refresh_skips_site_wide_paths(self):
        url = self.serve(RecordingRefreshHandler)
        with override_settings(CACHE_PURGE_URL=url, CACHE_PURGE_METHOD="GET"):
            page_cache.purge([page_cache.SITE_WIDE, "/"])
        self.assertEqual([path for path, _, _ in RecordingRefreshHandler.received], ["/"])

    def test_an_unknown_purge_method_is_a_system_check_error(self):
        from articles.checks import check_purge_method

        with override_settings(CACHE_PURGE_METHOD="BAN"):
            errors = check_purge_method(None)
        self.assertEqual([error.id for error in errors], ["articles.E001"])
        with override_settings(CACHE_PURGE_METHOD="get"):
            self.assertEqual(check_purge_method(None), [])

    def test_each_changed_path_gets_a_purge_request(self):
        url = self.serve(RecordingPurgeHandler)
        with (
            override_settings(CACHE_PURGE_URL=url),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.story.headline = "Summit ends in Geneva"
            self.story.save()
        self.assertIn(self.story.get_absolute_url(), RecordingPurgeHandler.received)
        self.assertIn("/", RecordingPurgeHandler.received)
        self.assertIn("/world/", RecordingPurgeHandler.received)

    def test_an_unreachable_purge_url_is_logged_not_raised(self):
        with (
            override_settings(CACHE_PURGE_URL="http://127.0.0.1:1", CACHE_PURGE_TIMEOUT=0.5),
            self.assertLogs("articles.cache", "ERROR"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.story.headline = "Saved anyway"
            self.story.save()
