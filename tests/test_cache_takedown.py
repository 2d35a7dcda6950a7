"""A story taken off the site never comes back from the page cache, and the purge
hook is told about every page a change reached, before it and after it."""

import os
import socket
from datetime import timedelta
from unittest import mock

from django.core.cache import caches
from django.db import connections
from django.test import TestCase, TransactionTestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import cache as page_cache
from articles import services
from articles.models import Article, Byline, SourceCredit
from articles.roles import EDITORS, ensure_roles
from tests.factories import (
    make_article,
    make_author,
    make_section,
    make_small_desk,
    make_source,
    make_user,
)
from tests.test_db_faults import database_down
from tests.test_db_router import ReplicaAliasMixin
from tests.test_page_cache import REDIS_URL, require_redis

LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests-cache-takedown",
    }
}
REDIS_PREFIX = f"newsroom-tests-takedown-{os.getpid()}"
PURGED = []


def record_purge(paths):
    """A purge hook that remembers what it was asked to drop."""
    PURGED.append(paths)


def purged_paths():
    return {path for call in PURGED for path in call}


class TakedownTestCase(TestCase):
    """The page cache on, as one process with a long lifetime (see tests/test_page_cache.py)."""

    caches_setting = LOCMEM

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        make_small_desk(cls)

    def setUp(self):
        override = override_settings(
            PAGE_CACHE_ENABLED=True, CACHES=self.caches_setting, PAGE_CACHE_LOCAL_SECONDS=300
        )
        override.enable()
        self.addCleanup(override.disable)
        caches["default"].clear()
        self.client.raise_request_exception = False

    def warm(self, *paths):
        for path in paths:
            self.assertEqual(self.client.get(path).status_code, 200)
            self.assertEqual(self.client.get(path)["X-Page-Cache"], "hit")

    def get_while_database_down(self, path):
        with database_down(), self.assertLogs(level="ERROR"):
            return self.client.get(path)

    def assert_not_served_stale(self, path, headline="Summit ends with a deal"):
        response = self.get_while_database_down(path)
        self.assertEqual(response.status_code, 503)
        self.assertNotIn("X-Page-Cache", response)
        self.assertNotContains(response, headline, status_code=503)

    def assert_served_stale(self, path, text):
        response = self.get_while_database_down(path)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Page-Cache"], "stale")
        self.assertContains(response, text)
        return response


class StoryTakenDownTests(TakedownTestCase):
    """During a database outage no stored copy made before a takedown is served."""

    def take_down(self, story, how):
        if how == "archived":
            services.archive(story, user=self.editor, note="Injunction")
        elif how == "unpublished":
            services.unpublish(story, user=self.editor, note="Legal hold")
        elif how == "rescheduled":
            services.publish(story, user=self.editor, when=timezone.now() + timedelta(days=2))
        else:
            story.delete()

    def test_a_story_taken_down_never_comes_back_from_an_old_copy(self):
        for how in ["archived", "unpublished", "rescheduled", "deleted"]:
            with self.subTest(how=how):
                caches["default"].clear()
                story = make_article(
                    headline="Summit ends with a deal",
                    slug=f"summit-{how}",
                    section=self.section,
                    authors=[self.author],
                    origin=self.source,
                )
                url = story.get_absolute_url()
                self.warm(url)
                with self.captureOnCommitCallbacks(execute=True):
                    self.take_down(story, how)
                self.assertIn(self.client.get(url).status_code, (404, 410))
                self.assert_not_served_stale(url)

    def test_a_conditional_request_is_not_told_its_copy_is_current(self):
        """A 304 from the old copy would keep the withdrawn page in the reader's browser."""
        url = self.story.get_absolute_url()
        etag = self.client.get(url)["ETag"]
        with self.captureOnCommitCallbacks(execute=True):
            services.archive(self.story, user=self.editor, note="Injunction")
        with database_down(), self.assertLogs(level="ERROR"):
            response = self.client.get(url, headers={"if-none-match": etag})
        self.assertEqual(response.status_code, 503)

    def test_lists_stored_before_the_takedown_are_not_served_either(self):
        """The headline on home, section, author and source pages and feeds is the same harm."""
        lists = ["/", "/world/", "/authors/ana-reporter/", "/sources/wire-agency/", "/feeds/rss/"]
        self.warm(*lists)
        with self.captureOnCommitCallbacks(execute=True):
            services.archive(self.story, user=self.editor, note="Injunction")
        for path in lists:
            with self.subTest(path=path):
                self.assert_not_served_stale(path)

    def test_pages_stored_after_the_takedown_are_the_fallback_again(self):
        with self.captureOnCommitCallbacks(execute=True):
            other = make_article(headline="Markets rally", section=self.section)
        self.warm("/", other.get_absolute_url())
        with self.captureOnCommitCallbacks(execute=True):
            services.archive(self.story, user=self.editor, note="Injunction")
        self.client.get("/")  # rendered again, without the story
        with self.captureOnCommitCallbacks(execute=True):
            services.add_correction(other, kind="correction", note="Venue misnamed.")
        response = self.assert_served_stale("/", "Markets rally")
        self.assertNotContains(response, "Summit ends with a deal")
        # The story page was not rendered again since the takedown: no fallback.
        self.assert_not_served_stale(other.get_absolute_url(), "Markets rally")

    def test_an_ordinary_edit_keeps_the_old_copy_as_the_fallback(self):
        url = self.story.get_absolute_url()
        self.warm(url)
        with self.captureOnCommitCallbacks(execute=True):
            self.story.standfirst = "Talks end at dawn."
            self.story.save()
        self.assert_served_stale(url, "Summit ends with a deal")

    def test_archiving_a_story_that_was_never_public_is_no_takedown(self):
        draft = make_article(headline="Unused draft", status=Article.Status.DRAFT)
        url = self.story.get_absolute_url()
        self.warm(url)
        with self.captureOnCommitCallbacks(execute=True):
            services.archive(draft, user=self.editor)
        self.assert_served_stale(url, "Summit ends with a deal")

    def test_a_rolled_back_takedown_withdraws_nothing(self):
        url = self.story.get_absolute_url()
        self.warm(url)
        with self.captureOnCommitCallbacks(execute=True):
            try:
                with mock.patch.object(
                    services.StatusChange.objects, "create", side_effect=RuntimeError("disk full")
                ):
                    services.archive(self.story, user=self.editor, note="Injunction")
            except RuntimeError:
                pass
        self.assertEqual(self.client.get(url)["X-Page-Cache"], "hit")

    def test_a_lost_takedown_marker_distrusts_every_older_copy(self):
        """Evicted, it cannot say when the last takedown was: assume it was just now."""
        self.warm("/")
        page_cache.invalidate()
        caches["default"].delete(page_cache.TAKEDOWN_KEY)
        self.assert_not_served_stale("/")
        self.client.get("/")
        page_cache.invalidate()
        self.assert_served_stale("/", "Summit ends with a deal")


class RedisStoryTakenDownTests(StoryTakenDownTests):
    """The same through Redis, as production runs it."""

    caches_setting = {
        "default": {
            "BACKEND": "articles.cache.RedisPageCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_PREFIX,
        }
    }

    def setUp(self):
        require_redis(self)
        super().setUp()
        self.addCleanup(self.forget_our_keys)

    def forget_our_keys(self):
        """Delete this run's keys only: the database may be shared with others."""
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{REDIS_PREFIX}:*"):
            client.delete(key)


@override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM)
class PerProcessTakedownTests(TestCase):
    """A per-process cache never hears of a takedown saved through another worker."""

    @classmethod
    def setUpTestData(cls):
        cls.story = make_article(headline="Summit ends with a deal")

    def setUp(self):
        caches["default"].clear()
        self.client.raise_request_exception = False

    def test_an_old_copy_is_served_no_longer_than_a_fresh_one(self):
        url = self.story.get_absolute_url()
        now = timezone.now()
        with mock.patch("django.utils.timezone.now", return_value=now):
            self.client.get(url)
        # Another worker archives the story: this worker's counter is not bumped.
        Article.objects.filter(pk=self.story.pk).update(status=Article.Status.ARCHIVED)
        later = now + timedelta(seconds=6)
        with (
            mock.patch("django.utils.timezone.now", return_value=later),
            database_down(),
            self.assertLogs(level="ERROR"),
        ):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 503)
        self.assertNotContains(response, "Summit ends with a deal", status_code=503)


@override_settings(CACHE_PURGE_CALLABLE="tests.test_cache_takedown.record_purge")
class PurgeBeforeAndAfterTests(TestCase):
    """The purge hook names the pages a story was on before the change as well as after."""

    @classmethod
    def setUpTestData(cls):
        cls.europe = make_section(name="Europe", slug="europe")
        cls.africa = make_section(name="Africa", slug="africa")
        cls.writer = make_author(name="Ana Reporter", slug="ana-reporter")
        cls.second = make_author(name="Ben Second", slug="ben-second")
        cls.agency = make_source(name="Wire Agency", slug="wire-agency")
        cls.other_agency = make_source(name="Other Agency", slug="other-agency")
        cls.story = make_article(
            headline="Talks stall",
            section=cls.europe,
            authors=[cls.writer],
            origin=cls.agency,
        )

    def setUp(self):
        PURGED.clear()

    def prepare(self, change):
        """Make ``change`` in a transaction of its own, and forget what it purged."""
        with self.captureOnCommitCallbacks(execute=True):
            change()
        PURGED.clear()

    def test_moving_a_story_purges_the_section_it_left(self):
        old_url = self.story.get_absolute_url()
        with self.captureOnCommitCallbacks(execute=True):
            self.story.section = self.africa
            self.story.save()
        paths = purged_paths()
        for path in [
            old_url,
            "/europe/",
            "/feeds/sections/europe/rss/",
            "/feeds/sections/europe/atom/",
            self.story.get_absolute_url(),
            "/africa/",
            "/feeds/sections/africa/rss/",
        ]:
            self.assertIn(path, paths)

    def test_deleting_a_story_purges_its_writers_and_sources(self):
        url = self.story.get_absolute_url()
        with self.captureOnCommitCallbacks(execute=True):
            self.story.delete()
        self.assertEqual(len(PURGED), 1)
        paths = purged_paths()
        for path in [
            url,
            "/europe/",
            "/authors/",
            "/authors/ana-reporter/",
            "/feeds/authors/ana-reporter/rss/",
            "/sources/",
            "/sources/wire-agency/",
            "/feeds/sources/wire-agency/rss/",
            "/feeds/sources/wire-agency/atom/",
            # A takedown: other stories list it among their related stories.
            page_cache.SITE_WIDE,
        ]:
            self.assertIn(path, paths)

    def test_deleting_a_draft_purges_nothing(self):
        """Never on a page: no takedown, and the CDN keeps every page it holds."""
        draft = make_article(status=Article.Status.DRAFT, section=self.europe)
        with self.captureOnCommitCallbacks(execute=True):
            draft.delete()
        self.assertEqual(PURGED, [])

    def test_deleting_an_archived_story_is_a_takedown(self):
        gone = make_article(
            status=Article.Status.ARCHIVED,
            published_at=timezone.now() - timedelta(days=1),
            section=self.europe,
        )
        with self.captureOnCommitCallbacks(execute=True):
            gone.delete()
        self.assertIn(page_cache.SITE_WIDE, purged_paths())

    def test_archiving_a_public_story_purges_everything(self):
        """Any story page may show it as related: the CDN drops them all, not only its lists."""
        with self.captureOnCommitCallbacks(execute=True):
            self.story.status = Article.Status.ARCHIVED
            self.story.save()
        self.assertIn(page_cache.SITE_WIDE, purged_paths())

    def test_an_edit_purges_only_its_pages(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.story.headline = "Talks stall again"
            self.story.save()
        paths = purged_paths()
        self.assertIn(self.story.get_absolute_url(), paths)
        # Its writer's and its source's feeds list it, headline and all.
        self.assertIn("/feeds/authors/ana-reporter/rss/", paths)
        self.assertIn("/feeds/sources/wire-agency/rss/", paths)
        self.assertIn("/feeds/sources/wire-agency/atom/", paths)
        self.assertNotIn(page_cache.SITE_WIDE, paths)

    def test_deleting_a_story_reads_its_pages_once_not_per_byline(self):
        """Deleting its bylines, credits and corrections must not look the story up again."""
        self.prepare(
            lambda: (
                self.story.authors.add(self.second, through_defaults={"position": 1}),
                services.add_correction(self.story, kind="correction", note="Venue misnamed."),
            )
        )
        # Its status history stays (StatusChange): nothing to delete there. One
        # query reads the stored status: a draft's deletion is no takedown.
        with self.captureOnCommitCallbacks(execute=True), self.assertNumQueries(11):
            self.story.delete()
        self.assertIn("/authors/ben-second/", purged_paths())

    def test_a_removed_byline_purges_the_writers_pages(self):
        self.prepare(
            lambda: Byline.objects.create(article=self.story, author=self.second, position=1)
        )
        with self.captureOnCommitCallbacks(execute=True):
            Byline.objects.get(article=self.story, author=self.second).delete()
        self.assertIn("/authors/ben-second/", purged_paths())
        self.assertIn("/feeds/authors/ben-second/atom/", purged_paths())
        # Our journalists may have lost a name.
        self.assertIn("/authors/", purged_paths())

    def test_a_byline_given_to_someone_else_purges_both_writers(self):
        with self.captureOnCommitCallbacks(execute=True):
            byline = Byline.objects.get(article=self.story)
            byline.author = self.second
            byline.save()
        self.assertIn("/authors/ana-reporter/", purged_paths())
        self.assertIn("/authors/ben-second/", purged_paths())

    def test_removing_writers_and_sources_through_the_relation_purges_their_pages(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.story.authors.clear()
            self.agency.articles.remove(self.story)
        self.assertIn("/authors/ana-reporter/", purged_paths())
        self.assertIn("/sources/wire-agency/", purged_paths())

    def test_a_source_credit_moved_to_another_source_purges_both(self):
        with self.captureOnCommitCallbacks(execute=True):
            SourceCredit.objects.filter(article=self.story).get().delete()
            SourceCredit.objects.create(
                article=self.story, source=self.other_agency, role=SourceCredit.Role.ORIGIN
            )
        self.assertIn("/sources/wire-agency/", purged_paths())
        self.assertIn("/sources/other-agency/", purged_paths())
        for slug in ("wire-agency", "other-agency"):
            self.assertIn(f"/feeds/sources/{slug}/rss/", purged_paths())
            self.assertIn(f"/feeds/sources/{slug}/atom/", purged_paths())
        # Our sources may have lost a name and gained one.
        self.assertIn("/sources/", purged_paths())


class ReplicaLagTests(ReplicaAliasMixin, TransactionTestCase):
    """Just after a change, pages for the cache come from the primary, not a lagging replica.

    A page rendered from a replica that has not yet replayed a takedown would
    be stored under the new generation and served for its whole lifetime.
    """

    def setUp(self):
        override = override_settings(
            PAGE_CACHE_ENABLED=True,
            CACHES=LOCMEM,
            PAGE_CACHE_LOCAL_SECONDS=300,
            REPLICA_LAG_SECONDS=5,
            DATABASE_ROUTERS=["newsroom.db_router.PrimaryReplicaRouter"],
        )
        override.enable()
        self.addCleanup(override.disable)
        ensure_roles()
        self.editor = make_user("editor", staff=True, groups=[EDITORS])
        make_small_desk(self)
        # Autocommit: each save above has already invalidated; start from nothing.
        caches["default"].clear()

    def reads_on_replica(self, path, *, seconds_later):
        """Queries the replica answered for a reader's ``path``, ``seconds_later`` on."""
        later = timezone.now() + timedelta(seconds=seconds_later)
        with (
            mock.patch("articles.cache.timezone.now", return_value=later),
            CaptureQueriesContext(connections["replica"]) as on_replica,
        ):
            response = self.client.get(path)
        self.assertEqual(response["X-Page-Cache"], "miss")
        return len(on_replica)

    def test_pages_rendered_just_after_a_change_read_the_primary(self):
        home = "/"
        services.archive(self.story, user=self.editor, note="Injunction")  # commits at once
        self.assertEqual(self.reads_on_replica(home, seconds_later=1), 0)
        # Past the window the replica has replayed the change: back to reading it.
        caches["default"].delete(page_cache.page_key(self.client.get(home).wsgi_request))
        self.assertGreater(self.reads_on_replica(home, seconds_later=6), 0)

    def test_an_unknown_time_of_the_last_change_counts_as_just_now(self):
        """First start or eviction: the primary, for one window from the first page stored."""
        self.assertIsNone(caches["default"].get(page_cache.CHANGED_AT_KEY))
        self.assertEqual(self.reads_on_replica("/", seconds_later=0), 0)
        self.assertIsNotNone(caches["default"].get(page_cache.CHANGED_AT_KEY))
        self.assertGreater(self.reads_on_replica("/world/", seconds_later=6), 0)

    def test_a_cache_that_cannot_be_reached_leaves_readers_on_the_replica(self):
        """Nothing is stored while it is away: the primary need not take every reader."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        away = {
            "default": {
                "BACKEND": "articles.cache.RedisPageCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.5},
            }
        }
        with (
            self.settings(CACHES=away),
            self.assertLogs("articles.cache", "WARNING"),
            CaptureQueriesContext(connections["replica"]) as on_replica,
        ):
            response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertGreater(len(on_replica), 0)

    def test_a_change_is_timed_before_the_generation_moves_on(self):
        """A reader seeing the new generation must also see that it is new."""
        seen = []
        bump = page_cache.bump_generation

        def watched_bump():
            seen.append(caches["default"].get(page_cache.CHANGED_AT_KEY))
            return bump()

        caches["default"].set(page_cache.CHANGED_AT_KEY, 0, None)
        with mock.patch("articles.cache.bump_generation", watched_bump):
            page_cache.invalidate(["/"])
        self.assertEqual(len(seen), 1)
        self.assertGreater(seen[0], timezone.now().timestamp() - 60)

    def test_without_a_replica_nothing_changes(self):
        found = page_cache.Lookup("key", 1, None, None, changed_at=None)
        with mock.patch.dict(connections.settings):
            connections.settings.pop("replica")
            self.assertFalse(page_cache.replica_may_lag(found, now=0))
