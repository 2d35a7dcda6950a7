"""Accessibility: axe-core audits every kind of public page, and the story form.

axe-core (docs/decisions/0019-axe-core.md) is injected into each page and checks
what a machine can: contrast, names and labels, landmarks, headings, ids, ARIA.
It is installed with ``npm ci --prefix tests/browser``.
"""

import os
import shutil
import tempfile
import unittest
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, StatusChange
from articles.roles import EDITORS, ensure_roles
from authors.models import AuthorLink
from pages.models import AboutPage
from sources.models import Source
from tests.browser.base import DESKTOP, PHONE, BrowserTestCase
from tests.factories import (
    make_article,
    make_author,
    make_image_bytes,
    make_section,
    make_source,
    make_user,
)

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Our own pages also keep axe's best practices: one main landmark, headings in
# order, landmarks told apart by name.
PUBLIC_RULES = [*WCAG_21_AA, "best-practice"]
PASSWORD = "correct horse battery staple"

# Runs axe and keeps, per rule broken, what a failure message needs. ``known``
# maps a rule to selectors of elements where it is a known, listed issue.
RUN_AXE = """async ([context, tags, known]) => {
    const results = await axe.run(context || document, {
        runOnly: {type: "tag", values: tags},
        elementRef: true,
    });
    return results.violations.map(violation => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map(node => ({
            target: node.target.join(" "),
            summary: node.failureSummary,
            known: (known[violation.id] || []).filter(selector => node.element.matches(selector)),
        })),
    }));
}"""

# The story form is Django admin's markup, with CKEditor 4 and Select2 inside it:
# their minor and moderate findings are theirs to fix, so only serious and
# critical ones fail, and the editor's editing frame (CKEditor's own document)
# is left out. What remains is ours to fix, in templates/admin/ and admin.css.
ADMIN_IMPACTS = {"serious", "critical"}
ADMIN_CONTEXT = {"exclude": [["iframe.cke_wysiwyg_frame"]]}
# An issue that no template or stylesheet can fix (docs/decisions/0019-axe-core.md).
# Each is listed by rule and element, so any other element still fails, and a
# listed issue that is fixed fails too, as a reminder to strike it from here.
# None now: Select2's nameless autocomplete boxes, once listed here, are named by
# articles/static/articles/admin-combobox-names.js.
KNOWN_ADMIN_ISSUES = {}


def describe(violations, where):
    """One paragraph per rule broken: rule, impact, help and the first elements."""
    lines = [f"{len(violations)} accessibility rule(s) broken on {where}:"]
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    at {node['target']}" for node in nodes[:3])
        if len(nodes) > 3:
            lines.append(f"    and {len(nodes) - 3} more")
        lines.append("    " + nodes[0]["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


def unlisted(violations):
    """``violations`` without the elements where they are known, listed issues."""
    kept = [
        {**violation, "nodes": [node for node in violation["nodes"] if not node["known"]]}
        for violation in violations
    ]
    return [violation for violation in kept if violation["nodes"]]


def contrast(foreground, background):
    """WCAG's contrast ratio of two computed colours, "rgb(r, g, b)"."""

    def luminance(colour):
        red, green, blue = (
            channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
            for channel in (
                int(part) / 255 for part in colour[colour.index("(") + 1 : -1].split(",")[:3]
            )
        )
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class AccessibilityTests(BrowserTestCase):
    """One small site with every kind of public page, audited in one browser."""

    @classmethod
    def setUpClass(cls):
        if not AXE.exists():
            message = "axe-core is not installed: run npm ci --prefix tests/browser"
            # A laptop without node still runs the rest; CI must never skip the audit.
            if os.environ.get("CI"):
                raise cls.failureException(message)
            raise unittest.SkipTest(message)
        super().setUpClass()

    def setUp(self):
        media_root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media_root, ignore_errors=True)
        self.enterContext(override_settings(MEDIA_ROOT=media_root))
        self.media_root = Path(media_root)

        world = make_section(name="World", slug="world", position=1)
        europe = make_section(
            name="Europe",
            slug="europe",
            parent=world,
            description="News from the continent, from Lisbon to Kyiv.",
        )
        make_section(name="Africa", slug="africa", parent=world)
        business = make_section(name="Business", slug="business", position=2)
        writer = make_author(
            name="Amira Haddad",
            slug="amira-haddad",
            job_title="Europe correspondent",
            bio="Amira Haddad covers European politics from Paris.",
            beat=world,
        )
        AuthorLink.objects.create(author=writer, label="Email", url="https://news.example/amira")
        agency = make_source(
            name="Continental Press Agency",
            slug="cpa",
            kind=Source.Kind.AGENCY,
            url="https://cpa.example/",
            country="France",
        )
        ledger = make_source(name="The Northern Ledger", slug="ledger", kind="newspaper")
        self.story = make_article(
            headline="Leaders agree on a ceasefire plan in Paris",
            slug="leaders-agree-ceasefire-plan",
            standfirst="Talks ran through the night at the foreign ministry.",
            section=europe,
            authors=[writer, make_author(name="Jonas Berg", slug="jonas-berg")],
            origin=agency,
            cited=[ledger],
            featured_image=SimpleUploadedFile(
                "summit.jpg", make_image_bytes("JPEG", size=(1200, 800), color="steelblue")
            ),
            featured_image_alt="Delegates around the table at the foreign ministry",
            featured_image_caption="Delegates at the foreign ministry on Friday night.",
            featured_image_credit="Continental Press Agency",
            body=(
                "<p>European leaders agreed on Friday to a plan for a ceasefire, "
                '<a href="https://cpa.example/plan">the agency reported</a>.</p>'
                "<h2>What was agreed</h2><blockquote><p>“This is a first step,” "
                "the minister said.</p></blockquote>"
                "<ul><li>A truce from Monday.</li><li>Observers at the border.</li></ul>"
                # Wider than a phone: it scrolls in a box keyboard users can reach.
                "<table><caption>Observers by country</caption><tbody><tr>"
                + "".join(f"<th>Country {n}</th>" for n in range(9))
                + "</tr><tr>"
                + "".join(f"<td>{n * 12}</td>" for n in range(9))
                + "</tr></tbody></table>"
            ),
            published_at=timezone.now() - timedelta(minutes=30),
        )
        Correction.objects.create(
            article=self.story, note="An earlier version named the wrong ministry."
        )
        # Enough stories for the front page's blocks, related stories and a second page.
        for n in range(21):
            make_article(
                headline=f"Ministers meet in Brussels, round {n}",
                section=europe if n % 2 else business,
                authors=[writer],
                origin=agency,
                published_at=timezone.now() - timedelta(hours=n + 1),
            )

        # A page in the story's language, framed in the site's (lang on both).
        french = make_article(
            headline="Les ministres s'accordent sur un cessez-le-feu",
            standfirst="Les discussions ont duré toute la nuit.",
            body="<p>Les dirigeants européens ont adopté un plan vendredi.</p>",
            language="fr",
            section=europe,
            authors=[writer],
            origin=agency,
            published_at=timezone.now() - timedelta(days=1),
        )

        withdrawn = make_article(
            headline="A story taken down",
            section=europe,
            authors=[writer],
            status=Article.Status.ARCHIVED,
            published_at=timezone.now() - timedelta(days=2),
        )
        StatusChange.objects.create(
            article=withdrawn,
            from_status=Article.Status.PUBLISHED,
            to_status=Article.Status.ARCHIVED,
            note="Legal.",
        )

        about = AboutPage.objects.create(url="/about/", title="About us", content=(
            "<p>An independent world-news desk.</p><h2>How we work</h2><p>Editors read "
            'every story. <a href="/corrections/">Our corrections</a>.</p>'
        ))
        contact = AboutPage.objects.create(
            url="/about/contact/", title="Contact us",
            content='<p>Write to <a href="mailto:desk@example.org">the desk</a>.</p>',
        )
        for written in (about, contact):
            written.sites.add(settings.SITE_ID)

        self.pages = {
            "home": "/",
            "about": reverse("pages:about"),
            "about-page": contact.get_absolute_url(),
            "section": europe.get_absolute_url(),
            "story": self.story.get_absolute_url(),
            "story-in-french": french.get_absolute_url(),
            "author": writer.get_absolute_url(),
            "journalists": reverse("authors:index"),
            "sources": reverse("sources:index"),
            "source": agency.get_absolute_url(),
            "search": "/search/?q=ministers",
            "search-empty": "/search/?q=zeppelin",
            "corrections": reverse("workflow:corrections"),
            "feeds": reverse("feeds:index"),
            "not-found": "/no-such-page/",
            "withdrawn": withdrawn.get_absolute_url(),
        }

    def open(self, viewport=DESKTOP, **options):
        """A page that can take axe's script tag and shows uploaded photos.

        The site's Content-Security-Policy allows no inline script, which is what
        Playwright's add_script_tag writes; the live server serves static files
        but not uploads, so the browser is handed those from the disk.
        """
        page = self.new_page(viewport, bypass_csp=True, **options)
        page.route(
            "**/media/**",
            lambda route: route.fulfill(
                path=self.media_root / route.request.url.split("/media/", 1)[1]
            ),
        )
        return page

    def violations(self, page, tags, context=None, known=None):
        page.add_script_tag(path=str(AXE))
        return page.evaluate(RUN_AXE, [context, tags, known or {}])

    def assertNoViolations(self, violations, where):
        if violations:
            self.fail(describe(violations, where))

    def audit_public_pages(self, name, viewport=DESKTOP, **options):
        page = self.open(viewport, **options)
        for kind, path in self.pages.items():
            with self.subTest(page=kind, screen=name):
                page.goto(self.live_server_url + path)
                self.screenshot(page, f"accessibility-{name}-{kind}")
                self.assertNoViolations(self.violations(page, PUBLIC_RULES), f"{path} ({name})")

    def test_public_pages_on_a_desktop(self):
        self.audit_public_pages("desktop", DESKTOP)

    def test_public_pages_on_a_phone(self):
        self.audit_public_pages("phone", PHONE)

    def test_public_pages_in_dark_mode(self):
        self.audit_public_pages("dark", DESKTOP, color_scheme="dark")

    def test_search_box_placeholder_is_readable(self):
        """The masthead's search box shows no label but its placeholder, which axe
        does not check: it needs text contrast (4.5:1) in light and dark mode."""
        for scheme in ("light", "dark"):
            with self.subTest(scheme=scheme):
                page = self.open(color_scheme=scheme)
                page.goto(self.live_server_url + "/")
                placeholder, paper, size = page.locator("#site-search").evaluate(
                    """box => [getComputedStyle(box, "::placeholder").color,
                               getComputedStyle(box).backgroundColor,
                               parseFloat(getComputedStyle(box).fontSize)]"""
                )
                self.assertGreaterEqual(contrast(placeholder, paper), 4.5)
                # Under 16px, iOS Safari zooms the page in when the box is tapped.
                self.assertGreaterEqual(size, 16)

    def test_search_words_and_an_inactive_page_link_are_in_the_sites_colours(self):
        """The browser's own yellow <mark> glared on the dark page, and "← Newer"
        on a list's first page was faded to 2.9:1 (axe passes text marked disabled)."""
        for scheme in ("light", "dark"):
            with self.subTest(scheme=scheme):
                page = self.open(color_scheme=scheme)
                page.goto(self.live_server_url + "/search/?q=observers")
                ink, background = page.locator(".search__results mark").first.evaluate(
                    "mark => [getComputedStyle(mark).color, getComputedStyle(mark).backgroundColor]"
                )
                self.assertNotEqual(background, "rgb(255, 255, 0)")
                self.assertGreaterEqual(contrast(ink, background), 4.5)
                paper = page.evaluate("getComputedStyle(document.body).backgroundColor")
                ink, opacity = page.evaluate(
                    """() => {
                        const link = document.createElement("span");
                        link.className = "pagination__link";
                        link.setAttribute("aria-disabled", "true");
                        link.textContent = "← Newer";
                        document.querySelector("main").append(link);
                        return [getComputedStyle(link).color, getComputedStyle(link).opacity];
                    }"""
                )
                self.assertEqual(opacity, "1")
                self.assertGreaterEqual(contrast(ink, paper), 4.5)

    def test_footer_links_are_thumb_sized_on_a_phone(self):
        page = self.open(PHONE)
        page.goto(self.live_server_url + "/")
        heights = page.locator(".site-footer__links a").evaluate_all(
            "links => links.map(link => link.getBoundingClientRect().height)"
        )
        self.assertTrue(heights)
        self.assertGreaterEqual(min(heights), 44, heights)

    def test_bulk_publish_confirmation_for_an_editor(self):
        """Its stories' links stood in running text told apart by colour alone
        ("link-in-text-block", 2.6:1 in light mode, 1.4:1 in dark)."""
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        Article.objects.filter(pk=self.story.pk).update(status=Article.Status.REVIEW)
        # One the checklist stops: its link then stands in a sentence.
        make_article(headline="No words yet", body="", status=Article.Status.REVIEW)
        for scheme in ("light", "dark"):
            with self.subTest(scheme):
                page = self.open(color_scheme=scheme)
                self.sign_in(page, "eddie", PASSWORD)
                page.goto(self.live_server_url + reverse("admin:articles_article_changelist"))
                page.check("#action-toggle")
                page.select_option("select[name=action]", "publish_selected")
                page.click("button[name=index]")
                page.wait_for_selector("text=No, take me back")
                violations = [
                    violation
                    for violation in self.violations(page, WCAG_21_AA)
                    if violation["impact"] in ADMIN_IMPACTS
                ]
                self.assertNoViolations(violations, f"the publish confirmation ({scheme})")

    def test_sections_list_for_an_editor(self):
        """The list's position and navigation boxes had no label ("label", critical):
        a screen reader heard a column of numbers and ticks, none saying whose."""
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        page = self.open()
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:sections_section_changelist"))
        self.assertEqual(
            page.get_by_label("Position of World › Europe", exact=True).input_value(), "0"
        )
        violations = [
            violation
            for violation in self.violations(page, WCAG_21_AA)
            if violation["impact"] in ADMIN_IMPACTS
        ]
        self.assertNoViolations(violations, "the sections' list")

    def test_story_form_for_an_editor(self):
        """An editor's form for a published story, with bylines, sources, a correction
        and the blank rows for adding more."""
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        page = self.open()
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(
            self.live_server_url + reverse("admin:articles_article_change", args=[self.story.pk])
        )
        page.wait_for_selector("iframe.cke_wysiwyg_frame")
        self.screenshot(page, "accessibility-story-form")

        violations = [
            violation
            for violation in self.violations(
                page, WCAG_21_AA, context=ADMIN_CONTEXT, known=KNOWN_ADMIN_ISSUES
            )
            if violation["impact"] in ADMIN_IMPACTS
        ]
        self.assertNoViolations(unlisted(violations), "the story form")
        found = {
            (violation["id"], selector)
            for violation in violations
            for node in violation["nodes"]
            for selector in node["known"]
        }
        listed = {
            (rule, selector)
            for rule, selectors in KNOWN_ADMIN_ISSUES.items()
            for selector in selectors
        }
        self.assertEqual(listed - found, set(), "fixed: strike them from KNOWN_ADMIN_ISSUES")
