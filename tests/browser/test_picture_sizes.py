"""Each picture's ``sizes`` is the width a browser draws it at, so it fetches no larger a copy.

A browser picks a rendition from ``sizes`` before it has laid the page out;
here the figure it reads from ``sizes`` is set beside the width the picture
is drawn at once the page is laid out.
"""

import base64
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import body_pictures
from articles.images import clean_image_upload
from tests.articles.test_images import MediaRootMixin
from tests.browser.base import DESKTOP, PHONE, BrowserTestCase, serve_media
from tests.factories import make_article, make_image_bytes, make_section

# A picture 1000 px wide offered as "1000w" is drawn at its natural width
# when its natural width is what sizes says: the browser's reading of sizes.
_PROBE = io.BytesIO()
Image.new("1", (1000, 1)).save(_PROBE, "PNG")
PROBE = "data:image/png;base64," + base64.b64encode(_PROBE.getvalue()).decode()

# For each picture the selector finds: the width its sizes gives, the width it
# is drawn at (object-fit: contain draws it whole, maybe narrower than its
# box) and the copy the browser fetched.
MEASURE = """async ({selector, probe}) => {
    const found = [];
    for (const img of document.querySelectorAll(selector)) {
        img.scrollIntoView();
        if (!img.complete) await new Promise((done) => img.addEventListener('load', done));
        const reading = new Image();
        reading.sizes = img.sizes;
        reading.srcset = `${probe} 1000w`;
        await reading.decode();
        const box = img.getBoundingClientRect();
        const ratio = img.naturalWidth / img.naturalHeight;
        const contained = getComputedStyle(img).objectFit === 'contain';
        found.push({
            sizes: reading.naturalWidth,
            drawn: contained ? Math.min(box.width, box.height * ratio) : box.width,
            fetched: img.currentSrc.split('/').pop(),
        });
    }
    return found;
}"""

SHORT_LAPTOP = {"width": 1280, "height": 720}
TABLET = {"width": 800, "height": 1100}


def picture_upload(name, size):
    return SimpleUploadedFile(name, make_image_bytes("JPEG", size=size))


class PictureSizesTestCase(MediaRootMixin, BrowserTestCase):
    def measure(self, viewport, path, selector):
        page = self.new_page(viewport)
        serve_media(page, self.media_root)
        page.goto(self.live_server_url + path)
        return page.evaluate(MEASURE, {"selector": selector, "probe": PROBE})

    def assert_sizes_are_drawn_width(self, picture, slack=1.5):
        """Never narrower (a blurred picture), and not wider but for ``slack`` pixels."""
        self.assertGreaterEqual(picture["sizes"], picture["drawn"] - 1.5, picture)
        self.assertLessEqual(picture["sizes"], picture["drawn"] + slack, picture)


class StoryPictureSizesTests(PictureSizesTestCase):
    def setUp(self):
        super().setUp()
        tall = clean_image_upload(picture_upload("tall.jpg", (1200, 2400)), max_width=1600)
        wide = clean_image_upload(picture_upload("wide.jpg", (1600, 1200)), max_width=1600)
        tall_name = body_pictures.store(tall, "uploads/2026/11")
        wide_name = body_pictures.store(wide, "uploads/2026/11")
        self.story = make_article(
            featured_image=picture_upload("minister.jpg", (1200, 1800)),
            featured_image_alt="The minister at the lectern",
            body=(
                "<p>The minister spoke from the balcony.</p>"
                f'<p><img src="/media/{tall_name}" alt="The balcony"></p>'
                f'<p><img src="/media/{wide_name}" alt="The square below"></p>'
            ),
        )

    def test_a_portrait_top_picture_is_fetched_for_the_width_it_is_drawn(self):
        """1200×1800 is drawn 390 px wide on a 1366×900 desktop: the 640 copy, not the 960."""
        for viewport in (PHONE, TABLET, DESKTOP, SHORT_LAPTOP):
            with self.subTest(viewport=viewport):
                (top,) = self.measure(viewport, self.story.get_absolute_url(), ".story__figure img")
                self.assert_sizes_are_drawn_width(top)
                if viewport is DESKTOP:
                    self.assertTrue(top["fetched"].endswith("-640.webp"), top)

    def test_a_portrait_body_picture_is_fetched_for_the_width_it_is_drawn(self):
        """1200×2400 is drawn 293 px wide on a 1366×900 desktop: the 320 copy, not the 960."""
        for viewport in (PHONE, TABLET, DESKTOP, SHORT_LAPTOP):
            with self.subTest(viewport=viewport):
                tall, wide = self.measure(
                    viewport, self.story.get_absolute_url(), ".story__body img"
                )
                self.assert_sizes_are_drawn_width(tall)
                if viewport is PHONE:
                    # A landscape one fills the column (on a wider screen the
                    # body's 70ch is a little narrower than sizes says).
                    self.assert_sizes_are_drawn_width(wide)
                if viewport is DESKTOP:
                    self.assertTrue(tall["fetched"].endswith("-1200x2400-320.webp"), tall)
                    self.assertTrue(wide["fetched"].endswith("-1600x1200-960.webp"), wide)


class ListPictureSizesTests(PictureSizesTestCase):
    def setUp(self):
        super().setUp()
        self.section = make_section(name="Europe", slug="europe")
        for n in range(3):
            make_article(
                section=self.section,
                featured_image=picture_upload(f"story-{n}.jpg", (1600, 1067)),
                featured_image_alt="",
            )

    def test_the_front_pages_lead_is_fetched_for_its_column(self):
        """On a phone the page less its margins; on a desktop two thirds of the page."""
        for viewport in (PHONE, TABLET, {"width": 1024, "height": 768}, DESKTOP):
            with self.subTest(viewport=viewport):
                (lead, *_) = self.measure(viewport, "/", ".front__lead img")
                # At 76rem and wider the page stops growing; 48rem is 5 px over.
                self.assert_sizes_are_drawn_width(lead, slack=6)

    def test_a_sections_pictures_on_a_phone_are_fetched_for_the_page_less_its_margins(self):
        pictures = self.measure(PHONE, "/europe/", ".story-card__image img")
        self.assertEqual(len(pictures), 3)
        for picture in pictures:
            self.assert_sizes_are_drawn_width(picture)
