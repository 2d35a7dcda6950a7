"""/healthz tells a load balancer whether this instance can serve readers."""

from unittest import mock

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import TestCase, override_settings
from django.urls import reverse

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
    def test_route(self):
        self.assertEqual(reverse("healthz"), "/healthz")

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
