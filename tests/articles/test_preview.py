from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.roles import EDITORS, WRITERS, ensure_roles
from tests.factories import make_article, make_user


class StaffPreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.writer = make_user("writer", staff=True, groups=[WRITERS])
        cls.draft = make_article(
            status=Article.Status.DRAFT, headline="Embargoed budget story", created_by=cls.writer
        )

    def url(self, article):
        return reverse("workflow:preview", args=[article.pk])

    def test_editor_sees_draft_as_readers_will_with_private_headers(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.url(self.draft))
        self.assertContains(response, "Embargoed budget story")
        self.assertContains(response, "Preview")
        self.assertIn("noindex", response["X-Robots-Tag"])
        self.assertIn("no-store", response["Cache-Control"])

    def test_the_public_address_of_a_draft_is_still_a_404(self):
        self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 404)

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(self.url(self.draft))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_writer_previews_own_draft_but_not_anothers(self):
        self.client.force_login(self.writer)
        self.assertEqual(self.client.get(self.url(self.draft)).status_code, 200)
        other = make_article(status=Article.Status.DRAFT, created_by=self.editor)
        # "Not found", as for an id no story has: a 403 told writers which ids
        # were colleagues' stories.
        refused = self.client.get(self.url(other))
        missing = self.client.get(reverse("workflow:preview", args=[other.pk + 1000]))
        self.assertEqual((refused.status_code, missing.status_code), (404, 404))
        self.assertNotContains(refused, other.headline, status_code=404)
        self.assertEqual(refused.content, missing.content)


class SharedPreviewLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])

    def setUp(self):
        self.draft = make_article(status=Article.Status.DRAFT, headline="Scoop on the summit")
        self.link = services.create_preview_link(self.draft, user=self.editor)

    def test_link_works_without_an_account_for_48_hours(self):
        self.assertAlmostEqual(
            self.link.expires_at,
            timezone.now() + timedelta(hours=48),
            delta=timedelta(minutes=1),
        )
        response = self.client.get(self.link.get_absolute_url())
        self.assertContains(response, "Scoop on the summit")
        self.assertIn("noindex", response["X-Robots-Tag"])
        self.assertIn("no-store", response["Cache-Control"])

    def test_a_shared_preview_names_no_address_and_carries_no_share_card(self):
        """The story's address is not live and may change; a chat app must keep no card."""
        page = self.client.get(self.link.get_absolute_url()).content.decode()
        self.assertIn("<title>Preview: Scoop on the summit |", page)
        for trace in (
            'rel="canonical"',
            'property="og:',
            'name="twitter:',
            "max-image-preview",
            self.draft.get_absolute_url(),
        ):
            with self.subTest(trace):
                self.assertNotIn(trace, page)
        self.assertIn('<meta name="robots" content="noindex, nofollow">', page)

    def test_the_published_story_names_its_address_and_its_large_picture(self):
        story = make_article(headline="Summit opens")
        page = self.client.get(story.get_absolute_url()).content.decode()
        self.assertIn(
            f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">', page
        )
        self.assertIn('<meta property="og:title" content="Summit opens">', page)
        self.assertIn('<meta name="robots" content="max-image-preview:large">', page)

    def assertUnavailable(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "Scoop on the summit", status_code=404)
        self.assertIn("noindex", response["X-Robots-Tag"])
        self.assertIn("no-store", response["Cache-Control"])

    def test_expired_link_is_refused(self):
        self.link.expires_at = timezone.now() - timedelta(seconds=1)
        self.link.save()
        self.assertUnavailable(self.link.get_absolute_url())

    def test_revoked_link_is_refused(self):
        self.assertEqual(services.revoke_preview_links(self.draft), 1)
        self.assertUnavailable(self.link.get_absolute_url())

    def test_link_dies_when_the_story_is_published(self):
        Article.objects.filter(pk=self.draft.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now()
        )
        self.assertUnavailable(self.link.get_absolute_url())

    def test_forged_or_guessed_tokens_are_refused(self):
        self.assertUnavailable(
            reverse("workflow:shared_preview", kwargs={"token": f"{self.link.key}:forged"})
        )
        self.assertUnavailable(reverse("workflow:shared_preview", kwargs={"token": "nothing"}))

    def test_cannot_make_a_link_to_a_public_story(self):
        with self.assertRaises(services.ValidationError):
            services.create_preview_link(make_article(), user=self.editor)
