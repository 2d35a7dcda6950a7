"""Content-Security-Policy: strict on the public site, CKEditor's needs on the admin only.

The header tests read the policy a browser would get; the page tests check that
our own HTML keeps within it (no inline script, no inline style, no handlers),
so a template change that would be blocked in production fails here first. The
browser tests load real pages in Chromium with the policy on and listen for
violations.
"""

import base64
import hashlib
import re
from html.parser import HTMLParser

from django.conf import settings
from django.template.loader import render_to_string
from django.test import TestCase, override_settings, tag
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_author, make_section, make_source, make_user

PASSWORD = "correct horse battery staple"


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class InlineCode(HTMLParser):
    """Collect whatever in a page a strict policy would block."""

    def __init__(self):
        super().__init__()
        self.blocked = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.blocked.append(f"<{tag} {name}=...> handler")
        if "style" in attrs:
            self.blocked.append(f"<{tag} style=...> inline style")
        if tag == "style":
            self.blocked.append("<style> element")
        # JSON-LD and json_script data are not executed, so 'self' does not block them.
        data_types = {"application/ld+json", "application/json"}
        if tag == "script" and "src" not in attrs and attrs.get("type") not in data_types:
            self.blocked.append("inline <script>")
        for name in ("href", "src", "action"):
            if (attrs.get(name) or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}=javascript:...>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.blocked


class PublicPolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world", show_in_nav=True)
        cls.author = make_author(name="Ada Reporter", slug="ada-reporter")
        cls.source = make_source(name="Reuters", slug="reuters")
        cls.story = make_article(
            headline="Talks resume in Geneva",
            section=cls.world,
            authors=[cls.author],
            origin=cls.source,
            body="<p>Delegates met <strong>again</strong>.</p>",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timezone.timedelta(hours=1),
        )

    def public_urls(self):
        return [
            reverse("articles:home"),
            self.story.get_absolute_url(),
            reverse("sections:detail", args=["world"]),
            reverse("authors:detail", args=["ada-reporter"]),
            reverse("sources:detail", args=["reuters"]),
            reverse("articles:search") + "?q=Geneva",
            reverse("workflow:corrections"),
            "/no/such/page/",
        ]

    def test_every_public_page_sends_the_strict_policy(self):
        for url in self.public_urls():
            with self.subTest(url=url):
                directives = policy(self.client.get(url))
                self.assertEqual(directives["script-src"], ["'self'"])
                self.assertEqual(directives["object-src"], ["'none'"])
                self.assertEqual(directives["base-uri"], ["'none'"])
                self.assertEqual(directives["frame-ancestors"], ["'none'"])
                self.assertEqual(directives["default-src"], ["'self'"])
                self.assertNotIn("'unsafe-inline'", directives["style-src"])
                self.assertNotIn("'unsafe-eval'", " ".join(sum(directives.values(), [])))

    def test_public_pages_carry_no_code_the_policy_would_block(self):
        for url in self.public_urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(inline_code(response.content.decode()), [])

    def test_the_story_keeps_its_json_ld_which_is_data_not_script(self):
        response = self.client.get(self.story.get_absolute_url())
        self.assertContains(response, '<script type="application/ld+json">')

    def test_feeds_and_sitemaps_are_covered_too(self):
        for url in (reverse("feeds:rss"), "/sitemap.xml", "/robots.txt"):
            with self.subTest(url=url):
                self.assertEqual(policy(self.client.get(url))["object-src"], ["'none'"])

    def test_other_security_headers_on_public_pages(self):
        response = self.client.get(reverse("articles:home"))
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")


class ServerErrorPageStyleTests(TestCase):
    def test_the_error_pages_style_is_allowed_by_its_hash(self):
        """The hash in settings is the hash of the error pages' <style>: edit one, edit both."""
        for name in ("400.html", "500.html", "503.html", "403_csrf.html"):
            with self.subTest(name):
                page = render_to_string(name)
                style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
                digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
                self.assertEqual(settings.SERVER_ERROR_STYLE_HASH, f"'sha256-{digest}'")

    @override_settings(ROOT_URLCONF="tests.test_error_pages", DEBUG=False)
    def test_a_real_500_carries_the_policy_with_the_hash(self):
        self.client.raise_request_exception = False
        with self.assertLogs("django.request", level="ERROR"):
            response = self.client.get("/broken/")
        self.assertEqual(response.status_code, 500)
        directives = policy(response)
        self.assertIn(settings.SERVER_ERROR_STYLE_HASH, directives["style-src"])
        self.assertEqual(directives["script-src"], ["'self'"])


class StaffPolicyTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user("chief", staff=True, superuser=True))

    def test_the_story_editor_gets_what_ckeditor_needs(self):
        directives = policy(self.client.get(reverse("admin:articles_article_add")))
        self.assertIn("'unsafe-inline'", directives["script-src"])
        self.assertIn("'unsafe-inline'", directives["style-src"])
        self.assertIn("blob:", directives["img-src"])
        # Everything CKEditor does not need stays as strict as on the public site.
        self.assertEqual(directives["object-src"], ["'none'"])
        self.assertEqual(directives["base-uri"], ["'none'"])
        self.assertEqual(directives["frame-ancestors"], ["'none'"])
        self.assertNotIn("'unsafe-eval'", directives["script-src"])

    def test_the_admin_login_page_gets_the_strict_policy(self):
        """Anyone can reach the sign-in page, and it runs no CKEditor: no inline script."""
        self.client.logout()
        for url in (reverse("admin:login"), reverse("admin:articles_article_add")):
            with self.subTest(url):
                response = self.client.get(url, follow=True)
                self.assertContains(response, 'name="password"')
                directives = policy(response)
                self.assertEqual(directives["script-src"], ["'self'"])
                self.assertNotIn("'unsafe-inline'", directives["style-src"])
                self.assertNotIn("blob:", directives["img-src"])
                self.assertEqual(directives["object-src"], ["'none'"])

    def test_a_signed_in_reader_without_staff_rights_gets_the_strict_policy(self):
        self.client.force_login(make_user("reader"))
        directives = policy(self.client.get(reverse("admin:login")))
        self.assertEqual(directives["script-src"], ["'self'"])

    def test_a_path_that_only_starts_like_admin_is_public(self):
        """/administration/ is a section slug, not the admin: it gets the strict policy."""
        make_section(name="Administration", slug="administration")
        directives = policy(self.client.get("/administration/"))
        self.assertEqual(directives["script-src"], ["'self'"])


@tag("browser")
class PolicyInTheBrowserTests(BrowserTestCase):
    """Chromium enforces the policy; any violation shows up as a console error."""

    def setUp(self):
        self.world = make_section(name="World", slug="world", show_in_nav=True)
        self.story = make_article(
            headline="Talks resume in Geneva",
            section=self.world,
            authors=[make_author(name="Ada Reporter")],
            body="<p>Delegates met again.</p>",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timezone.timedelta(hours=1),
        )
        make_user("chief", staff=True, superuser=True, password=PASSWORD)

    def open_watched(self):
        """A page whose CSP violations (console and DOM events) are collected."""
        page = self.new_page()
        violations = []
        page.on(
            "console",
            lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text
            else None,
        )
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "console.error('Content Security Policy event: ' + e.violatedDirective + ' ' + "
            "e.blockedURI));"
        )
        return page, violations

    def test_public_pages_load_without_violations(self):
        page, violations = self.open_watched()
        for url in ("/", self.story.get_absolute_url(), "/world/", "/search/?q=Geneva"):
            page.goto(self.live_server_url + url)
            page.wait_for_load_state("load")
        self.assertEqual(violations, [])

    def test_the_sign_in_page_loads_without_violations(self):
        page, violations = self.open_watched()
        page.goto(f"{self.live_server_url}/admin/login/")
        page.wait_for_load_state("load")
        page.fill("#id_username", "chief")
        page.fill("#id_password", "not the password")
        page.click("input[type=submit]")
        page.wait_for_selector(".errornote")
        self.assertEqual(violations, [])

    def test_the_story_editor_renders_ckeditor_without_violations(self):
        page, violations = self.open_watched()
        self.sign_in(page, "chief", PASSWORD)
        page.goto(f"{self.live_server_url}/admin/articles/article/add/")
        page.wait_for_selector(".cke_toolbox .cke_button__bold")
        body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
        body.click()
        body.type("Written under the policy.")
        # A toolbar button runs CKEditor's inline handler: it must be allowed.
        page.click(".cke_button__bold")
        body.type(" Bold words.")
        self.assertIn("<strong>", body.inner_html())
        self.assertEqual(violations, [])
