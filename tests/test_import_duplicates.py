"""The same copy imported twice makes one story, however the two imports meet.

The importer looks for a story made from the same copy (its fingerprint)
before it creates one. Two imports of one file at once (two editors confirming
together) take turns on a lock on PostgreSQL, so the second finds the first
one's story. With a read replica the look-up must read the primary, which
knows of an import committed a moment ago.
"""

import threading
import time
from unittest import mock, skipUnless

from django.db import connection, connections
from django.test import TestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext

from articles import import_service
from articles.import_service import CREATED, DUPLICATE, import_copy
from articles.models import Article
from sources.models import Source
from tests.factories import make_article, make_section, make_source
from tests.migration_case import MigrationTestCase
from tests.test_db_router import ReplicaAliasMixin

COPY = (
    "GENEVA (Reuters) - Talks on the ceasefire resumed on Monday after a week of delays, "
    "diplomats said.\n"
    "Both delegations called the mood constructive but no date was set for a signing.\n"
    "Source: {sources}\n"
)


def copy(sources="Reuters"):
    return COPY.format(sources=sources).encode()


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_section(name="World", slug="world")

    def test_a_source_named_twice_is_credited_once(self):
        reuters = make_source(name="Reuters", slug="reuters")
        outcome = import_copy("geneva.txt", copy("Reuters, AFP, reuters"))
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        story = Article.objects.get()
        afp = Source.objects.get(name="AFP")
        self.assertEqual(list(story.sources.order_by("credits__position")), [reuters, afp])


@skipUnless(connection.vendor == "postgresql", "the lock is PostgreSQL's (SQLite has one writer)")
class RacingImportTests(TransactionTestCase):
    def test_two_imports_of_one_copy_at_once_make_one_story(self):
        make_section(name="World", slug="world")
        looked_up = import_service._imported_before

        def slow_look_up(fingerprint):
            # Both imports are in their check at the same time without the lock.
            time.sleep(0.5)
            return looked_up(fingerprint)

        outcomes = []

        def run(name):
            try:
                outcomes.append(import_copy(name, copy()))
            finally:
                connections.close_all()

        with mock.patch.object(import_service, "_imported_before", slow_look_up):
            threads = [threading.Thread(target=run, args=(f"geneva-{n}.txt",)) for n in (1, 2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
        self.assertEqual(sorted(outcome.status for outcome in outcomes), [CREATED, DUPLICATE])
        self.assertEqual(Article.objects.count(), 1)
        duplicate = next(outcome for outcome in outcomes if outcome.status == DUPLICATE)
        self.assertEqual(duplicate.article_id, Article.objects.get().pk)


class ImportOnTheReplicaSetupTests(ReplicaAliasMixin, TransactionTestCase):
    def test_an_import_reads_nothing_from_the_replica(self):
        make_section(name="World", slug="world")
        routers = ["newsroom.db_router.PrimaryReplicaRouter"]
        replica = CaptureQueriesContext(connections["replica"])
        with self.settings(DATABASE_ROUTERS=routers), replica as on_replica:
            first = import_copy("geneva.txt", copy())
            second = import_copy("geneva-again.txt", copy())
        self.assertEqual((first.status, second.status), (CREATED, DUPLICATE))
        self.assertEqual([query["sql"] for query in on_replica], [])


class FingerprintMigrationTests(MigrationTestCase):
    """Two racing imports' stories before the constraint: both kept; the first keeps the mark."""

    after = [("articles", "0013_unique_import_fingerprint")]

    def test_later_copies_lose_the_fingerprint_and_nothing_is_deleted(self):
        old_apps = self.migrate([("articles", "0011_language_code")])
        OldArticle = old_apps.get_model("articles", "Article")
        ids = [
            OldArticle.objects.create(
                headline=f"Talks resume {n}", slug=f"talks-resume-{n}", content_fingerprint=mark
            ).pk
            for n, mark in enumerate(["abc", "abc", "abc", "def", ""])
        ]
        self.migrate(self.after)
        marks = dict(Article.objects.filter(pk__in=ids).values_list("pk", "content_fingerprint"))
        self.assertEqual([marks[pk] for pk in ids], ["abc", "", "", "def", ""])

    def test_rolled_back_past_the_lock_the_duplicates_it_allowed_lose_the_mark(self):
        """A deploy rolled back to the constraint must not stop on the copies it refuses."""
        ids = [
            make_article(slug=f"talks-resume-{n}", content_fingerprint=mark).pk
            for n, mark in enumerate(["abc", "abc", "def"])
        ]
        self.migrate(self.after)
        marks = dict(Article.objects.filter(pk__in=ids).values_list("pk", "content_fingerprint"))
        self.assertEqual([marks[pk] for pk in ids], ["abc", "", "def"])
        self.assertEqual(Article.objects.filter(pk__in=ids).count(), 3)
