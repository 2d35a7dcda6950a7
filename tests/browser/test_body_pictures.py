"""A picture in a story body reaches a phone as a small copy, not as the stored original."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import tag

from articles import body_pictures
from articles.images import clean_image_upload
from tests.articles.test_images import MediaRootMixin
from tests.browser.base import DESKTOP, PHONE, BrowserTestCase, hold_media, serve_media
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
class BodyPictureTestCase(MediaRootMixin, BrowserTestCase):
    """Story pages whose pictures are served from the test's own storage."""

    def open_story(self, viewport):
        """``self.story`` with media served from this test's storage; the paths asked for."""
        page = self.new_page(viewport)
        requested = serve_media(page, self.media_root)
        page.goto(self.live_server_url + self.story.get_absolute_url())
        return page, requested


class BodyPictureTests(BodyPictureTestCase):
    def setUp(self):
        super().setUp()
        upload = SimpleUploadedFile("flood.jpg", make_image_bytes("JPEG", size=(4000, 3000)))
        image = clean_image_upload(upload, max_width=1600)
        self.name = body_pictures.store(image, "uploads/2026/11")
        picture = f'<p><img src="/media/{self.name}" alt="Flood"></p>'
        self.story = make_article(body=f"<p>The river rose overnight.</p>{picture}")

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
        hold_media(self, page)
        page.goto(
            self.live_server_url + self.story.get_absolute_url(), wait_until="domcontentloaded"
        )
        width, height = page.evaluate(
            "(() => { const box = document.querySelector('.story__body img')"
            ".getBoundingClientRect(); return [box.width, box.height]; })()"
        )
        self.assertAlmostEqual(height, width * 3 / 4, delta=1)
        self.assertGreater(height, 200)


# Every picture in the body once loaded: its box, how it is fitted in it, the screen.
LOADED_PICTURES = """async () => {
    const boxes = [];
    for (const img of document.querySelectorAll('.story__body img')) {
        img.scrollIntoView();
        if (!img.complete) await new Promise((done) => img.addEventListener('load', done));
        const box = img.getBoundingClientRect();
        boxes.push({
            width: box.width,
            height: box.height,
            natural: img.naturalWidth,
            fit: getComputedStyle(img).objectFit,
            // Where the picture is drawn: its box's left plus the room the fit left.
            drawnLeft: box.left + (box.width - Math.min(
                box.width, box.height * img.naturalWidth / img.naturalHeight
            )) * parseFloat(getComputedStyle(img).objectPosition) / 100,
            textLeft: img.closest('.story__body').getBoundingClientRect().left,
        });
    }
    return {pictures: boxes, screen: innerHeight};
}"""


class TallBodyPictureTests(BodyPictureTestCase):
    """A portrait picture in the body is held to most of a screen, as the featured one is."""

    def setUp(self):
        super().setUp()
        tall = make_image_bytes("JPEG", size=(1200, 2400))
        upload = SimpleUploadedFile("portrait.jpg", tall)
        sized = body_pictures.store(clean_image_upload(upload, max_width=1600), "uploads/2026/11")
        # One stored before pictures carried their size: a bare <img>, no width or height.
        plain = default_storage.save("uploads/2025/03/portrait.jpg", ContentFile(tall))
        self.story = make_article(
            body=(
                "<p>The minister spoke from the balcony.</p>"
                f'<p><img src="/media/{sized}" alt="The minister on the balcony"></p>'
                f'<p><img src="/media/{sized}" alt="A stamp" width="150" height="300"></p>'
                f'<p><img src="/media/{plain}" alt="The balcony from below"></p>'
            )
        )

    def test_a_tall_picture_is_no_taller_than_most_of_a_screen_and_drawn_whole(self):
        for viewport in (PHONE, DESKTOP):
            with self.subTest(viewport=viewport["width"]):
                page, _ = self.open_story(viewport)
                found = page.evaluate(LOADED_PICTURES)
                screen = found["screen"]
                responsive, small, bare = found["pictures"]
                for picture in (responsive, small, bare):
                    self.assertGreater(picture["natural"], 0)  # loaded, not broken
                # Held to 65% of the screen's height, whole: not cropped or stretched.
                self.assertLessEqual(responsive["height"], screen * 0.65 + 1)
                self.assertGreater(responsive["height"], screen * 0.65 - 1)
                self.assertEqual(responsive["fit"], "contain")
                # Without a width and height the box itself keeps the proportions.
                self.assertLessEqual(bare["height"], screen * 0.65 + 1)
                self.assertAlmostEqual(bare["width"], bare["height"] / 2, delta=1)
                # Narrower than its box once held to that height, it is drawn at the
                # text's edge, not floating off-centre in the box.
                self.assertAlmostEqual(responsive["drawnLeft"], responsive["textLeft"], delta=1)
                # A size the author chose that fits is kept.
                self.assertEqual((small["width"], small["height"]), (150, 300))
                self.screenshot(page, f"tall-body-picture-{viewport['width']}")

    def test_the_capped_space_is_kept_before_the_picture_loads(self):
        """No jump: the box reserved while it downloads is the one it is drawn in."""
        for viewport in (PHONE, DESKTOP):
            with self.subTest(viewport=viewport["width"]):
                page = self.new_page(viewport)
                hold_media(self, page)
                page.goto(
                    self.live_server_url + self.story.get_absolute_url(),
                    wait_until="domcontentloaded",
                )
                waiting = page.locator(".story__body img").first.bounding_box()
                loaded, _ = self.open_story(viewport)
                picture = loaded.evaluate(LOADED_PICTURES)["pictures"][0]
                self.assertAlmostEqual(waiting["height"], picture["height"], delta=1)
                self.assertAlmostEqual(waiting["width"], picture["width"], delta=1)
