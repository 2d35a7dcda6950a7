"""The 403, 404 and 500 pages are in the site's style, and the 500 page needs nothing."""

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import TestCase, override_settings
from django.urls import path

from newsroom.static_storage import unavailable_page
from tests.factories import make_author, make_section


def broken_view(request):
    raise RuntimeError("Something broke while rendering a story.")


urlpatterns = [path("broken/", broken_view)]


class ServerErrorPageTests(TestCase):
    def test_renders_without_request_or_context(self):
        """Django renders 500.html with an empty context: no request, no processors."""
        html = render_to_string("500.html")
        self.assertIn("<title>Something went wrong | Newsroom</title>", html)
        self.assertIn("Something went wrong on our side", html)
        self.assertIn("<style>", html)

    @override_settings(NEWSROOM_NAME="The Harbour Times")
    def test_the_pages_carry_the_sites_own_name(self):
        for template in ("500.html", "503.html"):
            with self.subTest(template):
                html = render_to_string(template)
                self.assertIn('<header><a href="/">The Harbour Times</a></header>', html)
                self.assertIn(" | The Harbour Times</title>", html)
                self.assertNotIn("Newsroom", html)

    @override_settings(ROOT_URLCONF="tests.test_error_pages", DEBUG=False)
    def test_an_exception_in_a_view_shows_the_styled_page(self):
        self.client.raise_request_exception = False
        with self.assertLogs("django.request", level="ERROR"):
            response = self.client.get("/broken/")
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Something went wrong on our side", status_code=500)
        self.assertContains(response, '<meta name="robots" content="noindex">', status_code=500)


class BadRequestPageTests(TestCase):
    """Django's own 400 page was a bare "<h1>Bad Request (400)</h1>"."""

    @override_settings(DEBUG=False)
    def test_a_request_the_site_cannot_read_gets_the_styled_page(self):
        too_many = "&".join(f"a{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
        with self.assertLogs("django.security", level="ERROR"):
            responses = [
                self.client.get(f"/search/?{too_many}"),
                self.client.get("/", headers={"host": "evil.example"}),
            ]
        for response in responses:
            self.assertContains(response, "We could not read that request", status_code=400)
            self.assertContains(response, '<meta name="robots" content="noindex">', status_code=400)


class PermissionDeniedPageTests(TestCase):
    def test_a_page_the_account_may_not_open_is_a_styled_403_that_says_so(self):
        """A writer at a story's delete page (a link kept from before it went out):
        Django's own answer was a bare "403 Forbidden"."""
        from django.urls import reverse

        from articles.models import Article
        from articles.roles import WRITERS, ensure_roles
        from tests.factories import make_article, make_author, make_user

        ensure_roles()
        writer = make_user("writer", staff=True, groups=[WRITERS])
        story = make_article(
            authors=[make_author(user=writer)], created_by=writer, status=Article.Status.REVIEW
        )
        self.client.force_login(writer)
        with self.assertLogs("django.request", level="WARNING"):
            response = self.client.get(reverse("admin:articles_article_delete", args=[story.pk]))
        self.assertContains(response, "You may not open this page", status_code=403)
        self.assertContains(response, "nothing was changed", status_code=403)
        self.assertContains(response, '<a href="/admin/">Go to the newsdesk</a>', status_code=403)
        self.assertTrue(Article.objects.filter(pk=story.pk).exists())


class NotFoundPageTests(TestCase):
    def test_unknown_page_is_a_styled_404_with_the_navigation(self):
        make_section(name="World", slug="world")
        response = self.client.get("/no/such/page/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "We could not find that page", status_code=404)
        self.assertContains(response, '<a href="/world/">World</a>', status_code=404)
        self.assertContains(response, '<meta name="robots" content="noindex">', status_code=404)

    def test_the_words_fit_what_the_address_was_for(self):
        """A writer's or a source's address that finds nothing said "The story may
        have moved", as did any other: a reader who followed a byline was told
        about a story."""
        make_section(name="World", slug="world")
        make_author(name="Dana Hale", slug="dana-hale")  # no public story: no page yet
        cases = {
            "/world/2025/03/04/no-such-story/": "The story may have moved",
            "/authors/dana-hale/": "The writer’s page may have moved",
            "/authors/nobody/": "The writer’s page may have moved",
            "/sources/nobody/": "The source’s page may have moved",
            # One word at the root is a section's address, or a mistyped anything.
            "/nobody/": "The page may have moved",
            "/about/nobody/": "The page may have moved",
            "/no/such/page/": "The page may have moved",
        }
        for address, words in cases.items():
            with self.subTest(address):
                response = self.client.get(address)
                self.assertContains(response, words, status_code=404)
                self.assertContains(response, "We could not find that page", status_code=404)
                for others in set(cases.values()) - {words}:
                    self.assertNotContains(response, others, status_code=404)

    def test_choosing_the_words_costs_no_query(self):
        """The lookup that missed, the navigation's sections, and the site and its
        kept redirects (QueryTolerantRedirectMiddleware): nothing more to say what
        was missing."""
        # The site is cached per process once any test has asked for it.
        Site.objects.clear_cache()
        with self.assertNumQueries(4):
            response = self.client.get("/authors/nobody/")
        self.assertContains(response, "The writer’s page may have moved", status_code=404)


class UnavailablePageTests(TestCase):
    """The page nginx serves while gunicorn is down (deploy/nginx.conf, error_page),
    written by collectstatic from the app's templates with the deploy's settings."""

    def setUp(self):
        self.static_root = Path(tempfile.mkdtemp(prefix="newsroom-static-"))
        self.addCleanup(shutil.rmtree, self.static_root, ignore_errors=True)

    def collectstatic(self):
        static_root = self.static_root
        production = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "newsroom.static_storage.StaticStorage"},
        }
        # No static folders to copy: the run is about the page written beside them.
        with override_settings(
            STORAGES=production,
            STATIC_ROOT=static_root,
            STATICFILES_DIRS=[],
            STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        ):
            call_command("collectstatic", interactive=False, verbosity=0)
        return (static_root / "errors" / "unavailable.html").read_text()

    @override_settings(NEWSROOM_NAME="The Harbour Times")
    def test_collectstatic_writes_it_with_the_sites_own_name(self):
        html = self.collectstatic()
        self.assertEqual(html, unavailable_page())
        self.assertIn('<header><a href="/">The Harbour Times</a></header>', html)
        self.assertIn("<title>Temporarily unavailable | The Harbour Times</title>", html)
        self.assertIn("We will be back in a moment", html)
        self.assertIn("<style>", html)

    def test_the_next_deploy_replaces_it(self):
        self.assertNotIn("The Harbour Times", self.collectstatic())
        with override_settings(NEWSROOM_NAME="The Harbour Times"):
            self.assertIn("The Harbour Times", self.collectstatic())

    def test_the_database_down_page_keeps_its_number(self):
        self.assertIn('<p class="kicker">Error 503</p>', render_to_string("503.html"))
