"""A plain save cannot take from a published or scheduled story what its checklist demands.

The pre-publish checklist runs when a story is published. Saved afterwards, a
story already out (or waiting for its time) could otherwise lose its byline,
its source, its section or its alt text, and go on, or go public, without
them. Such a save is refused with the form, and nothing is saved; a story
taken off the site (unpublished) may lose them.
"""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from tests.articles.test_admin_workflow import AdminWorkflowTestCase
from tests.factories import make_article

Status = Article.Status


class PublishedStaysReadyTests(AdminWorkflowTestCase):
    def live_story(self, **fields):
        return make_article(
            headline="Port reopens after strike",
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            **fields,
        )

    def refused(self, story, message, **changes):
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, headline="Port reopens at last", **changes)
        self.assertEqual(response.status_code, 200, "saved")
        self.assertContains(response, message)
        # What was typed comes back in the form; nothing reached the database.
        self.assertContains(response, 'value="Port reopens at last"')
        story.refresh_from_db()
        self.assertEqual(story.headline, "Port reopens after strike")
        self.assertTrue(story.bylines.exists())
        self.assertTrue(story.source_credits.exists())
        return response

    def test_a_live_story_keeps_its_byline(self):
        self.refused(
            self.live_story(),
            "A published or scheduled story needs at least one byline.",
            **{"bylines-0-DELETE": "on"},
        )

    def test_a_scheduled_story_keeps_its_byline(self):
        story = self.live_story(published_at=timezone.now() + timedelta(days=1))
        response = self.refused(
            story,
            "A published or scheduled story needs at least one byline.",
            **{"bylines-0-DELETE": "on"},
        )
        # The hint names the button a scheduled story has.
        self.assertContains(response, "“Save and unschedule” for a scheduled story")
        self.assertContains(response, 'value="unschedule">Save and unschedule</button>')

    def test_a_live_story_keeps_a_source_unless_it_is_our_own_reporting(self):
        story = self.live_story()
        self.refused(
            story,
            "A published or scheduled story needs a source",
            **{"source_credits-0-DELETE": "on"},
        )
        data = self.open_form(story, self.editor)
        response = self.save(
            story,
            self.editor,
            data,
            is_original_reporting="on",
            **{"source_credits-0-DELETE": "on"},
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertFalse(story.source_credits.exists())

    def test_a_live_story_keeps_its_section(self):
        response = self.refused(self.live_story(), "Choose a section for the story.", section="")
        self.assertContains(response, "A published or scheduled story must pass the checklist")

    def test_a_live_storys_pictures_keep_their_alt_text(self):
        self.refused(
            self.live_story(),
            "1 image in the body has no alt text",
            body='<p>The port.</p><p><img src="/media/uploads/port.jpg"></p>',
        )

    def test_an_ordinary_edit_of_a_live_story_saves(self):
        story = self.live_story()
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, headline="Port reopens at last")
        self.assertEqual(response.status_code, 302, response.content[:2000])
        story.refresh_from_db()
        self.assertEqual(story.headline, "Port reopens at last")

    def test_unpublishing_may_take_the_byline_away(self):
        story = self.live_story()
        data = self.open_form(story, self.editor)
        response = self.save(
            story,
            self.editor,
            data,
            _transition=Status.DRAFT,
            status_note="Byline under legal review.",
            **{"bylines-0-DELETE": "on"},
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertFalse(story.bylines.exists())

    def test_a_draft_may_be_saved_without_a_byline(self):
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        response = self.save(story, self.writer, data, **{"bylines-0-DELETE": "on"})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertFalse(story.bylines.exists())
