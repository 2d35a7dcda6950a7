from datetime import timedelta

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_section, make_source, make_user
from tests.test_page_cache import LOCMEM

PURGED = []


def record_purge(paths):
    """A purge hook that remembers what it was asked to drop."""
    PURGED.append(paths)


class SlugChangeRedirectTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        Site.objects.get_current()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)
        # Noon yesterday, so that "five minutes later" is the same day at any hour
        # the suite runs (a story's address carries its publication date).
        noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
        self.story = make_article(
            slug="old-slug", origin=make_source(), published_at=noon - timedelta(days=1)
        )

    def edit(self, **changes):
        url = reverse("admin:articles_article_change", args=[self.story.pk])
        response = self.client.post(url, {**form_fields(self.client.get(url)), **changes})
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.story.refresh_from_db()

    def test_old_url_301s_to_the_new_one_after_a_slug_change(self):
        old_url = self.story.get_absolute_url()
        self.edit(slug="new-slug")
        response = self.client.get(old_url)
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], self.story.get_absolute_url())
        self.assertEqual(self.client.get(response["Location"]).status_code, 200)

    def test_a_story_taken_down_with_a_new_slug_leaves_no_link_to_its_new_wording(self):
        """ "Save and unpublish" (or archive) with a new slug: the old link names nothing.

        Sent back to draft it is a 404, at both addresses; archived, a 410 at both,
        as a withdrawn story's address answers.
        """
        for transition, status in (("draft", 404), ("archived", 410)):
            with self.subTest(transition):
                story = make_article(slug=f"mini-grids-{transition}", origin=make_source())
                self.story = story
                old_url = story.get_absolute_url()
                self.edit(
                    slug=f"mini-grids-{transition}-minister-named-in-lawsuit",
                    _transition=transition,
                    status_note="Legal hold",
                )
                self.assertFalse(story.is_public)
                for url in (old_url, story.get_absolute_url(), old_url + "?utm_source=x"):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, status, url)
                    self.assertNotIn(b"lawsuit", response.content)
                    self.assertNotIn("Location", response)

    def test_an_archived_story_brought_back_is_found_at_its_old_address_again(self):
        old_url = self.story.get_absolute_url()
        self.edit(slug="renamed-then-archived", _transition="archived", status_note="Legal")
        self.assertEqual(self.client.get(old_url).status_code, 410)
        services.transition(self.story, Article.Status.DRAFT, user=self.editor, note="Cleared")
        services.publish(self.story, user=self.editor)
        self.assertRedirects(
            self.client.get(old_url), self.story.get_absolute_url(), status_code=301
        )

    def test_a_story_renamed_while_off_the_site_is_found_at_its_old_address_once_back(self):
        """Unpublish, fix, rename, republish: the links shared while it was live still work."""
        old_url = self.story.get_absolute_url()
        self.edit(_transition="draft", status_note="Legal check")
        self.edit(slug="copper-miners-strike-corrected")
        response = self.client.get(old_url)
        self.assertEqual(response.status_code, 404)  # off the site: names nothing
        self.assertNotIn("Location", response)
        services.publish(self.story, user=self.editor)
        self.story.refresh_from_db()
        self.assertRedirects(
            self.client.get(old_url), self.story.get_absolute_url(), status_code=301
        )

    def test_a_follow_up_at_the_freed_slug_never_leads_to_a_story_taken_down(self):
        """The kept redirect would name the first story's new slug while it is a draft."""
        old_url = self.story.get_absolute_url()
        self.edit(_transition="draft", status_note="Legal check")
        self.edit(slug="minister-named-in-lawsuit")
        follow_up = make_article(
            slug="old-slug",
            section=make_section(slug="business"),
            origin=make_source(),
        )
        response = self.client.get(old_url)
        self.assertRedirects(
            response, follow_up.get_absolute_url(), status_code=301, fetch_redirect_response=False
        )
        self.assertNotIn("lawsuit", response["Location"])

    def test_a_draft_that_was_never_public_keeps_no_address(self):
        draft = make_article(slug="first-draft", status=Article.Status.DRAFT, origin=make_source())
        self.story = draft
        old_url = draft.get_absolute_url()
        self.edit(slug="second-draft")
        self.assertFalse(Redirect.objects.filter(old_path=old_url).exists())

    def test_a_refused_unpublish_then_a_plain_rename_keeps_the_old_address(self):
        old_url = self.story.get_absolute_url()
        # A note is required to unpublish: without one the form is refused whole.
        url = reverse("admin:articles_article_change", args=[self.story.pk])
        data = {**form_fields(self.client.get(url)), "slug": "renamed", "_transition": "draft"}
        self.assertEqual(self.client.post(url, data).status_code, 200)
        self.edit(slug="renamed")
        self.assertRedirects(
            self.client.get(old_url), self.story.get_absolute_url(), status_code=301
        )

    def test_a_new_story_that_takes_the_freed_slug_does_not_take_the_old_links(self):
        """A follow-up gets the same automatic slug; shared links still reach the first story."""
        old_url = self.story.get_absolute_url()
        self.edit(slug="nordic-cable-plan")
        newcomer = make_article(
            slug="old-slug", section=make_section(slug="business"), origin=make_source()
        )
        self.assertNotEqual(newcomer.get_absolute_url(), old_url)
        response = self.client.get(old_url + "?utm_source=share")
        self.assertRedirects(
            response,
            self.story.get_absolute_url() + "?utm_source=share",
            status_code=301,
        )
        # The newcomer's own address is its own, and a wrong date still finds it.
        self.assertEqual(self.client.get(newcomer.get_absolute_url()).status_code, 200)
        wrong_date = "/business/1999/01/01/old-slug/"
        self.assertRedirects(
            self.client.get(wrong_date), newcomer.get_absolute_url(), status_code=301
        )

    def test_a_new_story_may_not_go_public_at_the_address_another_story_left(self):
        """Same section, same day, same slug: the follow-up would shadow the kept redirect."""
        old_url = self.story.get_absolute_url()
        self.edit(slug="nordic-cable-plan")
        newcomer = make_article(
            slug="old-slug",
            section=self.story.section,
            origin=make_source(),
            status=Article.Status.DRAFT,
            # Filed for the same day as the first story.
            published_at=self.story.published_at + timedelta(minutes=5),
        )
        checklist = services.check_article(newcomer)
        self.assertIn(
            f"This story’s address, {old_url}, is where “{self.story.headline}” used to be",
            " ".join(checklist.errors),
        )
        with self.assertRaises(services.PublishBlocked):
            services.publish(newcomer, user=self.editor)
        self.assertRedirects(
            self.client.get(old_url), self.story.get_absolute_url(), status_code=301
        )
        # Published for another day, its address is its own.
        services.publish(
            newcomer, user=self.editor, when=self.story.published_at + timedelta(days=1)
        )
        self.assertEqual(Article.objects.get(pk=newcomer.pk).status, Article.Status.PUBLISHED)
        services.unpublish(newcomer, user=self.editor, note="Back to draft for the test.")
        newcomer.refresh_from_db()
        newcomer.published_at = self.story.published_at + timedelta(minutes=5)
        newcomer.save()
        # Another slug, and nothing stands in the way.
        newcomer.slug = "nordic-cable-plan-follow-up"
        newcomer.save()
        self.assertEqual(services.check_article(newcomer).errors, [])

    def test_a_public_story_may_not_move_onto_the_address_another_story_left(self):
        """Published elsewhere first, then moved by a plain save: refused at the slug."""
        old_url = self.story.get_absolute_url()
        self.edit(slug="nordic-cable-plan")
        follow_up = make_article(
            slug="old-slug",
            section=make_section(slug="europe"),
            origin=make_source(),
            published_at=self.story.published_at + timedelta(minutes=5),
        )
        url = reverse("admin:articles_article_change", args=[follow_up.pk])
        data = {**form_fields(self.client.get(url)), "section": str(self.story.section_id)}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["adminform"].form.errors["slug"],
            [
                f"This story’s address, {old_url}, is where “{self.story.headline}” used to be: "
                "readers’ old links and shares still lead there. Give this story another slug."
            ],
        )
        follow_up.refresh_from_db()
        self.assertNotEqual(follow_up.get_absolute_url(), old_url)
        self.assertRedirects(
            self.client.get(old_url), self.story.get_absolute_url(), status_code=301
        )

    def test_old_url_follows_slug_and_section_change_together(self):
        old_url = self.story.get_absolute_url()
        self.edit(slug="moved", section=str(make_section(slug="africa").pk))
        response = self.client.get(old_url)
        self.assertRedirects(response, self.story.get_absolute_url(), status_code=301)
        self.assertIn("/africa/", response["Location"])

    def test_every_earlier_url_goes_straight_to_the_latest_without_chains(self):
        first = self.story.get_absolute_url()
        self.edit(slug="second")
        second = self.story.get_absolute_url()
        self.edit(slug="third")
        for old in (first, second):
            response = self.client.get(old)
            self.assertEqual(response.status_code, 301)
            self.assertEqual(response["Location"], self.story.get_absolute_url())

    def test_a_readers_browser_keeps_the_301_for_a_minute_only(self):
        """Changed back, the slug's 301 points the other way: one kept for good would loop."""
        old_url = self.story.get_absolute_url()
        self.edit(slug="new-slug")
        self.client.logout()
        response = self.client.get(f"{old_url}?utm_source=newsletter")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Cache-Control"], "public, max-age=60")

    @override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM)
    def test_the_301s_lifetime_passes_the_page_cache_and_an_editor_gets_none(self):
        old_url = self.story.get_absolute_url()
        self.edit(slug="new-slug")
        self.assertIn("private", self.client.get(old_url)["Cache-Control"])
        self.client.logout()
        response = self.client.get(old_url)
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Cache-Control"], "public, max-age=60")

    def test_changing_back_does_not_loop(self):
        first = self.story.get_absolute_url()
        self.edit(slug="second")
        self.edit(slug="old-slug")
        self.assertEqual(self.client.get(first).status_code, 200)
        self.assertFalse(Redirect.objects.filter(old_path=first).exists())
        self.assertEqual(Redirect.objects.get(old_path__contains="/second/").new_path, first)

    def test_drafts_leave_no_redirects(self):
        """A draft's address was never public, so renaming it leaves nothing behind."""
        self.story = make_article(status=Article.Status.DRAFT, slug="draft-slug")
        self.edit(slug="renamed")
        self.assertEqual(self.story.slug, "renamed")
        self.assertFalse(Redirect.objects.exists())

    def test_typo_fix_without_address_change_creates_nothing(self):
        self.edit(headline=self.story.headline + "!")
        self.assertFalse(Redirect.objects.exists())

    @override_settings(CACHE_PURGE_CALLABLE="tests.articles.test_redirects.record_purge")
    def test_the_old_address_is_purged_with_the_new_one(self):
        """A CDN holding the old page would go on serving it instead of the 301."""
        PURGED.clear()
        old_url = self.story.get_absolute_url()
        with self.captureOnCommitCallbacks(execute=True):
            self.edit(slug="new-slug")
        self.assertEqual(len(PURGED), 1, "one purge call for the save and its redirect")
        self.assertIn(old_url, PURGED[0])
        self.assertIn(self.story.get_absolute_url(), PURGED[0])
