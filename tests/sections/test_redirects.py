"""A renamed section's page, feeds and public stories answer at their old addresses.

A story's address starts with its section's slug (/world/2025/05/01/slug/), so
renaming a section moves every story filed in it, not only the section page.
"""

from datetime import timedelta

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from sections.models import Section
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_section, make_user


class SectionRenameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Site.objects.get_current()
        cls.chief = make_user("chief", superuser=True)

    def setUp(self):
        self.world = make_section(name="World", slug="world")
        self.europe = make_section(name="Europe", slug="europe", parent=self.world)
        self.stories = [
            make_article(headline=f"World story {n}", section=self.world) for n in range(3)
        ]
        self.old_story_paths = [story.get_absolute_url() for story in self.stories]

    def rename(self, slug):
        """Change the slug in the admin's section form, as an editor would."""
        self.client.force_login(self.chief)
        url = reverse("admin:sections_section_change", args=[self.world.pk])
        response = self.client.post(url, {**form_fields(self.client.get(url)), "slug": slug})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.client.logout()
        self.world.refresh_from_db()

    def assert_moved(self, old, new):
        with self.subTest(old):
            self.assertRedirects(self.client.get(old), new, status_code=301)

    def test_page_and_both_feeds_301_to_the_new_addresses(self):
        self.rename("world-news")
        self.assert_moved("/world/", "/world-news/")
        self.assert_moved("/feeds/sections/world/rss/", "/feeds/sections/world-news/rss/")
        self.assert_moved("/feeds/sections/world/atom/", "/feeds/sections/world-news/atom/")

    def test_a_readers_browser_keeps_the_301_for_a_minute_only(self):
        """A rename can be undone, and a browser keeps a 301 with no lifetime for good.

        Renamed back, the new address redirects to the old one: a reader whose
        browser still held the first 301 went round in a loop.
        """
        self.rename("world-news")
        for old in ("/world/", "/World/", "/feeds/sections/world/rss/", self.old_story_paths[0]):
            with self.subTest(old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Cache-Control"], "public, max-age=60")

    def test_public_stories_301_to_their_new_addresses(self):
        """The story page alone does this (it finds a story by slug); the tests below
        show what the section's own redirects for its stories add."""
        self.rename("world-news")
        for story, old in zip(self.stories, self.old_story_paths, strict=True):
            story.refresh_from_db()
            self.assertTrue(story.get_absolute_url().startswith("/world-news/"))
            self.assert_moved(old, story.get_absolute_url())

    def test_only_public_stories_of_the_section_itself_get_redirects(self):
        """A subsection's stories keep their own slug; unpublished ones never had an address."""
        sub = make_article(section=self.europe)
        draft = make_article(section=self.world, status=Article.Status.DRAFT)
        scheduled = make_article(
            section=self.world, published_at=timezone.now() + timedelta(hours=2)
        )
        self.rename("world-news")
        self.assertEqual(self.client.get(sub.get_absolute_url()).status_code, 200)
        old_paths = set(Redirect.objects.values_list("old_path", flat=True))
        self.assertEqual(len(old_paths), 3 + len(self.stories))
        for hidden in (draft, scheduled):
            self.assertNotIn(
                hidden.get_absolute_url().replace("/world-news/", "/world/"), old_paths
            )

    def test_an_earlier_story_redirect_goes_straight_to_the_story(self):
        """A story renamed before its section was keeps one hop from its first address."""
        story = self.stories[0]
        first = "/world/2020/01/01/first-slug/"
        services.redirect_old_url(story, first)
        self.rename("world-news")
        story.refresh_from_db()
        self.assert_moved(first, story.get_absolute_url())

    def test_a_story_renamed_after_its_section_keeps_its_first_address(self):
        """The old address no longer names the story's slug, so only a redirect can find it."""
        story = self.stories[0]
        self.rename("world-news")
        story.refresh_from_db()
        renamed_from = story.get_absolute_url()
        story.slug = "renamed-story"
        story.save()
        services.redirect_old_url(story, renamed_from)
        self.assert_moved(self.old_story_paths[0], story.get_absolute_url())

    def test_renaming_back_and_forth_makes_no_loop_and_no_chain(self):
        self.rename("world-news")
        self.rename("international")
        self.rename("world")
        for path in ["/world/", "/feeds/sections/world/rss/", *self.old_story_paths]:
            self.assertEqual(self.client.get(path).status_code, 200, path)
        self.assertFalse(
            Redirect.objects.filter(old_path__in=Redirect.objects.values("new_path")).exists(),
            "a redirect leads to another redirect",
        )
        self.assert_moved("/world-news/", "/world/")
        self.assert_moved("/international/", "/world/")
        story_paths = [path.replace("/world/", "/world-news/") for path in self.old_story_paths]
        for old, current in zip(story_paths, self.old_story_paths, strict=True):
            self.assert_moved(old, current)

    def test_a_story_address_too_long_for_a_redirect_is_left_to_the_story_page(self):
        """Redirects hold 200 characters; PostgreSQL would refuse more and undo the save."""
        story = make_article(section=self.world, slug="a" * 190)
        old = story.get_absolute_url()
        self.rename("world-news")
        self.assertFalse(Redirect.objects.filter(old_path=old).exists())
        story.refresh_from_db()
        self.assert_moved(old, story.get_absolute_url())
        self.assertEqual(Redirect.objects.count(), 3 + len(self.stories))

    def test_saving_without_a_slug_change_adds_no_redirect(self):
        self.rename("world")
        self.assertFalse(Redirect.objects.exists())

    def test_stories_are_read_once_and_redirected_in_bulk(self):
        """However many stories the section holds: one read of them, one of the
        redirects, and one delete, update and insert, inside a savepoint."""
        services.redirect_old_url(self.stories[0], "/world/2020/01/01/first-slug/")
        make_article(section=self.world)
        before = Section.objects.get(pk=self.world.pk)
        self.world.slug = "world-news"
        self.world.save()
        with self.assertNumQueries(7):
            kept = services.keep_section_addresses(before, self.world)
        self.assertEqual(len(kept), 3 + len(self.stories) + 1)
