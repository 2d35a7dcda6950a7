"""A reader's path through the site in a real browser, on a phone and a desktop."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from sources.models import Source
from tests.browser.base import DESKTOP, PHONE, BrowserTestCase
from tests.factories import make_article, make_author, make_section, make_source


class ReaderJourneyTests(BrowserTestCase):
    def setUp(self):
        self.world = make_section(name="World", slug="world", position=1)
        self.europe = make_section(name="Europe", slug="europe", parent=self.world)
        make_section(name="Business", slug="business", position=2)
        self.writer = make_author(
            name="Amira Haddad",
            slug="amira-haddad",
            job_title="Europe correspondent",
            bio="Amira Haddad covers European politics from Paris.",
            beat=self.world,
        )
        agency = make_source(name="Continental Press Agency", slug="cpa", kind=Source.Kind.AGENCY)
        ledger = make_source(name="The Northern Ledger", slug="ledger", kind="newspaper")
        self.story = make_article(
            headline="Leaders agree on a ceasefire plan in Paris",
            slug="leaders-agree-ceasefire-plan",
            standfirst="Talks ran through the night at the foreign ministry.",
            dateline="Paris",
            section=self.europe,
            authors=[self.writer, make_author(name="Jonas Berg", slug="jonas-berg")],
            origin=agency,
            cited=[ledger],
            body=(
                "<p>European leaders agreed on Friday to a plan for a ceasefire.</p>"
                "<h2>What was agreed</h2><blockquote><p>“This is a first step,” "
                "the minister said.</p></blockquote><p>More talks follow.</p>"
            ),
            published_at=timezone.now() - timedelta(hours=1),
        )
        make_article(
            headline="A draft nobody may read",
            section=self.europe,
            status=Article.Status.DRAFT,
        )

    def journey(self, viewport, name):
        page = self.new_page(viewport)
        page.goto(self.live_server_url + "/")
        self.assertIn("Leaders agree on a ceasefire plan in Paris", page.content())
        self.assertNotIn("A draft nobody may read", page.content())
        self.screenshot(page, f"reader-{name}-1-home")

        # Home → section, through the site's navigation.
        nav = page.get_by_role("navigation", name="Sections")
        nav.get_by_role("link", name="World", exact=True).click()
        page.wait_for_url("**/world/")
        self.assertEqual(page.get_by_role("heading", level=1).first.inner_text().strip(), "World")
        self.screenshot(page, f"reader-{name}-2-section")

        # Section → story.
        page.get_by_role("link", name="Leaders agree on a ceasefire plan in Paris").first.click()
        page.wait_for_url("**/leaders-agree-ceasefire-plan/")
        headline = page.get_by_role("heading", level=1).inner_text().strip()
        self.assertEqual(headline, "Leaders agree on a ceasefire plan in Paris")
        article_text = page.locator("article").first.inner_text()
        for expected in (
            "Talks ran through the night",
            "Amira Haddad",
            "Jonas Berg",
            "Paris",
            "What was agreed",
            "Continental Press Agency",
            "The Northern Ledger",
        ):
            self.assertIn(expected, article_text)
        self.assertTrue(page.locator("article time[datetime]").first.is_visible())
        self.screenshot(page, f"reader-{name}-3-story")

        # Story → author, through the byline.
        page.locator("article").first.get_by_role("link", name="Amira Haddad").first.click()
        page.wait_for_url("**/authors/amira-haddad/")
        author_name = page.get_by_role("heading", level=1).first.inner_text().strip()
        self.assertEqual(author_name, "Amira Haddad")
        self.assertIn("covers European politics", page.content())
        self.assertIn("Leaders agree on a ceasefire plan in Paris", page.content())
        self.screenshot(page, f"reader-{name}-4-author")

        # Nothing on the page is wider than the screen (no sideways scrolling).
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        self.assertLessEqual(overflow, 0)

    def test_reader_journey_on_a_phone(self):
        self.journey(PHONE, "phone")

    def test_reader_journey_on_a_desktop(self):
        self.journey(DESKTOP, "desktop")
