"""Shared preview links once a story has been public.

A preview link is for reviewing a story before it goes out. Once readers have
seen the story, the links made before stay dead, whatever happens next: a story
taken down (archived, perhaps on legal advice) or sent back to draft must not
reopen to whoever holds an old link. A scheduled story goes public at its time
with no code running, so that case is tested with the clock moved on.
"""

from datetime import timedelta
from unittest import mock

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from tests.articles.test_admin_workflow import AdminWorkflowTestCase
from tests.factories import make_article, make_source, make_user

Status = Article.Status
HEADLINE = "Minister under investigation"


def clock_moved_on(hours):
    """The clock ``hours`` ahead, for a scheduled story's time to arrive."""
    moved_on = timezone.now() + timedelta(hours=hours)
    return mock.patch("django.utils.timezone.now", return_value=moved_on)


class PreviewLinkAfterPublicationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.source = make_source()

    def setUp(self):
        self.story = make_article(status=Status.DRAFT, origin=self.source, headline=HEADLINE)
        self.link = services.create_preview_link(self.story, user=self.editor)

    def assertWorks(self, link):
        self.assertContains(self.client.get(link.get_absolute_url()), HEADLINE)

    def assertDead(self, link):
        response = self.client.get(link.get_absolute_url())
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, HEADLINE, status_code=404)

    def test_link_made_as_a_draft_stays_dead_once_the_story_is_taken_down(self):
        self.assertWorks(self.link)
        services.publish(self.story, user=self.editor)
        self.assertDead(self.link)
        services.archive(self.story, user=self.editor, note="Legal takedown")
        self.assertEqual(self.client.get(self.story.get_absolute_url()).status_code, 410)
        self.assertDead(self.link)

    def test_link_made_before_publication_stays_dead_after_unpublishing(self):
        services.publish(self.story, user=self.editor)
        services.unpublish(self.story, user=self.editor, note="Facts to check")
        self.assertDead(self.link)

    def test_a_link_made_after_unpublishing_works_for_a_second_review(self):
        services.publish(self.story, user=self.editor)
        services.unpublish(self.story, user=self.editor, note="Facts to check")
        second = services.create_preview_link(self.story, user=self.editor)
        self.assertWorks(second)
        self.assertDead(self.link)

    def test_a_second_review_link_dies_at_the_next_publication_too(self):
        services.publish(self.story, user=self.editor)
        services.unpublish(self.story, user=self.editor, note="Facts to check")
        second = services.create_preview_link(self.story, user=self.editor)
        services.publish(self.story, user=self.editor)
        services.unpublish(self.story, user=self.editor, note="Lawyers again")
        self.assertDead(second)

    def test_scheduled_story_whose_time_passed_then_archived(self):
        services.publish(self.story, user=self.editor, when=timezone.now() + timedelta(hours=1))
        self.assertWorks(self.link)  # scheduled, not public yet: still under review
        with clock_moved_on(hours=2):
            self.assertDead(self.link)
            services.archive(self.story, user=self.editor, note="Legal takedown")
            self.assertDead(self.link)

    def test_scheduled_story_whose_time_passed_then_unpublished(self):
        services.publish(self.story, user=self.editor, when=timezone.now() + timedelta(hours=1))
        with clock_moved_on(hours=2):
            services.unpublish(self.story, user=self.editor, note="Facts to check")
            self.assertDead(self.link)

    def test_story_unscheduled_before_its_time_keeps_its_links(self):
        """It never went out, so the review it was shared for goes on."""
        services.publish(self.story, user=self.editor, when=timezone.now() + timedelta(hours=1))
        services.unpublish(self.story, user=self.editor, note="Holding it back")
        self.assertWorks(self.link)

    def test_archived_draft_cannot_be_previewed_by_link(self):
        services.archive(self.story, user=self.editor)
        self.assertDead(self.link)
        with self.assertRaises(services.ValidationError):
            services.create_preview_link(self.story, user=self.editor)

    def test_story_back_from_the_archive_needs_a_new_link(self):
        services.publish(self.story, user=self.editor)
        services.archive(self.story, user=self.editor, note="Legal takedown")
        services.transition(self.story, Status.DRAFT, user=self.editor, note="Cleared by lawyers")
        self.assertDead(self.link)
        self.assertWorks(services.create_preview_link(self.story, user=self.editor))

    def test_withdrawing_counts_only_links_that_still_worked(self):
        expired = services.create_preview_link(self.story, user=self.editor)
        expired.expires_at = timezone.now() - timedelta(minutes=1)
        expired.save()
        self.assertEqual(services.revoke_preview_links(self.story), 1)
        self.assertDead(self.link)


class PreviewLinksOnTheStoryPageTests(AdminWorkflowTestCase):
    """The story page lists only links that work, and offers none for an archived story."""

    def setUp(self):
        self.story = self.writer_draft(headline=HEADLINE)
        self.link = services.create_preview_link(self.story, user=self.editor)

    def test_old_link_is_not_listed_after_unpublishing(self):
        services.publish(self.story, user=self.editor)
        services.unpublish(self.story, user=self.editor, note="Facts to check")
        self.client.force_login(self.editor)
        response = self.client.get(self.change_url(self.story))
        self.assertContains(response, "Create a preview link")
        self.assertNotContains(response, self.link.get_absolute_url())
        self.assertNotContains(response, "Withdraw all preview links")

    def test_archived_story_offers_no_preview_link(self):
        services.archive(self.story, user=self.editor)
        self.client.force_login(self.editor)
        response = self.client.get(self.change_url(self.story))
        self.assertNotContains(response, "Create a preview link")
        self.assertNotContains(response, self.link.get_absolute_url())

    def test_story_that_went_out_at_its_time_sent_back_to_draft_with_a_later_time(self):
        """A time typed with the move is not kept (the history records the one in effect),
        and the story did go out: its preview link stays withdrawn."""
        went_out = timezone.now() + timedelta(hours=1)
        services.publish(self.story, user=self.editor, when=went_out)
        later = timezone.localtime(timezone.now() + timedelta(days=1)).replace(microsecond=0)
        with clock_moved_on(hours=2):
            data = self.open_form(self.story, self.editor)
            response = self.save(
                self.story,
                self.editor,
                data,
                _transition="draft",
                status_note="Facts to check",
                published_at_0=later.strftime("%Y-%m-%d"),
                published_at_1=later.strftime("%H:%M:%S"),
            )
            self.assertEqual(response.status_code, 302)
        self.story.refresh_from_db()
        self.assertEqual((self.story.status, self.story.published_at), (Status.DRAFT, went_out))
        response = self.client.get(self.link.get_absolute_url())
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, HEADLINE, status_code=404)

    def test_admin_refuses_a_link_to_an_archived_story(self):
        services.archive(self.story, user=self.editor)
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_preview_link", args=[self.story.pk])
        response = self.client.post(url, follow=True)
        self.assertContains(response, "An archived story cannot be shared for preview")
        self.assertEqual(self.story.preview_links.count(), 1)
