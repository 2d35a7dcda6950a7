import re
from datetime import UTC, datetime

import reversion
from django.contrib.sites.models import Site
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.import_service import import_copy
from articles.models import Article, Byline, SourceCredit
from articles.revisions import compare_credits, diff_words, readable_text
from articles.roles import EDITORS, ensure_roles
from tests.articles.test_admin_workflow import form_fields
from tests.articles.test_import_command import WIRE
from tests.factories import make_article, make_author, make_section, make_source, make_user

Status = Article.Status


class DiffTests(TestCase):
    def test_changed_words_are_marked_and_escaped(self):
        html = diff_words("Troops <leave> the city", "Troops enter the city")
        self.assertEqual(html, "Troops <del>&lt;leave&gt;</del><ins>enter</ins> the city")


class ReadableTextTests(TestCase):
    def test_body_pictures_are_named_by_their_alt_text_or_file_name(self):
        body = (
            '<p>Water rose overnight.</p><figure><img src="/media/uploads/flood.jpg" '
            'alt="A flooded street &amp; cars"><figcaption>Dhaka</figcaption></figure>'
            '<p><img src="/media/uploads/2026/11/map.png" alt=""></p>'
        )
        self.assertEqual(
            readable_text(body, "body"),
            "Water rose overnight.\n[picture: A flooded street & cars]\nDhaka\n"
            "[picture: map.png]",
        )

    def test_choices_and_yes_no_fields_read_as_labels(self):
        self.assertEqual(readable_text("review", "status"), "In review")
        self.assertEqual(readable_text(True, "is_pinned"), "Yes")


@override_settings(TIME_ZONE="Europe/Berlin")
class CompareReadsAsTheAdminTests(TestCase):
    """The compare page showed "~~review~~published", "2026-11-28 20:05:07.446000+00:00",
    usernames, and a "Body" row with nothing marked when a picture was added."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        Site.objects.get_current()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.writer = make_user("writer", staff=True, first_name="Writer", last_name="Test")

    def save_version(self, story, user):
        story.save()
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.add_to_revision(story)
        return Version.objects.get_for_object(story).order_by("-pk").first()

    def test_status_time_people_and_pictures_read_as_elsewhere_in_the_admin(self):
        story = make_article(headline="Floods in the delta", status=Status.REVIEW)
        old = self.save_version(story, self.writer)
        story.status = Status.PUBLISHED
        story.published_at = datetime(2026, 11, 28, 20, 5, 7, 446000, tzinfo=UTC)
        story.body += '<figure><img src="/media/uploads/flood.jpg" alt="Flooded street"></figure>'
        new = self.save_version(story, self.editor)
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse("admin:articles_article_compare", args=[story.pk]),
            {"from": old.pk, "to": new.pk},
        )
        page = response.content.decode()
        self.assertIn("<del>In review</del><ins>Published</ins>", page)
        self.assertIn("<ins>28 Nov 2026, 21:05 CET</ins>", page)
        self.assertNotIn("446000", page)
        self.assertIn("by Writer Test", page)
        self.assertNotIn("by writer", page)
        self.assertRegex(page, r"<ins>(?:<br>)?\[picture: Flooded street\]</ins>")


class CompareCreditsTests(TestCase):
    """The compare page left out bylines and sources, which a restore brings back.

    Version 1 with no byline and version 2 bylined "Ana Souza" read as a change
    of status alone: restoring version 1 took Ana Souza off the story unseen.
    """

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        Site.objects.get_current()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.ana = make_author(name="Ana Souza")
        cls.joao = make_author(name="João Lima")
        cls.reuters = make_source(name="Reuters")
        cls.afp = make_source(name="AFP")
        cls.ap = make_source(name="AP")

    def save_version(self, *stories):
        """A version of each story, all saved in one revision; the first story's is returned."""
        with reversion.create_revision():
            reversion.set_user(self.editor)
            for story in stories:
                reversion.add_to_revision(story)
        return Version.objects.get_for_object(stories[0]).order_by("-pk").first()

    def set_byline(self, story, *authors):
        story.bylines.all().delete()
        for position, author in enumerate(authors):
            Byline.objects.create(article=story, author=author, position=position)

    def compared_rows(self, story, old, new):
        """The compare page's rows, as ``{label: html}``."""
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse("admin:articles_article_compare", args=[story.pk]),
            {"from": old.pk, "to": new.pk},
        )
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        return dict(re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', page))

    def test_a_byline_added_is_shown_beside_the_status_change(self):
        story = make_article(headline="Floods in the delta", status=Status.REVIEW, authors=[])
        old = self.save_version(story)
        self.set_byline(story, self.ana)
        story.status, story.published_at = Status.PUBLISHED, timezone.now()
        story.save()
        new = self.save_version(story)
        rows = self.compared_rows(story, old, new)
        self.assertEqual(rows["Byline"], "<ins>Ana Souza</ins>")
        self.assertEqual(list(rows), ["Status", "Published at", "Byline"])

    def test_writers_swapped_on_the_byline_read_as_an_order_changed(self):
        """Nobody was added or taken off: it read "<del>João</del> … <ins>João</ins>"."""
        story = make_article(authors=[self.ana, self.joao])
        old = self.save_version(story)
        self.set_byline(story, self.joao, self.ana)
        new = self.save_version(story)
        rows = self.compared_rows(story, old, new)
        self.assertEqual(
            rows["Byline"],
            "João Lima, Ana Souza <small>(order changed; was Ana Souza, João Lima)</small>",
        )
        # A writer added as well as one moved is shown name by name.
        self.set_byline(story, self.ana, self.joao, make_author(name="Li Wei"))
        newer = self.save_version(story)
        rows = self.compared_rows(story, new, newer)
        self.assertEqual(
            rows["Byline"],
            "<ins>Ana Souza</ins>, João Lima, <del>Ana Souza</del>, <ins>Li Wei</ins>",
        )

    def test_sources_added_removed_and_moved_to_another_role_are_shown_by_role(self):
        story = make_article(origin=self.reuters, cited=[self.ap, self.afp])
        old = self.save_version(story)
        story.source_credits.filter(source=self.afp).delete()
        story.source_credits.filter(source=self.ap).update(
            role=SourceCredit.Role.ORIGIN, position=1
        )
        new = self.save_version(story)
        rows = self.compared_rows(story, old, new)
        self.assertEqual(rows["Source"], "Reuters, <ins>AP</ins>")
        self.assertEqual(rows["Cited in the text"], "<del>AP</del>, <del>AFP</del>")
        self.assertNotIn("Byline", rows)

    def test_credits_that_did_not_change_are_not_listed(self):
        story = make_article(authors=[self.ana, self.joao], origin=self.reuters, cited=[self.ap])
        old = self.save_version(story)
        story.headline = "Floods reach the capital"
        story.save()
        new = self.save_version(story)
        self.assertEqual(list(self.compared_rows(story, old, new)), ["Headline"])

    def test_a_writer_deleted_since_is_named_as_the_version_named_them(self):
        stringer = make_author(name="Stringer Sam")
        story = make_article(headline="Dam bursts upstream", authors=[self.ana, stringer])
        old = self.save_version(story)
        self.set_byline(story, self.ana)
        new = self.save_version(story)
        stringer.delete()
        rows = self.compared_rows(story, old, new)
        self.assertEqual(rows["Byline"], "Ana Souza, <del>Stringer Sam (since deleted)</del>")

    def test_credits_of_other_stories_saved_in_the_same_revision_are_not_listed(self):
        story = make_article(authors=[self.ana])
        other = make_article(authors=[self.joao], origin=self.afp)
        old = self.save_version(story)
        story.headline = "Floods reach the capital"
        story.save()
        new = self.save_version(story, other)
        self.assertEqual(list(self.compared_rows(story, old, new)), ["Headline"])

    def test_credits_are_compared_in_three_queries_however_many_there_are(self):
        """One for the credits both versions hold, one each for writers' and sources' names:
        not a query per byline or source credit."""
        gone = make_source(name="Gone Wire")
        story = make_article(authors=[self.ana, self.joao], origin=self.reuters, cited=[self.ap])
        old = self.save_version(story)
        self.set_byline(story, self.joao, make_author(), make_author())
        SourceCredit.objects.create(article=story, source=gone, role=SourceCredit.Role.CITED)
        story.source_credits.filter(source=self.reuters).delete()
        SourceCredit.objects.create(article=story, source=self.afp)
        new = self.save_version(story)
        story.source_credits.filter(source=gone).delete()
        gone.delete()
        compare_credits(old, new)  # the content types, once per process
        old, new = Version.objects.get(pk=old.pk), Version.objects.get(pk=new.pk)
        with self.assertNumQueries(3):
            rows = dict(compare_credits(old, new))
        self.assertEqual(list(rows), ["Byline", "Source", "Cited in the text"])
        self.assertIn("<ins>Gone Wire (since deleted)</ins>", rows["Cited in the text"])


class RevisionAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        Site.objects.get_current()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.superuser = make_user("chief", superuser=True)

    def setUp(self):
        self.client.force_login(self.editor)
        self.story = make_article(headline="Talks stall in Geneva", origin=make_source())
        self.url = reverse("admin:articles_article_change", args=[self.story.pk])

    def edit(self, **changes):
        data = form_fields(self.client.get(self.url))
        response = self.client.post(self.url, {**data, **changes})
        self.assertEqual(response.status_code, 302, response.content[:2000])

    def test_every_admin_save_is_kept_and_can_be_compared(self):
        self.edit(headline="Talks resume in Geneva")
        self.edit(body="<p>Delegates returned on Monday.</p>")
        versions = list(Version.objects.get_for_object(self.story).order_by("pk"))
        self.assertEqual(len(versions), 2)
        history = self.client.get(reverse("admin:articles_article_history", args=[self.story.pk]))
        # One table, newest first, each row with its restore link and what changed.
        rows = re.findall(r'<a href="([^"]*/history/(\d+)/)">', history.content.decode())
        self.assertEqual([int(pk) for _, pk in rows], [versions[1].pk, versions[0].pk])
        self.assertContains(history, versions[1].revision.get_comment())
        self.assertContains(
            history, timezone.localtime(versions[1].revision.date_created).strftime("%H:%M:%S")
        )
        self.assertContains(history, 'name="from"', count=2)
        self.assertContains(history, ">Compare</button>")
        response = self.client.get(
            reverse("admin:articles_article_compare", args=[self.story.pk]),
            {"from": versions[0].pk, "to": versions[1].pk},
        )
        self.assertContains(response, "<del>Leaders</del>", html=False)
        self.assertContains(response, "Delegates")
        self.assertNotContains(response, "<th scope='row'>Headline</th>")

    def test_restoring_an_old_version_restores_copy_not_status(self):
        self.edit(headline="Talks resume in Geneva")
        first = Version.objects.get_for_object(self.story).get()
        self.edit(headline="Talks collapse in Geneva")
        Article.objects.filter(pk=self.story.pk).update(status=Status.ARCHIVED)
        revert_url = reverse("admin:articles_article_revision", args=[self.story.pk, first.pk])
        data = form_fields(self.client.get(revert_url))
        response = self.client.post(revert_url, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Talks resume in Geneva")
        self.assertEqual(self.story.status, Status.ARCHIVED)

    def test_editors_archive_rather_than_delete(self):
        delete_url = reverse("admin:articles_article_delete", args=[self.story.pk])
        self.assertEqual(self.client.post(delete_url, {"post": "yes"}).status_code, 403)
        self.assertTrue(Article.objects.filter(pk=self.story.pk).exists())

    def test_deleted_story_can_be_recovered_as_a_draft(self):
        self.edit(headline="Talks resume in Geneva")
        self.client.force_login(self.superuser)
        delete_url = reverse("admin:articles_article_delete", args=[self.story.pk])
        self.client.post(delete_url, {"post": "yes"})
        self.assertFalse(Article.objects.filter(pk=self.story.pk).exists())

        recover_list = self.client.get(reverse("admin:articles_article_recoverlist"))
        self.assertContains(recover_list, "Talks resume in Geneva")
        version = Version.objects.get_deleted(Article).get()
        recover_url = reverse("admin:articles_article_recover", args=[version.pk])
        data = form_fields(self.client.get(recover_url))
        response = self.client.post(recover_url, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        story = Article.objects.get(pk=self.story.pk)
        self.assertEqual(story.headline, "Talks resume in Geneva")
        self.assertEqual(story.status, Status.DRAFT)
        self.assertEqual(story.bylines.count(), 1)
        self.assertEqual(story.status_changes.get().note, "Recovered after deletion.")


class ImportedVersionTests(TestCase):
    """Imported wire copy is the first version, so the desk can see and undo its edits."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        Site.objects.get_current()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.world = make_section(name="World", slug="world")

    def setUp(self):
        raw = (WIRE / "nairobi_drought.txt").read_bytes()
        outcome = import_copy("nairobi_drought.txt", raw, section=self.world, user=self.editor)
        self.story = Article.objects.get(pk=outcome.article_id)
        self.wire_body = self.story.body
        self.url = reverse("admin:articles_article_change", args=[self.story.pk])
        self.client.force_login(self.editor)
        data = form_fields(self.client.get(self.url))
        response = self.client.post(self.url, {**data, "body": "<p>Rewritten by the desk.</p>"})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.imported, self.edited = Version.objects.get_for_object(self.story).order_by("pk")

    def test_the_desk_edit_can_be_compared_with_the_wire_copy(self):
        response = self.client.get(
            reverse("admin:articles_article_compare", args=[self.story.pk]),
            {"from": self.imported.pk, "to": self.edited.pk},
        )
        self.assertContains(response, "<del>")
        self.assertContains(response, "<ins>Rewritten</ins>", html=False)
        self.assertContains(response, "truck water")

    def test_the_wire_copy_can_be_restored(self):
        revert_url = reverse(
            "admin:articles_article_revision", args=[self.story.pk, self.imported.pk]
        )
        response = self.client.post(revert_url, form_fields(self.client.get(revert_url)))
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.story.refresh_from_db()
        self.assertEqual(self.story.body, self.wire_body)
        self.assertEqual(self.story.bylines.get().author.name, "Daniel Otieno")
