"""The admin's "view on site" redirect (/admin/r/<content type>/<id>/) gives away no address.

Django's own answered every staff user with any object's address: a writer
walking the ids learnt the headlines (slugs) of other people's drafts, embargoed
and archived stories, and the signed addresses of preview links.
"""

import re
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.roles import EDITORS, WRITERS, ensure_roles
from tests.factories import make_article, make_author, make_section, make_source, make_user

Status = Article.Status


def shortcut(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


def view_on_site_link(response):
    """The href of the admin page's "View on site" link, or None when there is none."""
    found = re.search(r'<a href="([^"]*)" class="viewsitelink">', response.content.decode())
    return found and found.group(1)


class AdminShortcutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.chief = make_user("chief", superuser=True)
        cls.writer = make_user("writer", staff=True, groups=[WRITERS])
        cls.colleague = make_user("colleague", staff=True, groups=[WRITERS])
        cls.section = make_section(name="Politics", slug="politics")
        cls.walt = make_author(name="Walt Reyes", slug="walt-reyes", user=cls.colleague)
        cls.source = make_source(name="Continental Press Agency", slug="cpa")
        cls.public = make_article(
            headline="Parliament passes budget",
            section=cls.section,
            authors=[cls.walt],
            origin=cls.source,
        )
        hidden = {"section": cls.section, "authors": [cls.walt], "created_by": cls.colleague}
        cls.hidden = {
            "draft": make_article(
                headline="Minister took bribes, leaked files show", status=Status.DRAFT, **hidden
            ),
            "in review": make_article(status=Status.REVIEW, **hidden),
            "scheduled": make_article(published_at=timezone.now() + timedelta(hours=2), **hidden),
            "archived": make_article(status=Status.ARCHIVED, **hidden),
        }

    def get(self, user, url):
        self.client.force_login(user)
        return self.client.get(url)

    def test_a_writer_gets_no_address_of_a_colleagues_hidden_story(self):
        for kind, story in self.hidden.items():
            with self.subTest(kind):
                response = self.get(self.writer, shortcut(story))
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(story.slug, response.content.decode())

    def test_nobody_gets_the_address_of_a_story_readers_cannot_see(self):
        """Not even its own writer, an editor or a superuser: it would be a 404 anyway."""
        for user in (self.colleague, self.editor, self.chief):
            for kind, story in self.hidden.items():
                with self.subTest(user=user.username, story=kind):
                    self.assertEqual(self.get(user, shortcut(story)).status_code, 404)

    def test_editors_are_sent_to_a_public_story(self):
        for user in (self.editor, self.chief):
            with self.subTest(user.username):
                response = self.get(user, shortcut(self.public))
                self.assertRedirects(response, self.public.get_absolute_url())

    def test_a_writer_is_sent_to_their_own_public_story_only(self):
        """A writer reaches, here as in the rest of the admin, the stories they may open."""
        self.assertRedirects(
            self.get(self.colleague, shortcut(self.public)), self.public.get_absolute_url()
        )
        self.assertEqual(self.get(self.writer, shortcut(self.public)).status_code, 404)

    def test_a_preview_link_address_is_never_given(self):
        link = services.create_preview_link(self.hidden["draft"], user=self.colleague)
        for user in (self.writer, self.editor, self.chief):
            with self.subTest(user.username):
                response = self.get(user, shortcut(link))
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(link.get_absolute_url(), response.content.decode())

    def test_writers_sources_and_sections_lead_to_their_pages(self):
        for user in (self.writer, self.editor):
            for obj in (self.walt, self.source, self.section):
                with self.subTest(user=user.username, obj=obj):
                    response = self.get(user, shortcut(obj))
                    self.assertRedirects(response, obj.get_absolute_url())

    def test_a_writer_or_source_without_a_public_story_has_no_page_to_go_to(self):
        """Their pages appear with their first public story; until then, a 404 here too."""
        new_hire = make_author(name="Jane Newhire", slug="jane-newhire")
        memo = make_source(name="Leaked memo", slug="leaked-memo")
        make_article(status=Status.DRAFT, authors=[new_hire], origin=memo)
        for obj in (new_hire, memo):
            with self.subTest(obj=obj):
                self.assertEqual(self.get(self.editor, shortcut(obj)).status_code, 404)

    def test_ids_that_name_nothing_are_404s(self):
        story_type = ContentType.objects.get_for_model(Article).pk
        for url in (
            f"/admin/r/{story_type}/999999/",
            f"/admin/r/{story_type}/not-a-number/",
            "/admin/r/999999/1/",
        ):
            with self.subTest(url):
                self.assertEqual(self.get(self.editor, url).status_code, 404)

    def test_signed_out_visitors_are_sent_to_the_admin_login(self):
        url = shortcut(self.public)
        response = self.client.get(url)
        self.assertRedirects(response, f"{reverse('admin:login')}?next={url}")

    def test_the_story_pages_view_on_site_goes_straight_to_a_public_story(self):
        """``ArticleAdmin.view_on_site`` links the page itself, and only for a public story."""
        change = reverse("admin:articles_article_change", args=[self.public.pk])
        self.assertEqual(
            view_on_site_link(self.get(self.editor, change)), self.public.get_absolute_url()
        )
        draft = reverse("admin:articles_article_change", args=[self.hidden["draft"].pk])
        self.assertIsNone(view_on_site_link(self.get(self.editor, draft)))

    def test_the_author_pages_view_on_site_leads_to_the_author_page(self):
        change = reverse("admin:authors_author_change", args=[self.walt.pk])
        link = view_on_site_link(self.get(self.editor, change))
        self.assertEqual(link, shortcut(self.walt))
        self.assertRedirects(self.client.get(link), self.walt.get_absolute_url())
