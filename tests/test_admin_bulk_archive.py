"""Archive selected with a live story in the selection asks for one note first.

On its own page a live story cannot be archived without a note; the bulk action
used to refuse every live story instead, with nowhere to type one.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.articles.test_admin_workflow import AdminWorkflowTestCase
from tests.factories import make_article

Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")


class BulkArchiveTests(AdminWorkflowTestCase):
    def setUp(self):
        self.draft = self.writer_draft(headline="A draft nobody saw")
        self.live = make_article(headline="Minister quits over leaked memo")
        self.client.force_login(self.editor)

    def post(self, **extra):
        return self.client.post(
            CHANGELIST,
            {
                "action": "archive_selected",
                "_selected_action": [self.draft.pk, self.live.pk],
                **extra,
            },
        )

    def statuses(self):
        self.draft.refresh_from_db()
        self.live.refresh_from_db()
        return self.draft.status, self.live.status

    def test_the_first_post_asks_and_archives_nothing(self):
        response = self.post()
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(
            response, "admin/articles/article/archive_selected_confirmation.html"
        )
        self.assertEqual([s.pk for s in response.context["live"]], [self.live.pk])
        self.assertEqual([s.pk for s, _ in response.context["others"]], [self.draft.pk])
        self.assertContains(response, "Taken off the site (1)")
        self.assertContains(response, 'name="status_note"')
        self.assertEqual(self.statuses(), (Status.DRAFT, Status.PUBLISHED))

    def test_a_scheduled_story_is_called_scheduled_not_published(self):
        """It read "— published" beside a story no reader had seen."""
        scheduled = make_article(
            headline="G20 ministers meet",
            published_at=timezone.now() + timedelta(days=1),
        )
        response = self.client.post(
            CHANGELIST,
            {"action": "archive_selected", "_selected_action": [self.live.pk, scheduled.pk]},
        )
        self.assertContains(response, "G20 ministers meet</a> — scheduled for ")
        self.assertNotContains(response, "G20 ministers meet</a> — published")

    def test_confirming_without_a_note_asks_again(self):
        response = self.post(post="yes", status_note="   ")
        self.assertContains(response, "a note is required")
        self.assertContains(response, 'aria-invalid="true"')
        self.assertEqual(self.statuses(), (Status.DRAFT, Status.PUBLISHED))

    def test_confirming_with_a_note_archives_all_and_keeps_the_note(self):
        response = self.post(post="yes", status_note="Legal asked us to take it down.")
        self.assertRedirects(response, CHANGELIST, fetch_redirect_response=False)
        self.assertEqual(self.statuses(), (Status.ARCHIVED, Status.ARCHIVED))
        self.assertEqual(self.live.status_changes.get().note, "Legal asked us to take it down.")
        # The reader who follows an old link is told it was withdrawn.
        self.client.logout()
        self.assertEqual(self.client.get(self.live.get_absolute_url()).status_code, 410)

    def test_each_story_archived_from_the_list_has_it_in_its_history(self):
        """Its History had gone on naming the last edit as the latest change."""
        self.post(post="yes", status_note="Legal asked us to take it down.")
        for story, before in ((self.draft, "Draft"), (self.live, "Published")):
            with self.subTest(before):
                versions = Version.objects.get_for_object(story)
                latest = versions.latest("pk").revision
                self.assertEqual(
                    latest.get_comment(), f"Status: {before} → Archived. From the story list."
                )
                self.assertEqual(latest.user, self.editor)
                # One revision per story: recovering one brings back no other.
                self.assertEqual(
                    latest.version_set.count(),
                    1 + story.bylines.count() + story.source_credits.count(),
                )
        response = self.client.get(reverse("admin:articles_article_history", args=[self.live.pk]))
        self.assertContains(response, "Status: Published → Archived. From the story list.")

    def test_a_writer_cannot_archive(self):
        self.client.force_login(self.writer)
        self.post(post="yes", status_note="Trying.")
        self.assertEqual(self.statuses(), (Status.DRAFT, Status.PUBLISHED))
