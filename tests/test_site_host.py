"""Pages name the site's one host name (``NEWSROOM_DOMAIN``), whichever host was asked.

A site answers on ``www.`` and the bare domain, or on its origin's own name
behind a CDN. Canonical links, social cards and JSON-LD followed the request's
host, so each host name called itself canonical (the same story twice for a
search engine) while the feeds and sitemaps named ``NEWSROOM_DOMAIN``.
"""

import json
import re
import shutil
import tempfile

from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from tests.factories import (
    make_article,
    make_author,
    make_image_bytes,
    make_section,
    make_user,
)

HOSTS = ["news.example", "www.news.example", "origin.internal"]
ABSOLUTE = re.compile(r"https?://([^/\"'<>\s]+)/")


@override_settings(NEWSROOM_DOMAIN="news.example", ALLOWED_HOSTS=HOSTS)
class OneHostNameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site = Site.objects.get_current()
        site.domain = "news.example"
        site.save()
        # The sites framework keeps the row in memory past the test's rollback:
        # later tests would see news.example.
        cls.addClassCleanup(Site.objects.clear_cache)
        FlatPage.objects.create(url="/about/", title="About us", content="<p>Who we are.</p>")
        FlatPage.objects.get(url="/about/").sites.add(site)

    def setUp(self):
        media_root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media_root, ignore_errors=True)
        media = self.settings(MEDIA_ROOT=media_root)
        media.enable()
        self.addCleanup(media.disable)
        self.section = make_section(name="Europe", slug="europe")
        self.author = make_author(
            name="Ann Baker",
            photo=SimpleUploadedFile("ann.jpg", make_image_bytes("JPEG", size=(400, 400))),
        )
        self.story = make_article(
            section=self.section,
            authors=[self.author],
            featured_image=SimpleUploadedFile(
                "photo.jpg", make_image_bytes("JPEG", size=(1600, 900))
            ),
            featured_image_alt="Delegates at the summit",
        )

    def hosts_named(self, path, host):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, path)
        return response, set(ABSOLUTE.findall(response.content.decode()))

    def test_every_public_page_names_the_sites_host_only(self):
        for path in (
            "/",
            "/europe/",
            self.story.get_absolute_url(),
            self.author.get_absolute_url(),
            "/about/",
            "/feeds/rss/",
        ):
            for host in ("www.news.example", "origin.internal"):
                with self.subTest(path=path, host=host):
                    _, named = self.hosts_named(path, host)
                    # Other sites (schema.org, the XML namespaces) may be named;
                    # no other name of ours.
                    self.assertIn("news.example", named)
                    self.assertFalse(named & {"www.news.example", "origin.internal"}, named)

    def test_the_story_pages_canonical_card_and_json_ld(self):
        response, _ = self.hosts_named(self.story.get_absolute_url(), "www.news.example")
        address = f"http://news.example{self.story.get_absolute_url()}"
        self.assertContains(response, f'<link rel="canonical" href="{address}">')
        self.assertContains(response, f'<meta property="og:url" content="{address}">')
        self.assertContains(
            response, '<meta property="og:image" content="http://news.example/media/'
        )
        self.assertContains(
            response,
            '<meta property="article:author" '
            f'content="http://news.example{self.author.get_absolute_url()}">',
        )
        data = [
            json.loads(block)
            for block in re.findall(
                r'<script type="application/ld\+json">(.*?)</script>',
                response.content.decode(),
                re.S,
            )
        ]
        article = next(item for item in data if item.get("@type") == "NewsArticle")
        self.assertEqual((article["url"], article["mainEntityOfPage"]["@id"]), (address, address))
        self.assertEqual(
            article["author"][0]["url"], f"http://news.example{self.author.get_absolute_url()}"
        )

    def test_without_a_site_host_name_the_requests_own_is_used(self):
        with self.settings(NEWSROOM_DOMAIN=""):
            response, _ = self.hosts_named("/europe/", "www.news.example")
        self.assertContains(
            response, '<link rel="canonical" href="http://www.news.example/europe/">'
        )


class SiteAdminTests(TestCase):
    """A domain typed in the sites admin split the canonical links (the setting)
    from the sitemaps and feeds (the row) until the next deploy's migrate."""

    def setUp(self):
        self.client.force_login(make_user("chief", superuser=True))
        self.site = Site.objects.get_current()
        self.url = reverse("admin:sites_site_change", args=[self.site.pk])

    @override_settings(NEWSROOM_DOMAIN="news.example")
    def test_with_the_setting_the_domain_is_read_only_and_says_where_it_comes_from(self):
        page = self.client.get(self.url)
        self.assertContains(page, "The domain is set by the NEWSROOM_DOMAIN setting")
        self.assertNotContains(page, 'name="domain"')
        self.client.post(self.url, {"domain": "other.example", "name": "Other"})
        self.site.refresh_from_db()
        self.assertNotEqual(self.site.domain, "other.example")

    @override_settings(NEWSROOM_DOMAIN="")
    def test_without_it_the_row_is_edited_as_before(self):
        self.assertContains(self.client.get(self.url), 'name="domain"')
