"""Restoring a story's old version, and recovering a deleted story, from the admin.

django-reversion writes the old rows first and then runs the change form, in one
transaction that it commits whenever the form answers with a redirect. These
tests hold the admin to what a restore promises: the copy, bylines and sources
come back; the status, the publication time, the corrections readers were shown
and the story's current address stay; and only someone who may change the story
as it is now can restore it.
"""

from datetime import timedelta

import reversion
from django.contrib.messages import get_messages
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from articles import services
from articles.import_service import CREATED, DUPLICATE, import_copy
from articles.models import Article, Byline, Correction, SourceCredit, StatusChange
from articles.roles import EDITORS, WRITERS, ensure_roles
from sections.models import Section
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_author, make_section, make_source, make_user
from tests.migration_case import MigrationTestCase

Status = Article.Status


class RestoreTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        Site.objects.get_current()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.writer = make_user("writer", staff=True, groups=[WRITERS])
        cls.writer_author = make_author(name="Wendy Writer", user=cls.writer)
        cls.chief = make_user("chief", superuser=True)

    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def revision_url(self, article, version):
        return reverse("admin:articles_article_revision", args=[article.pk, version.pk])

    def save_in_admin(self, article, user, **changes):
        """Save the story form as ``user`` would, with ``changes`` typed in; return its version."""
        self.client.force_login(user)
        data = form_fields(self.client.get(self.change_url(article)))
        response = self.client.post(self.change_url(article), {**data, **changes})
        self.assertEqual(response.status_code, 302, response.content[:3000])
        return Version.objects.get_for_object(article).order_by("-pk").first()

    def restore(self, article, version, user):
        """Open the version's restore page as ``user`` and post it as shown."""
        self.client.force_login(user)
        url = self.revision_url(article, version)
        return self.client.post(url, form_fields(self.client.get(url)))


class RestoreKeepsTheWritersBylineTests(RestoreTestCase):
    def test_a_writer_restoring_a_version_from_before_their_byline_is_told_to_keep_it(self):
        """Restored as shown, the writer came off the byline and could not open the story again."""
        colleague = make_author(name="Colin Colleague")
        story = make_article(
            status=Status.DRAFT, authors=[colleague], origin=make_source(), created_by=self.editor
        )
        before = self.save_in_admin(story, self.editor)
        self.save_in_admin(
            story,
            self.editor,
            **{"bylines-1-author": str(self.writer_author.pk), "bylines-1-position": "1"},
        )
        response = self.restore(story, before, self.writer)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Keep your own name on the byline")
        self.assertEqual(
            sorted(story.bylines.values_list("author__name", flat=True)),
            ["Colin Colleague", "Wendy Writer"],
        )


class WhoMayRestoreTests(RestoreTestCase):
    def test_writer_cannot_put_a_taken_down_story_back_online(self):
        """A crafted POST to another desk's version was committed: the story was public again."""
        story = make_article(headline="Minister took bribes, sources say", origin=make_source())
        published = self.save_in_admin(story, self.editor)
        services.archive(story, user=self.editor, note="Legal: taken down")
        self.client.force_login(self.writer)
        response = self.client.post(self.revision_url(story, published), {})
        self.assertEqual(response.status_code, 403)
        story.refresh_from_db()
        self.assertEqual(story.status, Status.ARCHIVED)
        # Taken down: gone for readers (410), not back online.
        self.assertEqual(Client().get(story.get_absolute_url()).status_code, 410)
        self.assertEqual(self.client.get(self.revision_url(story, published)).status_code, 403)

    def test_writer_cannot_restore_their_own_story_once_it_is_published(self):
        """Checked after the old rows were written, the old draft passed as the writer's own."""
        story = make_article(
            headline="Floods in the delta",
            status=Status.DRAFT,
            created_by=self.writer,
            authors=[self.writer_author],
            origin=make_source(),
        )
        draft = self.save_in_admin(story, self.writer, headline="Floods in the delta (draft)")
        self.save_in_admin(story, self.editor, headline="Floods cut off the delta")
        services.publish(story, user=self.editor)
        response = self.restore(story, draft, self.writer)
        self.assertEqual(response.status_code, 403)
        story.refresh_from_db()
        self.assertEqual(story.headline, "Floods cut off the delta")
        self.assertEqual(story.status, Status.PUBLISHED)

    def test_writer_restores_a_version_of_their_own_draft(self):
        story = make_article(
            headline="Harvest fails",
            status=Status.DRAFT,
            created_by=self.writer,
            authors=[self.writer_author],
            origin=make_source(),
        )
        first = self.save_in_admin(story, self.writer, headline="Harvest fails in the north")
        self.save_in_admin(story, self.writer, headline="Harvest fails everywhere")
        response = self.restore(story, first, self.writer)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        story.refresh_from_db()
        self.assertEqual(story.headline, "Harvest fails in the north")
        self.assertEqual(story.status, Status.DRAFT)

    def test_a_version_of_another_story_is_not_restored(self):
        """Reversion found a version by its object id alone: a byline of a taken-down story
        sharing the writer's draft's id restored the taken-down story, published."""
        own = make_article(
            pk=900001, status=Status.DRAFT, created_by=self.writer, authors=[], origin=make_source()
        )
        other = make_article(headline="Defamatory story", authors=[], origin=make_source())
        Byline.objects.create(pk=own.pk, article=other, author=make_author())
        self.save_in_admin(other, self.editor)
        byline_version = Version.objects.get_for_object(Byline.objects.get(pk=own.pk)).get()
        services.archive(other, user=self.editor, note="Legal: taken down")
        self.client.force_login(self.writer)
        url = self.revision_url(own, byline_version)
        response = self.client.post(url, form_fields(self.client.get(self.change_url(own))))
        self.assertEqual(response.status_code, 404)
        other.refresh_from_db()
        self.assertEqual(other.status, Status.ARCHIVED)

    def test_writer_restores_a_version_of_their_draft_from_before_their_byline(self):
        """The change form judged the old version, without the writer on its byline: opening
        it bounced them to the story list with "doesn't exist" and "not restored".

        Posted as shown, it would take them off the byline, and out of the story:
        they are asked to keep their name (``RestoreKeepsTheWritersBylineTests``),
        and with their row added the old version comes back.
        """
        story = make_article(
            headline="Strike at the port", status=Status.DRAFT, origin=make_source()
        )
        without_writer = self.save_in_admin(story, self.editor)
        Byline.objects.create(article=story, author=self.writer_author, position=1)
        self.save_in_admin(story, self.editor, headline="Strike closes the port")
        self.client.force_login(self.writer)
        url = self.revision_url(story, without_writer)
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'value="Strike at the port"')
        data = form_fields(page)
        total = int(data["bylines-TOTAL_FORMS"])
        data.update({
            "bylines-TOTAL_FORMS": str(total + 1),
            f"bylines-{total}-author": str(self.writer_author.pk),
            f"bylines-{total}-position": "1",
        })
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        said = " ".join(str(m) for m in get_messages(response.wsgi_request))
        self.assertNotIn("not restored", said)
        self.assertNotIn("doesn’t exist", said)
        story.refresh_from_db()
        self.assertEqual(story.headline, "Strike at the port")
        self.assertEqual(story.status, Status.DRAFT)
        self.assertTrue(story.bylines.filter(author=self.writer_author).exists())
        self.assertEqual(self.client.get(self.change_url(story)).status_code, 200)

    def test_a_colleagues_save_since_the_restore_page_opened_is_not_overwritten(self):
        story = make_article(headline="Ceasefire holds", origin=make_source())
        first = self.save_in_admin(story, self.editor, headline="Ceasefire holds for now")
        self.save_in_admin(story, self.editor, headline="Ceasefire holds a second day")
        url = self.revision_url(story, first)
        self.client.force_login(self.editor)
        opened = form_fields(self.client.get(url))
        self.save_in_admin(story, self.chief, headline="Ceasefire breaks down")
        self.client.force_login(self.editor)
        response = self.client.post(url, opened)
        self.assertContains(response, "after you opened it")
        story.refresh_from_db()
        self.assertEqual(story.headline, "Ceasefire breaks down")


class RestoreKeepsTheFrontPageTests(RestoreTestCase):
    def test_restoring_a_version_from_when_the_story_led_does_not_make_it_lead(self):
        """The pin was restored with the copy: last week's lead, restored to fix its
        copy, was pinned again beside today's, and led the home page again the
        moment today's was taken down (or at once, had it been the newer)."""
        now = timezone.now()
        story = make_article(
            headline="Quake hits",
            is_pinned=True,
            published_at=now - timedelta(hours=1),
            authors=[self.writer_author],
            origin=make_source(),
        )
        version = self.save_in_admin(story, self.editor, headline="Quake hits the coast")
        today = make_article(
            headline="Summit opens",
            published_at=now - timedelta(hours=3),
            authors=[self.writer_author],
            origin=make_source(name="AFP"),
        )
        self.save_in_admin(today, self.editor, is_pinned="on")
        story.refresh_from_db()
        self.assertFalse(story.is_pinned)
        self.save_in_admin(story, self.editor, headline="Quake hits the coast, 40 dead")

        self.client.force_login(self.editor)
        page = self.client.get(self.revision_url(story, version))
        self.assertNotEqual(form_fields(page).get("is_pinned"), "on")
        self.assertEqual(self.restore(story, version, self.editor).status_code, 302)
        story.refresh_from_db()
        self.assertEqual(story.headline, "Quake hits the coast")
        self.assertFalse(story.is_pinned)
        self.assertEqual(self.client.get("/").context["lead"], today)


class RestorePageTests(RestoreTestCase):
    def test_the_restore_page_names_the_version_and_what_stays(self):
        story = make_article(headline="Talks stall", origin=make_source())
        first = self.save_in_admin(story, self.editor, headline="Talks stall again")
        self.save_in_admin(story, self.editor, headline="Talks resume")
        self.client.force_login(self.editor)
        response = self.client.get(self.revision_url(story, first))
        when = date_format(timezone.localtime(first.revision.date_created), "j M Y, H:i:s")
        self.assertContains(response, f"<h1>Restore the version of {when} (editor)</h1>", html=True)
        self.assertContains(
            response,
            "its status, publication time, corrections and place as lead story stay as they "
            "are now. Press Save to restore it.",
        )
        self.assertNotContains(response, "revert")

    def test_two_saves_in_one_minute_get_different_restore_labels(self):
        """"Restored the version of 28 Nov 2026, 20:03 (Writer Test)" named two versions
        saved by the same person at 20:03:10 and 20:03:32; the history list shows seconds."""
        story = make_article(headline="Talks stall", origin=make_source())
        first = self.save_in_admin(story, self.editor, headline="Talks stall again")
        second = self.save_in_admin(story, self.editor, headline="Talks resume")
        minute = timezone.now().replace(second=0, microsecond=0)
        first.revision.date_created = minute + timedelta(seconds=10)
        first.revision.save()
        second.revision.date_created = minute + timedelta(seconds=32)
        second.revision.save()
        self.client.force_login(self.editor)
        response = self.restore(story, first, self.editor)
        self.assertEqual(response.status_code, 302)
        when = date_format(timezone.localtime(first.revision.date_created), "j M Y, H:i:s")
        self.assertTrue(when.endswith(":10"))
        latest = Version.objects.get_for_object(story).order_by("-pk").first()
        self.assertEqual(latest.revision.get_comment(), f"Restored the version of {when} (editor).")
        titles = {
            self.client.get(self.revision_url(story, version)).context["title"]
            for version in (first, second)
        }
        self.assertEqual(len(titles), 2)

    def test_restore_and_recover_pages_offer_no_status_note_or_publication_time(self):
        """Both were shown, then ignored or refused ("use one of the “Save and …” buttons",
        which these pages do not have)."""
        story = make_article(headline="Talks stall", origin=make_source())
        first = self.save_in_admin(story, self.editor, headline="Talks stall again")
        self.client.force_login(self.editor)
        fields = form_fields(self.client.get(self.revision_url(story, first)))
        self.assertIn("headline", fields)
        self.assertNotIn("status_note", fields)
        self.assertNotIn("published_at_0", fields)
        response = self.client.post(
            self.revision_url(story, first), {**fields, "status_note": "Restored on request"}
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        story.refresh_from_db()
        self.assertEqual(story.headline, "Talks stall again")
        self.client.force_login(self.chief)
        self.client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
        self.client.force_login(self.editor)
        version = Version.objects.get_deleted(Article).get()
        fields = form_fields(
            self.client.get(reverse("admin:articles_article_recover", args=[version.pk]))
        )
        self.assertIn("headline", fields)
        self.assertNotIn("status_note", fields)
        self.assertNotIn("published_at_0", fields)


class HistoryPageTests(RestoreTestCase):
    def history(self, story, user):
        self.client.force_login(user)
        return self.client.get(reverse("admin:articles_article_history", args=[story.pk]))

    def test_writers_see_versions_they_cannot_restore_unlinked(self):
        """Each version linked to a bare 403 page for a writer's own archived story."""
        story = make_article(
            headline="Harvest fails",
            status=Status.DRAFT,
            created_by=self.writer,
            authors=[self.writer_author],
            origin=make_source(),
        )
        first = self.save_in_admin(story, self.writer, headline="Harvest fails in the north")
        second = self.save_in_admin(story, self.writer, headline="Harvest fails everywhere")
        services.archive(story, user=self.editor, note="Spiked")
        response = self.history(story, self.writer)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, self.revision_url(story, first))
        self.assertNotContains(response, "to restore it")
        self.assertContains(response, "An editor can restore an earlier version of this story.")
        compare = self.client.get(
            reverse("admin:articles_article_compare", args=[story.pk]),
            {"from": first.pk, "to": second.pk},
        )
        self.assertContains(compare, "everywhere")
        response = self.history(story, self.editor)
        self.assertContains(response, self.revision_url(story, first))
        self.assertContains(response, "Open a version by its time to restore it")


class RecoverTests(RestoreTestCase):
    def delete_story(self, story=None, **fields):
        if story is None:
            story = make_article(headline="Defamatory story", origin=make_source(), **fields)
        self.save_in_admin(story, self.editor)
        self.client.force_login(self.chief)
        self.client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
        self.assertFalse(Article.objects.filter(pk=story.pk).exists())
        return story, Version.objects.get_deleted(Article).get()

    def recover_as_editor(self, version):
        """Open the recover page of ``version`` as the editor and post it as shown."""
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_recover", args=[version.pk])
        response = self.client.post(url, form_fields(self.client.get(url)))
        self.assertEqual(response.status_code, 302, response.content[:3000])
        return response

    def correction_notes(self, story):
        return [c.note for c in Article.objects.get(pk=story.pk).corrections.all()]

    def test_a_story_a_colleague_recovered_first_is_named_not_a_bare_404(self):
        """Two editors opened the recover page; the second's save met "404: This story
        was not deleted", and what they had changed was lost without a word."""
        story, version = self.delete_story()
        url = reverse("admin:articles_article_recover", args=[version.pk])
        self.client.force_login(self.editor)
        opened = form_fields(self.client.get(url))
        self.recover_as_editor(version)  # the colleague, first
        self.client.force_login(self.chief)
        response = self.client.post(url, {**opened, "standfirst": "Typed on the recover page."})
        self.assertRedirects(
            response,
            reverse("admin:articles_article_change", args=[story.pk]),
            fetch_redirect_response=False,
        )
        said = " ".join(str(message) for message in get_messages(response.wsgi_request))
        self.assertIn("“Defamatory story” is not deleted: the last to bring it back", said)
        self.assertIn("was NOT saved", said)
        self.assertNotEqual(
            Article.objects.get(pk=story.pk).standfirst, "Typed on the recover page."
        )

    def test_a_deleted_import_comes_back_after_its_copy_was_imported_again(self):
        """The new import took the slug: the editor is told, renames it, then recovers."""
        copy = (
            b"GENEVA (Reuters) - Talks on the ceasefire resumed on Monday, diplomats said.\n"
            b"Both delegations called the mood constructive.\n"
        )
        make_section(name="World", slug="world")
        first = import_copy("geneva.txt", copy)
        story, version = self.delete_story(Article.objects.get(pk=first.article_id))
        again = import_copy("geneva.txt", copy)
        self.assertEqual(again.status, CREATED, again.errors)
        newer = Article.objects.get(pk=again.article_id)
        self.assertEqual(newer.slug, story.slug)

        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_recover", args=[version.pk])
        response = self.client.get(url, follow=True)
        self.assertRedirects(response, reverse("admin:articles_article_recoverlist"))
        self.assertContains(response, "cannot come back while the story")
        self.assertContains(response, f"has its slug, {story.slug}.")
        self.assertFalse(Article.objects.filter(pk=story.pk).exists())

        Article.objects.filter(pk=newer.pk).update(slug="geneva-talks-resume")
        self.recover_as_editor(version)
        recovered = Article.objects.get(pk=story.pk)
        self.assertEqual((recovered.slug, recovered.status), (story.slug, Status.DRAFT))
        # Both stories came from that copy; a third import of it is still a duplicate.
        self.assertEqual(import_copy("geneva.txt", copy).status, DUPLICATE)

    def test_writer_cannot_bring_back_a_deleted_story(self):
        story, version = self.delete_story()
        self.client.force_login(self.writer)
        url = reverse("admin:articles_article_recover", args=[version.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.post(url, {}).status_code, 403)
        self.assertFalse(Article.objects.filter(pk=story.pk).exists())
        self.assertEqual(Client().get(story.get_absolute_url()).status_code, 404)
        recover_list = self.client.get(reverse("admin:articles_article_recoverlist"))
        self.assertEqual(recover_list.status_code, 403)

    def test_the_story_list_offers_recover_deleted_only_to_those_who_may(self):
        for user, offered in ((self.writer, False), (self.editor, True)):
            with self.subTest(user.username):
                self.client.force_login(user)
                response = self.client.get(reverse("admin:articles_article_changelist"))
                self.assertEqual(response.status_code, 200)
                link = reverse("admin:articles_article_recoverlist")
                self.assertEqual(link in response.content.decode(), offered)

    def test_editor_recovers_a_deleted_story_as_a_draft(self):
        story, version = self.delete_story()
        self.recover_as_editor(version)
        recovered = Article.objects.get(pk=story.pk)
        self.assertEqual(recovered.status, Status.DRAFT)
        change = recovered.status_changes.get()
        self.assertEqual(
            (change.from_status, change.note), (Status.PUBLISHED, "Recovered after deletion.")
        )
        self.assertEqual(Client().get(story.get_absolute_url()).status_code, 404)

    def status_history(self, story):
        self.client.force_login(self.editor)
        page = self.client.get(self.change_url(story))
        return page.content.decode().split('id="status-history"')[1].split("</section>")[0]

    def test_a_recovered_draft_reads_as_recovered_not_as_a_move(self):
        """Its status history read "Draft → Draft", a move that never happened. The record
        is as it was (from draft, to draft, with its note), so rows written before read
        right too."""
        story, version = self.delete_story(status=Status.DRAFT)
        self.recover_as_editor(version)
        change = StatusChange.objects.get(article_id=story.pk)
        self.assertEqual(
            (change.from_status, change.to_status, change.note),
            (Status.DRAFT, Status.DRAFT, "Recovered after deletion."),
        )
        history = self.status_history(story)
        self.assertInHTML("<td>Recovered as Draft</td>", history)
        self.assertNotIn("Draft → Draft", history)

    def test_a_story_deleted_while_published_reads_as_such_once_recovered(self):
        story, version = self.delete_story()
        self.recover_as_editor(version)
        self.assertInHTML(
            "<td>Deleted while Published → Recovered as Draft</td>", self.status_history(story)
        )

    def test_the_recover_pages_say_the_story_comes_back_as_a_draft(self):
        """The form showed "Published" and the old time; the message said "changed"; the
        history said "Reverted to previous version"."""
        story, version = self.delete_story(is_pinned=True)
        self.client.force_login(self.editor)
        recover_list = self.client.get(reverse("admin:articles_article_recoverlist"))
        self.assertContains(recover_list, "They come back as drafts")
        self.assertNotContains(recover_list, "version of an object")
        url = reverse("admin:articles_article_recover", args=[version.pk])
        page = self.client.get(url)
        self.assertContains(page, "The story comes back as a draft")
        self.assertContains(page, '<div class="readonly">Draft</div>', html=True)
        self.assertNotContains(page, '<div class="readonly">Published</div>', html=True)
        response = self.client.post(url, form_fields(page), follow=True)
        self.assertContains(response, "“Defamatory story” was recovered as a draft.")
        self.assertNotContains(response, "changed successfully")
        latest = Version.objects.get_for_object(story).order_by("-pk").first()
        self.assertEqual(latest.revision.get_comment(), "Recovered after deletion by editor.")
        self.assertEqual(latest.revision.user, self.editor)

    def test_a_correction_made_outside_the_admin_comes_back(self):
        """The last saved version predated the correction: the story came back without it."""
        story = make_article(headline="Defamatory story", origin=make_source())
        self.save_in_admin(story, self.editor)
        services.add_correction(
            story, kind="correction", note="An earlier version named the wrong man."
        )
        self.client.force_login(self.chief)
        self.client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
        version = Version.objects.get_deleted(Article).get()
        self.assertEqual(version.revision.get_comment(), "Deleted by chief.")
        self.recover_as_editor(version)
        self.assertEqual(self.correction_notes(story), ["An earlier version named the wrong man."])

    def test_stories_deleted_together_are_recovered_one_at_a_time(self):
        """Deleted from the list, each story gets its own last version, with its corrections."""
        first = make_article(headline="First deleted", origin=make_source())
        second = make_article(headline="Second deleted", origin=make_source())
        services.add_correction(first, kind="correction", note="First story corrected.")
        self.client.force_login(self.chief)
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Article.objects.filter(pk__in=[first.pk, second.pk]).exists())
        version = Version.objects.get_deleted(Article).get(object_id=str(first.pk))
        self.recover_as_editor(version)
        self.assertEqual(self.correction_notes(first), ["First story corrected."])
        self.assertFalse(Article.objects.filter(pk=second.pk).exists())

    def test_a_recovered_story_comes_back_with_its_corrections(self):
        """Corrections are part of the story's record; a draft brought back without
        them could go out again with its errors unacknowledged."""
        story = make_article(headline="Defamatory story", origin=make_source())
        Correction.objects.create(article=story, note="An earlier version named the wrong man.")
        story, version = self.delete_story(story=story)
        self.recover_as_editor(version)
        self.assertEqual(self.correction_notes(story), ["An earlier version named the wrong man."])

    def test_a_recovered_story_comes_back_with_its_status_history(self):
        """Who sent it back, and why: the record of how it went out is part of the story."""
        story = make_article(
            headline="Defamatory story",
            origin=make_source(),
            status=Status.REVIEW,
            created_by=self.writer,
        )
        services.transition(story, Status.DRAFT, user=self.editor, note="Needs a second source.")
        services.submit_for_review(story, user=self.writer)
        services.publish(story, user=self.editor)
        before = list(story.status_changes.values_list("pk", "from_status", "to_status", "note"))
        story, version = self.delete_story(story=story)
        # Kept through the deletion, as the record of who did what.
        self.assertEqual(StatusChange.objects.filter(article_id=story.pk).count(), len(before))
        self.recover_as_editor(version)
        after = list(
            StatusChange.objects.filter(article_id=story.pk).values_list(
                "pk", "from_status", "to_status", "note"
            )
        )
        self.assertEqual(after[1:], before)
        recovered = (Status.PUBLISHED, Status.DRAFT, "Recovered after deletion.")
        self.assertEqual(after[0][1:], recovered)

    def test_a_story_comes_back_after_someone_in_its_history_left(self):
        """A deleted account is no reason to refuse a recovery, or a restore."""
        night_editor = make_user("night", staff=True, groups=[EDITORS])
        story = make_article(
            headline="Defamatory story", origin=make_source(), status=Status.REVIEW
        )
        self.save_in_admin(story, night_editor, _transition="published")
        self.assertEqual(story.status_changes.get().user, night_editor)
        story, version = self.delete_story(story=story)
        night_editor.delete()
        self.recover_as_editor(version)
        recovered = Article.objects.get(pk=story.pk)
        self.assertEqual(recovered.status, Status.DRAFT)
        self.assertEqual(
            [(change.user, change.to_status) for change in recovered.status_changes.all()],
            [(self.editor, Status.DRAFT), (None, Status.PUBLISHED)],
        )

    def test_a_version_saved_by_someone_who_left_is_restored(self):
        story = make_article(
            headline="Defamatory story", origin=make_source(), status=Status.REVIEW
        )
        night_editor = make_user("night", staff=True, groups=[EDITORS])
        first = self.save_in_admin(story, night_editor, _transition="published")
        self.save_in_admin(story, self.editor, headline="Rewritten by the day desk")
        night_editor.delete()
        response = self.restore(story, first, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertEqual(Article.objects.get(pk=story.pk).headline, "Defamatory story")

    def test_a_story_whose_writer_left_is_restored_recovered_and_its_history_shown(self):
        """Their id in the versions must neither break a restore nor the history page."""
        leaver = make_user("leaver", staff=True, groups=[WRITERS])
        story = make_article(
            headline="Defamatory story",
            origin=make_source(),
            status=Status.DRAFT,
            created_by=leaver,
        )
        first = self.save_in_admin(story, leaver, headline="First words")
        self.save_in_admin(story, self.editor, headline="Second words")
        leaver.delete()
        history = self.client.get(reverse("admin:articles_article_history", args=[story.pk]))
        self.assertEqual(history.status_code, 200)
        self.assertContains(history, '<td class="history-by">—</td>', html=True)
        response = self.restore(story, first, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        restored = Article.objects.get(pk=story.pk)
        self.assertEqual((restored.headline, restored.created_by), ("First words", None))
        # Deleted, then its writer leaves, then it is recovered.
        second_leaver = make_user("leaver2", staff=True, groups=[WRITERS])
        Article.objects.filter(pk=story.pk).update(created_by=second_leaver)
        story, version = self.delete_story(story=Article.objects.get(pk=story.pk))
        second_leaver.delete()
        self.recover_as_editor(version)
        recovered = Article.objects.get(pk=story.pk)
        self.assertEqual((recovered.headline, recovered.created_by), ("First words", None))

    def test_a_story_that_was_not_deleted_is_not_recovered(self):
        """Recovering a live story's version restored it without the restore's checks."""
        story = make_article(headline="Talks stall", origin=make_source())
        first = self.save_in_admin(story, self.editor, headline="Talks stall again")
        self.save_in_admin(story, self.editor, headline="Talks resume")
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_recover", args=[first.pk])
        # Sent to the story as it is, and told so; a writer who may not see it, a 404.
        self.assertRedirects(
            self.client.post(url, {}),
            reverse("admin:articles_article_change", args=[story.pk]),
            fetch_redirect_response=False,
        )
        self.client.force_login(self.writer)
        self.assertIn(self.client.post(url, {}).status_code, (403, 404))
        story.refresh_from_db()
        self.assertEqual(story.headline, "Talks resume")
        self.assertEqual(story.status, Status.PUBLISHED)


class GoneSinceTests(RestoreTestCase):
    """A version that credits a source, or bylines a writer, deleted since.

    Written back, such a credit pointed at nothing: the restore and recover
    pages failed with a 500 (``Source.DoesNotExist`` from ``SourceCredit.__str__``).
    """

    def setUp(self):
        self.wire = make_source(name="Reuters")
        self.reporter = make_author(name="Rita Reporter")
        self.temp_source = make_source(name="Temp Wire Service")
        self.temp_writer = make_author(name="Stringer Sam")

    def story_crediting_both(self, **fields):
        story = make_article(
            headline="Dam bursts upstream",
            authors=[self.reporter, self.temp_writer],
            origin=self.wire,
            cited=[self.temp_source],
            **fields,
        )
        return story

    def uncredit_and_delete(self, story):
        story.source_credits.filter(source=self.temp_source).delete()
        story.bylines.filter(author=self.temp_writer).delete()
        self.temp_source.delete()
        self.temp_writer.delete()

    def credits(self, story):
        return (
            [credit.source.name for credit in SourceCredit.objects.filter(article_id=story.pk)],
            [byline.author.name for byline in Byline.objects.filter(article_id=story.pk)],
        )

    def test_a_version_crediting_a_deleted_source_and_writer_is_restored_without_them(self):
        story = self.story_crediting_both()
        first = self.save_in_admin(story, self.editor, headline="Dam bursts upstream, dozens flee")
        self.uncredit_and_delete(story)
        self.save_in_admin(story, self.editor, headline="Dam bursts: the valley is evacuated")
        self.client.force_login(self.editor)
        url = self.revision_url(story, first)
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(
            page,
            "This version credits a source that has since been deleted (Temp Wire Service): "
            "restoring it leaves that credit out.",
        )
        self.assertContains(
            page,
            "This version has a writer on its byline who has since been deleted (Stringer Sam): "
            "restoring it leaves them off the byline.",
        )
        response = self.client.post(url, form_fields(page))
        self.assertEqual(response.status_code, 302, response.content[:3000])
        (message,) = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertIn(
            "Left out as deleted since: Temp Wire Service (source), Stringer Sam (writer).",
            message,
        )
        story.refresh_from_db()
        self.assertEqual(story.headline, "Dam bursts upstream, dozens flee")
        self.assertEqual(self.credits(story), (["Reuters"], ["Rita Reporter"]))
        latest = Version.objects.get_for_object(story).order_by("-pk").first()
        self.assertIn("Left out as deleted since: Temp Wire Service", latest.revision.comment)

    def test_a_story_left_with_no_source_is_not_restored_until_it_has_one(self):
        """Published, it must keep a source: the form says so, and the story stays as it is."""
        story = make_article(headline="Dam bursts upstream", origin=self.temp_source)
        first = self.save_in_admin(story, self.editor)
        story.source_credits.all().delete()
        SourceCredit.objects.create(article=story, source=self.wire)
        self.save_in_admin(story, self.editor, headline="Dam bursts: the valley is evacuated")
        self.temp_source.delete()
        self.client.force_login(self.editor)
        url = self.revision_url(story, first)
        page = self.client.get(url)
        self.assertContains(page, "(Temp Wire Service): restoring it leaves that credit out.")
        response = self.client.post(url, form_fields(page))
        self.assertContains(response, "A published or scheduled story needs a source")
        story.refresh_from_db()
        self.assertEqual(story.headline, "Dam bursts: the valley is evacuated")
        self.assertEqual(self.credits(story)[0], ["Reuters"])

    def test_a_deleted_story_crediting_a_deleted_source_and_writer_is_recovered(self):
        story = self.story_crediting_both()
        self.save_in_admin(story, self.editor)
        self.client.force_login(self.chief)
        self.client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
        version = Version.objects.get_deleted(Article).get()
        self.temp_source.delete()
        self.temp_writer.delete()
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_recover", args=[version.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(
            page,
            "The story credits a source that has since been deleted (Temp Wire Service): "
            "recovering it leaves that credit out.",
        )
        self.assertContains(page, "(Stringer Sam): recovering it leaves them off the byline.")
        response = self.client.post(url, form_fields(page))
        self.assertEqual(response.status_code, 302, response.content[:3000])
        (message,) = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertEqual(
            message,
            "“Dam bursts upstream” was recovered as a draft. Left out as deleted since: "
            "Temp Wire Service (source), Stringer Sam (writer).",
        )
        recovered = Article.objects.get(pk=story.pk)
        self.assertEqual(recovered.status, Status.DRAFT)
        self.assertEqual(self.credits(recovered), (["Reuters"], ["Rita Reporter"]))


    def test_versions_saved_with_the_old_credit_wording_still_name_the_source(self):
        """Versions saved before credits read "Reuters (source) on “…”" hold the old
        wording, "Temp Wire Service (Cited in the text) on Dam bursts upstream"."""
        story = self.story_crediting_both()
        first = self.save_in_admin(story, self.editor, headline="Dam bursts upstream, dozens flee")
        held = Version.objects.filter(revision_id=first.revision_id).get_for_model(SourceCredit)
        for credit in held:
            source = credit.field_dict["source_id"]
            name = "Reuters" if source == self.wire.pk else "Temp Wire Service"
            role = SourceCredit.Role(credit.field_dict["role"]).label
            credit.object_repr = f"{name} ({role}) on Dam bursts upstream, dozens flee"
            credit.save()
        self.uncredit_and_delete(story)
        self.save_in_admin(story, self.editor, headline="Dam bursts: the valley is evacuated")
        self.client.force_login(self.editor)
        self.assertContains(
            self.client.get(self.revision_url(story, first)),
            "This version credits a source that has since been deleted (Temp Wire Service): ",
        )


class SectionGoneSinceTests(RestoreTestCase):
    """A version filed in a section deleted since (possible once no story is in it now).

    The restore went through for a draft, which came back in no section with no
    word of it; a published story's restore page failed with a 500 (its address
    names the section).
    """

    def setUp(self):
        self.world = make_section(name="World", slug="world")
        self.desk = make_section(name="Temp Desk", slug="temp-desk")

    def delete_desk_in_admin(self):
        """Delete the section as the admin does, which records its name."""
        self.client.force_login(self.chief)
        url = reverse("admin:sections_section_delete", args=[self.desk.pk])
        response = self.client.post(url, {"post": "yes"})
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertFalse(Section.objects.filter(pk=self.desk.pk).exists())

    def version_in_desk(self, **fields):
        """A story with a version saved in the desk, then moved to World, and the desk deleted."""
        story = make_article(
            headline="Dam bursts", section=self.desk, origin=make_source(), **fields
        )
        first = self.save_in_admin(story, self.editor)
        self.save_in_admin(story, self.editor, section=str(self.world.pk), headline="Dam holds")
        self.delete_desk_in_admin()
        return story, first

    def test_a_draft_comes_back_in_no_section_and_the_editor_is_told(self):
        story, first = self.version_in_desk(status=Status.DRAFT)
        self.client.force_login(self.editor)
        url = self.revision_url(story, first)
        page = self.client.get(url)
        self.assertContains(
            page,
            "This version is filed in a section that has since been deleted (Temp Desk): "
            "restoring it leaves the story in no section, unless you choose one below.",
        )
        response = self.client.post(url, form_fields(page))
        self.assertEqual(response.status_code, 302, response.content[:3000])
        (message,) = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertIn("Left out as deleted since: Temp Desk (section).", message)
        story.refresh_from_db()
        self.assertEqual((story.headline, story.section), ("Dam bursts", None))
        latest = Version.objects.get_for_object(story).order_by("-pk").first()
        self.assertIn("Left out as deleted since: Temp Desk (section).", latest.revision.comment)

    def test_a_published_story_is_restored_once_a_section_is_chosen(self):
        """It must keep a section: the form says so, and takes the one chosen on the page."""
        story, first = self.version_in_desk()
        self.client.force_login(self.editor)
        url = self.revision_url(story, first)
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "(Temp Desk): restoring it leaves the story in no section")
        refused = self.client.post(url, form_fields(page))
        self.assertContains(refused, "Choose a section for the story.")
        story.refresh_from_db()
        self.assertEqual((story.headline, story.section), ("Dam holds", self.world))
        response = self.client.post(url, {**form_fields(page), "section": str(self.world.pk)})
        self.assertEqual(response.status_code, 302, response.content[:3000])
        story.refresh_from_db()
        self.assertEqual((story.headline, story.section), ("Dam bursts", self.world))

    def test_a_deleted_story_comes_back_in_no_section_and_the_editor_is_told(self):
        """Deleted outside the admin, the section's name is not known: it is still said."""
        story = make_article(
            headline="Dam bursts", section=self.desk, status=Status.DRAFT, origin=make_source()
        )
        self.save_in_admin(story, self.editor)
        self.client.force_login(self.chief)
        self.client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
        version = Version.objects.get_deleted(Article).get()
        self.desk.delete()
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_recover", args=[version.pk])
        page = self.client.get(url)
        self.assertContains(
            page,
            "The story is filed in a section that has since been deleted: recovering it "
            "leaves the story in no section, unless you choose one below.",
        )
        response = self.client.post(url, form_fields(page))
        self.assertEqual(response.status_code, 302, response.content[:3000])
        (message,) = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertEqual(
            message,
            "“Dam bursts” was recovered as a draft. Left out as deleted since: its section.",
        )
        recovered = Article.objects.get(pk=story.pk)
        self.assertEqual((recovered.status, recovered.section), (Status.DRAFT, None))


class CorrectionsOnRestoreTests(RestoreTestCase):
    def add_correction(self, story, note):
        self.client.force_login(self.editor)
        data = form_fields(self.client.get(self.change_url(story)))
        total = int(data["corrections-TOTAL_FORMS"])
        data.update(
            {
                "corrections-TOTAL_FORMS": str(total + 1),
                f"corrections-{total}-kind": "correction",
                f"corrections-{total}-note": note,
                f"corrections-{total}-article": str(story.pk),
            }
        )
        response = self.client.post(self.change_url(story), data)
        self.assertEqual(response.status_code, 302, response.content[:3000])

    def test_restoring_keeps_the_corrections_added_since(self):
        """Restoring a version saved before a correction used to delete the correction."""
        story = make_article(headline="Talks stall in Geneva", origin=make_source())
        first = self.save_in_admin(story, self.editor, headline="Talks stall in Genva")
        self.add_correction(story, "An earlier version misnamed the foreign minister.")
        story.refresh_from_db()
        updated_at = story.substantive_update_at
        self.assertIsNotNone(updated_at)
        response = self.restore(story, first, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertEqual(response["Location"], reverse("admin:articles_article_changelist"))
        message, warning = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertTrue(warning.startswith("This version is older than the correction of "))
        self.assertTrue(message.startswith("“Talks stall in Genva”: Restored the version of "))
        self.assertTrue(
            message.endswith(
                "Its status, publication time, corrections and place as lead story are as they "
                "were."
            )
        )
        story.refresh_from_db()
        self.assertEqual(story.headline, "Talks stall in Genva")
        self.assertEqual(story.substantive_update_at, updated_at)
        self.assertContains(Client().get(story.get_absolute_url()), "misnamed the foreign minister")

    def test_a_version_that_holds_corrections_leaves_todays_corrections_alone(self):
        """A version holds the corrections of its day: one deleted since stays deleted."""
        story = make_article(headline="Election results delayed", origin=make_source())
        first = Correction.objects.create(article=story, note="An earlier version gave 12 seats.")
        with reversion.create_revision():
            reversion.add_to_revision(story)
            reversion.add_to_revision(first)
        old = Version.objects.get_for_object(story).get()
        Correction.objects.filter(pk=first.pk).update(note="An earlier version gave 21 seats.")
        self.add_correction(story, "An earlier version misnamed the capital.")
        second = Correction.objects.exclude(pk=first.pk).get(article=story)
        first.delete()
        response = self.restore(story, old, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertEqual(list(story.corrections.all()), [second])
        self.assertEqual(second.note, "An earlier version misnamed the capital.")

    def test_corrections_edited_since_are_not_set_back(self):
        story = make_article(headline="Port reopens", origin=make_source())
        self.add_correction(story, "An earlier version gave the wrong date.")
        with_correction = Version.objects.get_for_object(story).get()
        correction = story.corrections.get()
        Correction.objects.filter(pk=correction.pk).update(
            note="An earlier version gave the wrong date of the reopening."
        )
        response = self.restore(story, with_correction, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        correction.refresh_from_db()
        self.assertEqual(
            correction.note, "An earlier version gave the wrong date of the reopening."
        )

    def test_bylines_added_since_are_still_undone(self):
        """Bylines and sources are part of a version: restoring it brings its byline back."""
        story = make_article(headline="Drought deepens", origin=make_source())
        first = self.save_in_admin(story, self.editor)
        Byline.objects.create(article=story, author=make_author(name="Late Addition"), position=5)
        self.save_in_admin(story, self.editor, headline="Drought deepens in the south")
        response = self.restore(story, first, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertFalse(story.bylines.filter(author__name="Late Addition").exists())


class AddressOnRestoreTests(RestoreTestCase):
    def test_the_current_address_redirects_to_the_restored_one(self):
        story = make_article(headline="Talks stall", slug="talks-stall", origin=make_source())
        first = self.save_in_admin(story, self.editor)
        self.save_in_admin(story, self.editor, slug="geneva-talks-stall")
        story.refresh_from_db()
        current = story.get_absolute_url()
        response = self.restore(story, first, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        story.refresh_from_db()
        self.assertEqual(story.slug, "talks-stall")
        restored = story.get_absolute_url()
        self.assertRedirects(Client().get(current), restored, status_code=301)
        self.assertEqual(Client().get(restored).status_code, 200)
        self.assertEqual(
            list(Redirect.objects.values_list("old_path", "new_path")), [(current, restored)]
        )

    def test_a_version_whose_slug_another_story_took_since_is_refused_by_name(self):
        """Renamed, then its old slug given to a new story: every older version answered
        "missing dependency" and sent the editor back to the list, even to look at it."""
        story = make_article(headline="Talks stall", slug="talks-stall", origin=make_source())
        first = self.save_in_admin(story, self.editor)
        self.save_in_admin(story, self.editor, slug="geneva-talks-stall")
        follow_up = make_article(headline="Talks stall again", slug="talks-stall")
        self.client.force_login(self.editor)
        history = reverse("admin:articles_article_history", args=[story.pk])
        for method in (self.client.get, self.client.post):
            with self.subTest(method.__name__):
                response = method(self.revision_url(story, first), follow=True)
                self.assertRedirects(response, history)
                self.assertContains(response, "cannot be restored while the story")
                self.assertContains(response, f"{follow_up.headline}</a>” has its slug")
        story.refresh_from_db()
        self.assertEqual(story.slug, "geneva-talks-stall")
        # With the follow-up renamed, the version comes back as any other does.
        Article.objects.filter(pk=follow_up.pk).update(slug="talks-stall-again")
        response = self.restore(story, first, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        story.refresh_from_db()
        self.assertEqual(story.slug, "talks-stall")

    def test_a_writer_refused_for_a_colleagues_slug_is_not_told_its_headline(self):
        """The refusal named an editor's embargoed draft, headline and link, to a writer."""
        story = make_article(
            headline="Acme rumour",
            slug="acme-ceo-resigns",
            status=Status.DRAFT,
            created_by=self.writer,
            authors=[self.writer_author],
            origin=make_source(),
        )
        first = self.save_in_admin(story, self.writer)
        self.save_in_admin(story, self.writer, slug="my-rumour-piece")
        embargoed = make_article(
            headline="EMBARGOED: Acme CEO resigns",
            slug="acme-ceo-resigns",
            status=Status.DRAFT,
            created_by=self.editor,
        )
        self.client.force_login(self.writer)
        response = self.client.get(self.revision_url(story, first), follow=True)
        self.assertContains(
            response, "cannot be restored while another story, which you cannot change, has its "
            "slug, acme-ceo-resigns."
        )
        self.assertNotContains(response, embargoed.headline)
        self.assertNotContains(
            response, reverse("admin:articles_article_change", args=[embargoed.pk])
        )

    def test_a_story_off_the_site_keeps_its_last_public_address_on_restore(self):
        """Unpublished, then an older version restored and published again: the address
        readers last shared answered 404, and every older redirect led to it."""
        story = make_article(headline="Floods", slug="po-valley-floods", origin=make_source())
        first = self.save_in_admin(story, self.editor, slug="floods-cut-off-villages")
        self.save_in_admin(story, self.editor, slug="po-valley-floods")
        story.refresh_from_db()
        shared = story.get_absolute_url()
        services.unpublish(story, user=self.editor, note="Checking the toll.")
        response = self.restore(story, first, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        story.refresh_from_db()
        self.assertEqual(story.slug, "floods-cut-off-villages")
        services.publish(story, user=self.editor)
        self.assertRedirects(
            Client().get(shared), story.get_absolute_url(), status_code=301
        )

    def test_a_version_from_before_a_correction_is_warned_of(self):
        """Restored, the error came back under the note saying it was fixed, and nothing said so."""
        story = make_article(
            headline="Storm hits coast", body="<p>Nobody died.</p>", origin=make_source()
        )
        before = self.save_in_admin(story, self.editor)
        self.save_in_admin(story, self.editor, body="<p>Two people died.</p>")
        Correction.objects.create(
            article=story, note="An earlier version said nobody had died."
        )
        self.client.force_login(self.editor)
        page = self.client.get(self.revision_url(story, before))
        self.assertContains(page, "This version is older than the correction of")
        self.assertContains(page, "An earlier version said nobody had died.")
        response = self.restore(story, before, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        told = [str(message) for message in get_messages(response.wsgi_request)]
        self.assertTrue(any("older than the correction of" in text for text in told), told)
        # A version saved after the correction says nothing of it.
        after = self.save_in_admin(story, self.editor, body="<p>Two people died.</p>")
        self.assertNotContains(
            self.client.get(self.revision_url(story, after)), "older than the correction"
        )

    def test_a_scheduled_story_gets_no_redirect(self):
        """A story readers cannot see yet has no address to keep."""
        story = make_article(
            headline="Summit opens",
            slug="summit-opens",
            published_at=timezone.now() + timedelta(days=1),
            origin=make_source(),
        )
        first = self.save_in_admin(story, self.editor)
        self.save_in_admin(story, self.editor, slug="summit-opens-in-rome")
        response = self.restore(story, first, self.editor)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        story.refresh_from_db()
        self.assertEqual(story.slug, "summit-opens")
        self.assertFalse(Redirect.objects.exists())


class StatusHistoryMigrationTests(MigrationTestCase):
    """Rolled back past 0015, the constraint returns once the deleted stories' records go."""

    def test_rolling_back_drops_only_the_records_of_deleted_stories(self):
        kept = make_article(status=Status.REVIEW, origin=make_source())
        gone = make_article(status=Status.REVIEW, origin=make_source())
        ensure_roles()
        editor = make_user("editor", staff=True, groups=[EDITORS])
        services.publish(kept, user=editor)
        services.publish(gone, user=editor)
        Article.objects.filter(pk=gone.pk).delete()
        self.assertEqual(StatusChange.objects.count(), 2)
        self.migrate([("articles", "0014_import_fingerprint_lock_not_constraint")])
        self.assertEqual(
            list(StatusChange.objects.values_list("article_id", flat=True)), [kept.pk]
        )
