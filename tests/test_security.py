"""The production profile, database timeouts and the upload endpoints' CSRF and nosniff.

Settings are evaluated once per process, so the production profile is checked in
a fresh interpreter with a production-like environment.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, SimpleTestCase, TestCase, override_settings
from django.urls import path, reverse
from django.views.static import serve

from tests.articles.test_images import MediaRootMixin
from tests.factories import make_image_bytes, make_user

BASE_DIR = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "news.daily-planet.net",
    "DATABASE_URL": "postgres://newsroom@db.internal:5432/newsroom",
    # Production shares one page cache between workers (check articles.W001).
    "REDIS_URL": "redis://cache.internal:6379/0",
    # Feeds and sitemaps link to it (check articles.W002, which refuses the
    # names reserved for examples, news.example among them).
    "NEWSROOM_DOMAIN": "news.daily-planet.net",
    # Behind deploy/nginx.conf (check newsroom.W001).
    "TRUSTED_PROXY_COUNT": "1",
}


def run(args, **environ):
    env = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "newsroom.settings",
           **environ}
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True,
        timeout=120,
    )


REPORT = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "default": settings.DATABASES["default"].get("OPTIONS", {}),
    "hsts": settings.SECURE_HSTS_SECONDS,
    "redirect": settings.SECURE_SSL_REDIRECT,
    "proxy_header": getattr(settings, "SECURE_PROXY_SSL_HEADER", None),
}))
"""


def settings_under(**environ):
    result = run(["-c", REPORT], **environ)
    if result.returncode:
        raise AssertionError(result.stderr)
    return json.loads(result.stdout)


class ProductionProfileTests(SimpleTestCase):
    def test_check_deploy_passes_at_warning_level(self):
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                     **PRODUCTION_ENV)
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
        self.assertIn("no issues", result.stdout)

    def test_check_deploy_would_catch_a_weakened_profile(self):
        """The check above can fail: turning HSTS off is reported."""
        result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                     SECURE_HSTS_SECONDS="0", **PRODUCTION_ENV)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("security.W004", result.stderr + result.stdout)

    def test_production_redirects_to_https_and_sends_hsts(self):
        values = settings_under(**PRODUCTION_ENV)
        self.assertTrue(values["redirect"])
        self.assertGreaterEqual(values["hsts"], 31_536_000)
        self.assertEqual(values["proxy_header"], ["HTTP_X_FORWARDED_PROTO", "https"])

    def test_development_does_neither(self):
        values = settings_under(DEBUG="1")
        self.assertFalse(values["redirect"])
        self.assertEqual(values["hsts"], 0)


class DatabaseTimeoutTests(SimpleTestCase):
    def test_postgres_gets_connect_and_statement_timeouts(self):
        options = settings_under(**PRODUCTION_ENV)["default"]
        self.assertEqual(options["connect_timeout"], 5)
        self.assertEqual(options["options"], "-c statement_timeout=30000 -c jit=off")

    def test_timeouts_come_from_the_environment(self):
        options = settings_under(
            DB_CONNECT_TIMEOUT="2", DB_STATEMENT_TIMEOUT="1500", **PRODUCTION_ENV
        )["default"]
        self.assertEqual(options["connect_timeout"], 2)
        self.assertEqual(options["options"], "-c statement_timeout=1500 -c jit=off")

    def test_jit_can_be_turned_back_on(self):
        options = settings_under(DB_JIT="1", **PRODUCTION_ENV)["default"]
        self.assertEqual(options["options"], "-c statement_timeout=30000")

    def test_sqlite_waits_for_its_lock_a_bounded_time(self):
        """And takes it when a transaction begins: begun as readers, an editor's publish
        and a writer's save of the same story deadlocked, and SQLite refused one at
        once with "database is locked", whatever the timeout (a 503)."""
        options = settings_under(DEBUG="1", DATABASE_URL="sqlite:////tmp/x.sqlite3")["default"]
        self.assertEqual(options, {"timeout": 5, "transaction_mode": "IMMEDIATE"})


class StatementTimeoutOnPostgresTests(TestCase):
    def test_a_runaway_statement_is_cancelled(self):
        from django.db import connection

        if connection.vendor != "postgresql":
            self.skipTest("statement_timeout is a PostgreSQL setting")
        from django.db.utils import OperationalError

        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            self.assertEqual(cursor.fetchone()[0], "30s")
            cursor.execute("SHOW jit")
            self.assertEqual(cursor.fetchone()[0], "off")
            cursor.execute("SAVEPOINT runaway")
            cursor.execute("SET LOCAL statement_timeout = 50")
            with self.assertRaises(OperationalError):
                cursor.execute("SELECT pg_sleep(2)")
            cursor.execute("ROLLBACK TO SAVEPOINT runaway")


class UploadCSRFTests(MediaRootMixin, TestCase):
    """Every endpoint that takes a file refuses a post without the CSRF token."""

    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", staff=True, superuser=True)

    def post_without_token(self, url, data):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.chief)
        with self.assertLogs("django.security.csrf", "WARNING"):
            return client.post(url, data)

    def test_the_wire_import_upload(self):
        response = self.post_without_token(
            reverse("admin:articles_article_import"),
            {"files": SimpleUploadedFile("wire.txt", b"HEADLINE\n\nBody.\n")},
        )
        self.assertEqual(response.status_code, 403)

    def test_the_author_photo_form(self):
        response = self.post_without_token(
            reverse("admin:authors_author_add"),
            {"name": "Ada", "slug": "ada",
             "photo": SimpleUploadedFile("a.png", make_image_bytes("PNG"))},
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(os.listdir(self.media_root), [])

    def test_the_story_form(self):
        response = self.post_without_token(
            reverse("admin:articles_article_add"),
            {"headline": "x", "featured_image": SimpleUploadedFile("a.png",
                                                                   make_image_bytes("PNG"))},
        )
        self.assertEqual(response.status_code, 403)


def media(request, path):
    """Django's development media view, reading MEDIA_ROOT when called."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [path("media/<path:path>", media)]


class MediaNosniffTests(MediaRootMixin, TestCase):
    def test_media_served_by_django_says_nosniff(self):
        """Where Django serves media (development), browsers are told not to sniff."""
        Path(self.media_root, "photo.jpg").write_bytes(b"<html><script>alert(1)</script>")
        with override_settings(ROOT_URLCONF=__name__):
            response = self.client.get("/media/photo.jpg")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Content-Type"], "image/jpeg")

    def test_the_nginx_config_adds_nosniff_to_media(self):
        """In production nginx serves /media/ itself, so it must add the header."""
        configs = sorted(BASE_DIR.glob("deploy/**/*.conf"))
        if not configs:
            self.skipTest("no nginx config in deploy/ yet")
        text = "\n".join(config.read_text() for config in configs)
        media = text[text.index("location /media/"):]
        media = media[: media.index("}")]
        self.assertIn("X-Content-Type-Options", media)
        self.assertIn("nosniff", media)


class HttpsRedirectTests(TestCase):
    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_readers_are_sent_to_https_but_the_health_check_is_answered(self):
        response = self.client.get("/", secure=False)
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].startswith("https://"))
        self.assertNotEqual(self.client.get("/healthz", secure=False).status_code, 301)

    @override_settings(
        SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
    )
    def test_the_proxy_header_marks_a_request_as_https(self):
        """With the production proxy setting (checked below), nginx's header is believed."""
        response = self.client.get("/", HTTP_X_FORWARDED_PROTO="https")
        self.assertEqual(response.status_code, 200)
