"""A picture's credit under its caption, as a reader sees it."""

from tests.articles.test_images import MediaRootMixin
from tests.browser.base import DESKTOP, PHONE, BrowserTestCase, serve_media
from tests.factories import make_article

# Where the caption's first line ends and the credit begins, and their sizes.
CAPTION_AND_CREDIT = """() => {
    const caption = document.querySelector('.story__figure figcaption');
    const credit = caption.querySelector('.credit');
    const range = document.createRange();
    range.setStart(caption.firstChild, 0);
    range.setEnd(caption.firstChild, 1);
    return {
        captionBottom: range.getBoundingClientRect().bottom,
        credit: credit.getBoundingClientRect().top,
        captionSize: parseFloat(getComputedStyle(caption).fontSize),
        creditSize: parseFloat(getComputedStyle(credit).fontSize),
    };
}"""


class PictureCreditTests(MediaRootMixin, BrowserTestCase):
    def test_the_credit_has_a_line_of_its_own_in_smaller_type(self):
        """On a desktop, a short caption and its credit were one line: "… talks. REUTERS"."""
        story = make_article(
            featured_image="articles/summit.jpg",
            featured_image_width=1600,
            featured_image_height=900,
            featured_image_alt="Delegates at the summit",
            featured_image_caption="Delegates arrive for talks.",
            featured_image_credit="Reuters",
        )
        for viewport in (PHONE, DESKTOP):
            with self.subTest(viewport=viewport["width"]):
                page = self.new_page(viewport)
                serve_media(page, self.media_root)  # no file: the picture's box stays
                page.goto(self.live_server_url + story.get_absolute_url())
                lines = page.evaluate(CAPTION_AND_CREDIT)
                self.assertGreaterEqual(lines["credit"], lines["captionBottom"], lines)
                self.assertLess(lines["creditSize"], lines["captionSize"], lines)
                self.screenshot(page, f"picture-credit-{viewport['width']}")
