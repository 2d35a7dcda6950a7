"""What the version history says of a save from the story form.

A workflow button's move is made after the form saves, so without help the
history called a publish, a schedule or a blocked publish "No fields changed.".
"""

from datetime import timedelta

from django.utils import timezone
from reversion.models import Version

from articles.admin import PUBLISH_NOW
from articles.models import Article
from tests.articles.test_admin_workflow import AdminWorkflowTestCase
from tests.factories import make_article

Status = Article.Status


class VersionCommentTests(AdminWorkflowTestCase):
    def latest_comment(self, story):
        return Version.objects.get_for_object(story).latest("pk").revision.get_comment()

    def test_publishing_with_an_edit_names_both(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        self.save(
            story,
            self.editor,
            data,
            headline="Dam bursts upstream of the city",
            _transition=Status.PUBLISHED,
        )
        self.assertEqual(self.latest_comment(story), "Changed Headline. Status: Draft → Published.")

    def test_scheduling_and_publishing_now(self):
        story = self.writer_draft()
        later = timezone.localtime(timezone.now() + timedelta(days=1)).replace(microsecond=0)
        data = self.open_form(story, self.editor)
        self.save(
            story,
            self.editor,
            data,
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
            _transition=Status.PUBLISHED,
        )
        self.assertIn("Status: Draft → Scheduled for ", self.latest_comment(story))
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, _transition=PUBLISH_NOW)
        self.assertEqual(self.latest_comment(story), "Status: Scheduled → Published now.")

    def test_a_blocked_publish_says_so(self):
        story = self.writer_draft(standfirst="")
        story.source_credits.all().delete()
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, _transition=Status.PUBLISHED)
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertEqual(self.latest_comment(story), "Not published: the checklist found problems.")

    def test_a_blocked_schedule_says_it_was_not_scheduled(self):
        story = self.writer_draft(standfirst="")
        story.source_credits.all().delete()
        later = timezone.localtime(timezone.now() + timedelta(days=1)).replace(microsecond=0)
        data = self.open_form(story, self.editor)
        response = self.save(
            story,
            self.editor,
            data,
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
            _transition=Status.PUBLISHED,
        )
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertEqual(
            self.latest_comment(story),
            "Changed Published at. Not scheduled: the checklist found problems.",
        )
        shown = " ".join(self.messages(response))
        self.assertIn("Your changes were saved, but the story was not scheduled:", shown)

    def test_a_blocked_moves_note_is_back_in_its_box_once(self):
        """The note typed with a refused publish was dropped: the page opened afresh."""
        story = self.writer_draft(standfirst="")
        story.source_credits.all().delete()
        data = self.open_form(story, self.editor)
        response = self.save(
            story,
            self.editor,
            data,
            status_note="Hold until Sunday morning",
            _transition=Status.PUBLISHED,
        )
        self.assertIn("it is still in the note box", " ".join(self.messages(response)))
        self.assertFalse(story.status_changes.filter(note__contains="Sunday").exists())
        page = self.client.get(response["Location"])
        self.assertContains(page, "Hold until Sunday morning</textarea>")
        # Once: the next opening of the form, or another story's, starts empty.
        self.assertNotContains(self.client.get(response["Location"]), "Hold until Sunday")
        other = self.writer_draft(headline="Other story")
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, status_note="Wait", _transition=Status.PUBLISHED)
        self.assertNotContains(self.client.get(self.change_url(other)), "Wait</textarea>")
        # Nor does the form class keep it for other requests.
        self.assertNotContains(self.client.get(self.change_url(story)), "Hold until Sunday")

    def test_a_plain_edit_keeps_the_time_to_the_microsecond(self):
        published_at = timezone.now() - timedelta(hours=2, microseconds=-732000)
        story = make_article(
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            published_at=published_at,
        )
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, headline="Dam bursts upstream of the city")
        story.refresh_from_db()
        self.assertEqual(story.headline, "Dam bursts upstream of the city")
        self.assertEqual(story.published_at, published_at)
        self.assertEqual(self.latest_comment(story), "Changed Headline.")
