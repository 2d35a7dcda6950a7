"""Image checks, re-encoding, renditions and the {% picture %} tag."""

import io
import os
import shutil
import tempfile
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from django.test import TestCase, override_settings
from PIL import ExifTags, Image, ImageCms

from articles import renditions
from articles.images import clean_image_upload, to_8bit
from articles.models import Article
from tests.factories import (
    make_16bit_gradient_png,
    make_article,
    make_author,
    make_hostile_uploads,
    make_image_bytes,
)


class MediaRootMixin:
    """Give each test class its own MEDIA_ROOT, removed afterwards."""

    @classmethod
    def setUpClass(cls):
        # Class clean-ups run even if the class's set-up fails, as tearDownClass does not.
        cls.media_root = tempfile.mkdtemp(prefix="newsroom-media-")
        cls.addClassCleanup(shutil.rmtree, cls.media_root, ignore_errors=True)
        cls.media_override = override_settings(MEDIA_ROOT=cls.media_root)
        cls.media_override.enable()
        cls.addClassCleanup(cls.media_override.disable)
        super().setUpClass()

    def setUp(self):
        super().setUp()
        # Each test starts with empty storage, so "nothing was stored" means it.
        shutil.rmtree(self.media_root, ignore_errors=True)
        os.makedirs(self.media_root)


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def decoded(content):
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


class CleanImageUploadTests(TestCase):
    def test_each_accepted_format_is_re_encoded_in_that_format(self):
        for image_format, extension in [
            ("JPEG", ".jpg"),
            ("PNG", ".png"),
            ("WEBP", ".webp"),
            ("GIF", ".gif"),
        ]:
            with self.subTest(image_format):
                original = make_image_bytes(image_format, size=(120, 80))
                cleaned = clean_image_upload(upload("Holiday Photo.jpeg", original))
                self.assertEqual(cleaned.image_format, image_format)
                self.assertTrue(cleaned.name.endswith(extension))
                self.assertNotIn("Holiday", cleaned.name)
                self.assertEqual((cleaned.width, cleaned.height), (120, 80))
                self.assertEqual(decoded(cleaned.read()).format, image_format)

    def test_the_format_comes_from_the_bytes_not_the_name(self):
        cleaned = clean_image_upload(upload("photo.jpg", make_image_bytes("PNG")))
        self.assertTrue(cleaned.name.endswith(".png"))

    def test_hostile_files_are_refused_with_a_message(self):
        for description, (name, content) in make_hostile_uploads().items():
            with self.subTest(description), self.assertRaises(ValidationError) as caught:
                clean_image_upload(upload(name, content))
            self.assertTrue(caught.exception.messages[0])

    def test_the_bomb_is_refused_for_its_pixels_before_decoding(self):
        _, bomb = make_hostile_uploads()["decompression bomb"]
        with (
            mock.patch.object(Image.Image, "load", side_effect=AssertionError("decoded")),
            self.assertRaises(ValidationError) as caught,
        ):
            clean_image_upload(upload("map.png", bomb))
        self.assertEqual(caught.exception.code, "too_many_pixels")
        self.assertIn("megapixels", caught.exception.messages[0])

    def test_a_picture_too_tall_for_its_renditions_is_refused(self):
        """A 1×60000 strip was taken: its renditions, 60,000 pixels tall, failed with a
        traceback in the error log, and it was served whole."""
        for size in ((1, 16384), (100, 20000), (1000, 20000)):
            with self.subTest(size), self.assertRaises(ValidationError) as caught:
                clean_image_upload(upload("strip.png", make_image_bytes("PNG", size=size)))
            self.assertEqual(caught.exception.code, "side_too_long")
            self.assertIn("too tall for its width to be shown", caught.exception.messages[0])
        # A wide panorama is fine: its renditions are 1,280 pixels wide at most.
        cleaned = clean_image_upload(upload("wide.png", make_image_bytes("PNG", size=(17000, 20))))
        self.assertEqual((cleaned.width, cleaned.height), (17000, 20))

    @override_settings(IMAGE_UPLOAD_MAX_PIXELS=100 * 100)
    def test_pixel_cap_follows_the_setting(self):
        with self.assertRaises(ValidationError) as caught:
            clean_image_upload(upload("wide.png", make_image_bytes("PNG", size=(101, 100))))
        self.assertEqual(caught.exception.code, "too_many_pixels")
        clean_image_upload(upload("fits.png", make_image_bytes("PNG", size=(100, 100))))

    @override_settings(IMAGE_UPLOAD_MAX_BYTES=2000)
    def test_size_cap_follows_the_setting(self):
        content = make_image_bytes("PNG", size=(300, 300), compress_level=0)
        self.assertGreater(len(content), 2000)
        with self.assertRaises(ValidationError) as caught:
            clean_image_upload(upload("big.png", content))
        self.assertEqual(caught.exception.code, "file_too_large")
        self.assertIn("2.0\xa0KB", caught.exception.messages[0])

    def test_other_formats_pillow_reads_are_refused(self):
        for image_format in ["BMP", "TIFF", "ICO", "PPM"]:
            with self.subTest(image_format), self.assertRaises(ValidationError):
                clean_image_upload(upload("photo.jpg", make_image_bytes(image_format)))

    def test_exif_orientation_is_applied_and_gps_and_other_metadata_dropped(self):
        exif = Image.Exif()
        exif[ExifTags.Base.Orientation] = 6  # shot sideways: rotate 90° clockwise to view
        exif[ExifTags.Base.Make] = "Newsroom Camera"
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 24.0)
        gps[ExifTags.GPS.GPSLongitudeRef] = "E"
        gps[ExifTags.GPS.GPSLongitude] = (2.0, 21.0, 3.0)
        original = make_image_bytes(
            "JPEG", size=(400, 200), exif=exif, comment=b"home address: 1 Rue X"
        )
        # The test file really carries what we strip.
        self.assertEqual(decoded(original).getexif().get_ifd(ExifTags.IFD.GPSInfo)[1], "N")
        self.assertIn(b"home address", original)

        cleaned = clean_image_upload(upload("IMG_0001.JPG", original))
        content = cleaned.read()
        image = decoded(content)

        self.assertEqual(image.size, (200, 400))  # upright
        self.assertEqual((cleaned.width, cleaned.height), (200, 400))
        self.assertEqual(len(image.getexif()), 0)
        self.assertNotIn("exif", image.info)
        self.assertNotIn(b"Exif", content)
        self.assertNotIn(b"Newsroom Camera", content)
        self.assertNotIn(b"home address", content)

    def test_png_text_and_icc_profile_are_dropped(self):
        from PIL import PngImagePlugin

        text = PngImagePlugin.PngInfo()
        text.add_text("Author", "Jane Source, +33 6 12 34 56 78")
        icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        original = make_image_bytes("PNG", pnginfo=text, icc_profile=icc)
        self.assertIn(b"iCCP", original)

        content = clean_image_upload(upload("chart.png", original)).read()

        self.assertNotIn(b"Jane Source", content)
        self.assertNotIn(b"iCCP", content)
        self.assertNotIn("icc_profile", decoded(content).info)

    def test_bytes_around_a_real_image_are_not_kept(self):
        """A whole GIF followed by a script decodes fine; only its pixels are kept."""
        polyglot = make_image_bytes("GIF", mode="P") + b"<script>alert(1)</script>"
        content = clean_image_upload(upload("funny.gif", polyglot)).read()
        self.assertNotIn(b"<script", content)
        self.assertEqual(decoded(content).format, "GIF")

    def test_animated_gif_keeps_its_first_frame(self):
        frames = [Image.new("RGB", (40, 30), color) for color in ("red", "green", "blue")]
        stream = io.BytesIO()
        frames[0].save(stream, "GIF", save_all=True, append_images=frames[1:], duration=100)
        self.assertEqual(decoded(stream.getvalue()).n_frames, 3)

        content = clean_image_upload(upload("moving.gif", stream.getvalue())).read()

        self.assertEqual(decoded(content).n_frames, 1)


def make_photo(size=(1600, 900), image_format="JPEG"):
    """A re-encoded upload, as the admin form would hand it to the model."""
    return clean_image_upload(upload("photo", make_image_bytes(image_format, size=size)))


class RenditionTests(MediaRootMixin, TestCase):
    def test_saving_a_story_makes_every_rendition_once_after_commit(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            article = make_article(featured_image=make_photo())
        self.assertEqual(len(callbacks), 1)
        name = article.featured_image.name

        for width in (320, 640, 960, 1280):
            for image_format in ("WEBP", "JPEG"):
                rendition = renditions.rendition_name(name, width, image_format)
                with default_storage.open(rendition) as stored:
                    image = decoded(stored.read())
                self.assertEqual(image.format, image_format)
                self.assertEqual(image.size, (width, round(900 * width / 1600)))
        with default_storage.open(renditions.social_name(name)) as stored:
            social = decoded(stored.read())
        self.assertEqual((social.format, social.size), ("JPEG", (1200, 630)))

        # Saving again (a headline fix) writes nothing new. The callbacks are run
        # by hand: robust on_commit callbacks would only log the failure.
        with self.captureOnCommitCallbacks() as callbacks:
            article.headline = "A better headline"
            article.save()
        with mock.patch.object(default_storage, "save", side_effect=AssertionError("written")):
            for callback in callbacks:
                self.assertEqual(callback(), [])

    def test_small_images_are_not_upscaled(self):
        with self.captureOnCommitCallbacks(execute=True):
            article = make_article(featured_image=make_photo(size=(500, 300), image_format="PNG"))
        name = article.featured_image.name
        self.assertEqual(renditions.rendition_widths(500), (320, 500))
        self.assertEqual(renditions.rendition_widths(1280), (320, 640, 960, 1280))
        self.assertEqual(renditions.rendition_widths(4000), (320, 640, 960, 1280))
        for width in (320, 500):
            self.assertTrue(default_storage.exists(renditions.rendition_name(name, width, "PNG")))
            self.assertTrue(default_storage.exists(renditions.rendition_name(name, width, "WEBP")))
        self.assertFalse(default_storage.exists(renditions.rendition_name(name, 640, "WEBP")))

    def test_webp_originals_get_webp_renditions_only(self):
        self.assertEqual(renditions.rendition_formats("articles/a.webp"), ("WEBP",))
        self.assertEqual(renditions.rendition_formats("articles/a.gif"), ("WEBP", "GIF"))

    def test_author_photos_get_renditions_too(self):
        with self.captureOnCommitCallbacks(execute=True):
            author = make_author(photo=make_photo(size=(400, 400)))
        self.assertTrue(default_storage.exists(renditions.social_name(author.photo.name)))

    def test_stories_without_an_image_schedule_nothing(self):
        with self.captureOnCommitCallbacks() as callbacks:
            make_article()
        self.assertEqual(callbacks, [])

    def test_a_missing_original_is_skipped_without_an_error(self):
        with self.assertLogs("articles.renditions", "WARNING") as logs:
            written = renditions.make_renditions(default_storage, "articles/gone.jpg")
        self.assertEqual(written, [])
        self.assertIn("missing", logs.output[0])

    def test_make_renditions_command_fills_gaps_and_is_idempotent(self):
        article = make_article(featured_image=make_photo(size=(700, 350)))  # no commit hook ran
        # An imported row whose dimensions were never stored.
        Article.objects.filter(pk=article.pk).update(
            featured_image_width=None, featured_image_height=None
        )
        out = io.StringIO()
        call_command("make_renditions", stdout=out)
        # What the row holds (an instance would read the size from the file).
        self.assertEqual(
            Article.objects.filter(pk=article.pk)
            .values_list("featured_image_width", "featured_image_height")
            .get(),
            (700, 350),
        )
        self.assertTrue(default_storage.exists(renditions.social_name(article.featured_image.name)))
        self.assertIn("1 image checked, ", out.getvalue())

        with mock.patch.object(default_storage, "save", side_effect=AssertionError("written")):
            call_command("make_renditions", stdout=io.StringIO())


def assert_gradient(test, image, original_width, tolerance=4):
    """``image`` is a copy of :func:`make_16bit_gradient_png`'s gradient, scaled to 8 bits.

    Checks nine columns of its middle row against the 16-bit originals
    divided by 257; a copy that clipped them instead would be white.
    """
    image = image.convert("L")
    width = image.width
    for tenth in range(1, 10):
        x = width * tenth // 10
        # The original column this one was resampled from (pixel centres).
        source_x = (x + 0.5) * original_width / width - 0.5
        expected = source_x * 255 / (original_width - 1)
        actual = image.getpixel((x, image.height // 2))
        test.assertAlmostEqual(actual, expected, delta=tolerance, msg=f"column {x} of {width}")


class SixteenBitRenditionTests(MediaRootMixin, TestCase):
    """16-bit PNGs: readers' copies keep the picture's greys instead of turning white."""

    def test_every_rendition_of_a_16_bit_png_keeps_its_greys(self):
        for colour in (False, True):
            with self.subTest("RGB, 48-bit" if colour else "greyscale, 16-bit"):
                original = make_16bit_gradient_png(size=(1300, 700), colour=colour)
                photo = clean_image_upload(upload("scan.png", original))
                with self.captureOnCommitCallbacks(execute=True):
                    article = make_article(featured_image=photo)
                name = article.featured_image.name

                with default_storage.open(name) as stored:
                    assert_gradient(self, to_8bit(decoded(stored.read())), 1300, tolerance=1)
                for width in (320, 640, 960, 1280):
                    for image_format in ("WEBP", "PNG"):
                        rendition = renditions.rendition_name(name, width, image_format)
                        with default_storage.open(rendition) as stored:
                            assert_gradient(self, decoded(stored.read()), 1300)
                with default_storage.open(renditions.social_name(name)) as stored:
                    social = decoded(stored.read())
                # The crop takes the full width (it trims rows), so columns map as above.
                self.assertEqual(social.size, (1200, 630))
                assert_gradient(self, social, 1300)

    def test_to_8bit_scales_16_and_32_bit_greys_and_keeps_a_transparent_grey(self):
        greys = Image.new("I;16", (4, 1))
        greys.putdata([0, 257 * 100, 32896, 65535])
        self.assertEqual(list(to_8bit(greys).get_flattened_data()), [0, 100, 128, 255])
        self.assertEqual(list(to_8bit(greys.convert("I")).get_flattened_data()), [0, 100, 128, 255])
        # Deeper than 16 bits: the brightest grey is white.
        deep = Image.new("I", (3, 1))
        deep.putdata([0, 2**20, 2**21])
        self.assertEqual(list(to_8bit(deep).get_flattened_data()), [0, 128, 255])

        transparent = decoded(make_16bit_gradient_png(size=(256, 2), transparent=0))
        self.assertEqual((transparent.mode, transparent.info["transparency"]), ("I;16", 0))
        flat = to_8bit(transparent)
        self.assertEqual(flat.mode, "LA")
        self.assertEqual(
            [flat.getpixel((x, 0)) for x in (0, 1, 128, 255)],
            [(0, 0), (1, 255), (128, 255), (255, 255)],
        )


class BodyPictureRenditionTests(MediaRootMixin, TestCase):
    """Pictures in story bodies: renditions without a social crop, remade by the command."""

    def store_original(self, name, size=(1000, 600)):
        """An original as a restore or an import leaves it: stored, with no renditions."""
        return default_storage.save(name, make_photo(size=size))

    def test_a_set_without_a_social_crop_is_finished_by_its_widest_copy(self):
        name = self.store_original("uploads/2026/11/a-1000x600.jpg")
        written = renditions.make_renditions(
            default_storage, name, social_crop=False, original_width=1000
        )
        self.assertEqual(written, renditions.rendition_names(name, 1000, social_crop=False))
        self.assertEqual(written[-1], "renditions/uploads/2026/11/a-1000x600-1000.jpg")
        self.assertFalse(default_storage.exists(renditions.social_name(name)))

        # Done: a second call costs one existence check, and opens nothing.
        with (
            mock.patch.object(default_storage, "open", side_effect=AssertionError("opened")),
            mock.patch.object(default_storage, "exists", wraps=default_storage.exists) as exists,
        ):
            again = renditions.make_renditions(
                default_storage, name, social_crop=False, original_width=1000
            )
        self.assertEqual((again, exists.call_count), ([], 1))

    def test_make_renditions_command_covers_pictures_in_story_bodies(self):
        sized = self.store_original(f"uploads/2026/11/{'a' * 32}-1000x600.jpg")
        plain = self.store_original(f"uploads/2026/11/{'b' * 32}.jpg")
        gone = f"uploads/2026/11/{'c' * 32}-800x600.jpg"
        body = "".join(
            f'<p><img src="{src}" alt="x"></p>'
            for src in (
                default_storage.url(sized),
                default_storage.url(plain),
                default_storage.url(gone),
                f"https://other.example/media/{sized}",
            )
        )
        story = make_article(body=body)
        make_article(body=body)  # the same pictures in a second story count once
        out, err = io.StringIO(), io.StringIO()
        call_command("make_renditions", stdout=out, stderr=err)

        for rendition in renditions.rendition_names(sized, 1000, social_crop=False):
            self.assertTrue(default_storage.exists(rendition), rendition)
        self.assertFalse(default_storage.exists(renditions.social_name(sized)))
        self.assertFalse(default_storage.exists(renditions.rendition_name(plain, 320, "WEBP")))
        self.assertIn(
            "2 images checked, 8 renditions written. 1 original missing: upload it again or "
            "restore it.",
            out.getvalue(),
        )
        self.assertIn(f"Article {story.pk}: the body picture {gone} is missing", err.getvalue())

        with mock.patch.object(default_storage, "save", side_effect=AssertionError("written")):
            call_command("make_renditions", stdout=io.StringIO(), stderr=io.StringIO())


class MissingOriginalTests(MediaRootMixin, TestCase):
    def test_make_renditions_reports_a_missing_original_and_goes_on(self):
        gone = make_article(
            featured_image="articles/gone.jpg", featured_image_width=8, featured_image_height=6
        )
        kept = make_article(featured_image=make_photo(size=(700, 350)))
        Article.objects.filter(pk=kept.pk).update(
            featured_image_width=None, featured_image_height=None
        )
        out, err = io.StringIO(), io.StringIO()
        call_command("make_renditions", stdout=out, stderr=err)
        self.assertIn(f"Article {gone.pk}: articles/gone.jpg is missing; skipped.", err.getvalue())
        self.assertIn("1 original missing: upload it again or restore it.", out.getvalue())
        self.assertEqual(
            Article.objects.filter(pk=kept.pk).values_list("featured_image_width").get(), (700,)
        )


class PictureTagTests(TestCase):
    template = Template(
        "{% load newsroom_images %}"
        '{% picture story.featured_image alt=story.featured_image_alt sizes="50vw" %}'
    )

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(
            featured_image="articles/abc123.jpg",
            featured_image_width=1600,
            featured_image_height=900,
            featured_image_alt='Leaders "meet" <in> Paris',
        )

    def render(self, template=None, **context):
        return (template or self.template).render(Context({"story": self.article, **context}))

    def test_renders_a_responsive_picture_without_queries_or_storage(self):
        """Story lists render one picture per card: no query, no file access each."""
        article = Article.objects.get(pk=self.article.pk)
        touched = AssertionError("storage touched")
        with (
            self.assertNumQueries(0),
            mock.patch.object(default_storage, "exists", side_effect=touched),
            mock.patch.object(default_storage, "open", side_effect=touched),
            mock.patch.object(default_storage, "size", side_effect=touched),
        ):
            html = self.template.render(Context({"story": article}))

        webp = ", ".join(
            f"/media/renditions/articles/abc123-{w}.webp {w}w" for w in (320, 640, 960, 1280)
        )
        jpeg = webp.replace(".webp", ".jpg")
        self.assertInHTML(
            f'<picture><source type="image/webp" srcset="{webp}" sizes="50vw">'
            f'<img src="/media/articles/abc123.jpg" srcset="{jpeg}" sizes="50vw" '
            'alt="Leaders &quot;meet&quot; &lt;in&gt; Paris" width="1600" height="900" '
            'loading="lazy" decoding="async"></picture>',
            html,
        )

    def test_the_lead_image_loads_eagerly(self):
        html = self.render(
            Template(
                '{% load newsroom_images %}{% picture story.featured_image loading="eager" '
                'fetchpriority="high" css_class="lead" %}'
            )
        )
        self.assertIn('loading="eager"', html)
        self.assertIn('fetchpriority="high"', html)
        self.assertIn('class="lead"', html)

    def test_an_eager_picture_asks_to_come_first_only_when_told(self):
        """A page has one largest paint: other pictures on screen load at once, not first."""
        html = self.render(
            Template('{% load newsroom_images %}{% picture story.featured_image loading="eager" %}')
        )
        self.assertIn('loading="eager"', html)
        self.assertNotIn("fetchpriority", html)

    def test_explicit_width_and_height_win(self):
        html = self.render(
            Template(
                "{% load newsroom_images %}{% picture story.featured_image width=400 height=225 %}"
            )
        )
        self.assertIn('width="400" height="225"', html)
        self.assertIn("abc123-1280.webp 1280w", html)

    def test_without_stored_dimensions_the_original_is_shown_alone(self):
        self.article.featured_image_width = None
        html = self.render()
        self.assertInHTML(
            '<img src="/media/articles/abc123.jpg" alt="Leaders &quot;meet&quot; &lt;in&gt; '
            'Paris" height="900" loading="lazy" decoding="async">',
            html,
        )
        self.assertNotIn("srcset", html)

    def test_no_image_renders_nothing(self):
        self.article.featured_image = ""
        self.assertEqual(self.render(), "")

    def test_social_image_url(self):
        self.assertEqual(
            renditions.social_image_url(self.article.featured_image),
            "/media/renditions/articles/abc123-social.jpg",
        )
        html = Template(
            "{% load newsroom_images %}{% social_image_url story.featured_image request %}"
        ).render(
            Context(
                {
                    "story": self.article,
                    "request": mock.Mock(
                        build_absolute_uri=lambda url: f"https://news.example{url}"
                    ),
                }
            )
        )
        self.assertEqual(html, "https://news.example/media/renditions/articles/abc123-social.jpg")
        self.assertEqual(renditions.social_image_url(Article().featured_image), "")

    def test_social_image_size_is_known_without_opening_a_file(self):
        """The crop's size, or the row's size of the original it falls back to."""
        article = Article.objects.get(pk=self.article.pk)
        touched = AssertionError("storage touched")
        with (
            mock.patch.object(default_storage, "open", side_effect=touched),
            mock.patch.object(default_storage, "size", side_effect=touched),
        ):
            self.assertEqual(renditions.social_image_size(article.featured_image), (1200, 630))
            # A name in no format we render: the original is shared, at its own size.
            scan = Article(
                featured_image="articles/abc123.tiff",
                featured_image_width=1600,
                featured_image_height=900,
            )
            self.assertEqual(renditions.social_image_size(scan.featured_image), (1600, 900))
            scan.featured_image_width = scan.featured_image_height = None
            self.assertEqual(renditions.social_image_size(scan.featured_image), (None, None))
        self.assertEqual(renditions.social_image_size(Article().featured_image), (None, None))
