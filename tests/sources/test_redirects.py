"""A renamed source's page answers at its old address with a 301."""

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.test import TestCase
from django.urls import reverse

from articles.models import Article
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_source, make_user


class SourceRenameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Site.objects.get_current()
        cls.chief = make_user("chief", superuser=True)

    def setUp(self):
        self.source = make_source(name="Harbour Wire", slug="harbour-wire")
        make_article(headline="Port strike ends", origin=self.source)

    def rename(self, slug):
        """Change the slug in the admin's source form, as an editor would."""
        self.client.force_login(self.chief)
        url = reverse("admin:sources_source_change", args=[self.source.pk])
        response = self.client.post(url, {**form_fields(self.client.get(url)), "slug": slug})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.client.logout()

    def test_the_old_page_301s_to_the_new_one(self):
        self.rename("harbour-wire-service")
        response = self.client.get("/sources/harbour-wire/")
        self.assertRedirects(response, "/sources/harbour-wire-service/", status_code=301)
        self.assertContains(self.client.get(response["Location"]), "Port strike ends")

    def test_both_feeds_301_to_the_new_addresses(self):
        """Feed readers keep the address they subscribed to."""
        self.rename("harbour-wire-service")
        for kind in ("rss", "atom"):
            with self.subTest(kind):
                response = self.client.get(f"/feeds/sources/harbour-wire/{kind}/")
                new = f"/feeds/sources/harbour-wire-service/{kind}/"
                self.assertRedirects(response, new, status_code=301)
                self.assertContains(self.client.get(new), "Port strike ends")

    def test_a_feed_gone_since_the_rename_names_nothing(self):
        self.rename("harbour-wire-service")
        Article.objects.filter(source_credits__source=self.source).update(
            status=Article.Status.DRAFT
        )
        response = self.client.get("/feeds/sources/harbour-wire/rss/")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Location", response)

    def test_a_source_known_only_from_drafts_leaves_no_trail(self):
        self.source = make_source(name="Leaked memo", slug="leaked-memo")
        make_article(origin=self.source, status=Article.Status.DRAFT)
        self.rename("leaked-memo-ministry-of-finance")
        self.assertFalse(Redirect.objects.filter(old_path="/sources/leaked-memo/").exists())
        self.assertFalse(Redirect.objects.filter(old_path__contains="/leaked-memo/").exists())
        self.assertEqual(self.client.get("/sources/leaked-memo/").status_code, 404)

    def test_a_page_gone_since_the_rename_names_nothing(self):
        self.rename("harbour-wire-service")
        Article.objects.filter(source_credits__source=self.source).update(
            status=Article.Status.DRAFT
        )
        response = self.client.get("/sources/harbour-wire/")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Location", response)

    def test_every_earlier_address_goes_straight_to_the_latest(self):
        self.rename("harbour-wire-service")
        self.rename("harbour-news")
        for old in ("/sources/harbour-wire/", "/sources/harbour-wire-service/"):
            with self.subTest(old):
                response = self.client.get(old)
                self.assertRedirects(response, "/sources/harbour-news/", status_code=301)

    def test_renaming_back_does_not_loop(self):
        self.rename("harbour-wire-service")
        self.rename("harbour-wire")
        self.assertEqual(self.client.get("/sources/harbour-wire/").status_code, 200)
        self.assertRedirects(
            self.client.get("/sources/harbour-wire-service/"),
            "/sources/harbour-wire/",
            status_code=301,
        )
        # The page and its two feeds, each once.
        self.assertEqual(Redirect.objects.count(), 3)

    def test_saving_without_a_slug_change_adds_no_redirect(self):
        self.rename("harbour-wire")
        self.assertFalse(Redirect.objects.exists())
