"""Media storage: the local disk by default, an S3-compatible bucket when one is named.

Each case imports the settings in a fresh interpreter with exactly its
environment. Nothing here talks to a bucket: URLs are built locally.
"""

import json
import re
from pathlib import Path

from django.test import SimpleTestCase

from tests.test_security import run

REPORT = """
import json, django
from django.conf import settings
django.setup()
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "backend": type(default_storage).__name__,
    "media_url": settings.MEDIA_URL,
    "url": default_storage.url("uploads/2025/01/a1b2c3.jpg"),
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "staff_img_src": settings.CONTENT_SECURITY_POLICY_STAFF["img-src"],
    "object_parameters": getattr(default_storage, "object_parameters", None),
    "static_backend": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""
NGINX_CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"

BUCKET_ENV = {
    "DEBUG": "1",
    "MEDIA_BUCKET": "newsroom-media",
    "MEDIA_ENDPOINT_URL": "https://s3.eu-central-1.example-objects.net",
    "MEDIA_REGION": "eu-central-1",
    "MEDIA_CUSTOM_DOMAIN": "media.news.example",
    "AWS_ACCESS_KEY_ID": "test-key-id",
    "AWS_SECRET_ACCESS_KEY": "test-secret",
}


def storage_under(**environ):
    result = run(["-c", REPORT], **environ)
    if result.returncode:
        raise AssertionError(result.stderr)
    return json.loads(result.stdout)


class MediaStorageTests(SimpleTestCase):
    def test_local_disk_by_default(self):
        values = storage_under(DEBUG="1")
        self.assertEqual(values["backend"], "FileSystemStorage")
        self.assertEqual(values["url"], "/media/uploads/2025/01/a1b2c3.jpg")
        self.assertEqual(values["img_src"], ["'self'", "data:"])

    def test_a_named_bucket_is_used_through_its_public_host(self):
        values = storage_under(**BUCKET_ENV)
        self.assertEqual(values["backend"], "S3Storage")
        self.assertEqual(values["media_url"], "https://media.news.example/")
        # Plain, cacheable URLs: no signature in the query string.
        self.assertEqual(values["url"], "https://media.news.example/uploads/2025/01/a1b2c3.jpg")

    def test_the_policy_lets_images_come_from_the_media_host_only(self):
        values = storage_under(**BUCKET_ENV)
        self.assertIn("https://media.news.example", values["img_src"])
        self.assertIn("https://media.news.example", values["staff_img_src"])
        self.assertNotIn("https:", values["img_src"])

    def test_a_bucket_without_a_public_host_is_refused(self):
        environ = {**BUCKET_ENV}
        del environ["MEDIA_CUSTOM_DOMAIN"]
        result = run(["-c", REPORT], **environ)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("MEDIA_CUSTOM_DOMAIN", result.stderr)

    def test_a_bucket_s_files_are_cached_as_nginx_caches_uploads_on_disk(self):
        """``make_renditions --force`` rewrites renditions under their names: a year
        of "immutable" let CDNs and browsers keep the old pictures that long."""
        media = re.search(
            r"location /media/ \{[^}]*add_header Cache-Control \"([^\"]+)\"", NGINX_CONF.read_text()
        )
        cache_control = storage_under(**BUCKET_ENV)["object_parameters"]["CacheControl"]
        self.assertEqual(cache_control, media.group(1))
        self.assertNotIn("immutable", cache_control)


class StaticStorageTests(SimpleTestCase):
    def test_collectstatic_writes_the_page_nginx_shows_while_the_app_is_away(self):
        """Outside tests, collectstatic's storage is the one that writes
        errors/unavailable.html (tests/test_error_pages.py)."""
        self.assertEqual(
            storage_under(DEBUG="1")["static_backend"], "newsroom.static_storage.StaticStorage"
        )
