"""The page cache: anonymous readers are answered from memory, editors never are,
and every change readers could see reaches them, after commit and on time."""

import os
from datetime import timedelta
from unittest import mock

from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import caches
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone

from articles import cache as page_cache
from articles import services
from articles.models import Article, Byline, SourceCredit
from articles.roles import EDITORS, ensure_roles
from articles.views import STORIES_PER_PAGE
from authors.models import AuthorLink
from sources.models import OtherName
from tests.factories import (
    make_article,
    make_author,
    make_small_desk,
    make_source,
    make_user,
)

LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests-page-cache",
    }
}
# One test process: its memory is the only page cache there is, as Redis is for
# a deployment, so the short lifetime kept for several workers does not apply.
# PerProcessCacheTests checks that lifetime on its own.
ONE_PROCESS = {"PAGE_CACHE_LOCAL_SECONDS": 300}
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
REDIS_PREFIX = f"newsroom-tests-{os.getpid()}"


class PageCacheTestCase(TestCase):
    """The page cache on, over an empty cache, with a small desk to look at."""

    @classmethod
    def setUpTestData(cls):
        make_small_desk(cls)

    def setUp(self):
        self.settings_override = override_settings(
            PAGE_CACHE_ENABLED=True, CACHES=LOCMEM, **ONE_PROCESS
        )
        self.settings_override.enable()
        self.addCleanup(self.settings_override.disable)
        caches["default"].clear()

    def get(self, path, **extra):
        return self.client.get(path, **extra)

    def assert_hit(self, path, text=None):
        with self.assertNumQueries(0):
            response = self.get(path)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Page-Cache"], "hit")
        if text:
            self.assertContains(response, text)
        return response

    def assert_fresh(self, path, text):
        """The page is rendered again (not served from the cache) and shows ``text``."""
        response = self.get(path)
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertContains(response, text)
        return response


class HitAndMissTests(PageCacheTestCase):
    def test_second_reader_gets_the_story_without_touching_the_database(self):
        first = self.get(self.story.get_absolute_url())
        self.assertEqual(first["X-Page-Cache"], "miss")
        self.assertContains(first, "Summit ends with a deal")
        second = self.assert_hit(self.story.get_absolute_url(), "Summit ends with a deal")
        self.assertEqual(second.content, first.content)

    def test_home_section_author_source_feeds_and_sitemaps_are_cached(self):
        paths = [
            "/",
            "/world/",
            "/authors/",
            "/authors/ana-reporter/",
            "/sources/",
            "/sources/wire-agency/",
            "/feeds/rss/",
            "/feeds/sections/world/atom/",
            "/feeds/authors/ana-reporter/rss/",
            "/feeds/sources/wire-agency/atom/",
            "/corrections/",
            "/sitemap.xml",
            "/news-sitemap.xml",
            "/robots.txt",
        ]
        for path in paths:
            with self.subTest(path=path):
                self.assertEqual(self.get(path)["X-Page-Cache"], "miss")
                self.assert_hit(path)

    def test_a_hit_renders_no_template_and_opens_no_session(self):
        self.get("/")
        with (
            mock.patch.object(SessionMiddleware, "process_request") as session,
            self.assertTemplateNotUsed("articles/home.html"),
        ):
            response = self.assert_hit("/")
        session.assert_not_called()
        self.assertEqual(response.templates, [])

    def test_get_and_head_share_a_page(self):
        self.get("/world/")
        with self.assertNumQueries(0):
            response = self.client.head("/world/")
        self.assertEqual(response["X-Page-Cache"], "hit")

    def test_pages_of_a_list_are_cached_apart(self):
        for n in range(25):
            make_article(
                section=self.section,
                headline=f"Older story {n}",
                published_at=timezone.now() - timedelta(days=2, hours=n),
            )
        self.get("/world/")
        self.assertEqual(self.get("/world/?page=2")["X-Page-Cache"], "miss")
        self.assert_hit("/world/?page=2", "Older story 24")
        self.assertNotContains(self.get("/world/?page=2"), "Summit ends with a deal")

    def test_unknown_query_parameters_bypass_the_cache(self):
        """Junk would otherwise make one entry per address made up."""
        self.get("/")
        for query in ("?x=1", "?x=1&fbclid=abc", "?page=2&sort=new&utm_source=mail"):
            with self.subTest(query=query):
                for _ in range(2):
                    response = self.get(f"/{query}")
                    self.assertEqual(response.status_code, 200)
                    self.assertNotIn("X-Page-Cache", response)

    def test_a_page_number_on_a_page_that_is_not_a_list_is_not_stored(self):
        """ "?p=2" … "?p=201" on a story were the story 200 times in the cache, each
        kept a day: anyone could fill it and push out the pages readers want."""
        story = self.story.get_absolute_url()
        for path in ("/", story, "/feeds/rss/", "/robots.txt", "/about/"):
            for query in ("page=2", "p=7", "cited_page=3", "page=7&cited_page=9&p=11"):
                with self.subTest(path=path, query=query):
                    for _ in range(2):
                        response = self.get(f"{path}?{query}")
                        self.assertEqual(response.status_code, 200)
                        self.assertNotIn("X-Page-Cache", response)
        # The page itself is stored as before, and a list's page by its number.
        self.assertEqual(self.get(story)["X-Page-Cache"], "miss")
        self.assert_hit(story)

    def test_made_up_page_numbers_bypass_the_cache(self):
        """Each would otherwise take an entry of its own, for a day, for a page stored already.

        A page number is sent on to the page it shows (tests/articles/test_pagination.py).
        """
        for query, status in (
            ("page=abc", 302),
            ("page=-5", 302),
            ("page=02", 302),
            ("page=1", 302),
            ("page=2&page=3", 302),
            ("p=aaaa1", 200),
            ("cited_page=0", 200),
            ("page=100000", 302),
        ):
            with self.subTest(query=query):
                for _ in range(2):
                    response = self.get(f"/world/?{query}")
                    self.assertEqual(response.status_code, status)
                    self.assertNotIn("X-Page-Cache", response)
        for _ in range(2 * STORIES_PER_PAGE):
            make_article(section=self.section)
        self.assertEqual(self.get("/world/?page=3")["X-Page-Cache"], "miss")
        self.assert_hit("/world/?page=3")

    def test_a_page_past_the_end_is_sent_on_and_not_stored(self):
        """The list may grow to it: a stored redirect would hide the page from readers."""
        for _ in range(2):
            response = self.get("/world/?page=2")
            self.assertRedirects(response, "/world/", fetch_redirect_response=False)
            self.assertNotIn("X-Page-Cache", response)
            # Nor kept by a browser or a CDN.
            self.assertNotIn("Cache-Control", response)
        for _ in range(STORIES_PER_PAGE):
            make_article(section=self.section, published_at=timezone.now() - timedelta(minutes=1))
        self.assertEqual(self.get("/world/?page=2")["X-Page-Cache"], "miss")
        self.assert_hit("/world/?page=2", "Summit ends with a deal")

    def test_not_found_pages_are_not_stored(self):
        for _ in range(2):
            response = self.get("/no-such-section/")
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("X-Page-Cache", response)

    def test_search_results_are_not_stored(self):
        for _ in range(2):
            response = self.get("/search/?q=summit")
            self.assertNotIn("X-Page-Cache", response)

    @override_settings(PAGE_CACHE_ENABLED=False)
    def test_switched_off_every_request_is_rendered(self):
        self.get("/")
        response = self.get("/")
        self.assertNotIn("X-Page-Cache", response)
        self.assertNotIn("Cache-Control", response)

    def test_an_unreachable_cache_serves_pages_from_the_database(self):
        with (
            override_settings(
                CACHES={
                    "default": {
                        "BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": "redis://127.0.0.1:1/0",
                        "OPTIONS": {"socket_connect_timeout": 0.2},
                    }
                }
            ),
            self.assertLogs("articles.cache", "WARNING"),
        ):
            response = self.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Summit ends with a deal")


class TrackingTagTests(PageCacheTestCase):
    """A link shared with tracking tags (?fbclid=, ?utm_source=) is the page itself.

    Facebook adds a different ?fbclid= to every click and newsletters tag every
    link, so such requests bypassed the cache: each one rendered the page (38
    requests a second instead of 7,556 through nginx) and went out without
    Cache-Control, ETag or Last-Modified.
    """

    TAGS = (
        "fbclid=IwAR2x9Zq",
        "utm_source=newsletter&utm_medium=email&utm_campaign=summit",
        "gclid=Cj0KCQ&utm_content=lead",
        "mc_cid=4f1e&mc_eid=9a2b",
        "igshid=MzRlODBi",
        "ref_src=twsrc%5Etfw",
    )

    def test_a_tagged_link_to_a_story_is_stored_and_served_as_the_story(self):
        story = self.story.get_absolute_url()
        first = self.get(f"{story}?fbclid=first-click")
        self.assertEqual(first["X-Page-Cache"], "miss")
        self.assertTrue(first["Cache-Control"].startswith("public, max-age=60, s-maxage="))
        self.assertIn("ETag", first)
        self.assertIn("Last-Modified", first)
        self.assertNotContains(first, "first-click")
        for query in ("", *(f"?{tags}" for tags in self.TAGS)):
            with self.subTest(query=query):
                response = self.assert_hit(f"{story}{query}", "Summit ends with a deal")
                self.assertEqual(response.content, first.content)
                self.assertEqual(response["ETag"], first["ETag"])

    def test_a_tagged_link_to_a_list_page_is_that_page(self):
        """Its links (the canonical address, the next and previous pages) name no tag:
        the stored page goes to every reader, whatever link they followed."""
        for n in range(2 * STORIES_PER_PAGE):
            make_article(
                section=self.section,
                headline=f"Older story {n}",
                published_at=timezone.now() - timedelta(days=2, hours=n),
            )
        tagged = self.get("/world/?utm_source=newsletter&page=2&fbclid=abc")
        self.assertEqual(tagged["X-Page-Cache"], "miss")
        self.assertIn("ETag", tagged)
        self.assertContains(tagged, 'href="?page=3"')
        self.assertContains(tagged, 'href="/world/"')
        self.assertContains(tagged, '<link rel="canonical" href="http://testserver/world/?page=2">')
        for tag in ("newsletter", "utm_", "fbclid"):
            self.assertNotContains(tagged, tag)
        self.assertEqual(self.assert_hit("/world/?page=2").content, tagged.content)
        self.assert_hit("/world/?fbclid=other&page=2")

    def test_the_list_of_tags_is_a_setting(self):
        self.get("/")
        with self.settings(PAGE_CACHE_IGNORED_PARAMS=["fbclid"]):
            self.assert_hit("/?fbclid=abc")
            self.assertNotIn("X-Page-Cache", self.get("/?utm_source=mail"))
        with self.settings(PAGE_CACHE_IGNORED_PARAMS=["ref_*"]):
            self.assert_hit("/?ref_src=twsrc&ref_url=x")
            self.assertNotIn("X-Page-Cache", self.get("/?fbclid=abc"))

    def test_an_overlong_query_is_rendered_and_not_stored(self):
        """Over 1,024 characters the query is not even parsed on the way in."""
        story = self.story.get_absolute_url()
        self.get(story)
        for _ in range(2):
            response = self.get(f"{story}?utm_content={'x' * 1024}")
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("X-Page-Cache", response)

    def test_a_tag_named_like_a_page_parameter_is_still_read(self):
        """Only names are matched: a tag's value may say anything."""
        self.get("/world/")
        response = self.get("/world/?utm_content=page%3D2&page=2")
        self.assertRedirects(
            response, "/world/?utm_content=page%3D2", fetch_redirect_response=False
        )


class SignedInEditorTests(PageCacheTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])

    def test_editor_always_gets_a_fresh_private_page(self):
        self.get("/")  # stored for readers
        self.client.force_login(self.editor)
        for _ in range(2):
            response = self.get("/")
            self.assertNotIn("X-Page-Cache", response)
            self.assertIn("private", response["Cache-Control"])
            self.assertIn("no-cache", response["Cache-Control"])

    def test_editor_pages_are_never_stored_for_readers(self):
        self.client.force_login(self.editor)
        self.get("/world/")
        self.client.logout()
        self.client.cookies.clear()
        self.assertEqual(self.get("/world/")["X-Page-Cache"], "miss")

    def test_previews_are_never_cached(self):
        draft = make_article(status=Article.Status.DRAFT, headline="Embargoed budget")
        link = services.create_preview_link(draft, user=self.editor)
        for _ in range(2):
            response = self.get(link.get_absolute_url())
            self.assertContains(response, "Embargoed budget")
            self.assertNotIn("X-Page-Cache", response)
            self.assertIn("no-store", response["Cache-Control"])
        self.client.force_login(self.editor)
        response = self.get(f"/preview/{draft.pk}/")
        self.assertNotIn("X-Page-Cache", response)
        self.assertIn("no-store", response["Cache-Control"])


class InvalidationTests(PageCacheTestCase):
    """Each change a reader could notice refreshes the pages, after the commit."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])

    def warm(self, *paths):
        for path in paths:
            self.get(path)
            self.assert_hit(path)

    def test_publishing_shows_the_story_on_home_section_and_author_pages(self):
        draft = make_article(
            status=Article.Status.DRAFT,
            headline="Ceasefire agreed overnight",
            section=self.section,
            authors=[self.author],
            origin=self.source,
        )
        paths = [
            "/",
            "/world/",
            "/authors/ana-reporter/",
            "/sources/wire-agency/",
            "/feeds/rss/",
            "/feeds/authors/ana-reporter/atom/",
            "/feeds/sources/wire-agency/rss/",
            "/feeds/sources/wire-agency/atom/",
        ]
        self.warm(*paths)
        with self.captureOnCommitCallbacks(execute=True):
            services.publish(draft, user=self.editor)
        for path in paths:
            with self.subTest(path=path):
                self.assert_fresh(path, "Ceasefire agreed overnight")

    def test_nothing_changes_before_the_commit(self):
        url = self.story.get_absolute_url()
        self.warm(url)
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.story.headline = "Summit ends without a deal"
            self.story.save()
            # Another reader, before the commit, still gets the stored page...
            self.assert_hit(url, "Summit ends with a deal")
        # ...and the commit is what drops it.
        for callback in callbacks:
            callback()
        self.assert_fresh(url, "Summit ends without a deal")

    def test_a_rolled_back_change_drops_nothing(self):
        self.warm("/")
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            try:
                with transaction.atomic():
                    self.story.headline = "Never saved"
                    self.story.save()
                    raise RuntimeError
            except RuntimeError:
                pass
        self.assertEqual(callbacks, [])
        self.assert_hit("/", "Summit ends with a deal")

    def test_many_rows_in_one_transaction_make_one_invalidation(self):
        with self.captureOnCommitCallbacks() as callbacks, transaction.atomic():
            self.story.headline = "Summit ends late"
            self.story.save()
            Byline.objects.create(article=self.story, author=make_author(), position=1)
            SourceCredit.objects.create(
                article=self.story, source=make_source(), role=SourceCredit.Role.CITED
            )
        self.assertEqual(len(callbacks), 1)

    def test_a_new_draft_drops_nothing(self):
        with self.captureOnCommitCallbacks() as callbacks:
            make_article(status=Article.Status.DRAFT, authors=[], section=self.section)
        self.assertEqual(callbacks, [])

    def test_a_drafts_saves_bylines_and_sources_drop_nothing(self):
        """A writer's every save of a draft dropped every reader's cached page."""
        draft = make_article(status=Article.Status.DRAFT, authors=[], section=self.section)
        in_review = make_article(status=Article.Status.REVIEW, authors=[], section=self.section)
        writer, second, agency = make_author(), make_author(), make_source()
        for story in (draft, in_review):
            with self.subTest(story.status), self.captureOnCommitCallbacks() as callbacks:
                with transaction.atomic():
                    story.headline = "Still being written"
                    story.save()
                    Byline.objects.create(article=story, author=writer, position=0)
                    story.authors.add(second, through_defaults={"position": 1})
                    SourceCredit.objects.create(
                        article=story, source=agency, role=SourceCredit.Role.ORIGIN
                    )
                story.bylines.all().delete()
                story.source_credits.all().delete()
            self.assertEqual(callbacks, [])

    def test_a_story_taken_back_to_draft_still_drops_its_pages(self):
        with self.captureOnCommitCallbacks() as callbacks:
            services.unpublish(self.story, user=self.editor, note="Legal hold")
        self.assertEqual(len(callbacks), 1)
        with self.captureOnCommitCallbacks() as callbacks:
            self.story.headline = "Held back, edited"
            self.story.save()  # a draft now, and one before this save: nothing to drop
        self.assertEqual(callbacks, [])

    def test_an_update_a_correction_and_a_new_byline_show(self):
        url = self.story.get_absolute_url()
        self.warm(url)
        with self.captureOnCommitCallbacks(execute=True):
            self.story.standfirst = "Leaders signed before dawn."
            self.story.save()
        self.assert_fresh(url, "Leaders signed before dawn.")

        self.warm(url)
        with self.captureOnCommitCallbacks(execute=True):
            services.add_correction(
                self.story, kind="correction", note="An earlier version misnamed the venue."
            )
        self.assert_fresh(url, "An earlier version misnamed the venue.")

        self.warm(url)
        with self.captureOnCommitCallbacks(execute=True):
            self.story.authors.add(make_author(name="Ben Second"), through_defaults={"position": 1})
        self.assert_fresh(url, "Ben Second")

    def test_unpublishing_and_archiving_take_the_story_off_the_home_page(self):
        other = make_article(headline="Markets rally", section=self.section)
        for change in (
            lambda: services.unpublish(self.story, user=self.editor, note="Legal hold"),
            lambda: services.archive(other, user=self.editor, note="Duplicate"),
        ):
            self.warm("/")
            with self.captureOnCommitCallbacks(execute=True):
                change()
            response = self.get("/")
            self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertNotContains(response, "Summit ends with a deal")
        self.assertNotContains(response, "Markets rally")

    def test_section_author_and_source_changes_reach_the_story_page(self):
        url = self.story.get_absolute_url()
        changes = [
            (self.section, "name", "World news"),
            (self.author, "name", "Ana Correspondent"),
            (self.source, "name", "Wire Agency International"),
        ]
        for row, field, value in changes:
            with self.subTest(model=type(row).__name__):
                self.warm(url)
                with self.captureOnCommitCallbacks(execute=True):
                    setattr(row, field, value)
                    row.save()
                self.assert_fresh(url, value)

    def test_an_author_link_change_reaches_the_author_page(self):
        self.warm("/authors/ana-reporter/")
        with self.captureOnCommitCallbacks(execute=True):
            AuthorLink.objects.create(
                author=self.author, label="Mastodon", url="https://example.social/@ana"
            )
        self.assert_fresh("/authors/ana-reporter/", "https://example.social/@ana")

    def test_an_other_name_added_or_deleted_reaches_the_source_page(self):
        """Saved or deleted on its own (the shell, a script), not with its source."""
        url = self.source.get_absolute_url()
        self.warm(url)
        with self.captureOnCommitCallbacks(execute=True):
            other_name = OtherName.objects.create(source=self.source, name="WAI")
        self.assert_fresh(url, "Also known as <bdi>WAI</bdi>")
        self.warm(url)
        with self.captureOnCommitCallbacks(execute=True):
            other_name.delete()
        response = self.get(url)
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertNotContains(response, "Also known as")

    def test_deleting_a_story_takes_it_off_the_site(self):
        self.warm("/")
        with self.captureOnCommitCallbacks(execute=True):
            self.story.delete()
        self.assertEqual(self.get("/")["X-Page-Cache"], "miss")
        self.assertNotContains(self.get("/"), "Summit ends with a deal")

    @override_settings(PAGE_CACHE_ENABLED=False)
    def test_switched_off_without_a_purge_hook_nothing_is_scheduled(self):
        with self.captureOnCommitCallbacks() as callbacks:
            self.story.headline = "Nobody to tell"
            self.story.save()
        self.assertEqual(callbacks, [])

    def test_a_lost_generation_counter_cannot_revive_old_pages(self):
        """An evicted counter restarts from the clock, not from a number old pages carry."""
        self.warm("/")
        caches["default"].delete(page_cache.GENERATION_KEY)
        self.assertEqual(self.get("/")["X-Page-Cache"], "miss")
        self.assert_hit("/")


class ScheduledStoryTests(PageCacheTestCase):
    def get_soon_after(self, now, path="/"):
        """``path`` as a reader gets it half a second after ``now``.

        The lifetimes below count whole seconds to the story's time from the
        moment of the request: read from the clock, a slow machine that took
        over a second between ``now`` and the request sent s-maxage=98, not 99.
        """
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(seconds=0.5)):
            return self.get(path)

    def test_a_scheduled_story_appears_at_its_time(self):
        now = timezone.now()
        make_article(
            headline="Embargo lifts at noon",
            section=self.section,
            published_at=now + timedelta(seconds=100),
        )
        response = self.get_soon_after(now)
        self.assertNotContains(response, "Embargo lifts at noon")
        self.assertIn("s-maxage=99", response["Cache-Control"])
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(seconds=50)):
            self.assert_hit("/")
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(seconds=101)):
            self.assert_fresh("/", "Embargo lifts at noon")

    def test_cdns_may_not_serve_stale_copies_past_a_scheduled_story(self):
        """``stale-while-revalidate`` is cut so that s-maxage plus it ends by the story's time.

        Sent whole, a CDN could show the page without the story for 30 seconds
        after its time, the miss and every hit alike.
        """
        now = timezone.now()
        make_article(
            headline="Embargo lifts at noon",
            section=self.section,
            published_at=now + timedelta(seconds=100),
        )
        miss = self.get_soon_after(now)
        self.assertEqual(miss["X-Page-Cache"], "miss")
        self.assertEqual(cache_directives(miss)["s-maxage"], "99")
        self.assertEqual(cache_directives(miss)["stale-while-revalidate"], "0")
        # Not a question of lateness: a CDN that cannot reach us keeps its copy.
        self.assertEqual(cache_directives(miss)["stale-if-error"], "86400")
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(seconds=50)):
            hit = self.assert_hit("/")
        self.assertEqual(cache_directives(hit)["s-maxage"], "49")
        self.assertEqual(cache_directives(hit)["stale-while-revalidate"], "0")

    def test_a_story_scheduled_past_the_lifetime_leaves_what_time_there_is(self):
        """Due in 310 seconds: 300 fresh, then 9 stale at most (the second under way is lost)."""
        now = timezone.now()
        make_article(
            headline="Embargo lifts later",
            section=self.section,
            published_at=now + timedelta(seconds=310),
        )
        miss = self.get_soon_after(now)
        self.assertEqual(cache_directives(miss)["s-maxage"], "300")
        self.assertEqual(cache_directives(miss)["stale-while-revalidate"], "9")
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(seconds=100)):
            hit = self.assert_hit("/")
        self.assertEqual(cache_directives(hit)["s-maxage"], "200")
        self.assertEqual(cache_directives(hit)["stale-while-revalidate"], "9")

    def test_nothing_scheduled_keeps_the_full_stale_while_revalidate(self):
        response = self.get("/")
        self.assertEqual(cache_directives(response)["stale-while-revalidate"], "30")
        self.assertEqual(cache_directives(self.assert_hit("/"))["stale-while-revalidate"], "30")

    def test_the_next_scheduled_time_is_read_once_per_generation(self):
        """The home page's first miss asks for it (5 + 1); the section page's miss does not."""
        with self.assertNumQueries(6):
            self.get("/")
        with self.assertNumQueries(4):
            self.assertEqual(self.get("/world/")["X-Page-Cache"], "miss")

    def test_nothing_scheduled_keeps_the_full_lifetime(self):
        response = self.get("/")
        self.assertIn("s-maxage=300", response["Cache-Control"])


def cache_directives(response):
    """``Cache-Control`` as a dict: ``{"public": None, "s-maxage": "99", ...}``."""
    directives = {}
    for directive in response["Cache-Control"].split(","):
        name, _, value = directive.strip().partition("=")
        directives[name] = value or None
    return directives


def redis_reachable():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception:
        return False
    return True


def require_redis(test):
    """Skip ``test`` when no Redis answers at ``REDIS_URL``; under CI, fail instead.

    Production's page cache is Redis: on a laptop without it the rest of the
    suite still runs, but CI (which starts Redis) must never skip these.
    """
    if redis_reachable():
        return
    message = f"Redis is not reachable at {REDIS_URL}"
    if os.environ.get("CI"):
        test.fail(f"{message}; CI must run the Redis page cache tests")
    test.skipTest(message)


class RedisPageCacheTests(PageCacheTestCase):
    """The same cache through Django's RedisCache, as production runs it."""

    def setUp(self):
        require_redis(self)
        redis_caches = {
            "default": {
                "BACKEND": "articles.cache.RedisPageCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": REDIS_PREFIX,
            }
        }
        self.settings_override = override_settings(PAGE_CACHE_ENABLED=True, CACHES=redis_caches)
        self.settings_override.enable()
        self.addCleanup(self.settings_override.disable)
        self.addCleanup(self.forget_our_keys)
        self.forget_our_keys()

    def forget_our_keys(self):
        """Delete this run's keys only: the database may be shared with others."""
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{REDIS_PREFIX}:*"):
            client.delete(key)

    def test_hit_miss_and_invalidation_through_redis(self):
        url = self.story.get_absolute_url()
        self.assertEqual(self.get(url)["X-Page-Cache"], "miss")
        self.assert_hit(url, "Summit ends with a deal")
        with self.captureOnCommitCallbacks(execute=True):
            self.story.headline = "Summit ends in Geneva"
            self.story.save()
        self.assert_fresh(url, "Summit ends in Geneva")
        self.assert_hit(url, "Summit ends in Geneva")

    def test_a_lost_generation_counter_cannot_revive_old_pages(self):
        self.get("/")
        caches["default"].delete(page_cache.GENERATION_KEY)
        self.assertEqual(self.get("/")["X-Page-Cache"], "miss")
        self.assert_hit("/")

    def test_a_hit_through_redis_keeps_a_scheduled_story_on_time(self):
        """The time the stored page may not outlive travels with it through Redis."""
        now = timezone.now()
        make_article(
            headline="Embargo lifts at noon",
            section=self.section,
            published_at=now + timedelta(seconds=100),
        )
        self.assertEqual(self.get("/")["X-Page-Cache"], "miss")
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(seconds=50)):
            hit = self.assert_hit("/")
        self.assertEqual(cache_directives(hit)["s-maxage"], "49")
        self.assertEqual(cache_directives(hit)["stale-while-revalidate"], "0")

    def test_the_full_lifetime_applies_even_with_a_short_local_one(self):
        """Redis is shared by every worker: one invalidation reaches them all."""
        with override_settings(PAGE_CACHE_LOCAL_SECONDS=5):
            response = self.get("/")
        self.assertIn("s-maxage=300", response["Cache-Control"])

    def test_the_backend_reuses_its_client(self):
        """Building a redis.Redis per operation cost more CPU than a hit's round trip."""
        client = caches["default"]._cache
        self.assertIs(client.get_client(), client.get_client(write=True))

    def test_replies_are_parsed_in_c(self):
        """hiredis (the redis[hiredis] extra) parses replies: a hit costs ~20% less CPU."""
        from redis.utils import HIREDIS_AVAILABLE

        self.assertTrue(HIREDIS_AVAILABLE, "install redis[hiredis] (pyproject.toml)")


class PerProcessCacheTests(TestCase):
    """Without Redis every worker has its own pages and its own counter."""

    @classmethod
    def setUpTestData(cls):
        cls.story = make_article(headline="Summit ends with a deal")

    def setUp(self):
        override = override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM)
        override.enable()
        self.addCleanup(override.disable)
        caches["default"].clear()

    def test_pages_are_kept_a_few_seconds_only(self):
        """A takedown saved through another worker cannot bump this worker's counter:
        the page it stored must expire by itself, within PAGE_CACHE_LOCAL_SECONDS."""
        url = self.story.get_absolute_url()
        now = timezone.now()
        with mock.patch("django.utils.timezone.now", return_value=now):
            response = self.client.get(url)
        self.assertIn("s-maxage=5", response["Cache-Control"])
        self.assertIn("max-age=5", response["Cache-Control"])
        # The other worker unpublishes: its own cache (not ours) is invalidated.
        Article.objects.filter(pk=self.story.pk).update(status=Article.Status.DRAFT)
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(seconds=4)):
            self.assertEqual(self.client.get(url)["X-Page-Cache"], "hit")
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(seconds=6)):
            self.assertEqual(self.client.get(url).status_code, 404)

    @override_settings(PAGE_CACHE_LOCAL_SECONDS=30)
    def test_the_local_lifetime_is_a_setting(self):
        self.assertIn("s-maxage=30", self.client.get("/")["Cache-Control"])


class PerProcessCacheCheckTests(TestCase):
    """``check --deploy`` tells the operator to share the page cache."""

    def run_check(self):
        from articles.checks import check_page_cache_is_shared

        return [message.id for message in check_page_cache_is_shared(None)]

    @override_settings(DEBUG=False, PAGE_CACHE_ENABLED=True, CACHES=LOCMEM)
    def test_a_per_process_cache_in_production_is_a_warning(self):
        self.assertEqual(self.run_check(), ["articles.W001"])

    @override_settings(DEBUG=False, PAGE_CACHE_ENABLED=True)
    def test_redis_passes(self):
        caches_setting = {
            "default": {
                "BACKEND": "articles.cache.RedisPageCache",
                "LOCATION": "redis://cache.internal:6379/0",
            }
        }
        with override_settings(CACHES=caches_setting):
            self.assertEqual(self.run_check(), [])

    @override_settings(DEBUG=True, PAGE_CACHE_ENABLED=True, CACHES=LOCMEM)
    def test_development_is_left_alone(self):
        self.assertEqual(self.run_check(), [])

    @override_settings(DEBUG=False, PAGE_CACHE_ENABLED=False, CACHES=LOCMEM)
    def test_a_switched_off_page_cache_is_left_alone(self):
        self.assertEqual(self.run_check(), [])

    def test_check_deploy_fails_without_redis_url(self):
        """The same production environment as tests/test_security.py, minus REDIS_URL."""
        from tests.test_security import PRODUCTION_ENV, run

        environ = {name: value for name, value in PRODUCTION_ENV.items() if name != "REDIS_URL"}
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environ)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("articles.W001", result.stderr + result.stdout)
        self.assertIn("REDIS_URL", result.stderr + result.stdout)
