"""What the version history says of a save from the story form.

A workflow button's move is made after the form saves, so without help the
history called a publish, a schedule or a blocked publish "No fields changed.".
"""

from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.admin import PUBLISH_NOW
from articles.models import Article
from articles.roles import EDITORS
from tests.articles.test_admin_workflow import AdminWorkflowTestCase
from tests.factories import make_article, make_author, make_source, make_user

Status = Article.Status


class VersionHistoryTestCase(AdminWorkflowTestCase):
    def latest_comment(self, story):
        return Version.objects.get_for_object(story).latest("pk").revision.get_comment()


class VersionCommentTests(VersionHistoryTestCase):

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


class UnchangedSaveTests(VersionHistoryTestCase):
    """A save that changes nothing adds no version, as it adds no history row (decision 0034).

    Every save of the story form was a version: an editor who opened a story
    to read it and pressed Save added one identical to the last, and the
    History list filled with them, hiding the versions that changed something.
    """

    def versions(self, story):
        return Version.objects.get_for_object(story).order_by("pk")

    def story_with_a_version(self, **fields):
        """A story saved once from its form, with a change: one version."""
        story = make_article(
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            created_by=self.writer,
            **fields,
        )
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, headline="Dam bursts")
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertEqual(self.versions(story).count(), 1)
        return story

    def test_a_save_that_changes_nothing_adds_no_version(self):
        story = self.story_with_a_version(status=Status.DRAFT)
        for user in (self.editor, self.writer):
            with self.subTest(user=user.username):
                response = self.save(story, user, self.open_form(story, user))
                self.assertEqual(response.status_code, 302, response.content[:3000])
                self.assertIn("was changed successfully", " ".join(self.messages(response)))
        self.assertEqual(self.versions(story).count(), 1)
        self.assertEqual(LogEntry.objects.filter(object_id=str(story.pk)).count(), 1)
        history = self.client.get(reverse("admin:articles_article_history", args=[story.pk]))
        self.assertContains(history, "Changed Headline.", count=1)
        self.assertNotContains(history, "No fields changed.")

    def test_a_story_with_no_version_gets_its_first_from_a_save_as_it_is(self):
        """Made outside the admin (a script, the shell): its first version repeats none."""
        story = self.writer_draft()
        for _ in range(2):
            self.save(story, self.editor, self.open_form(story, self.editor))
        self.assertEqual(self.versions(story).count(), 1)
        self.assertEqual(self.latest_comment(story), "Initial version.")

    def test_a_stale_save_names_who_changed_the_story_not_who_saved_it_as_it_was(self):
        """The refusal names the last version's maker: it was whoever last pressed Save."""
        story = self.story_with_a_version(status=Status.DRAFT)
        ben = make_user("desk_b", staff=True, groups=[EDITORS], first_name="Ben", last_name="Bench")
        mine = self.open_form(story, self.writer)
        theirs = self.open_form(story, self.editor)
        self.save(story, self.editor, theirs, headline="Dam bursts: valley evacuated")
        self.save(story, ben, self.open_form(story, ben))

        response = self.save(story, self.writer, mine, standfirst="Thousands flee.")
        self.assertContains(response, "Ed Itor changed this story at")
        self.assertNotContains(response, "Ben Bench")
        story.refresh_from_db()
        self.assertEqual(story.headline, "Dam bursts: valley evacuated")

    def test_a_change_to_the_byline_sources_or_corrections_alone_adds_one(self):
        """They are rows of their own, saved after the story's, which stays as it was
        (a published story's: corrections are for stories readers have seen)."""
        stringer = make_author(name="Sam Stringer")
        agency = make_source(name="Continental Press Agency")
        changes = {
            "writer replaced": ({"bylines-0-author": str(stringer.pk)}, "Changed Author"),
            "writer added": (
                {
                    "bylines-1-author": str(stringer.pk),
                    "bylines-1-position": "1",
                    "bylines-TOTAL_FORMS": "2",
                },
                "Added byline",
            ),
            "source replaced": ({"source_credits-0-source": str(agency.pk)}, "Changed Source"),
            "source added": (
                {
                    "source_credits-1-source": str(agency.pk),
                    "source_credits-1-role": "cited",
                    "source_credits-1-position": "1",
                    "source_credits-TOTAL_FORMS": "2",
                },
                "Added source credit",
            ),
            "correction added": (
                {
                    "corrections-0-kind": "correction",
                    "corrections-0-note": "The dam is on the Nile.",
                    "corrections-TOTAL_FORMS": "1",
                },
                "Added correction",
            ),
        }
        for name, (change, said) in changes.items():
            with self.subTest(change=name):
                story = self.story_with_a_version()
                data = self.open_form(story, self.editor)
                response = self.save(story, self.editor, data, **change)
                self.assertEqual(response.status_code, 302, response.content[:3000])
                self.assertEqual(self.versions(story).count(), 2)
                self.assertIn(said, self.latest_comment(story))

    def test_a_workflow_move_alone_adds_one(self):
        story = self.writer_draft()
        self.save(story, self.writer, self.open_form(story, self.writer), _transition=Status.REVIEW)
        self.assertEqual(self.latest_comment(story), "Status: Draft → In review.")
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, _transition=Status.PUBLISHED)
        self.assertEqual(self.latest_comment(story), "Status: In review → Published.")
        self.assertEqual(self.versions(story).count(), 2)
