"""HEAD is answered wherever GET is, as HTTP asks of every server.

Crawlers, uptime monitors and link checkers send HEAD to see whether an
address is alive; a 405 from robots.txt or the news sitemap reads as "gone".
"""

from django.test import TestCase
from django.urls import reverse

from tests.factories import make_small_desk
from tests.test_urls import PUBLIC_NAMESPACES, named_routes


class HeadRequestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_small_desk(cls)

    def assert_head_like_get(self, url):
        get = self.client.get(url)
        head = self.client.head(url)
        self.assertEqual(head.status_code, get.status_code, url)
        self.assertEqual(head["Content-Type"], get["Content-Type"], url)
        self.assertEqual(head.content, b"", url)
        return head

    def test_robots_txt(self):
        self.assertEqual(self.assert_head_like_get("/robots.txt").status_code, 200)

    def test_the_news_sitemap(self):
        self.assertEqual(self.assert_head_like_get("/news-sitemap.xml").status_code, 200)

    def test_search_with_and_without_a_query(self):
        for url in ("/search/", "/search/?q=summit"):
            with self.subTest(url):
                self.assertEqual(self.assert_head_like_get(url).status_code, 200)

    def test_the_readers_pages(self):
        for url in (
            "/",
            self.story.get_absolute_url(),
            self.section.get_absolute_url(),
            self.author.get_absolute_url(),
            self.source.get_absolute_url(),
            "/sitemap.xml",
            "/sitemap-stories.xml",
            "/feeds/rss/",
            "/corrections/",
        ):
            with self.subTest(url):
                self.assertEqual(self.assert_head_like_get(url).status_code, 200)

    def test_no_public_route_refuses_head(self):
        """Every route outside the admin, a route added later included.

        The sample addresses may name nothing (a 404); a view limited to GET
        refuses HEAD with a 405 before it looks.
        """
        # Not pages: the admin's view-on-site redirect, and the editor's picture
        # upload, which takes a POST only (and answers anything else with 405).
        not_pages = {"admin-view-on-site", "ckeditor_upload"}
        routes = [(name, kwargs) for name, kwargs in named_routes() if name not in not_pages]
        for namespace in PUBLIC_NAMESPACES:
            routes += [(f"{namespace}:{name}", kwargs) for name, kwargs in named_routes(namespace)]
        self.assertGreater(len(routes), 15)
        for view_name, kwargs in routes:
            url = reverse(view_name, kwargs=kwargs)
            with self.subTest(view_name, url=url):
                self.assertNotEqual(self.client.head(url).status_code, 405)


class UnsafeMethodTests(TestCase):
    """Readers' pages are read, never sent to: anything but GET and HEAD is a 405.

    (A POST or PUT without a CSRF token meets the CSRF check's 403 first; the
    test client skips that check, so these reach the views.)

    A POST to a story or a feed answered the page itself (behind the CSRF
    check, a 403 saying "Your form was not sent"), and OPTIONS the whole page
    with a 200; only search said 405.
    """

    @classmethod
    def setUpTestData(cls):
        make_small_desk(cls)

    def test_no_public_route_takes_anything_but_get_and_head(self):
        # Not pages: the admin's view-on-site redirect, and the editor's picture
        # upload, which takes a POST only.
        not_pages = {"admin-view-on-site", "ckeditor_upload"}
        routes = [(name, kwargs) for name, kwargs in named_routes() if name not in not_pages]
        for namespace in PUBLIC_NAMESPACES:
            routes += [(f"{namespace}:{name}", kwargs) for name, kwargs in named_routes(namespace)]
        self.assertGreater(len(routes), 15)
        urls = [reverse(view_name, kwargs=kwargs) for view_name, kwargs in routes]
        urls += [self.story.get_absolute_url(), self.section.get_absolute_url(), "/feeds/rss/"]
        for url in urls:
            for method in ("post", "put", "delete", "options"):
                with self.subTest(url=url, method=method):
                    response = getattr(self.client, method)(url)
                    self.assertEqual(response.status_code, 405)
                    self.assertEqual(response["Allow"], "GET, HEAD")
