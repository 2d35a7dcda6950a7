"""With the database away, readers get stored pages or a styled 503, never a traceback;
after it comes back, the next request works without restarting anything."""

import unittest
import weakref
from unittest import mock

from django.core.cache import caches
from django.core.signals import request_started
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    connections,
)
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import SimpleTestCase, TestCase, override_settings

from articles import cache as page_cache
from newsroom.middleware import database_unavailable_response
from tests.factories import make_article, make_section, make_user

LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests-db-faults",
    }
}


def database_down(error=OperationalError):
    """Every new cursor fails as it does when PostgreSQL refuses connections."""
    message = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    return mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=error(message))


class DatabaseDownTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World", slug="world")
        cls.story = make_article(headline="Summit ends with a deal", section=cls.section)

    def setUp(self):
        self.client.raise_request_exception = False

    def assert_styled_503(self, response):
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertContains(response, "We will be back in a moment", status_code=503)
        self.assertContains(response, "<style>", status_code=503)
        self.assertNotContains(response, "Traceback", status_code=503)
        self.assertNotContains(response, "OperationalError", status_code=503)
        self.assertNotContains(response, "5432", status_code=503)

    def test_a_page_without_a_stored_copy_is_a_styled_503(self):
        for path in ["/", "/world/", self.story.get_absolute_url(), "/feeds/rss/"]:
            with self.subTest(path=path), database_down(), self.assertLogs(level="ERROR"):
                self.assert_styled_503(self.client.get(path))

    def test_a_dropped_connection_is_a_503_too(self):
        with database_down(InterfaceError), self.assertLogs(level="ERROR"):
            self.assert_styled_503(self.client.get("/"))

    def test_an_error_outside_a_view_is_a_503_too(self):
        """The 404 page's navigation needs the database; its failure must not become a 500."""
        with (
            database_down(),
            self.assertLogs(level="ERROR") as logs,
            mock.patch(
                "newsroom.middleware.database_unavailable_response",
                wraps=database_unavailable_response,
            ) as made,
        ):
            self.assert_styled_503(self.client.get("/no/such/page/"))
        # Raised while rendering the 404 page, outside any view: handler500 made the
        # 503, not the middleware (which logs under "newsroom").
        made.assert_called_once()
        self.assertEqual([r.name for r in logs.records], ["django.request"])

    def test_the_admin_says_the_same(self):
        self.client.force_login(make_user(staff=True, superuser=True))
        with database_down(), self.assertLogs(level="ERROR"):
            response = self.client.get("/admin/")
        self.assert_styled_503(response)

    def test_other_errors_are_still_500(self):
        with (
            mock.patch("articles.views.render", side_effect=RuntimeError("template bug")),
            self.assertLogs("django.request", "ERROR"),
        ):
            response = self.client.get("/")
        self.assertEqual(response.status_code, 500)
        self.assertNotIn("Retry-After", response)


@override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM)
class StoredPagesWhileDatabaseDownTests(DatabaseDownTests):
    def setUp(self):
        super().setUp()
        caches["default"].clear()

    def test_a_fresh_stored_page_is_served_as_usual(self):
        url = self.story.get_absolute_url()
        self.client.get(url)
        with database_down():
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Page-Cache"], "hit")
        self.assertContains(response, "Summit ends with a deal")

    def test_an_outdated_stored_page_beats_an_error_page(self):
        self.client.get("/world/")
        page_cache.invalidate()  # the stored page is now out of date
        with database_down(), self.assertLogs(level="ERROR"):
            response = self.client.get("/world/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Page-Cache"], "stale")
        self.assertContains(response, "Summit ends with a deal")
        self.assertIn("s-maxage=0", response["Cache-Control"])

    def test_pages_never_stored_are_a_503(self):
        self.client.get("/")
        with database_down(), self.assertLogs(level="ERROR"):
            self.assert_styled_503(self.client.get("/world/"))


@unittest.skipUnless(connection.vendor == "postgresql", "needs PostgreSQL")
class PostgresRestartTests(SimpleTestCase):
    """A connection the server dropped (restart, failover) is replaced at the next request.

    The settings keep connections open between requests (``conn_max_age``) and
    check them before reuse (``conn_health_checks``); this proves the second half
    on a real server by killing our connection's backend, as a restart does.
    """

    databases = {"default"}

    def test_the_next_request_after_a_dropped_connection_succeeds(self):
        self.assertTrue(connections["default"].settings_dict["CONN_HEALTH_CHECKS"])
        ours = connections.create_connection("default")
        killer = connections.create_connection("default")
        self.addCleanup(ours.close)
        self.addCleanup(killer.close)
        ours.settings_dict["CONN_MAX_AGE"] = 600
        with ours.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])

        # What Django does at the start of every request (request_started).
        ours.close_if_unusable_or_obsolete()
        with ours.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.assertNotEqual(cursor.fetchone()[0], pid)

    def test_without_health_checks_the_dead_connection_would_fail(self):
        """The control: the same drop with checks off breaks the next query."""
        ours = connections.create_connection("default")
        killer = connections.create_connection("default")
        self.addCleanup(ours.close)
        self.addCleanup(killer.close)
        ours.settings_dict["CONN_MAX_AGE"] = 600
        ours.settings_dict["CONN_HEALTH_CHECKS"] = False
        ours.health_check_enabled = False
        with ours.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        ours.close_if_unusable_or_obsolete()
        with self.assertRaises((OperationalError, InterfaceError)), ours.cursor() as cursor:
            cursor.execute("SELECT 1")

    def test_request_started_is_wired_to_the_check(self):
        """Django runs the check above at every request's start (and end)."""
        receivers = [entry[1] for entry in request_started.receivers]
        receivers = [r() if isinstance(r, weakref.ReferenceType) else r for r in receivers]
        self.assertIn(close_old_connections, receivers)
