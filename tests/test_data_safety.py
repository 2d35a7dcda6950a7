"""Deletes through the admin cannot take published stories with them.

Writers cannot delete stories that went out (only drafts that never did);
deleting a section, an author or a source that stories still use is refused with
Django's "cannot delete" page, and the stories are still there afterwards.
"""

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import EDITORS, WRITERS, ensure_roles
from tests.factories import make_article, make_author, make_section, make_source, make_user


class DeleteSafetyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.world = make_section(name="World", slug="world")
        cls.author = make_author(name="Ada Reporter", slug="ada-reporter")
        cls.source = make_source(name="Reuters", slug="reuters")
        cls.writer = make_user("wendy", staff=True, groups=[WRITERS])
        cls.writer_author = make_author(name="Wendy Writer", user=cls.writer)
        cls.editor = make_user("eddie", staff=True, groups=[EDITORS])
        cls.chief = make_user("chief", staff=True, superuser=True)
        cls.story = make_article(
            headline="Talks resume in Geneva",
            section=cls.world,
            authors=[cls.author, cls.writer_author],
            origin=cls.source,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timezone.timedelta(hours=1),
        )

    def assert_story_is_still_public(self):
        self.assertTrue(Article.objects.published().filter(pk=self.story.pk).exists())
        self.assertEqual(self.client.get(self.story.get_absolute_url()).status_code, 200)

    def test_a_writer_cannot_delete_a_published_story(self):
        self.client.force_login(self.writer)
        url = reverse("admin:articles_article_delete", args=[self.story.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 403)
        self.assert_story_is_still_public()

    def test_a_writer_cannot_bulk_delete_stories_from_the_list(self):
        self.client.force_login(self.writer)
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "delete_selected", "_selected_action": [self.story.pk], "post": "yes"},
        )
        self.assertIn(response.status_code, {200, 302, 403})
        self.assert_story_is_still_public()

    def test_protected_rows_show_the_cannot_delete_page(self):
        cases = [
            ("sections_section", self.world),
            ("authors_author", self.author),
            ("sources_source", self.source),
        ]
        for user in (self.editor, self.chief):
            self.client.force_login(user)
            for model, obj in cases:
                url = reverse(f"admin:{model}_delete", args=[obj.pk])
                with self.subTest(user=user.username, model=model):
                    page = self.client.get(url)
                    if page.status_code == 403:
                        # This role may not delete these at all: safe too.
                        continue
                    self.assertContains(page, "Cannot delete")
                    # The stories in the way are named, for an editor too: Django
                    # told an editor the stories were not theirs to delete, as if
                    # they would go with it.
                    self.assertContains(page, "Talks resume in Geneva")
                    self.assertNotContains(page, "your account doesn't have permission")
                    response = self.client.post(url, {"post": "yes"})
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, "Cannot delete")
                    self.assertTrue(type(obj).objects.filter(pk=obj.pk).exists())
                    self.assert_story_is_still_public()

    def test_a_parent_section_with_subsections_is_protected_too(self):
        make_section(name="Europe", slug="europe", parent=self.world)
        self.client.force_login(self.chief)
        Article.objects.filter(pk=self.story.pk).update(section=None)
        response = self.client.post(
            reverse("admin:sections_section_delete", args=[self.world.pk]), {"post": "yes"}
        )
        self.assertContains(response, "Cannot delete")
        self.assertTrue(type(self.world).objects.filter(pk=self.world.pk).exists())
