"""The primary/replica router, alone and with two real database aliases.

The integration tests add a ``replica`` alias pointing at the test database, as
Django's ``TEST: {"MIRROR": "default"}`` does, so two separate connections are
in play: the primary's writes must be committed before the replica's reads see
them, exactly as with streaming replication.
"""

from django.db import connections, transaction
from django.test import RequestFactory, SimpleTestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext

from newsroom.db_router import PrimaryForStaffMiddleware, PrimaryReplicaRouter, primary_only
from sections.models import Section


class RouterRuleTests(SimpleTestCase):
    router = PrimaryReplicaRouter()

    def test_writes_go_to_the_primary(self):
        self.assertEqual(self.router.db_for_write(Section), "default")

    def test_only_the_primary_is_migrated(self):
        self.assertTrue(self.router.allow_migrate("default", "articles"))
        self.assertFalse(self.router.allow_migrate("replica", "articles"))

    def test_rows_from_either_alias_may_be_related(self):
        self.assertTrue(self.router.allow_relation(Section(), Section()))

    def test_without_a_replica_reads_stay_on_the_primary(self):
        self.assertNotIn("replica", connections.settings)
        self.assertEqual(self.router.db_for_read(Section), "default")


class ReplicaAliasMixin:
    """Add a ``replica`` alias on the test database for the length of the class.

    The test runner checks ``databases`` before any class is set up, when the
    alias does not exist yet, so the class declares only ``default`` and widens
    its own allowance once the alias is in place.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        connections.settings["replica"] = {
            **connections["default"].settings_dict,
            "TEST": {"MIRROR": "default"},
        }
        cls.databases = {"default", "replica"}

    @classmethod
    def tearDownClass(cls):
        if "replica" in connections.settings:
            connections["replica"].close()
            del connections["replica"]
            connections.settings.pop("replica")
        cls.databases = {"default"}
        super().tearDownClass()


class ReplicaRoutingTests(ReplicaAliasMixin, TransactionTestCase):
    router = PrimaryReplicaRouter()

    def test_reads_go_to_the_replica_and_see_committed_writes(self):
        with self.settings(DATABASE_ROUTERS=["newsroom.db_router.PrimaryReplicaRouter"]):
            world = Section.objects.create(name="World", slug="world")
            self.assertEqual(world._state.db, "default")
            with CaptureQueriesContext(connections["replica"]) as on_replica:
                names = list(Section.objects.values_list("name", flat=True))
            self.assertEqual(names, ["World"])
            self.assertEqual(len(on_replica), 1)
            self.assertEqual(Section.objects.get(slug="world")._state.db, "replica")

    def test_reads_inside_a_transaction_stay_on_the_primary(self):
        routers = ["newsroom.db_router.PrimaryReplicaRouter"]
        with self.settings(DATABASE_ROUTERS=routers), transaction.atomic():
            Section.objects.create(name="World", slug="world")
            # Not committed: only the primary can see it.
            self.assertEqual(self.router.db_for_read(Section), "default")
            self.assertTrue(Section.objects.filter(slug="world").exists())

    def test_primary_only_pins_reads(self):
        self.assertEqual(self.router.db_for_read(Section), "replica")
        with primary_only():
            self.assertEqual(self.router.db_for_read(Section), "default")
        self.assertEqual(self.router.db_for_read(Section), "replica")


class StaffMiddlewareTests(ReplicaAliasMixin, TransactionTestCase):
    """Editors read their own writes: the admin and every POST use the primary."""

    def read_alias_during(self, method, path):
        seen = []
        middleware = PrimaryForStaffMiddleware(
            lambda request: seen.append(PrimaryReplicaRouter().db_for_read(Section))
        )
        middleware(getattr(RequestFactory(), method)(path))
        return seen[0]

    def test_reader_pages_read_from_the_replica(self):
        self.assertEqual(self.read_alias_during("get", "/world/"), "replica")

    def test_admin_and_previews_read_from_the_primary(self):
        self.assertEqual(self.read_alias_during("get", "/admin/articles/article/"), "default")
        self.assertEqual(self.read_alias_during("get", "/preview/3/"), "default")

    def test_posts_read_from_the_primary(self):
        self.assertEqual(self.read_alias_during("post", "/search/"), "default")
