"""The story page a writer gets for a story they may no longer change ("View story").

A writer opening their own published story saw the body as HTML source
(``<p>``, ``<h2>``, ``<img …>`` as text), "None" for the Substantive update and
Status note boxes (inputs for a save they cannot make), and a "Before
publishing: Ready to publish" box on a story already live.
"""

from django.urls import reverse

from articles.models import Article
from tests.articles.test_admin_workflow import AdminWorkflowTestCase
from tests.factories import make_article

Status = Article.Status

BODY = (
    "<p>Rain fell for a <strong>third</strong> day.</p><h2>Rescue</h2>"
    '<figure><img src="/media/uploads/flood.jpg" alt="A flooded street"></figure>'
)


class ReadOnlyStoryPageTests(AdminWorkflowTestCase):
    def writer_story(self, **fields):
        return make_article(
            headline="Floods in the north",
            body=BODY,
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            created_by=self.writer,
            **fields,
        )

    def view(self, story, user):
        self.client.force_login(user)
        response = self.client.get(reverse("admin:articles_article_change", args=[story.pk]))
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_body_reads_as_the_reader_reads_it(self):
        response = self.view(self.writer_story(), self.writer)
        self.assertNotContains(response, "&lt;p&gt;")
        self.assertNotContains(response, "&lt;img")
        self.assertContains(response, 'class="story-body-read"')
        self.assertContains(response, "<h2>Rescue</h2>", html=True)
        self.assertContains(response, "<strong>third</strong>", html=True)
        self.assertContains(response, 'alt="A flooded street"')

    def test_a_right_to_left_body_reads_right_to_left(self):
        story = self.writer_story(language="ar")
        self.assertContains(
            self.view(story, self.writer), '<div class="story-body-read" lang="ar" dir="rtl">'
        )

    def test_no_none_for_the_boxes_of_a_save_the_writer_cannot_make(self):
        response = self.view(self.writer_story(), self.writer)
        page = response.content.decode()
        self.assertNotIn('<div class="readonly">None</div>', page)
        # An empty field (no featured image) reads as a dash, as elsewhere in the admin.
        self.assertIn('<div class="readonly">—</div>', page)
        self.assertNotIn("Substantive update", page)
        self.assertNotIn("Status note", page)

    def test_no_pre_publish_checklist_on_a_live_story_the_writer_cannot_change(self):
        response = self.view(self.writer_story(), self.writer)
        self.assertNotContains(response, 'id="checklist"')
        self.assertNotContains(response, "Ready to publish")

    def test_a_writer_still_gets_the_checklist_of_a_draft_they_may_change(self):
        response = self.view(self.writer_story(status=Status.DRAFT), self.writer)
        self.assertContains(response, '<h2 id="checklist-title">Before publishing</h2>', html=True)
        self.assertContains(response, 'name="status_note"')

    def test_editors_still_get_the_form_and_the_checklist_of_a_live_story(self):
        """A save of a live story must still pass the checklist: an editor sees it,
        not as "Before publishing"."""
        response = self.view(self.writer_story(), self.editor)
        self.assertContains(response, '<h2 id="checklist-title">Checklist</h2>', html=True)
        self.assertContains(response, "Every check passes.")
        self.assertNotContains(response, "Ready to publish")
        self.assertContains(response, 'name="status_note"')
        self.assertContains(response, 'name="body"')
