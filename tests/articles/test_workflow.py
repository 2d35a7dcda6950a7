from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from articles import services
from articles.models import Article, StatusChange
from articles.roles import EDITORS, WRITERS, ensure_roles
from tests.factories import make_article, make_source, make_user

Status = Article.Status


class TransitionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.writer = make_user("writer", staff=True, groups=[WRITERS])
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])

    def draft(self, **fields):
        fields.setdefault("created_by", self.writer)
        return make_article(status=Status.DRAFT, origin=make_source(), **fields)

    def test_draft_to_review_to_published_is_recorded(self):
        story = self.draft()
        services.submit_for_review(story, user=self.writer)
        services.publish(story, user=self.editor)
        story.refresh_from_db()
        self.assertTrue(story.is_public)
        self.assertIn(story, Article.objects.published())
        changes = list(story.status_changes.order_by("created_at", "pk"))
        self.assertEqual(
            [(c.from_status, c.to_status, c.user) for c in changes],
            [("draft", "review", self.writer), ("review", "published", self.editor)],
        )

    def test_writer_cannot_publish(self):
        story = self.draft()
        with self.assertRaisesMessage(services.TransitionError, "Only editors"):
            services.publish(story, user=self.writer)
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertFalse(StatusChange.objects.exists())

    def test_writer_cannot_submit_someone_elses_story(self):
        story = self.draft(created_by=self.editor)
        with self.assertRaises(services.TransitionError):
            services.submit_for_review(story, user=self.writer)

    def test_publishing_in_the_future_schedules(self):
        story = self.draft()
        when = timezone.now() + timedelta(hours=3)
        change = services.publish(story, user=self.editor, when=when)
        self.assertTrue(change.was_scheduled)
        self.assertIn(story, Article.objects.scheduled())
        self.assertNotIn(story, Article.objects.published())
        self.assertEqual(services.next_scheduled_at(), when)

    def test_a_story_published_pinned_takes_the_lead_by_any_path(self):
        """The bulk "Publish selected" action and the importer publish through here too."""
        lead = make_article(headline="Lead", is_pinned=True)
        scheduled = make_article(
            headline="Later", is_pinned=True, published_at=timezone.now() + timedelta(hours=2)
        )
        story = self.draft(is_pinned=True)
        services.publish(story, user=self.editor)
        self.assertEqual([s.headline for s in story.leads_replaced], ["Lead"])
        lead.refresh_from_db()
        scheduled.refresh_from_db()
        self.assertEqual((lead.is_pinned, scheduled.is_pinned), (False, True))
        # Published unpinned, or scheduled, a story replaces no lead.
        for when in (None, timezone.now() + timedelta(hours=1)):
            other = self.draft(is_pinned=when is not None)
            services.publish(other, user=self.editor, when=when)
            self.assertEqual(other.leads_replaced, [])
        story.refresh_from_db()
        self.assertTrue(story.is_pinned)

    def test_a_lead_a_scheduled_story_replaced_is_unpinned_at_the_next_move(self):
        """Pinned for later, the new lead took the home page at its time and left the old
        one ticked "Lead story": taken down, it handed the front page back to a story
        hours out of date."""
        now = timezone.now()
        old = make_article(headline="Old lead", is_pinned=True, published_at=now - timedelta(5))
        new = make_article(headline="New lead", is_pinned=True, published_at=now - timedelta(1))
        self.assertEqual([story.headline for story in services.settle_the_lead()], ["Old lead"])
        old.refresh_from_db()
        self.assertFalse(old.is_pinned)
        new.refresh_from_db()
        self.assertTrue(new.is_pinned)
        # Any move settles first: here, taking the new lead down.
        Article.objects.filter(pk=old.pk).update(is_pinned=True)
        services.unpublish(new, user=self.editor, note="Legal hold")
        old.refresh_from_db()
        self.assertFalse(old.is_pinned)

    def test_a_story_taken_off_the_site_loses_its_pin(self):
        """Put back later, it took the lead from whatever led then."""
        for move in (
            lambda story: services.unpublish(story, user=self.editor, note="Legal hold"),
            lambda story: services.archive(story, user=self.editor, note="Withdrawn"),
        ):
            story = make_article(is_pinned=True)
            move(story)
            story.refresh_from_db()
            self.assertFalse(story.is_pinned)
        # A draft pinned to lead once published keeps its pin on the way there.
        draft = self.draft(is_pinned=True)
        services.submit_for_review(draft, user=self.editor)
        draft.refresh_from_db()
        self.assertTrue(draft.is_pinned)

    def test_next_scheduled_at_is_the_earliest_and_none_without_any(self):
        self.assertIsNone(services.next_scheduled_at())
        soon = timezone.now() + timedelta(minutes=5)
        make_article(published_at=soon + timedelta(hours=1))
        make_article(published_at=soon)
        self.assertEqual(services.next_scheduled_at(), soon)

    def test_back_to_draft_needs_a_note(self):
        story = make_article()
        with self.assertRaisesMessage(services.TransitionError, "note is required"):
            services.unpublish(story, user=self.editor, note=" ")
        change = services.unpublish(story, user=self.editor, note="Legal asked us to hold it")
        self.assertEqual(change.note, "Legal asked us to hold it")
        self.assertNotIn(story, Article.objects.published())

    def test_invalid_move_names_the_allowed_ones(self):
        story = make_article(status=Status.ARCHIVED)
        with self.assertRaisesMessage(services.TransitionError, "it can go to: draft"):
            services.publish(story, user=self.editor)

    def test_a_writer_is_offered_only_the_moves_a_writer_may_make(self):
        """A writer submitting their published story was told it "can go to: archived,
        draft, published": none of them theirs to make."""
        story = make_article(created_by=self.writer)
        with self.assertRaisesMessage(
            services.TransitionError,
            "A story that is published cannot be moved to in review; only an editor can move it.",
        ):
            services.submit_for_review(story, user=self.writer)
        with self.assertRaisesMessage(services.TransitionError, "it can go to: archived, draft."):
            services.submit_for_review(story, user=self.editor)

    def test_archive_takes_the_story_off_the_site(self):
        story = make_article()
        services.archive(story, user=self.editor, note="Superseded by the full report")
        self.assertNotIn(story, Article.objects.published())
        change = StatusChange.objects.get(article=story, to_status=Status.ARCHIVED)
        self.assertEqual(change.note, "Superseded by the full report")

    def test_taking_a_live_story_down_needs_a_note_spiking_a_draft_does_not(self):
        live = make_article()
        with self.assertRaisesMessage(services.TransitionError, "a note is required"):
            services.archive(live, user=self.editor)
        self.assertIn(live, Article.objects.published())
        services.archive(self.draft(), user=self.editor)

    def test_system_user_may_publish(self):
        story = self.draft()
        services.publish(story, user=None)
        story.refresh_from_db()
        self.assertEqual(story.status, Status.PUBLISHED)

    def test_checklist_errors_block_publishing(self):
        story = make_article(status=Status.DRAFT, section=None)
        with self.assertRaises(services.PublishBlocked) as caught:
            services.publish(story, user=self.editor)
        self.assertIn("Choose a section for the story.", caught.exception.checklist.errors)
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)

    def test_transition_does_not_overwrite_copy_saved_elsewhere(self):
        story = self.draft()
        Article.objects.filter(pk=story.pk).update(headline="Fresh headline from the desk")
        services.submit_for_review(story, user=self.writer)
        story.refresh_from_db()
        self.assertEqual(story.headline, "Fresh headline from the desk")


class NewStoryMoveTests(TestCase):
    def test_a_story_not_yet_saved_cannot_be_archived_by_anyone(self):
        new = Article(headline="Spiked before it existed", status=Article.Status.DRAFT)
        with self.assertRaisesMessage(services.TransitionError, "A new story cannot be archived"):
            services.check_move_allowed(new, Article.Status.ARCHIVED, user=None)
        # The other first moves stay open to the system.
        services.check_move_allowed(new, Article.Status.REVIEW, user=None)
