"""A picture in a story body reaches a phone as a small copy, not as the stored original."""

import mimetypes
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import tag

from articles import body_pictures
from articles.images import clean_image_upload
from tests.articles.test_images import MediaRootMixin
from tests.browser.base import DESKTOP, PHONE, BrowserTestCase
from tests.factories import make_article, make_image_bytes

# The picture, its box and the column it sits in, once it has loaded.
LOADED_PICTURE = """async () => {
    const img = document.querySelector('.story__body img');
    img.scrollIntoView();
    if (!img.complete) await new Promise((done) => img.addEventListener('load', done));
    const box = img.getBoundingClientRect();
    return {
        src: img.currentSrc,
        natural: img.naturalWidth,
        width: box.width,
        height: box.height,
        column: document.querySelector('.story__body').getBoundingClientRect().width,
    };
}"""


@tag("browser")
class BodyPictureTests(MediaRootMixin, BrowserTestCase):
    def setUp(self):
        super().setUp()
        upload = SimpleUploadedFile("flood.jpg", make_image_bytes("JPEG", size=(4000, 3000)))
        image = clean_image_upload(upload, max_width=1600)
        self.name = body_pictures.store(image, "uploads/2026/11")
        picture = f'<p><img src="/media/{self.name}" alt="Flood"></p>'
        self.story = make_article(body=f"<p>The river rose overnight.</p>{picture}")

    def open_story(self, viewport):
        """The story page with media served from this test's storage; the paths asked for."""
        page = self.new_page(viewport)
        requested = []

        def serve_media(route):
            path = route.request.url.split("/media/", 1)[1]
            requested.append(path)
            file = Path(self.media_root) / path
            if not file.is_file():
                route.fulfill(status=404)
                return
            route.fulfill(
                status=200, body=file.read_bytes(), content_type=mimetypes.guess_type(path)[0]
            )

        page.route("**/media/**", serve_media)
        page.goto(self.live_server_url + self.story.get_absolute_url())
        return page, requested

    def test_a_phone_gets_a_copy_for_its_column_and_a_desktop_a_larger_one(self):
        for viewport, width in ((PHONE, 640), (DESKTOP, 960)):
            with self.subTest(viewport=viewport["width"]):
                page, requested = self.open_story(viewport)
                picture = page.evaluate(LOADED_PICTURE)
                self.assertTrue(picture["src"].endswith(f"-1600x1200-{width}.webp"), picture)
                self.assertGreater(picture["natural"], 0)  # loaded, not a broken picture
                self.assertEqual(requested, [f"renditions/{self.name[:-4]}-{width}.webp"])
                # As wide as the column, in its own proportions.
                self.assertAlmostEqual(picture["width"], picture["column"], delta=1)
                self.assertAlmostEqual(picture["height"], picture["width"] * 3 / 4, delta=1)
                self.screenshot(page, f"body-picture-{viewport['width']}")

    def test_the_pictures_space_is_kept_before_it_loads(self):
        """No jump: the width and height reserve the picture's box while it downloads."""
        page = self.new_page(PHONE)
        page.route("**/media/**", lambda route: None)  # never answered
        page.goto(
            self.live_server_url + self.story.get_absolute_url(), wait_until="domcontentloaded"
        )
        width, height = page.evaluate(
            "(() => { const box = document.querySelector('.story__body img')"
            ".getBoundingClientRect(); return [box.width, box.height]; })()"
        )
        self.assertAlmostEqual(height, width * 3 / 4, delta=1)
        self.assertGreater(height, 200)
