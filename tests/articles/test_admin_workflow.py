"""The workflow as editors and writers meet it in the admin, including crafted POSTs."""

import re
from datetime import timedelta
from html.parser import HTMLParser

from django.contrib.messages import get_messages
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from articles import services
from articles.admin import UNSCHEDULE
from articles.models import Article, Correction, PreviewLink, StatusChange
from articles.roles import EDITORS, WRITERS, ensure_roles
from articles.templatetags.newsroom_stories import datetime_attribute
from tests.factories import make_article, make_author, make_section, make_source, make_user

Status = Article.Status


class _FormFields(HTMLParser):
    """What a browser would post from the story form: every named field with its value."""

    def __init__(self):
        super().__init__()
        self.fields, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields[name] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(response):
    parser = _FormFields()
    parser.feed(response.content.decode())
    parser.fields.pop("csrfmiddlewaretoken", None)
    return parser.fields


def workflow_buttons(response):
    """The workflow buttons' labels, in the order the page shows them."""
    return re.findall(r'name="_transition" value="\w+">([^<]+)</button>', response.content.decode())


def view_on_site_link(response):
    """The href of the page's "View on site" link, or None when there is none."""
    found = re.search(r'<a href="([^"]*)" class="viewsitelink">', response.content.decode())
    return found and found[1]


class AdminWorkflowTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.writer = make_user(
            "writer", staff=True, groups=[WRITERS], first_name="Wendy", last_name="Writer"
        )
        cls.editor = make_user(
            "editor", staff=True, groups=[EDITORS], first_name="Ed", last_name="Itor"
        )
        cls.writer_author = make_author(name="Wendy Writer", user=cls.writer)
        cls.section = make_section(name="World", slug="world")
        cls.source = make_source(name="Reuters")

    def change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def open_form(self, article, user):
        self.client.force_login(user)
        response = self.client.get(self.change_url(article))
        self.assertEqual(response.status_code, 200)
        return form_fields(response)

    def save(self, article, user, data, **changes):
        self.client.force_login(user)
        return self.client.post(self.change_url(article), {**data, **changes})

    def messages(self, response):
        return [str(m) for m in get_messages(response.wsgi_request)]

    def writer_draft(self, **fields):
        fields.setdefault("headline", "Dam bursts upstream")
        return make_article(
            status=Status.DRAFT,
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            created_by=self.writer,
            **fields,
        )


class WriterTests(AdminWorkflowTestCase):
    def test_writer_adds_a_story_and_is_recorded_as_its_author(self):
        self.client.force_login(self.writer)
        response = self.client.get(reverse("admin:articles_article_add"))
        data = form_fields(response)
        data.update(
            headline="Floods in the north",
            slug="floods-in-the-north",
            section=str(self.section.pk),
            body="<p>Rain.</p>",
            **{"bylines-0-author": str(self.writer_author.pk), "bylines-0-position": "0"},
        )
        response = self.client.post(reverse("admin:articles_article_add"), data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        story = Article.objects.get(slug="floods-in-the-north")
        self.assertEqual(story.created_by, self.writer)
        self.assertEqual(story.status, Status.DRAFT)

    def test_a_colleagues_story_is_not_called_deleted(self):
        colleague = make_article(status=Status.DRAFT, section=self.section)
        self.client.force_login(self.writer)
        response = self.client.get(self.change_url(colleague), follow=True)
        self.assertRedirects(response, reverse("admin:articles_article_changelist"))
        said = " ".join(self.messages(response))
        self.assertIn(f"You have no story with the ID “{colleague.pk}”", said)
        self.assertIn("or be a colleague's", said)
        self.assertNotIn("Perhaps it was deleted", said)

    def test_an_editor_is_told_where_deleted_stories_are_recovered(self):
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_change", args=[99999])
        response = self.client.get(url, follow=True)
        self.assertIn(
            "No story has the ID “99999”. If it was deleted, “Recover deleted stories” on the "
            "story list can bring it back.",
            self.messages(response),
        )

    def test_writer_submits_for_review_with_the_button(self):
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        response = self.save(story, self.writer, data, _transition="review")
        self.assertRedirects(response, self.change_url(story))
        story.refresh_from_db()
        self.assertEqual(story.status, Status.REVIEW)
        self.assertEqual(StatusChange.objects.get().user, self.writer)

    def test_writer_sees_submit_button_but_no_publish_button(self):
        story = self.writer_draft()
        self.client.force_login(self.writer)
        response = self.client.get(self.change_url(story))
        self.assertContains(response, 'value="review"')
        self.assertNotContains(response, "Save and publish")

    def test_crafted_publish_button_is_refused_and_nothing_saved(self):
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        response = self.save(
            story, self.writer, data, _transition="published", headline="Sneaky new headline"
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Only editors can publish or schedule stories.")
        story.refresh_from_db()
        self.assertEqual((story.status, story.headline), (Status.DRAFT, "Dam bursts upstream"))

    def test_crafted_status_field_is_refused(self):
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        response = self.save(story, self.writer, data, status="published")
        self.assertContains(response, "Only editors can publish or schedule stories.")
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertNotIn(story, Article.objects.published())

    def test_crafted_publication_time_is_refused(self):
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        self.assertNotIn("published_at_0", data)  # not offered to writers
        response = self.save(
            story, self.writer, data, published_at_0="2026-01-01", published_at_1="10:00:00"
        )
        self.assertContains(response, "Only editors can set or change the publication time.")
        story.refresh_from_db()
        self.assertIsNone(story.published_at)

    def test_writer_cannot_change_a_published_story(self):
        story = make_article(created_by=self.writer, authors=[self.writer_author])
        self.client.force_login(self.writer)
        response = self.client.get(self.change_url(story))
        self.assertEqual(response.status_code, 200)  # view only
        self.assertNotContains(response, 'name="headline"')
        response = self.client.post(self.change_url(story), {"headline": "Changed"})
        self.assertEqual(response.status_code, 403)

    def test_a_story_published_while_its_writer_edits_gives_their_text_back(self):
        """The editor published it mid-edit: the writer's save met a bare "403 Forbidden",
        and going back showed the story read-only, their typing gone."""
        story = self.writer_draft(
            body="<p>The dam held until dawn, officials said.</p>",
            standfirst="Villages downstream were cleared overnight.",
        )
        data = self.open_form(story, self.writer)
        services.transition(story, Status.PUBLISHED, user=self.editor)
        response = self.save(
            story,
            self.writer,
            data,
            headline="Dam bursts upstream, villages cleared",
            body="<p>The dam gave way at 04:10 & water reached the <b>square</b>.</p>",
            featured_image_alt="Water pours through a breach in the dam wall",
            featured_image_caption="The breach at dawn",
            featured_image_credit="Photo: Ana Ruiz",
        )
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "Your changes to this story were NOT saved.", status_code=403)
        self.assertContains(response, "Ed Itor published it at", status_code=403)
        self.assertContains(response, "an editor can make your change", status_code=403)
        # What they typed, escaped, in boxes to copy from; the story left as published.
        self.assertContains(
            response, "Dam bursts upstream, villages cleared</textarea>", status_code=403
        )
        # The picture's words too; what the story already holds is not repeated.
        for typed in (
            "Water pours through a breach in the dam wall</textarea>",
            "The breach at dawn</textarea>",
            "Photo: Ana Ruiz</textarea>",
        ):
            self.assertContains(response, typed, status_code=403)
        self.assertNotContains(
            response, "Villages downstream were cleared overnight.</textarea>", status_code=403
        )
        # The body as formatted text to copy into the editor, which has no HTML view.
        self.assertContains(
            response,
            '<div class="story-body-read" role="region" aria-labelledby="typed-body-label">'
            "<p>The dam gave way at 04:10 &amp; water reached the <b>square</b>.</p></div>",
            html=True,
            status_code=403,
        )
        self.assertNotContains(response, "Source view", status_code=403)
        self.assertContains(response, f'href="{self.change_url(story)}"', status_code=403)
        story.refresh_from_db()
        self.assertEqual(story.headline, "Dam bursts upstream")

    def test_a_right_to_left_body_given_back_reads_right_to_left(self):
        """The "View story" page sets the body's language and direction; this page
        did not, so an Arabic body came back laid out left to right, its full stops
        on the wrong side. The language is the one sent with the body."""
        body = "<p>صمد السد حتى الفجر.</p>"
        story = self.writer_draft(language="ar", body=body)
        data = self.open_form(story, self.writer)
        services.transition(story, Status.PUBLISHED, user=self.editor)
        for language, attributes in (
            ("ar", ' lang="ar" dir="rtl"'),
            # Typed as it is, before the form would have put it right.
            (" AR ", ' lang="ar" dir="rtl"'),
            ("fr", ' lang="fr"'),
            # Not a language: the story's own, as the editor would have shown it.
            ("<b>", ' lang="ar" dir="rtl"'),
            # The site's: no attribute, as on the "View story" page.
            ("en", ""),
        ):
            with self.subTest(language):
                response = self.save(story, self.writer, data, language=language, body=body)
                self.assertContains(
                    response,
                    f'<div class="story-body-read"{attributes} role="region" '
                    f'aria-labelledby="typed-body-label">{body}</div>',
                    html=True,
                    status_code=403,
                )

    def test_the_body_given_back_is_cleaned_as_on_save(self):
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        services.transition(story, Status.PUBLISHED, user=self.editor)
        sent = '<p onclick="steal()">Kept words.</p><script>steal()</script>'
        response = self.save(story, self.writer, data, body=sent)
        self.assertContains(response, "<p>Kept words.</p>", status_code=403)
        self.assertNotContains(response, "steal()", status_code=403)

    def test_a_body_the_sanitiser_refuses_is_given_back_as_html(self):
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        services.transition(story, Status.PUBLISHED, user=self.editor)
        nested = "<blockquote>" * 150 + "Deep words" + "</blockquote>" * 150
        response = self.save(story, self.writer, data, body=nested)
        self.assertContains(response, "Body (as HTML)", status_code=403)
        self.assertContains(
            response, "&lt;blockquote&gt;Deep words&lt;/blockquote&gt;", status_code=403
        )

    def test_a_story_archived_while_its_writer_edits_says_so(self):
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        services.transition(story, Status.ARCHIVED, user=self.editor, note="Duplicate")
        response = self.save(story, self.writer, data, headline="Mine still")
        self.assertContains(response, "Ed Itor archived it at", status_code=403)
        self.assertContains(response, "Mine still</textarea>", status_code=403)

    def test_a_writer_taken_off_the_byline_mid_edit_gets_their_text_back(self):
        """The story is no longer theirs to open: Django's "not found" redirect lost the text."""
        story = make_article(
            status=Status.DRAFT,
            headline="Desk's working title",
            created_by=self.editor,
            authors=[self.writer_author],
        )
        data = self.open_form(story, self.writer)
        story.bylines.all().delete()
        response = self.save(story, self.writer, data, headline="My rewrite of the top")
        self.assertContains(response, "no longer one of your stories", status_code=403)
        self.assertContains(response, "My rewrite of the top</textarea>", status_code=403)
        self.assertContains(
            response, f'href="{reverse("admin:articles_article_changelist")}"', status_code=403
        )
        # Nothing of the story as it is: it may be a colleague's now.
        self.assertNotContains(response, "Desk&#x27;s working title", status_code=403)
        self.assertNotContains(response, self.change_url(story), status_code=403)
        story.refresh_from_db()
        self.assertEqual(story.headline, "Desk's working title")

    def test_a_story_deleted_while_an_editor_edits_it_gives_their_text_back(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        Article.objects.filter(pk=story.pk).delete()
        response = self.save(story, self.editor, data, headline="Editor's last words")
        self.assertContains(response, "deleted while you were editing", status_code=403)
        self.assertContains(response, "Recover deleted stories", status_code=403)
        self.assertContains(response, "Editor&#x27;s last words</textarea>", status_code=403)
        self.assertFalse(Article.objects.filter(pk=story.pk).exists())

    def test_opening_a_missing_story_still_redirects_with_a_message(self):
        """Only a save, which carries typing, gets the page; an address opens the list."""
        self.client.force_login(self.writer)
        response = self.client.get(reverse("admin:articles_article_change", args=[987654]))
        self.assertRedirects(response, reverse("admin:articles_article_changelist"))

    def test_writer_does_not_see_other_peoples_stories(self):
        mine = self.writer_draft()
        theirs = make_article(status=Status.DRAFT, created_by=self.editor, headline="Not yours")
        self.client.force_login(self.writer)
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, mine.headline)
        self.assertNotContains(response, theirs.headline)
        self.assertEqual(self.client.get(self.change_url(theirs)).status_code, 302)


class DeletingDraftsTests(AdminWorkflowTestCase):
    """An abandoned draft may be deleted by whoever may change it; anything that went out stays."""

    def delete_url(self, article):
        return reverse("admin:articles_article_delete", args=[article.pk])

    def delete(self, article, user):
        self.client.force_login(user)
        return self.client.post(self.delete_url(article), {"post": "yes"})

    def test_a_writer_deletes_their_own_draft_and_an_editor_can_bring_it_back(self):
        story = self.writer_draft(headline="Dam bursts upstream, first go")
        # Shared for a look before it was dropped: the link goes with it.
        services.create_preview_link(story, user=self.writer)
        self.client.force_login(self.writer)
        form = self.client.get(self.change_url(story))
        self.assertContains(form, f'href="{self.delete_url(story)}"')
        confirm = self.client.get(self.delete_url(story))
        self.assertEqual(confirm.status_code, 200)
        self.assertContains(confirm, "Are you sure")
        self.assertContains(confirm, "an editor can bring it back, as a draft")
        self.assertNotContains(confirm, "permission to delete")

        response = self.delete(story, self.writer)
        self.assertRedirects(response, reverse("admin:articles_article_changelist"))
        self.assertFalse(Article.objects.filter(pk=story.pk).exists())
        self.assertFalse(PreviewLink.objects.filter(article_id=story.pk).exists())
        # Recoverable, by the desk, not by the writer.
        recover_list = reverse("admin:articles_article_recoverlist")
        self.assertEqual(self.client.get(recover_list).status_code, 403)
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(recover_list), "Dam bursts upstream, first go")

    def test_only_a_draft_that_never_went_out_may_be_deleted(self):
        in_review = self.writer_draft(headline="In review")
        services.submit_for_review(in_review, user=self.writer)
        came_back = self.writer_draft(headline="Published, then sent back")
        services.publish(came_back, user=self.editor)
        services.unpublish(came_back, user=self.editor, note="Legal wants a look.")
        scheduled_once = self.writer_draft(headline="Scheduled, then pulled")
        services.publish(scheduled_once, user=self.editor, when=timezone.now() + timedelta(days=1))
        services.unpublish(scheduled_once, user=self.editor, note="Held.")
        live = self.writer_draft(headline="Live")
        services.publish(live, user=self.editor)
        theirs = make_article(status=Status.DRAFT, created_by=self.editor, headline="Not yours")
        # On its byline, but a colleague's draft: theirs to drop.
        co_written = make_article(
            status=Status.DRAFT,
            created_by=self.editor,
            authors=[make_author(name="Mara Lindqvist"), self.writer_author],
            headline="Co-written",
        )
        for story, user in (
            (co_written, self.writer),
            (in_review, self.writer),
            (came_back, self.writer),
            (came_back, self.editor),
            (scheduled_once, self.editor),
            (live, self.writer),
            (live, self.editor),
            (theirs, self.writer),
        ):
            with self.subTest(story=story.headline, user=user.username):
                story.refresh_from_db()
                self.assertFalse(services.can_delete(user, story))
                self.client.force_login(user)
                # A story a writer may not see is "not found", sent back to the list.
                refused = 302 if story == theirs else 403
                self.assertEqual(self.client.get(self.delete_url(story)).status_code, refused)
                self.assertEqual(self.delete(story, user).status_code, refused)
                self.assertTrue(Article.objects.filter(pk=story.pk).exists())
                if user == self.editor:
                    self.assertNotContains(
                        self.client.get(self.change_url(story)), self.delete_url(story)
                    )

    def test_an_editor_deletes_any_draft_that_never_went_out(self):
        story = self.writer_draft()
        self.assertEqual(self.delete(story, self.editor).status_code, 302)
        self.assertFalse(Article.objects.filter(pk=story.pk).exists())

    def test_the_list_offers_no_bulk_delete_but_to_superusers(self):
        self.writer_draft()
        chief = make_user("chief", staff=True, superuser=True)
        changelist = reverse("admin:articles_article_changelist")
        for user, offered in ((self.writer, False), (self.editor, False), (chief, True)):
            with self.subTest(user.username):
                self.client.force_login(user)
                page = self.client.get(changelist)
                self.assertEqual('value="delete_selected"' in page.content.decode(), offered)
        # Forged: the action is not there to run.
        story = self.writer_draft(headline="Forged bulk delete")
        services.publish(story, user=self.editor)
        self.client.force_login(self.editor)
        self.client.post(
            changelist,
            {"action": "delete_selected", "_selected_action": [story.pk], "post": "yes"},
        )
        self.assertTrue(Article.objects.filter(pk=story.pk).exists())


class EditorTests(AdminWorkflowTestCase):
    def test_editor_publishes_and_the_story_is_public(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, _transition="published")
        self.assertRedirects(response, self.change_url(story))
        story.refresh_from_db()
        self.assertTrue(story.is_public)
        self.assertEqual(self.client.get(story.get_absolute_url()).status_code, 200)
        page = self.client.get(self.change_url(story))
        self.assertContains(page, "Status history")
        self.assertContains(page, "Ed Itor")

    def test_editor_schedules_with_a_future_time(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        when = timezone.localtime(timezone.now() + timedelta(days=1)).replace(microsecond=0)
        response = self.publish_at(story, data, when)
        self.assertIn("Scheduled", " ".join(self.messages(response)))
        story.refresh_from_db()
        self.assertEqual(story.published_at, when)
        self.assertIn(story, Article.objects.scheduled())
        self.assertContains(self.client.get(reverse("admin:index")), story.headline)

    def test_a_plain_save_cannot_hide_a_public_story_behind_a_later_time(self):
        """Pushing a live story's time into the future would 404 it without a word."""
        story = make_article(section=self.section, authors=[self.writer_author], origin=self.source)
        public_url = story.get_absolute_url()
        data = self.open_form(story, self.editor)
        later = timezone.localtime(timezone.now() + timedelta(days=7))
        refusals = {
            (later.strftime("%Y-%m-%d"), later.strftime("%H:%M:%S")): "would take it off the site",
            ("", ""): "needs a publication time",
        }
        for (day, time), refusal in refusals.items():
            response = self.save(
                story,
                self.editor,
                data,
                published_at_0=day,
                published_at_1=time,
                headline="Typed while it was refused",
            )
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, refusal)
            self.assertContains(response, "Typed while it was refused")  # nothing lost
        self.assertEqual(self.client.get(public_url).status_code, 200)
        self.assertFalse(Redirect.objects.exists())

    def test_a_scheduled_story_can_be_rescheduled_but_not_left_without_a_time(self):
        soon = timezone.now() + timedelta(days=1)
        story = make_article(
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            published_at=soon,
        )
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, published_at_0="", published_at_1="")
        self.assertContains(response, "needs a publication time")
        later = timezone.localtime(soon + timedelta(days=1)).replace(microsecond=0)
        response = self.save(
            story,
            self.editor,
            data,
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
        )
        self.assertEqual(response.status_code, 302)
        story.refresh_from_db()
        self.assertEqual(story.published_at, later)

    def test_a_plain_save_cannot_publish_a_scheduled_story_by_moving_its_time_back(self):
        """It would go public with no checklist and no status change on record."""
        later = timezone.now() + timedelta(days=1)
        story = make_article(
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            published_at=later,
        )
        data = self.open_form(story, self.editor)
        earlier = timezone.localtime(timezone.now() - timedelta(hours=1))
        response = self.save(
            story,
            self.editor,
            data,
            headline="Kept as typed",
            published_at_0=earlier.strftime("%Y-%m-%d"),
            published_at_1=earlier.strftime("%H:%M:%S"),
        )
        self.assertContains(response, "A plain save cannot publish a scheduled story")
        self.assertContains(response, "Kept as typed")
        story.refresh_from_db()
        self.assertEqual(story.published_at, later)
        self.assertFalse(story.is_public)
        self.assertFalse(StatusChange.objects.filter(article=story).exists())

    def test_a_public_story_moved_to_another_past_time_is_redirected_to_its_new_address(self):
        story = make_article(section=self.section, authors=[self.writer_author], origin=self.source)
        old_url = story.get_absolute_url()
        data = self.open_form(story, self.editor)
        earlier = timezone.localtime(timezone.now() - timedelta(days=3))
        self.save(
            story,
            self.editor,
            data,
            published_at_0=earlier.strftime("%Y-%m-%d"),
            published_at_1=earlier.strftime("%H:%M:%S"),
        )
        story.refresh_from_db()
        self.assertNotEqual(story.get_absolute_url(), old_url)
        self.assertRedirects(self.client.get(old_url), story.get_absolute_url(), status_code=301)

    def test_publishing_with_a_past_time_says_so_before_and_after(self):
        story = self.writer_draft()
        past = timezone.localtime(timezone.now() - timedelta(days=400)).replace(
            second=0, microsecond=0
        )
        story.published_at = past
        story.save()
        self.client.force_login(self.editor)
        page = self.client.get(self.change_url(story))
        self.assertContains(page, "The publication time is in the past")
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, _transition="published")
        message = " ".join(self.messages(response))
        self.assertIn("is now published, dated", message)
        self.assertIn(past.strftime("%Y"), message)
        story.refresh_from_db()
        self.assertEqual(story.published_at, past)

    def publish_at(self, story, data, when):
        """Press "Save and publish" on ``story``'s form ``data`` with the time ``when``."""
        return self.save_with_time(story, data, when, _transition="published")

    def save_with_time(self, story, data, when, **changes):
        """Save ``story``'s form ``data`` as the editor with the time ``when`` typed in."""
        when = timezone.localtime(when)
        return self.save(
            story,
            self.editor,
            data,
            published_at_0=when.strftime("%Y-%m-%d"),
            published_at_1=when.strftime("%H:%M:%S"),
            **changes,
        )

    def test_a_time_typed_with_a_takedown_or_unschedule_is_not_recorded_as_in_effect(self):
        """Archived with a later time typed in the same press, a live story's history read
        "Scheduled → Archived", and its address answered 404, not 410; unscheduled with a
        past time, a story no reader saw counted as once public."""
        now = timezone.now()
        live = make_article(
            section=self.section, origin=self.source, published_at=now - timedelta(days=1)
        )
        scheduled = make_article(
            section=self.section, origin=self.source, published_at=now + timedelta(days=1)
        )
        cases = (
            (live, now + timedelta(days=2), "archived", Status.ARCHIVED),
            (scheduled, now - timedelta(days=3), UNSCHEDULE, Status.DRAFT),
        )
        for story, typed, button, status in cases:
            with self.subTest(button):
                kept = story.published_at
                data = self.open_form(story, self.editor)
                response = self.save_with_time(
                    story, data, typed, status_note="Legal advice", _transition=button
                )
                self.assertIn("was not kept", " ".join(self.messages(response)))
                story.refresh_from_db()
                self.assertEqual((story.status, story.published_at), (status, kept))
                change = story.status_changes.latest("created_at")
                self.assertEqual(change.published_at, kept)
        self.assertTrue(services.has_been_public(live))
        self.assertFalse(services.has_been_public(scheduled))
        self.client.logout()
        self.assertEqual(self.client.get(live.get_absolute_url()).status_code, 410)

    def test_a_garbled_version_is_refused_as_a_stale_one_with_the_copy_kept(self):
        """"2026-02-30T…" is no date: the save answered 500 and the typed copy was lost."""
        story = make_article(section=self.section, origin=self.source)
        data = self.open_form(story, self.editor)
        data["loaded_version"] = "2026-02-30T10:00:00+00:00"
        response = self.save(story, self.editor, data, headline="Typed before the refusal")
        self.assertContains(response, "NOT been saved")
        self.assertContains(response, "Typed before the refusal")
        story.refresh_from_db()
        self.assertNotEqual(story.headline, "Typed before the refusal")

    def test_pinning_a_story_makes_it_the_lead_in_the_place_of_the_last(self):
        """Pinning an older story while a newer one was pinned changed nothing on the
        home page, and the list ended up with several "lead stories"."""
        now = timezone.now()
        old_lead = make_article(
            headline="Old lead", section=self.section, is_pinned=True, published_at=now
        )
        older = make_article(
            headline="Older story",
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            published_at=now - timedelta(hours=3),
        )
        saved_at = Article.objects.get(pk=old_lead.pk).updated_at
        response = self.save(older, self.editor, self.open_form(older, self.editor), is_pinned="on")
        self.assertRedirects(response, reverse("admin:articles_article_changelist"))
        self.assertIn(
            "“Old lead” is no longer the lead story: “Older story” took its place on the home "
            "page.",
            self.messages(response),
        )
        self.assertEqual(self.client.get("/").context["lead"], older)
        old_lead.refresh_from_db()
        self.assertFalse(old_lead.is_pinned)
        self.assertEqual(old_lead.updated_at, saved_at)  # arranged, not edited

        # Pinned for later, a story leads from its time and replaces no one before it.
        scheduled = self.writer_draft(headline="Summit opens")
        data = self.open_form(scheduled, self.editor)
        response = self.publish_at(scheduled, {**data, "is_pinned": "on"}, now + timedelta(hours=2))
        self.assertTrue(
            any(
                text.startswith("“Summit opens” will lead the home page from ")
                for text in self.messages(response)
            ),
            self.messages(response),
        )
        older.refresh_from_db()
        self.assertTrue(older.is_pinned)
        self.assertEqual(self.client.get("/").context["lead"], older)

        # A pinned draft published now leads at once.
        draft = self.writer_draft(headline="Quake hits", is_pinned=True)
        data = self.open_form(draft, self.editor)
        response = self.save(draft, self.editor, data, _transition="published")
        said = " ".join(self.messages(response))
        self.assertIn("“Older story” is no longer the lead story", said)
        self.assertEqual(self.client.get("/").context["lead"], draft)
        # A story scheduled for later is not public, so it is not replaced.
        scheduled.refresh_from_db()
        self.assertTrue(scheduled.is_pinned)

    def test_a_form_opened_before_a_colleagues_pin_does_not_take_the_lead_back(self):
        """A colleague's pin unpins the old lead without a save, so the stale-save
        check let a typo fix on a form opened before it through, and its tick still
        on the page re-pinned the old lead in the new one's place."""
        now = timezone.now()
        morning = make_article(
            headline="Morning lead",
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            is_pinned=True,
            published_at=now - timedelta(hours=3),
        )
        opened = self.open_form(morning, self.editor)
        self.assertEqual(opened.get("is_pinned"), "on")
        breaking = make_article(
            headline="Breaking lead",
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            published_at=now - timedelta(hours=5),
        )
        self.save(breaking, self.editor, self.open_form(breaking, self.editor), is_pinned="on")
        self.assertEqual(self.client.get("/").context["lead"], breaking)

        response = self.save(morning, self.editor, opened, headline="Morning lead, typo fixed")
        self.assertRedirects(response, reverse("admin:articles_article_changelist"))
        self.assertNotIn("“Breaking lead” is no longer", " ".join(self.messages(response)))
        morning.refresh_from_db()
        self.assertEqual(morning.headline, "Morning lead, typo fixed")
        self.assertFalse(morning.is_pinned)
        self.assertEqual(self.client.get("/").context["lead"], breaking)

        # Ticked again on a page opened now, it takes the lead back, as asked.
        data = self.open_form(morning, self.editor)
        self.save(morning, self.editor, data, is_pinned="on")
        self.assertEqual(self.client.get("/").context["lead"], morning)

    def test_a_lead_taken_off_the_site_is_told_to_have_lost_its_pin(self):
        lead = make_article(
            headline="Quake lead",
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            is_pinned=True,
        )
        data = self.open_form(lead, self.editor)
        response = self.save(
            lead, self.editor, data, _transition="draft", status_note="Legal hold"
        )
        self.assertIn(
            "“Quake lead” is no longer the lead story: it is off the site.",
            self.messages(response),
        )

    def test_unpinning_a_scheduled_lead_once_it_leads_hands_the_page_to_no_stale_story(self):
        """The story it replaced at its time was still pinned, and led again, silently."""
        now = timezone.now()
        make_article(
            headline="Morning lead",
            section=self.section,
            is_pinned=True,
            published_at=now - timedelta(hours=6),
        )
        evening = make_article(
            headline="Evening lead",
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            is_pinned=True,
            published_at=now - timedelta(minutes=5),
        )
        self.assertEqual(self.client.get("/").context["lead"], evening)
        data = self.open_form(evening, self.editor)
        data.pop("is_pinned", None)
        self.save(evening, self.editor, data)
        self.assertFalse(Article.objects.filter(is_pinned=True).exists())
        self.assertNotEqual(self.client.get("/").context["lead"].headline, "Morning lead")

    def test_a_past_time_typed_with_publish_is_asked_about_before_it_goes_out(self):
        """The checklist warns of a saved past time; one typed and published in the
        same press went out dated then, among that day's stories, with no word first."""
        story = self.writer_draft()
        past = timezone.localtime(timezone.now() - timedelta(days=3)).replace(microsecond=0)
        data = self.open_form(story, self.editor)
        asked = self.publish_at(story, {**data, "standfirst": "Typed meanwhile"}, past)
        self.assertEqual(asked.status_code, 200)
        errors = asked.context["adminform"].form.errors["published_at"]
        self.assertIn("This time is in the past", errors[0])
        self.assertIn("press “Save and publish” again to publish it dated then", errors[0])
        self.assertContains(asked, "Typed meanwhile")  # the edit is kept
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertFalse(StatusChange.objects.filter(article=story).exists())

        again = form_fields(asked)
        self.assertEqual(again["_publish_dated"], past.isoformat())
        self.publish_at(story, again, past)
        story.refresh_from_db()
        self.assertEqual(story.status, Status.PUBLISHED)
        self.assertEqual(story.published_at, past)
        self.assertEqual(story.standfirst, "Typed meanwhile")

    def test_another_past_time_after_the_question_is_asked_about_again(self):
        story = self.writer_draft()
        past = timezone.localtime(timezone.now() - timedelta(days=3)).replace(microsecond=0)
        asked = self.publish_at(story, self.open_form(story, self.editor), past)
        response = self.publish_at(story, form_fields(asked), past - timedelta(days=1))
        errors = response.context["adminform"].form.errors["published_at"]
        self.assertIn("This time is in the past", errors[0])
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)

    def test_a_time_within_the_hour_or_to_come_publishes_without_a_question(self):
        for when in (timedelta(minutes=-30), timedelta(hours=2)):
            with self.subTest(when):
                story = self.writer_draft(slug=f"dam-{when.total_seconds():.0f}")
                moment = timezone.localtime(timezone.now() + when).replace(microsecond=0)
                self.publish_at(story, self.open_form(story, self.editor), moment)
                story.refresh_from_db()
                self.assertEqual(story.status, Status.PUBLISHED)
                self.assertEqual(story.published_at, moment)

    def test_checklist_error_blocks_publishing_but_keeps_the_edit(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        data["bylines-0-DELETE"] = "on"
        response = self.save(
            story, self.editor, data, _transition="published", standfirst="New standfirst"
        )
        self.assertIn("Add at least one byline.", " ".join(self.messages(response)))
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertEqual(story.standfirst, "New standfirst")

    def test_checklist_is_shown_on_the_story_page(self):
        story = make_article(status=Status.DRAFT, headline="Short", standfirst="")
        self.client.force_login(self.editor)
        response = self.client.get(self.change_url(story))
        self.assertContains(response, "Before publishing")
        self.assertContains(response, "Add a source, or tick")
        self.assertContains(response, "There is no standfirst")

    def test_no_checklist_on_an_archived_story(self):
        """An archived story can only be restored as a draft, which shows the
        checklist again: "Before publishing: Ready to publish" over a story
        taken down asked the desk about a publish no button makes."""
        story = make_article(
            status=Status.ARCHIVED,
            published_at=timezone.now() - timedelta(days=1),
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
        )
        self.client.force_login(self.editor)
        response = self.client.get(self.change_url(story))
        self.assertContains(response, "Save and restore as draft")
        self.assertNotContains(response, 'id="checklist"')
        self.assertNotContains(response, "Before publishing")
        self.assertNotContains(response, "Ready to publish")

    def test_a_scheduled_story_keeps_the_checklist_a_save_must_pass(self):
        story = make_article(
            published_at=timezone.now() + timedelta(hours=2),
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
        )
        self.client.force_login(self.editor)
        response = self.client.get(self.change_url(story))
        self.assertContains(response, '<h2 id="checklist-title">Checklist</h2>', html=True)
        self.assertNotContains(response, "Ready to publish")

    def test_a_checklist_error_says_what_it_blocks_in_each_state(self):
        """On a story already out, "Blocks publishing:" named a move already made:
        what an error stops there is a save that keeps it published (or scheduled),
        and taking it off the site still goes through."""
        now = timezone.now()
        for published_at, status, label in (
            (None, Status.DRAFT, "Blocks publishing:"),
            (now - timedelta(hours=2), Status.PUBLISHED, "Blocks saving it as published:"),
            (now + timedelta(hours=2), Status.PUBLISHED, "Blocks saving it as scheduled:"),
        ):
            with self.subTest(label):
                # No byline: an error, whatever the state.
                story = make_article(
                    status=status,
                    published_at=published_at,
                    section=self.section,
                    authors=[],
                    origin=self.source,
                )
                self.client.force_login(self.editor)
                response = self.client.get(self.change_url(story))
                self.assertContains(
                    response,
                    f'<li class="checklist-error"><strong>{label}</strong> Add at least one '
                    "byline.</li>",
                    html=True,
                )
                self.assertContains(response, "<strong>Blocks ", count=1)

    def test_a_note_with_a_plain_save_is_not_dropped(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, headline="Kept", status_note="Why")
        self.assertEqual(
            response.context["adminform"].form.errors["status_note"],
            [
                "A status note is kept with a workflow move: use one of the “Save and …” "
                "buttons below, or clear the note to save without one."
            ],
        )
        self.assertContains(response, "Kept")  # what was typed stays in the form
        story.refresh_from_db()
        self.assertEqual(story.headline, "Dam bursts upstream")

    def test_unpublish_needs_a_note(self):
        story = make_article(section=self.section, origin=self.source)
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, _transition="draft")
        self.assertContains(response, "a note is required")
        # At the note box, which the admin outlines, not only at the top of the form.
        self.assertEqual(
            response.context["adminform"].form.errors["status_note"],
            ["Say why the story goes back to draft: a note is required."],
        )
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, _transition="draft", status_note="Legal hold")
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertEqual(story.status_changes.get().note, "Legal hold")

    def test_publish_action_reports_refusals(self):
        ready = self.writer_draft()
        not_ready = make_article(status=Status.DRAFT, section=None)
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {
                "action": "publish_selected",
                "_selected_action": [ready.pk, not_ready.pk],
                "post": "yes",
            },
            follow=True,
        )
        text = " ".join(self.messages(response))
        self.assertIn("1 story published.", text)
        self.assertIn("Choose a section", text)
        ready.refresh_from_db()
        not_ready.refresh_from_db()
        self.assertEqual((ready.status, not_ready.status), (Status.PUBLISHED, Status.DRAFT))

    def test_archiving_from_the_page_needs_a_note_for_a_live_story(self):
        live = make_article(section=self.section, authors=[self.writer_author], origin=self.source)
        data = self.open_form(live, self.editor)
        response = self.save(live, self.editor, data, _transition="archived")
        self.assertContains(response, "a note is required")
        self.assertIn(live, Article.objects.published())
        self.save(live, self.editor, data, _transition="archived", status_note="Legal advice")
        live.refresh_from_db()
        self.assertEqual(live.status, Status.ARCHIVED)
        self.assertEqual(live.status_changes.get().note, "Legal advice")

    def test_archive_action_spikes_drafts_at_once(self):
        drafts = [self.writer_draft(), self.writer_draft(headline="Second draft")]
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "archive_selected", "_selected_action": [d.pk for d in drafts]},
            follow=True,
        )
        self.assertIn("2 stories archived", " ".join(self.messages(response)))
        for draft in drafts:
            draft.refresh_from_db()
            self.assertEqual(draft.status, Status.ARCHIVED)

    def test_writers_do_not_get_the_publish_action(self):
        self.writer_draft()
        self.client.force_login(self.writer)
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertNotContains(response, "publish_selected")
        self.assertContains(response, "submit_selected_for_review")

    def test_a_writer_submits_a_draft_from_the_list_and_is_told_in_words(self):
        draft = self.writer_draft()
        self.client.force_login(self.writer)
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "submit_selected_for_review", "_selected_action": [draft.pk]},
            follow=True,
        )
        self.assertIn("1 story submitted for review.", self.messages(response))
        draft.refresh_from_db()
        self.assertEqual(draft.status, Status.REVIEW)


class WorkflowButtonTests(AdminWorkflowTestCase):
    """The buttons follow a story's path, review then publish, with archiving last."""

    def buttons_on(self, url):
        self.client.force_login(self.editor)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return workflow_buttons(response)

    def test_buttons_on_a_draft_in_workflow_order(self):
        buttons = self.buttons_on(self.change_url(self.writer_draft()))
        self.assertEqual(
            buttons, ["Save and submit for review", "Save and publish", "Save and archive"]
        )

    def test_a_draft_saved_with_a_time_to_come_is_offered_scheduling(self):
        draft = self.writer_draft(published_at=timezone.now() + timedelta(days=1))
        self.assertEqual(
            self.buttons_on(self.change_url(draft)),
            ["Save and submit for review", "Save and schedule", "Save and archive"],
        )

    def test_buttons_on_a_story_in_review(self):
        story = make_article(status=Status.REVIEW, section=self.section)
        self.assertEqual(
            self.buttons_on(self.change_url(story)),
            ["Save and publish", "Save and send back to draft", "Save and archive"],
        )

    def test_buttons_on_a_published_story(self):
        story = make_article(section=self.section)
        self.assertEqual(
            self.buttons_on(self.change_url(story)), ["Save and unpublish", "Save and archive"]
        )

    def test_add_page_offers_no_archive(self):
        self.assertEqual(
            self.buttons_on(reverse("admin:articles_article_add")),
            ["Save and submit for review", "Save and publish"],
        )

    def test_crafted_archive_of_a_new_story_is_refused_and_keeps_the_text(self):
        url = reverse("admin:articles_article_add")
        for posted in ({"_transition": "archived"}, {"status": "archived"}):
            with self.subTest(posted=posted):
                self.client.force_login(self.editor)
                data = form_fields(self.client.get(url))
                data.update(
                    headline="Spiked before it was written",
                    slug="spiked",
                    section=str(self.section.pk),
                    body="<p>Draft text.</p>",
                    **posted,
                )
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "A new story cannot be archived.")
                self.assertContains(response, "Spiked before it was written")
                self.assertFalse(Article.objects.filter(slug="spiked").exists())

    def test_the_buttons_are_a_group_named_workflow(self):
        """A name on a plain <div> is not read: screen readers need the group role."""
        self.client.force_login(self.editor)
        response = self.client.get(self.change_url(self.writer_draft()))
        self.assertRegex(
            response.content.decode(),
            r'<div class="submit-row workflow-buttons" role="group" aria-label="Workflow">'
            r'\s*<button type="submit"[^>]*name="_transition"',
        )

    def test_an_existing_draft_can_still_be_archived(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, _transition="archived")
        self.assertRedirects(response, self.change_url(story))
        story.refresh_from_db()
        self.assertEqual(story.status, Status.ARCHIVED)


class ViewOnSiteTests(AdminWorkflowTestCase):
    """ "View on site" appears only when the public page exists; "Preview" always does."""

    def story_page(self, story):
        self.client.force_login(self.editor)
        response = self.client.get(self.change_url(story))
        self.assertContains(response, reverse("workflow:preview", args=[story.pk]))
        return response

    def test_public_story_links_to_its_public_page(self):
        for section in (self.section, None):
            with self.subTest(section=section):
                story = make_article(section=section)
                link = view_on_site_link(self.story_page(story))
                self.assertEqual(link, story.get_absolute_url())
                self.assertEqual(self.client.get(link).status_code, 200)

    def test_stories_readers_cannot_see_have_no_link(self):
        stories = {
            "draft": self.writer_draft(),
            "draft without a section": make_article(status=Status.DRAFT, section=None),
            "in review": make_article(status=Status.REVIEW),
            "scheduled": make_article(published_at=timezone.now() + timedelta(hours=2)),
            "archived": make_article(status=Status.ARCHIVED),
        }
        for kind, story in stories.items():
            with self.subTest(kind):
                self.assertIsNone(view_on_site_link(self.story_page(story)))


class NoSilentOverwriteTests(AdminWorkflowTestCase):
    def test_second_save_is_refused_naming_who_saved_and_keeping_my_text(self):
        story = self.writer_draft()
        mine = self.open_form(story, self.writer)
        theirs = self.open_form(story, self.editor)
        self.save(story, self.editor, theirs, headline="Editor's headline")
        response = self.save(story, self.writer, mine, headline="Writer's headline")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ed Itor changed this story")
        self.assertContains(response, "NOT been saved")
        # A link that opens the story afresh: reloading would send this form again.
        self.assertContains(
            response, f'<a href="{self.change_url(story)}">open the story again</a>', html=True
        )
        self.assertContains(response, "Writer&#x27;s headline")  # still in the form
        story.refresh_from_db()
        self.assertEqual(story.headline, "Editor's headline")

    def test_my_own_save_in_another_tab_is_said_to_be_mine(self):
        """The story open in two tabs: the second save was refused saying "Wendy Writer
        changed this story …" to Wendy Writer, as if a colleague had got there first."""
        story = self.writer_draft()
        first_tab = self.open_form(story, self.writer)
        second_tab = self.open_form(story, self.writer)
        self.save(story, self.writer, first_tab, headline="First tab's headline")
        response = self.save(story, self.writer, second_tab, headline="Second tab's headline")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "You changed this story at")
        self.assertContains(response, "in another tab or window, after you opened it.")
        self.assertContains(response, "to see that version")
        self.assertNotContains(response, f"{self.writer.get_full_name()} changed")
        # A move made there, too.
        services.transition(story, Status.REVIEW, user=self.writer)
        response = self.save(story, self.writer, second_tab, headline="Second tab's headline")
        self.assertContains(response, "You submitted this story for review at")

    def test_a_status_change_also_counts_as_a_save(self):
        story = self.writer_draft()
        mine = self.open_form(story, self.writer)
        services.publish(story, user=self.editor)
        story.refresh_from_db()
        self.assertFalse(services.can_edit(self.writer, story))
        # The editor, too, is refused when working from a stale form.
        stale = self.open_form(story, self.editor)
        stale["loaded_version"] = mine["loaded_version"]
        response = self.save(story, self.editor, stale, headline="Stale")
        # What was done, not only that the story was "changed"; by this editor,
        # in another tab, so not in their name as if by a colleague.
        self.assertContains(response, "You published this story at")

    def test_the_refusal_says_what_a_colleagues_move_was(self):
        later = timezone.now() + timedelta(hours=3)
        colleague = make_user(
            "colleague", staff=True, groups=[EDITORS], first_name="Cat", last_name="Desk"
        )
        moves = {
            "archived this story": lambda story: services.archive(
                story, user=colleague, note="Legal: injunction"
            ),
            "scheduled this story": lambda story: services.publish(
                story, user=colleague, when=later
            ),
            "sent this story back to its writer": lambda story: services.transition(
                story, Status.DRAFT, user=colleague, note="Needs a second source"
            ),
        }
        for words, move in moves.items():
            with self.subTest(words):
                story = self.writer_draft(headline=f"Story to be {words}")
                if words.startswith("archived"):
                    services.publish(story, user=self.editor)
                elif words.startswith("sent"):
                    services.transition(story, Status.REVIEW, user=self.writer)
                story.refresh_from_db()
                stale = self.open_form(story, self.editor)
                move(story)
                response = self.save(story, self.editor, stale, headline="Stale")
                self.assertContains(response, f"Cat Desk {words} at")
                self.assertContains(response, "NOT been saved")

    def test_form_without_version_is_refused(self):
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        del data["loaded_version"]
        response = self.save(story, self.writer, data, headline="No version")
        self.assertContains(response, "NOT been saved")

    def test_save_as_new_is_refused_and_makes_no_copy(self):
        """No button offers it; Django would copy the story (same words, new row) if asked."""
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(
            story, self.editor, data, _saveasnew="Save as new", slug="dam-bursts-copy"
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Article.objects.filter(headline=story.headline).count(), 1)
        # The same form without it saves as usual.
        response = self.save(story, self.editor, data, headline="Dam bursts, villages cleared")
        self.assertEqual(response.status_code, 302)


class SubstantiveUpdateAdminTests(AdminWorkflowTestCase):
    def test_typo_fix_leaves_no_updated_time_but_ticked_box_does(self):
        story = make_article(section=self.section, origin=self.source)
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, headline=story.headline + ".")
        story.refresh_from_db()
        self.assertIsNone(story.substantive_update_at)
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, substantive_update="on", body="<p>New facts.</p>")
        story.refresh_from_db()
        self.assertIsNotNone(story.substantive_update_at)

    def test_adding_a_correction_in_the_admin_marks_an_update(self):
        story = make_article(section=self.section, origin=self.source)
        data = self.open_form(story, self.editor)
        data.update(
            {
                "corrections-0-kind": "correction",
                "corrections-0-note": "The dam is on the Nile.",
                "corrections-TOTAL_FORMS": "1",
            }
        )
        response = self.save(story, self.editor, data)
        self.assertEqual(response.status_code, 302)
        story.refresh_from_db()
        correction = Correction.objects.get(article=story)
        self.assertEqual(story.substantive_update_at, correction.created_at)
        self.assertContains(self.client.get(story.get_absolute_url()), "The dam is on the Nile.")


class PreviewLinkAdminTests(AdminWorkflowTestCase):
    def test_editor_creates_and_withdraws_a_preview_link(self):
        story = self.writer_draft()
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_preview_link", args=[story.pk])
        response = self.client.post(url, follow=True)
        link = PreviewLink.objects.get(article=story)
        self.assertContains(response, link.get_absolute_url())
        withdraw = reverse("admin:articles_article_revoke_preview_links", args=[story.pk])

        # The story page's button (which posts the story form) gets a page that asks.
        asked = self.client.post(withdraw, {"headline": "Not saved"})
        self.assertContains(asked, "Working preview links (1)")
        self.assertContains(asked, "Yes, withdraw 1 link")
        self.assertContains(asked, 'name="confirm" value="yes"')
        link.refresh_from_db()
        self.assertIsNone(link.revoked_at)
        self.assertEqual(self.client.get(link.get_absolute_url()).status_code, 200)

        done = self.client.post(withdraw, {"confirm": "yes"}, follow=True)
        self.assertRedirects(done, reverse("admin:articles_article_change", args=[story.pk]))
        self.assertContains(done, "1 preview link withdrawn: it no longer shows the story.")
        link.refresh_from_db()
        self.assertIsNotNone(link.revoked_at)
        self.assertNotEqual(self.client.get(link.get_absolute_url()).status_code, 200)
        story.refresh_from_db()
        self.assertNotEqual(story.headline, "Not saved")

    def test_the_question_lists_each_working_link_and_no_other(self):
        story = self.writer_draft()
        self.client.force_login(self.editor)
        make = reverse("admin:articles_article_preview_link", args=[story.pk])
        for _ in range(3):
            self.client.post(make)
        expired, withdrawn, working = PreviewLink.objects.filter(article=story).order_by("pk")
        PreviewLink.objects.filter(pk=expired.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        PreviewLink.objects.filter(pk=withdrawn.pk).update(revoked_at=timezone.now())
        withdraw = reverse("admin:articles_article_revoke_preview_links", args=[story.pk])
        with self.assertNumQueries(5):  # session, user and rights, story, its bylines, links
            asked = self.client.post(withdraw)
        self.assertContains(asked, "Working preview links (1)")
        self.assertContains(asked, 'value="Yes, withdraw 1 link"')
        working.refresh_from_db()
        self.assertIsNone(working.revoked_at)

    def test_two_links_withdrawn_are_counted_in_words(self):
        story = self.writer_draft()
        self.client.force_login(self.editor)
        for _ in range(2):
            self.client.post(reverse("admin:articles_article_preview_link", args=[story.pk]))
        withdraw = reverse("admin:articles_article_revoke_preview_links", args=[story.pk])
        self.assertContains(self.client.post(withdraw), 'value="Yes, withdraw 2 links"')
        done = self.client.post(withdraw, {"confirm": "yes"}, follow=True)
        self.assertContains(done, "2 preview links withdrawn: they no longer show the story.")

    def test_with_no_working_link_there_is_nothing_to_ask(self):
        story = self.writer_draft()
        self.client.force_login(self.editor)
        withdraw = reverse("admin:articles_article_revoke_preview_links", args=[story.pk])
        response = self.client.post(withdraw, follow=True)
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[story.pk]))
        self.assertContains(response, "There are no preview links to withdraw.")
        response = self.client.post(withdraw, {"confirm": "yes"}, follow=True)
        self.assertContains(response, "There were no preview links left to withdraw.")

    def test_get_does_not_withdraw_or_ask(self):
        story = self.writer_draft()
        self.client.force_login(self.editor)
        self.client.post(reverse("admin:articles_article_preview_link", args=[story.pk]))
        withdraw = reverse("admin:articles_article_revoke_preview_links", args=[story.pk])
        self.assertEqual(self.client.get(withdraw, {"confirm": "yes"}).status_code, 403)
        self.assertTrue(PreviewLink.objects.get(article=story).is_active)

    def test_get_does_not_create_a_link(self):
        story = self.writer_draft()
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_preview_link", args=[story.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertFalse(PreviewLink.objects.exists())


class DashboardAndChangelistTests(AdminWorkflowTestCase):
    def test_dashboard_lists(self):
        draft = self.writer_draft(headline="My own draft")
        review = make_article(status=Status.REVIEW, headline="Waiting on the desk")
        scheduled = make_article(
            headline="Goes out tomorrow", published_at=timezone.now() + timedelta(days=1)
        )
        live = make_article(headline="Out already")
        Correction.objects.create(article=live, note="Fixed a name.")
        self.client.force_login(self.editor)
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, "Waiting for review")
        for story in (review, scheduled, live):
            self.assertContains(response, story.headline)
        self.assertNotContains(response, draft.headline)  # not the editor's draft
        self.client.force_login(self.writer)
        self.assertContains(self.client.get(reverse("admin:index")), draft.headline)

    def test_a_writer_is_told_a_story_was_sent_back_and_why(self):
        story = self.writer_draft(headline="Dam bursts upstream")
        services.submit_for_review(story, user=self.writer)
        services.transition(
            story, Status.DRAFT, user=self.editor, note="Second source for the death toll, please."
        )
        untouched = self.writer_draft(headline="Quiet draft")
        self.client.force_login(self.writer)
        home = self.client.get(reverse("admin:index")).content.decode()
        mine = home.split('id="my-drafts"')[1].split("</div>")[0]
        sent = mine.split("Dam bursts upstream")[1].split("</li>")[0]
        self.assertIn("Sent back from review", sent)
        self.assertIn("Second source for the death toll, please.", sent)
        self.assertNotIn("Sent back", mine.split("Quiet draft")[1].split("</li>")[0])
        # On the story itself, above the form: who, when and the whole note.
        page = self.client.get(self.change_url(story))
        self.assertContains(page, '<h2 id="sent-back-title">Sent back from review</h2>', html=True)
        self.assertContains(page, "Ed Itor, <time")
        self.assertContains(
            page, "<blockquote>Second source for the death toll, please.</blockquote>", html=True
        )
        self.assertNotContains(self.client.get(self.change_url(untouched)), 'id="sent-back"')

    def test_once_resubmitted_it_is_no_longer_sent_back(self):
        story = self.writer_draft()
        services.submit_for_review(story, user=self.writer)
        services.transition(story, Status.DRAFT, user=self.editor, note="Needs a second source.")
        services.submit_for_review(story, user=self.writer)
        self.assertIsNone(services.sent_back(story))
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get(self.change_url(story)), 'id="sent-back"')

    def test_only_an_editor_returning_it_from_review_is_a_send_back(self):
        """Not the writer taking a submission back, nor unscheduling, nor a recovery."""
        own = self.writer_draft(headline="Taken back by its writer")
        services.submit_for_review(own, user=self.writer)
        services.transition(own, Status.DRAFT, user=self.writer, note="Wrong figures, mine.")
        unscheduled = self.writer_draft(headline="Unscheduled")
        services.transition(
            unscheduled,
            Status.PUBLISHED,
            user=self.editor,
            published_at=timezone.now() + timedelta(days=1),
        )
        services.transition(unscheduled, Status.DRAFT, user=self.editor, note="Holding it.")
        recovered = self.writer_draft(headline="Recovered")
        services.submit_for_review(recovered, user=self.writer)
        recovered.status = Status.REVIEW
        services.recover(recovered, user=self.editor)
        for story in (own, unscheduled, recovered):
            with self.subTest(story.headline):
                story.refresh_from_db()
                self.assertEqual(story.status, Status.DRAFT)
                self.assertIsNone(services.sent_back(story))
        self.client.force_login(self.writer)
        self.assertNotContains(self.client.get(reverse("admin:index")), "Sent back")

    def send_in(self, headline, minutes_ago):
        story = self.writer_draft(headline=headline)
        services.submit_for_review(story, user=self.writer)
        story.status_changes.update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
        return story

    def test_the_review_queue_lists_the_longest_waiting_first_with_who_and_since_when(self):
        """Listed by their last save, newest first, the stories waiting longest fell
        off the end of the list, with nothing to say there were more, and no list
        said who wrote a story or how long it had waited."""
        # Saved last, but waiting longest.
        waiting_longest = self.send_in("Dam bursts upstream", minutes_ago=90)
        waiting_longest.save()
        for n in range(8):
            self.send_in(f"Story {n}", minutes_ago=80 - n)
        self.client.force_login(self.editor)
        queue = self.client.get(reverse("admin:index")).content.decode()
        queue = queue[queue.index('id="waiting-for-review"') : queue.index('id="scheduled"')]
        self.assertLess(queue.index("Dam bursts upstream"), queue.index("Story 0"))
        self.assertIn("Story 6", queue)
        self.assertNotIn("Story 7", queue)  # the ninth, sent in last
        sent_in = waiting_longest.status_changes.get().created_at
        self.assertIn(
            "Dam bursts upstream</a> · World · Wendy Writer "
            f'<time datetime="{datetime_attribute(sent_in)}">waiting since '
            f"{date_format(sent_in, 'SHORT_DATETIME_FORMAT')}</time>",
            queue,
        )
        self.assertIn(
            '<a href="/admin/articles/article/?status__exact=review">'
            "All 9 stories waiting for review</a>",
            queue,
        )

    def test_the_review_queue_costs_the_same_queries_however_long(self):
        self.send_in("Dam bursts upstream", minutes_ago=10)
        self.client.force_login(self.editor)
        self.client.get(reverse("admin:index"))
        with CaptureQueriesContext(connection) as few:
            self.client.get(reverse("admin:index"))
        self.send_in("Bridge closes", minutes_ago=5)
        with self.assertNumQueries(len(few)):
            self.client.get(reverse("admin:index"))

    def test_the_dashboard_query_count_does_not_grow_with_drafts(self):
        for n in range(3):
            story = self.writer_draft(headline=f"Draft {n}")
            services.submit_for_review(story, user=self.writer)
            services.transition(story, Status.DRAFT, user=self.editor, note=f"Fix {n}.")
        self.client.force_login(self.writer)
        self.client.get(reverse("admin:index"))
        with CaptureQueriesContext(connection) as few:
            self.client.get(reverse("admin:index"))
        self.writer_draft(headline="One more")
        with self.assertNumQueries(len(few)):
            self.client.get(reverse("admin:index"))

    def test_a_writer_reaches_everyones_published_stories_on_the_site_not_in_the_admin(self):
        """A writer cannot open other people's stories in the admin; the dashboard must not try."""
        live = make_article(headline="Out already")
        Correction.objects.create(article=live, note="Fixed a name.")
        admin_link = f'href="{self.change_url(live)}"'
        self.client.force_login(self.writer)
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, f'href="{live.get_absolute_url()}"', count=2)
        self.assertNotContains(response, admin_link)
        self.assertEqual(self.client.get(self.change_url(live)).status_code, 302)
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(reverse("admin:index")), admin_link, count=2)

    def test_changelist_query_count_does_not_grow_with_stories(self):
        """Section, byline and status columns are loaded per page, not per row (N+1).

        An editor's page costs what a superuser's does: their permissions come
        with their user row (newsroom.auth_backends), so ten in all.
        """
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_changelist")
        for _ in range(3):
            make_article(authors=[make_author(), make_author()])
        self.client.get(url)
        with self.assertNumQueries(10) as few:
            self.client.get(url)
        for _ in range(15):
            make_article(authors=[make_author()])
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(url)
        self.assertLessEqual(len(few.captured_queries), 10)


class SlugClashTests(AdminWorkflowTestCase):
    """A slug another story holds: the form names that story when the user may open it."""

    def test_an_editor_is_told_which_story_holds_the_slug(self):
        archived = make_article(
            headline="Nordic ministers back cable plan",
            slug="nordic-cable-plan",
            status=Status.ARCHIVED,
        )
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, slug="nordic-cable-plan")
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            f'<a href="{self.change_url(archived)}">“Nordic ministers back cable plan”</a> '
            "(archived) already has this slug.",
        )
        self.assertEqual(Article.objects.get(pk=story.pk).slug, story.slug)

    def test_a_slug_typed_with_capitals_is_saved_in_lower_case_and_clashes_so(self):
        taken = make_article(headline="EU leaders agree pact", slug="eu-leaders-agree-pact")
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, slug="EU-Leaders-Agree-Pact")
        self.assertContains(response, "already has this slug")
        self.assertContains(response, self.change_url(taken))
        response = self.save(story, self.editor, data, slug="Dam-Bursts-Upstream")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Article.objects.get(pk=story.pk).slug, "dam-bursts-upstream")

    def test_a_writer_is_not_shown_a_colleagues_draft(self):
        make_article(headline="Colleague's scoop", slug="the-scoop", status=Status.DRAFT)
        story = self.writer_draft()
        data = self.open_form(story, self.writer)
        response = self.save(story, self.writer, data, slug="the-scoop")
        self.assertContains(response, "Another story already has this slug. Choose another.")
        self.assertNotContains(response, "scoop”")
        self.assertNotContains(response, "Colleague")


class StorySaveQueryTests(AdminWorkflowTestCase):
    # A draft's plain save from the story page, after a first save has filled
    # the content type cache: the session and user; the story and what the
    # page would show, read before the POST is handled; the form's checks (the
    # row locked against a colleague's save, the slug, the old addresses, the
    # status); the story compared with its row as stored (a save that changes
    # nothing leaves its modified time alone), then saved with its bylines,
    # sources and corrections; the admin log and the version.
    SAVE_QUERIES = 44

    def test_a_save_asks_about_the_slug_once(self):
        """The form's ``clean_slug`` (which names the story holding the slug) and the
        model's unique check both asked the database whether another story had it."""
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        self.client.post(self.change_url(story), {**data, "headline": "Dam bursts upstream"})
        data = self.open_form(story, self.editor)
        with self.assertNumQueries(self.SAVE_QUERIES) as save:
            response = self.client.post(
                self.change_url(story), {**data, "headline": "Dam bursts upstream, dozens flee"}
            )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        slug_lookups = [
            query["sql"]
            for query in save.captured_queries
            if query["sql"].startswith("SELECT") and '"articles_article"."slug" =' in query["sql"]
        ]
        self.assertEqual(len(slug_lookups), 1, slug_lookups)


class PastedTextTests(AdminWorkflowTestCase):
    """A headline, dateline or credit pasted too long is refused whole, not cut by the browser."""

    def test_the_headline_dateline_and_credit_boxes_do_not_cut_a_paste_short(self):
        story = self.writer_draft()
        self.client.force_login(self.writer)
        page = self.client.get(self.change_url(story)).content.decode()
        for name in ("headline", "dateline", "featured_image_credit"):
            with self.subTest(name):
                box = (
                    page.split(f'name="{name}"')[0].rsplit("<input", 1)[1]
                    + page.split(f'name="{name}"')[1].split(">", 1)[0]
                )
                self.assertNotIn("maxlength", box)

    def test_a_dateline_pasted_with_its_sentence_comes_back_whole_with_its_length(self):
        """The browser cut it at 100 characters, and the cut dateline was saved."""
        story = self.writer_draft()
        pasted = (
            "GENEVA, Nov 29 (Continental Press) - Talks on the river basin resumed on Monday "
            "after a week of delays, diplomats said, with both delegations at the table."
        )
        data = self.open_form(story, self.writer)
        response = self.save(story, self.writer, data, dateline=pasted)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, f"Ensure this value has at most 100 characters (it has {len(pasted)})."
        )
        self.assertContains(response, f'value="{pasted}"')

    def test_a_headline_over_the_limit_comes_back_whole_with_its_length(self):
        story = self.writer_draft()
        pasted = ("Ministers from across the continent gather to debate the harbour " * 6).strip()
        data = self.open_form(story, self.writer)
        response = self.save(story, self.writer, data, headline=pasted)
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, f"Ensure this value has at most 200 characters (it has {len(pasted)})."
        )
        self.assertContains(response, f'value="{pasted}"')


class RelatedLinksTests(AdminWorkflowTestCase):
    def test_the_story_form_offers_no_link_to_delete_a_writer_source_or_section(self):
        """The red ✕ beside a byline deleted the writer's profile, not the byline."""
        make_author(name="Mara Lindqvist", user=self.editor)
        story = self.writer_draft()
        for url in (reverse("admin:articles_article_add"), self.change_url(story)):
            with self.subTest(url):
                self.client.force_login(self.editor)
                page = self.client.get(url).content.decode()
                self.assertNotIn("delete-related", page)
                # Changing or adding one from the form is still offered.
                self.assertIn('id="change_id_section"', page)
                self.assertIn('id="add_id_bylines-0-author"', page)
