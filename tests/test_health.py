"""/healthz tells a load balancer whether this instance can serve readers."""

from unittest import mock

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import TestCase, override_settings

LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests-health",
    }
}
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2},
    }
}


@override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM)
class HealthCheckTests(TestCase):
    def test_healthy_instance_answers_200_and_is_never_cached(self):
        for _ in range(2):
            with self.assertNumQueries(1):  # SELECT 1, every time
                response = self.client.get("/healthz")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(
                response.json(), {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
            )
            self.assertIn("no-store", response["Cache-Control"])
            self.assertNotIn("X-Page-Cache", response)

    def test_database_down_answers_503(self):
        with (
            mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=OperationalError("down")),
            self.assertLogs(level="ERROR"),
        ):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["status"], "unavailable")
        self.assertEqual(response.json()["checks"]["database"], "unavailable")

    @override_settings(CACHES=DEAD_REDIS, PAGE_CACHE_ENABLED=False)
    def test_cache_down_is_reported_but_keeps_the_instance_in(self):
        """Without the cache pages are slower, not wrong: no reason to stop traffic."""
        with self.assertLogs("newsroom.health", "WARNING"):
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "degraded")
        self.assertEqual(response.json()["checks"]["cache"], "unavailable")

    def test_head_works_and_post_is_refused(self):
        self.assertEqual(self.client.head("/healthz").status_code, 200)
        self.assertEqual(self.client.post("/healthz").status_code, 405)


@override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM)
class HealthCheckHostTests(TestCase):
    """A load balancer probes each instance by its address, which ALLOWED_HOSTS does not list."""

    def test_a_probe_by_address_gets_the_health_answer(self):
        for method in (self.client.get, self.client.head):
            with self.subTest(method=method.__name__), self.assertNoLogs("django.security"):
                response = method("/healthz", HTTP_HOST="10.0.0.5")
                self.assertEqual(response.status_code, 200)
        response = self.client.get("/healthz", HTTP_HOST="10.0.0.5")
        self.assertEqual(response.json()["status"], "ok")
        self.assertIn("no-store", response["Cache-Control"])

    def test_every_other_address_still_refuses_that_host(self):
        """Only the probe's own path is answered whatever the host: /healthz/ is another."""
        for path in ("/", "/healthz/", "/healthz/x", "/robots.txt", "/admin/login/"):
            with (
                self.subTest(path=path),
                self.assertLogs("django.security.DisallowedHost", "ERROR"),
            ):
                self.assertEqual(self.client.get(path, HTTP_HOST="10.0.0.5").status_code, 400)

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_a_probe_over_plain_http_is_answered_not_redirected(self):
        response = self.client.get("/healthz", HTTP_HOST="10.0.0.5", secure=False)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.client.get("/", secure=False).status_code, 301)

    def test_a_probe_by_address_is_never_answered_from_the_page_cache(self):
        for _ in range(2):
            with self.assertNumQueries(1):  # SELECT 1, every time
                response = self.client.get("/healthz", HTTP_HOST="10.0.0.5")
            self.assertNotIn("X-Page-Cache", response)
