"""Corrections in the story form: the ones readers have seen are a public record."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format

from articles import services
from articles.models import Article, Correction
from tests.articles.test_admin_workflow import AdminWorkflowTestCase
from tests.factories import make_article, make_user
from tests.test_preview_after_publish import clock_moved_on

Status = Article.Status


class CorrectionRecordTests(AdminWorkflowTestCase):
    def published_with_correction(self):
        story = make_article(section=self.section, origin=self.source, headline="Dam bursts")
        correction = services.add_correction(
            story, kind="correction", note="The dam is on the Nile, not the Congo."
        )
        return story, correction

    def assert_unchanged(self, correction):
        fresh = Correction.objects.get(pk=correction.pk)
        self.assertEqual(
            (fresh.kind, fresh.note, fresh.created_at),
            (correction.kind, correction.note, correction.created_at),
        )

    def test_a_seen_correction_is_shown_read_only_with_no_delete_box(self):
        story, correction = self.published_with_correction()
        data = self.open_form(story, self.editor)
        page = self.client.get(self.change_url(story)).content.decode()
        self.assertIn("The dam is on the Nile, not the Congo.", page)
        self.assertIn("Corrections and updates readers have seen", page)
        # Nothing of it is a field the browser would send back.
        sent = [name for name in data if name.startswith("shown_corrections-0-")]
        self.assertEqual(sorted(sent), ["shown_corrections-0-article", "shown_corrections-0-id"])
        self.assertNotIn('name="corrections-0-note"', page)
        # New ones can still be added.
        self.assertEqual(data["corrections-TOTAL_FORMS"], "0")
        self.assertIn('id="corrections-empty"', page)

    def test_a_story_with_none_seen_shows_no_empty_heading_and_still_saves(self):
        story = make_article(section=self.section, origin=self.source, headline="Dam holds")
        data = self.open_form(story, self.editor)
        page = self.client.get(self.change_url(story)).content.decode()
        self.assertNotIn("Corrections and updates readers have seen", page)
        self.assertIn("New corrections and updates (readers see them", page)
        # The empty formset's management form is still there to post.
        self.assertEqual(data["shown_corrections-TOTAL_FORMS"], "0")
        response = self.save(
            story,
            self.editor,
            data,
            **{
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-kind": "correction",
                "corrections-0-note": "The dam is on the Blue Nile.",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(story.corrections.get().note, "The dam is on the Blue Nile.")

    def test_a_new_row_shows_no_time_until_it_is_saved(self):
        """"Add another" showed the time the form was opened, as if the correction had
        been made then; it is dated when the story is saved."""
        story = make_article(section=self.section, origin=self.source, headline="Dam holds")
        self.open_form(story, self.editor)
        opened = timezone.localtime()
        page = self.client.get(self.change_url(story)).content.decode()
        blank = page[page.index('id="corrections-empty"') :]
        blank = blank[: blank.index("</fieldset>")]
        self.assertIn("Created at", blank)
        self.assertIn("When the story is saved", blank)
        self.assertNotIn(str(opened.year), blank)

        # Refused (no note), the row comes back undated too.
        data = self.open_form(story, self.editor)
        response = self.save(
            story, self.editor, data, **{"corrections-TOTAL_FORMS": "1", "corrections-0-note": ""}
        )
        self.assertEqual(response.status_code, 200)
        row = response.content.decode()
        row = row[row.index('id="corrections-0"') :]
        self.assertIn("When the story is saved", row[: row.index("</fieldset>")])

    def test_a_saved_row_still_shows_its_time(self):
        story = make_article(section=self.section, origin=self.source, headline="Dam holds")
        Article.objects.filter(pk=story.pk).update(status=Status.DRAFT)
        when = timezone.now() - timedelta(days=3)
        # Made while the story was off the site: not yet seen, so still editable.
        correction = Correction.objects.create(article=story, note="Blue Nile.", created_at=when)
        self.open_form(story, self.editor)
        page = self.client.get(self.change_url(story)).content.decode()
        self.assertIn(str(correction), page)
        row = page[page.index('id="corrections-0"') :]
        row = row[: row.index("</fieldset>")]
        self.assertIn(date_format(timezone.localtime(when), "DATETIME_FORMAT"), row)
        self.assertNotIn("When the story is saved", row)

    def test_a_forged_post_cannot_rewrite_or_delete_it(self):
        """The edit and the Delete box a browser never showed, posted by hand, change nothing."""
        story, correction = self.published_with_correction()
        data = self.open_form(story, self.editor)
        forged = {
            "shown_corrections-TOTAL_FORMS": "1",
            "shown_corrections-INITIAL_FORMS": "1",
            "shown_corrections-0-id": str(correction.pk),
            "shown_corrections-0-article": str(story.pk),
            "shown_corrections-0-kind": "update",
            "shown_corrections-0-note": "Nothing was ever wrong.",
            "shown_corrections-0-DELETE": "on",
        }
        response = self.save(story, self.editor, data, **forged)
        self.assertEqual(response.status_code, 302)
        self.assert_unchanged(correction)
        # Nor through the inline that edits corrections no reader has seen.
        data = self.open_form(story, self.editor)
        forged = {
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "1",
            "corrections-0-id": str(correction.pk),
            "corrections-0-article": str(story.pk),
            "corrections-0-kind": "update",
            "corrections-0-note": "Nothing was ever wrong.",
            "corrections-0-DELETE": "on",
        }
        response = self.save(story, self.editor, data, **forged)
        self.assertContains(response, "has been shown to readers since you opened the story")
        self.assert_unchanged(correction)
        self.assertContains(self.client.get(story.get_absolute_url()), "not the Congo")

    def test_a_correction_is_added_beside_the_record(self):
        story, correction = self.published_with_correction()
        data = self.open_form(story, self.editor)
        data.update(
            {
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-kind": "correction",
                "corrections-0-note": "An earlier correction named the wrong river.",
            }
        )
        response = self.save(story, self.editor, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(story.corrections.count(), 2)
        self.assert_unchanged(correction)

    def test_it_stays_locked_after_the_story_is_taken_down(self):
        story, correction = self.published_with_correction()
        services.unpublish(story, user=self.editor, note="Checking a claim.")
        data = self.open_form(story, self.editor)
        self.assertNotIn("corrections-0-note", data)
        response = self.save(
            story,
            self.editor,
            data,
            **{
                "shown_corrections-TOTAL_FORMS": "1",
                "shown_corrections-INITIAL_FORMS": "1",
                "shown_corrections-0-id": str(correction.pk),
                "shown_corrections-0-note": "Rewritten while it was off the site.",
                "shown_corrections-0-DELETE": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assert_unchanged(correction)

    def test_a_correction_no_reader_saw_may_be_edited_or_deleted(self):
        """One no reader has seen is still the desk's own text: here on a scheduled story,
        made before such were refused (``CorrectionsOnUnseenStoriesTests``)."""
        story = make_article(
            section=self.section,
            origin=self.source,
            published_at=timezone.now() + timedelta(hours=3),
        )
        correction = Correction.objects.create(
            article=story, kind="update", note="Typo in the update."
        )
        data = self.open_form(story, self.editor)
        self.assertEqual(data["corrections-0-note"].strip(), "Typo in the update.")
        response = self.save(story, self.editor, data, **{"corrections-0-note": "Fixed."})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(Correction.objects.get(pk=correction.pk).note, "Fixed.")
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, **{"corrections-0-DELETE": "on"})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertFalse(Correction.objects.filter(pk=correction.pk).exists())

    def test_an_edit_to_a_story_that_went_public_meanwhile_is_refused_not_dropped(self):
        """A scheduled story goes public at its time while the editor is still typing."""
        story = make_article(
            section=self.section,
            origin=self.source,
            published_at=timezone.now() + timedelta(minutes=5),
        )
        # Made before corrections were refused on a story no reader has seen.
        correction = Correction.objects.create(article=story, kind="update", note="Talks resumed.")
        data = self.open_form(story, self.editor)
        Article.objects.filter(pk=story.pk).update(
            published_at=timezone.now() - timedelta(minutes=1)
        )
        data["loaded_version"] = Article.objects.get(pk=story.pk).updated_at.isoformat()
        response = self.save(
            story, self.editor, data, **{"corrections-0-note": "Talks resumed on Monday."}
        )
        self.assertContains(response, "it was not changed")
        # What was typed is still in the form.
        self.assertContains(response, "Talks resumed on Monday.")
        self.assert_unchanged(correction)

    def test_a_superuser_may_delete_one_for_a_legal_takedown_but_not_rewrite_it(self):
        """As with deleting a story: not daily work, and the version history keeps it."""
        chief = make_user("chief", superuser=True)
        self.assertTrue(get_user_model().objects.get(pk=chief.pk).is_superuser)
        story, correction = self.published_with_correction()
        data = self.open_form(story, chief)
        self.assertIn("shown_corrections-0-id", data)
        response = self.save(
            story,
            chief,
            data,
            **{"shown_corrections-0-note": "Rewritten.", "shown_corrections-0-kind": "update"},
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assert_unchanged(correction)
        data = self.open_form(story, chief)
        response = self.save(story, chief, data, **{"shown_corrections-0-DELETE": "on"})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertFalse(Correction.objects.filter(pk=correction.pk).exists())


class EmptyCorrectionRowTests(AdminWorkflowTestCase):
    """A row added with "Add another" and left empty (the kind at Correction, no note, or
    only spaces) was dropped: "changed successfully", nothing saved, and the history said
    "No fields changed". Changing the kind gave "This field is required." instead."""

    def test_an_added_row_with_no_note_is_refused_saying_what_to_do(self):
        story = make_article(section=self.section, origin=self.source)
        for note in ("", "   "):
            with self.subTest(note=note):
                data = self.open_form(story, self.editor)
                response = self.save(
                    story,
                    self.editor,
                    data,
                    headline="Talks move to Geneva",
                    **{
                        "corrections-TOTAL_FORMS": "1",
                        "corrections-0-kind": "correction",
                        "corrections-0-note": note,
                    },
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(
                    response,
                    "Write the note readers will see, or take this row out with its "
                    "“Remove” link if you added it by mistake.",
                )
                self.assertFalse(story.corrections.exists())
                self.assertNotEqual(
                    Article.objects.get(pk=story.pk).headline, "Talks move to Geneva"
                )


class CorrectionsOnUnseenStoriesTests(AdminWorkflowTestCase):
    """A correction added while a story was scheduled was shown once it went public ("This
    story has been corrected", and in the corrections log), though no reader had seen a
    wrong version. It is refused, with the editor told to change the copy instead."""

    def add_correction(self, story, **changes):
        data = self.open_form(story, self.editor)
        data.update(
            {
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-kind": "correction",
                "corrections-0-note": "The talks are in Geneva, not Vienna.",
            }
        )
        return self.save(story, self.editor, data, **changes)

    def test_one_on_a_story_no_reader_has_seen_is_refused_with_what_to_do(self):
        stories = {
            "scheduled": make_article(
                section=self.section,
                origin=self.source,
                published_at=timezone.now() + timedelta(hours=3),
            ),
            "draft": self.writer_draft(),
            "publish now": make_article(
                section=self.section,
                origin=self.source,
                published_at=timezone.now() + timedelta(hours=3),
            ),
        }
        for name, story in stories.items():
            with self.subTest(name):
                extra = {"_transition": "publish_now"} if name == "publish now" else {}
                response = self.add_correction(story, headline="Talks move to Geneva", **extra)
                self.assertEqual(response.status_code, 200)
                self.assertContains(
                    response,
                    "No reader has seen this story yet, so there is no earlier version to "
                    "correct or update: make the change in the story itself, and take this "
                    "correction out.",
                )
                # Kept in the form to copy into the story.
                self.assertContains(response, "The talks are in Geneva, not Vienna.")
                self.assertFalse(story.corrections.exists())
                self.assertNotEqual(
                    Article.objects.get(pk=story.pk).headline, "Talks move to Geneva"
                )

    def test_the_workflow_refuses_it_too(self):
        story = make_article(published_at=timezone.now() + timedelta(hours=3))
        with self.assertRaises(services.CorrectionRefused):
            services.add_correction(story, kind="correction", note="Geneva.")
        self.assertFalse(story.corrections.exists())

    def test_one_on_a_story_that_went_public_while_the_form_was_open_is_added(self):
        """Read as the story is when the form is sent: readers have seen it by then."""
        story = make_article(
            section=self.section,
            origin=self.source,
            published_at=timezone.now() + timedelta(minutes=5),
        )
        data = self.open_form(story, self.editor)
        data.update(
            {
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-kind": "correction",
                "corrections-0-note": "The talks are in Geneva.",
            }
        )
        with clock_moved_on(hours=1):
            response = self.save(story, self.editor, data)
            self.assertEqual(response.status_code, 302, response.content[:2000])
            self.assertIn(story.corrections.get(), Correction.objects.shown_to_readers())

    def test_one_on_a_story_taken_down_is_added_and_shown_once_it_is_back(self):
        """Readers saw the story before it came down: what changed since is theirs to know."""
        story = make_article(section=self.section, origin=self.source)
        services.unpublish(story, user=self.editor, note="Checking a claim.")
        response = self.add_correction(story)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        correction = story.corrections.get()
        self.assertNotIn(correction, Correction.objects.shown_to_readers())
        story.refresh_from_db()
        services.publish(story, user=self.editor)
        self.assertIn(correction, Correction.objects.shown_to_readers())
        self.assertContains(self.client.get(story.get_absolute_url()), "has been corrected")
