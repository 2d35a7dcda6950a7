"""A story the desk took down answers 410 Gone; one never public stays a plain 404."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from tests.factories import make_article, make_source, make_user


class WithdrawnStoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])

    def archive_live_story(self, **fields):
        story = make_article(headline="Minister quits over leaked memo", **fields)
        url = story.get_absolute_url()
        self.assertEqual(self.client.get(url).status_code, 200)
        services.archive(story, user=self.editor, note="Legal asked us to take it down.")
        return story, url

    def test_archived_after_publication_is_gone_without_its_headline(self):
        story, url = self.archive_live_story()
        with self.assertNumQueries(3):  # the story, the takedown check, the section tree
            response = self.client.get(url)
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "This story has been withdrawn", status_code=410)
        self.assertContains(response, '<meta name="robots" content="noindex">', status_code=410)
        self.assertNotContains(response, story.headline, status_code=410)
        self.assertNotContains(response, "Legal asked", status_code=410)

    def test_any_address_with_its_slug_is_gone(self):
        story, _ = self.archive_live_story()
        response = self.client.get(f"/elsewhere/2001/01/01/{story.slug}/")
        self.assertEqual(response.status_code, 410)

    def test_never_public_stories_stay_404(self):
        now = timezone.now()
        spiked = make_article(status=Article.Status.DRAFT)
        services.archive(spiked, user=self.editor)
        # Scheduled, then archived before its time came.
        unscheduled = make_article(published_at=now + timedelta(hours=3))
        services.archive(unscheduled, user=self.editor, note="Dropped.")
        # Archived without a recorded takedown (as the import or a fixture may leave it).
        quiet = make_article(status=Article.Status.ARCHIVED, published_at=now - timedelta(days=1))
        for story in (spiked, unscheduled, quiet):
            with self.subTest(story=story.slug):
                self.assertEqual(story.status, Article.Status.ARCHIVED)
                self.assertEqual(self.client.get(story.get_absolute_url()).status_code, 404)

    def test_a_story_rescheduled_after_it_was_public_is_gone_once_archived(self):
        """Readers saw it, then it was unpublished and given a later time: it had
        answered 404, judged by that later time instead of the one it went out at."""
        story = make_article(headline="Minister quits over leaked memo", origin=make_source())
        url = story.get_absolute_url()
        self.assertEqual(self.client.get(url).status_code, 200)
        services.unpublish(story, user=self.editor, note="Needs a second source.")
        tomorrow = timezone.now() + timedelta(days=1)
        services.publish(story, user=self.editor, when=tomorrow)
        story.refresh_from_db()
        self.assertEqual(story.published_at, tomorrow)
        services.archive(story, user=self.editor, note="Dropped after all.")
        self.assertTrue(services.has_been_public(story))
        self.assertEqual(self.client.get(url).status_code, 410)

    def test_unpublished_to_draft_is_404(self):
        # Back to draft may come back; only archiving is for good.
        story = make_article()
        services.unpublish(story, user=self.editor, note="Needs a second source.")
        self.assertEqual(self.client.get(story.get_absolute_url()).status_code, 404)

    def test_republished_story_is_served_again(self):
        story, url = self.archive_live_story(origin=make_source())
        services.transition(story, Article.Status.DRAFT, user=self.editor, note="Cleared.")
        services.publish(story, user=self.editor)
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_unknown_slug_is_404(self):
        self.assertEqual(self.client.get("/world/2026/01/01/no-such-story/").status_code, 404)
