"""A renamed author's page and feeds answer at their old addresses with a 301.

Feed readers keep the address they subscribed to, so a slug change without a
redirect loses every subscriber.
"""

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import caches
from django.test import TestCase, override_settings
from django.urls import reverse

from articles import cache as page_cache
from articles.models import Article
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_author, make_user

OLD = [
    "/authors/priya-raman/",
    "/feeds/authors/priya-raman/rss/",
    "/feeds/authors/priya-raman/atom/",
]
NEW = [
    "/authors/priya-raman-qa/",
    "/feeds/authors/priya-raman-qa/rss/",
    "/feeds/authors/priya-raman-qa/atom/",
]
PURGED = []


def record_purge(paths):
    """A purge hook that remembers what it was asked to drop."""
    PURGED.append(paths)


class AuthorRenameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Site.objects.get_current()
        cls.chief = make_user("chief", superuser=True)

    def setUp(self):
        self.author = make_author(name="Priya Raman", slug="priya-raman")
        make_article(headline="Monsoon arrives early", authors=[self.author])

    def rename(self, slug):
        """Change the slug in the admin's author form, as an editor would."""
        self.client.force_login(self.chief)
        url = reverse("admin:authors_author_change", args=[self.author.pk])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {**form_fields(self.client.get(url)), "slug": slug})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.client.logout()
        self.author.refresh_from_db()

    def assert_moved(self, old_paths, new_paths):
        for old, new in zip(old_paths, new_paths, strict=True):
            with self.subTest(old):
                self.assertRedirects(self.client.get(old), new, status_code=301)

    def test_page_and_both_feeds_301_to_the_new_addresses(self):
        self.rename("priya-raman-qa")
        self.assert_moved(OLD, NEW)
        self.assertContains(self.client.get(NEW[1]), "Monsoon arrives early")

    def test_an_author_with_no_public_story_leaves_no_trail(self):
        """No page yet: a redirect from the old slug would announce the new one."""
        self.author = make_author(name="New Hire", slug="new-hire")
        make_article(authors=[self.author], status=Article.Status.DRAFT)
        self.rename("new-hire-chief-economist")
        self.assertFalse(Redirect.objects.filter(old_path__startswith="/authors/new-hire").exists())
        response = self.client.get("/authors/new-hire/")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Location", response)
        # Nor does the admin offer "View on site" for a page that does not exist yet.
        self.client.force_login(self.chief)
        change = self.client.get(reverse("admin:authors_author_change", args=[self.author.pk]))
        self.assertNotContains(change, "viewsitelink")
        make_article(authors=[self.author])
        change = self.client.get(reverse("admin:authors_author_change", args=[self.author.pk]))
        self.assertContains(change, "viewsitelink")

    def test_a_page_gone_since_the_rename_names_nothing(self):
        """Their only story taken down: the old addresses answer 404, not the new slug."""
        self.rename("priya-raman-qa")
        Article.objects.filter(bylines__author=self.author).update(status=Article.Status.ARCHIVED)
        for path in OLD:
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Location", response)
                self.assertNotContains(response, "priya-raman-qa", status_code=404)
        # Back with a public story: the old links lead on again.
        make_article(authors=[self.author])
        self.assert_moved(OLD, NEW)

    def test_every_earlier_address_goes_straight_to_the_latest(self):
        self.rename("priya-raman-qa")
        self.rename("priya-raman-desk")
        latest = [path.replace("priya-raman", "priya-raman-desk") for path in OLD]
        self.assert_moved(OLD + NEW, latest + latest)
        self.assertFalse(Redirect.objects.filter(new_path__in=NEW).exists())

    def test_renaming_back_does_not_loop(self):
        self.rename("priya-raman-qa")
        self.rename("priya-raman")
        for path in OLD:
            self.assertEqual(self.client.get(path).status_code, 200)
        self.assertFalse(Redirect.objects.filter(old_path__in=OLD).exists())
        self.assert_moved(NEW, OLD)

    def test_saving_without_a_slug_change_adds_no_redirect(self):
        self.rename("priya-raman")
        self.assertFalse(Redirect.objects.exists())

    @override_settings(
        PAGE_CACHE_ENABLED=True,
        PAGE_CACHE_LOCAL_SECONDS=300,
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "tests-author-redirects",
            }
        },
        CACHE_PURGE_CALLABLE="tests.authors.test_redirects.record_purge",
    )
    def test_a_cached_old_page_gives_way_to_the_redirect(self):
        caches["default"].clear()
        PURGED.clear()
        self.client.get(OLD[0])
        self.assertEqual(self.client.get(OLD[0])["X-Page-Cache"], "hit")
        self.rename("priya-raman-qa")
        self.assertRedirects(self.client.get(OLD[0]), NEW[0], status_code=301)
        self.assertEqual(len(PURGED), 1, "one purge call for the save and its redirects")
        self.assertIn(page_cache.SITE_WIDE, PURGED[0])
        self.assertTrue(set(OLD) <= set(PURGED[0]))
