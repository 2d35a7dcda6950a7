"""When a story counts as changed: its modified time for machines, and its cached pages.

``updated_at`` is read into ``Article.last_modified_at``: the JSON-LD
``dateModified``, ``article:modified_time``, feeds' ``<updated>`` and sitemaps'
``<lastmod>``. An editor pressing Save on a story they did not change moved it,
telling search engines and feed readers of an update that was not there, and
dropped every cached page. A change to the copy, the image, the byline or the
sources still moves it, however it is made: in the admin (where bylines and
sources are saved after the story's row), a restore, a script.
"""

import json
import re
from datetime import datetime, timedelta

from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import cache as page_cache
from articles.models import Article, Byline
from tests.articles.test_admin_workflow import AdminWorkflowTestCase, form_fields
from tests.articles.test_images import MediaRootMixin, upload
from tests.factories import make_article, make_author, make_image_bytes, make_source

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
MODIFIED_TIME = re.compile(r'<meta property="article:modified_time" content="([^"]+)">')
# What a refused form says, to read in a failure.
ERRORS = re.compile(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', re.S)
PURGED = []


def record_purge(paths):
    """A purge hook that remembers what it was asked to drop."""
    PURGED.append(paths)


class ModifiedTimeTestCase(MediaRootMixin, AdminWorkflowTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reporter = make_author(name="Rita Reporter")
        cls.stringer = make_author(name="Sam Stringer")
        cls.agency = make_source(name="Continental Press Agency")
        now = timezone.now()
        cls.story = make_article(
            headline="Dam bursts upstream",
            section=cls.section,
            authors=[cls.reporter],
            origin=cls.source,
            published_at=now - timedelta(days=3),
        )

    def setUp(self):
        super().setUp()
        # Last changed two days ago, a day after it was published: what a
        # reader's machine reads as its modified time.
        self.saved_at = timezone.now() - timedelta(days=2)
        Article.objects.filter(pk=self.story.pk).update(updated_at=self.saved_at)

    def updated_at(self):
        return Article.objects.values_list("updated_at", flat=True).get(pk=self.story.pk)

    def modified_time(self):
        """The story page's ``dateModified``, which its ``article:modified_time`` repeats."""
        html = Client().get(self.story.get_absolute_url()).content.decode()
        blocks = {block["@type"]: block for block in map(json.loads, JSON_LD.findall(html))}
        date_modified = datetime.fromisoformat(blocks["NewsArticle"]["dateModified"])
        self.assertEqual(datetime.fromisoformat(MODIFIED_TIME.search(html)[1]), date_modified)
        return date_modified

    def save_form(self, **changes):
        data = self.open_form(self.story, self.editor)
        # What happens after commit (the page cache, the purge hook) happens too.
        with self.captureOnCommitCallbacks(execute=True):
            response = self.save(self.story, self.editor, data, **changes)
        self.assertEqual(response.status_code, 302, ERRORS.findall(response.content.decode()))
        return response


class AdminSaveTests(ModifiedTimeTestCase):
    def test_a_save_that_changes_nothing_leaves_the_modified_time(self):
        self.assertEqual(self.modified_time(), self.saved_at)
        self.save_form()
        self.assertEqual(self.updated_at(), self.saved_at)
        self.assertEqual(self.modified_time(), self.saved_at)

    def test_a_change_readers_see_moves_it(self):
        changes = {
            "headline": {"headline": "Dam bursts upstream, dozens flee"},
            "body": {"body": "<p>The dam burst at dawn.</p>"},
            "byline": {"bylines-0-author": lambda: str(self.stringer.pk)},
            "byline added": {
                "bylines-1-author": lambda: str(self.stringer.pk),
                "bylines-1-position": "1",
                "bylines-TOTAL_FORMS": "2",
            },
            "source": {"source_credits-0-source": lambda: str(self.agency.pk)},
            "image": {
                "featured_image": lambda: upload("dam.png", make_image_bytes()),
                "featured_image_alt": "The broken dam",
            },
            "alt text": {"featured_image_alt": "The dam, seen from the valley"},
        }
        for name, change in changes.items():
            with self.subTest(change=name):
                # Each change is made to the story as set up.
                Byline.objects.filter(article=self.story).delete()
                Byline.objects.create(article=self.story, author=self.reporter)
                Article.objects.filter(pk=self.story.pk).update(updated_at=self.saved_at)
                before = timezone.now()
                self.save_form(
                    **{key: value() if callable(value) else value for key, value in change.items()}
                )
                self.assertGreaterEqual(self.updated_at(), before)
                self.assertGreaterEqual(self.modified_time(), before)

    def test_a_colleagues_save_that_changed_nothing_does_not_refuse_yours(self):
        """The form refuses a save from before someone else's: there was nothing to overwrite."""
        mine = self.open_form(self.story, self.editor)
        self.save_form()
        response = self.save(self.story, self.editor, mine, headline="Dam bursts: valley evacuated")
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Dam bursts: valley evacuated")

    def test_a_colleagues_byline_change_still_refuses_yours(self):
        mine = self.open_form(self.story, self.editor)
        self.save_form(**{"bylines-0-author": str(self.stringer.pk)})
        response = self.save(self.story, self.editor, mine, headline="Dam bursts: valley evacuated")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "after you opened it")

    def test_restoring_an_old_version_moves_it(self):
        """The restore writes the version's rows before its form saves them: the save
        finds the row as it is about to write it, yet the story changed."""
        self.save_form(headline="Dam bursts upstream, dozens flee")
        first = Version.objects.get_for_object(self.story).order_by("pk").first()
        self.save_form(headline="Dam bursts: valley evacuated")
        Article.objects.filter(pk=self.story.pk).update(updated_at=self.saved_at)
        before = timezone.now()
        url = reverse("admin:articles_article_revision", args=[self.story.pk, first.pk])
        response = self.client.post(url, form_fields(self.client.get(url)))
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Dam bursts upstream, dozens flee")
        self.assertGreaterEqual(self.updated_at(), before)
        self.assertGreaterEqual(self.modified_time(), before)


class ModelSaveTests(ModifiedTimeTestCase):
    """The same rule for a save from a script or the shell, and for bylines written alone."""

    def test_saving_the_story_as_stored_leaves_it(self):
        story = Article.objects.get(pk=self.story.pk)
        story.save()
        self.assertEqual(self.updated_at(), self.saved_at)
        self.assertEqual(story.updated_at, self.saved_at)
        story.save(update_fields=["headline", "updated_at"])
        self.assertEqual(self.updated_at(), self.saved_at)

    def test_a_changed_column_moves_it(self):
        story = Article.objects.get(pk=self.story.pk)
        story.standfirst = "Thousands flee the valley."
        story.save()
        self.assertGreater(self.updated_at(), self.saved_at)
        self.assertEqual(story.updated_at, self.updated_at())

    def test_bylines_and_sources_written_alone_move_it(self):
        writes = {
            "byline created": lambda: Byline.objects.create(
                article=self.story, author=self.stringer, position=1
            ),
            "byline deleted": lambda: Byline.objects.filter(
                article=self.story, author=self.stringer
            ).delete(),
            "author added": lambda: self.story.authors.add(self.stringer),
            "author removed": lambda: self.story.authors.remove(self.stringer),
            "story added to an author": lambda: self.stringer.articles.add(self.story),
            "source added": lambda: self.story.sources.add(self.agency),
            "source credit edited": lambda: self.story.source_credits.get(
                source=self.agency
            ).save(),
        }
        for name, write in writes.items():
            with self.subTest(write=name):
                Article.objects.filter(pk=self.story.pk).update(updated_at=self.saved_at)
                write()
                self.assertGreater(self.updated_at(), self.saved_at)


@override_settings(
    PAGE_CACHE_ENABLED=True,
    PAGE_CACHE_LOCAL_SECONDS=300,
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tests-modified-time",
        }
    },
    CACHE_PURGE_CALLABLE="tests.articles.test_modified_time.record_purge",
)
class PageCacheTests(ModifiedTimeTestCase):
    def setUp(self):
        super().setUp()
        caches["default"].clear()
        PURGED.clear()
        self.reader = Client()

    def stored(self):
        """Read the story page twice as a reader: the second read is from the cache."""
        url = self.story.get_absolute_url()
        self.reader.get(url)
        self.assertEqual(self.reader.get(url)["X-Page-Cache"], "hit")

    def test_a_save_that_changes_nothing_keeps_the_cached_pages(self):
        self.stored()
        generation = page_cache.page_cache().get(page_cache.GENERATION_KEY)
        self.save_form()
        self.assertEqual(PURGED, [])
        self.assertEqual(page_cache.page_cache().get(page_cache.GENERATION_KEY), generation)
        response = self.reader.get(self.story.get_absolute_url())
        self.assertEqual(response["X-Page-Cache"], "hit")

    def test_an_update_ticked_alone_reaches_readers(self):
        """Nothing else changed, but readers are shown an "Updated" time."""
        self.stored()
        before = timezone.now()
        self.save_form(substantive_update="on")
        self.assertEqual(len(PURGED), 1)
        self.assertIn(self.story.get_absolute_url(), PURGED[0])
        response = self.reader.get(self.story.get_absolute_url())
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertContains(response, "Updated")
        self.assertGreaterEqual(self.modified_time(), before)

    def test_a_byline_change_alone_reaches_readers(self):
        self.stored()
        self.save_form(**{"bylines-0-author": str(self.stringer.pk)})
        self.assertEqual(len(PURGED), 1)
        self.assertIn(self.story.get_absolute_url(), PURGED[0])
        response = self.reader.get(self.story.get_absolute_url())
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertContains(response, "Sam Stringer")
