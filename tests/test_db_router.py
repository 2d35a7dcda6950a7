"""The primary/replica router, alone and with two real database aliases.

The integration tests add a ``replica`` alias pointing at the test database, as
Django's ``TEST: {"MIRROR": "default"}`` does, so two separate connections are
in play: the primary's writes must be committed before the replica's reads see
them, exactly as with streaming replication.
"""

import json
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connections, transaction
from django.test import RequestFactory, SimpleTestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext

from newsroom import db_router
from newsroom.db_router import (
    PrimaryForSignedInMiddleware,
    PrimaryForStaffMiddleware,
    PrimaryReplicaRouter,
    primary_only,
)
from sections.models import Section
from tests.factories import make_user
from tests.test_deploy_nginx import free_port


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

    def read_alias_during(self, method, path, cookies=None):
        seen = []
        middleware = PrimaryForStaffMiddleware(
            lambda request: seen.append(PrimaryReplicaRouter().db_for_read(Section))
        )
        factory = RequestFactory()
        for name, value in (cookies or {}).items():
            factory.cookies[name] = value
        middleware(getattr(factory, method)(path))
        return seen[0]

    def signed_in_read_alias(self, user):
        seen = []
        middleware = PrimaryForSignedInMiddleware(
            lambda request: seen.append(PrimaryReplicaRouter().db_for_read(Section))
        )
        request = RequestFactory().get("/world/")
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
        request.user = user
        middleware(request)
        return seen[0]

    def test_a_signed_in_editor_reads_the_public_site_from_the_primary(self):
        """Published, then "View on site": a replica not yet caught up answered 404."""
        editor = make_user("editor", staff=True)
        self.assertEqual(self.signed_in_read_alias(editor), "default")

    def test_a_session_cookie_alone_does_not_move_a_reader_to_the_primary(self):
        """Any client can send one: it decided where pages were read."""
        self.assertEqual(self.signed_in_read_alias(AnonymousUser()), "replica")
        self.assertEqual(self.read_alias_during("get", "/world/", {"csrftoken": "x"}), "replica")

    def test_reader_pages_read_from_the_replica(self):
        self.assertEqual(self.read_alias_during("get", "/world/"), "replica")

    def test_admin_and_previews_read_from_the_primary(self):
        self.assertEqual(self.read_alias_during("get", "/admin/articles/article/"), "default")
        self.assertEqual(self.read_alias_during("get", "/preview/3/"), "default")

    def test_posts_read_from_the_primary(self):
        self.assertEqual(self.read_alias_during("post", "/search/"), "default")


class ReplicaDownTests(ReplicaAliasMixin, TransactionTestCase):
    """A replica that cannot be reached sends reads to the primary: readers' pages
    answered 500 while /healthz said "ok"."""

    router = PrimaryReplicaRouter()

    def setUp(self):
        replica = connections["replica"]
        # Django never closes an in-memory SQLite database (closing would
        # destroy it): set its connection aside instead, to put back after.
        in_memory = replica.vendor == "sqlite" and replica.is_in_memory_db()
        self.in_memory = replica.connection if in_memory else None
        if self.in_memory is not None:
            replica.connection = None
        replica.close()
        self.reachable = dict(replica.settings_dict)
        # Somewhere nothing answers, for either engine.
        connections["replica"].settings_dict.update(
            NAME=str(Path("/nonexistent-folder") / "replica.sqlite3")
            if connections["replica"].vendor == "sqlite"
            else self.reachable["NAME"],
            PORT=str(free_port()),
            HOST="127.0.0.1" if connections["replica"].vendor != "sqlite" else "",
        )
        self.addCleanup(self.bring_back)
        db_router._replica_down_until = 0.0

    def bring_back(self):
        replica = connections["replica"]
        replica.close()
        replica.settings_dict.clear()
        replica.settings_dict.update(self.reachable)
        if self.in_memory is not None:
            replica.connection = self.in_memory
        db_router._replica_down_until = 0.0

    def test_reads_go_to_the_primary_and_the_replica_is_tried_again_later(self):
        Section.objects.create(name="World", slug="world")
        routers = ["newsroom.db_router.PrimaryReplicaRouter"]
        with self.settings(DATABASE_ROUTERS=routers), self.assertLogs(
            "newsroom.db_router", "ERROR"
        ) as logs:
            self.assertEqual(list(Section.objects.values_list("slug", flat=True)), ["world"])
        self.assertIn("Read replica unreachable", logs.output[0])
        self.assertTrue(db_router.replica_is_down())
        # No attempt to connect on every read while it is down.
        with mock.patch.object(db_router, "replica_reachable") as tried:
            self.assertEqual(self.router.db_for_read(Section), "default")
        tried.assert_not_called()
        # Back after the pause, and reachable again: reads return to it.
        connections["replica"].settings_dict.clear()
        connections["replica"].settings_dict.update(self.reachable)
        later = db_router._replica_down_until + 1
        with mock.patch.object(db_router.time, "monotonic", return_value=later):
            self.assertEqual(self.router.db_for_read(Section), "replica")

    def test_health_check_says_degraded_and_keeps_the_instance_in(self):
        with self.assertLogs("newsroom.db_router", "ERROR"):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        answer = json.loads(response.content)
        self.assertEqual(answer["status"], "degraded")
        self.assertEqual(answer["checks"]["database"], "ok")
        self.assertEqual(answer["checks"]["replica"], "unavailable (reading from the primary)")

    def test_health_check_says_ok_with_the_replica_up(self):
        self.bring_back()
        answer = json.loads(self.client.get("/healthz").content)
        self.assertEqual(answer["checks"]["replica"], "ok")


class ReplicaSettingsTests(SimpleTestCase):
    def test_a_replica_adds_both_middlewares_where_each_can_do_its_job(self):
        """One before the session is read (the admin's reads), one once the user is known."""
        from tests.test_settings import run_settings

        script = (
            "import json, django; from django.conf import settings; django.setup(); "
            "print(json.dumps(settings.MIDDLEWARE))"
        )
        result = run_settings(
            script, DEBUG="1", DATABASE_REPLICA_URL="postgres://news@replica.internal/news"
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        middleware = json.loads(result.stdout)
        sessions = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
        users = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
        self.assertEqual(middleware[sessions - 1], "newsroom.db_router.PrimaryForStaffMiddleware")
        self.assertEqual(
            middleware[users + 1], "newsroom.db_router.PrimaryForSignedInMiddleware"
        )
