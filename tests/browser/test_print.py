"""A printed story carries its web address; the screen shows it once, in the address bar."""

from tests.browser.base import DESKTOP, BrowserTestCase
from tests.factories import make_article

CANONICAL = "() => document.querySelector('link[rel=canonical]').href"


class StoryPrintTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.story = make_article(headline="Ministers agree a grain corridor")

    def test_the_printed_story_ends_with_its_address(self):
        page = self.new_page(DESKTOP)
        page.goto(self.live_server_url + self.story.get_absolute_url())
        page.emulate_media(media="print")
        address = page.locator(".story__address")
        self.assertTrue(address.is_visible())
        self.assertEqual(address.inner_text(), f"This story online: {page.evaluate(CANONICAL)}")
        # Under the story: after its last words and its sources.
        below = page.evaluate(
            "() => document.querySelector('.story__address').getBoundingClientRect().top"
            " - document.querySelector('.story__body').getBoundingClientRect().bottom"
        )
        self.assertGreater(below, 0)
        self.screenshot(page, "story-print")

    def test_on_screen_the_address_is_neither_shown_nor_read_out(self):
        page = self.new_page(DESKTOP)
        page.goto(self.live_server_url + self.story.get_absolute_url())
        self.assertFalse(page.locator(".story__address").is_visible())
        self.assertNotIn("This story online", page.locator("main").aria_snapshot())
