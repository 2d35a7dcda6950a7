"""Image uploads through the real admin forms and the story editor's upload endpoint."""

import contextlib
import html
import json
import os
import re
from html.parser import HTMLParser
from unittest import mock

from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import NoReverseMatch, reverse
from PIL import Image

from articles.images import to_8bit
from articles.models import Article
from articles.renditions import rendition_name, social_name
from articles.roles import WRITERS, ensure_roles
from articles.templatetags.newsroom_stories import reader_body
from authors.models import Author
from tests.articles.test_images import MediaRootMixin, assert_gradient, decoded, make_photo
from tests.factories import (
    make_16bit_gradient_png,
    make_article,
    make_author,
    make_hostile_uploads,
    make_image_bytes,
    make_user,
)


class FormValues(HTMLParser):
    """What a browser would submit for a form as rendered, before anyone types.

    Building the POST from the page itself keeps these tests on the real admin
    form, inlines and all, as it changes.
    """

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.in_form = False
        self.values = {}
        self._select = None
        self._select_first = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"file", "submit", "button", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.values.setdefault(name, []).append(attrs.get("value", "on"))
                return
            self.values[name] = [attrs.get("value", "")]
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            if "multiple" in attrs:
                self.values[name] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self.values.setdefault(self._select, []).append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self._select:
            if self._select not in self.values and self._select_first is not None:
                self.values[self._select] = [self._select_first]
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data


def form_values(response, form_id):
    parser = FormValues(form_id)
    parser.feed(response.content.decode())
    return {
        name: values[0] if len(values) == 1 else values for name, values in parser.values.items()
    }


def stored_files(root):
    return [os.path.join(path, name) for path, _, names in os.walk(root) for name in names]


class AdminImageFieldTests(MediaRootMixin, TestCase):
    """Featured images and author photos through the admin, as an editor uploads them."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("chief", superuser=True)

    def setUp(self):
        super().setUp()
        self.client.force_login(self.editor)

    def post_article(self, url, image, **fields):
        data = form_values(self.client.get(url), "article_form")
        data.update(fields)
        data["featured_image"] = image
        return self.client.post(url, data)

    def post_author(self, url, image, **fields):
        data = form_values(self.client.get(url), "author_form")
        data.update(fields)
        data["photo"] = image
        return self.client.post(url, data)

    def assert_refused(self, response, field):
        self.assertEqual(response.status_code, 200)
        errors = response.context["adminform"].form.errors
        self.assertIn(field, errors)
        for message in errors[field]:
            self.assertContains(response, message)

    def test_a_new_story_with_each_hostile_file_is_not_saved(self):
        url = reverse("admin:articles_article_add")
        for description, (name, content) in make_hostile_uploads().items():
            with self.subTest(description):
                response = self.post_article(
                    url,
                    SimpleUploadedFile(name, content, content_type="image/jpeg"),
                    headline="Storm hits coast",
                    slug="storm-hits-coast",
                )
                self.assert_refused(response, "featured_image")
        self.assertFalse(Article.objects.exists())
        self.assertEqual(stored_files(self.media_root), [])

    def test_replacing_a_story_image_with_a_hostile_file_keeps_the_old_one(self):
        kept = default_storage.save("articles/kept.jpg", make_photo(size=(800, 600)))
        article = make_article(
            authors=[],
            status=Article.Status.DRAFT,
            featured_image=kept,
            featured_image_width=800,
            featured_image_height=600,
        )
        url = reverse("admin:articles_article_change", args=[article.pk])
        name, content = make_hostile_uploads()["html named .jpg"]
        response = self.post_article(url, SimpleUploadedFile(name, content))
        self.assert_refused(response, "featured_image")
        article.refresh_from_db()
        self.assertEqual(article.featured_image.name, kept)
        self.assertEqual(stored_files(self.media_root), [default_storage.path(kept)])

    def test_a_good_image_is_stored_re_encoded_under_a_random_name(self):
        url = reverse("admin:articles_article_add")
        png_named_jpg = SimpleUploadedFile("Minister at the border.jpg", make_image_bytes("PNG"))
        response = self.post_article(
            url, png_named_jpg, headline="Minister visits border", slug="minister-visits-border"
        )
        self.assertEqual(response.status_code, 302)
        article = Article.objects.get(slug="minister-visits-border")
        name = article.featured_image.name
        self.assertRegex(name, r"^articles/[0-9a-f]{32}\.png$")
        self.assertEqual((article.featured_image_width, article.featured_image_height), (64, 48))
        with default_storage.open(name) as stored:
            self.assertEqual(decoded(stored.read()).format, "PNG")

    def test_a_new_author_with_each_hostile_photo_is_not_saved(self):
        url = reverse("admin:authors_author_add")
        for description, (name, content) in make_hostile_uploads().items():
            with self.subTest(description):
                response = self.post_author(
                    url, SimpleUploadedFile(name, content), name="Ana Lima", slug="ana-lima"
                )
                self.assert_refused(response, "photo")
        self.assertFalse(Author.objects.exists())
        self.assertEqual(stored_files(self.media_root), [])

    def test_an_author_photo_is_stored_upright_without_metadata(self):
        from PIL import ExifTags

        exif = Image.Exif()
        exif[ExifTags.Base.Orientation] = 8
        exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "S"
        photo = make_image_bytes("JPEG", size=(300, 200), exif=exif)
        author = make_author()
        url = reverse("admin:authors_author_change", args=[author.pk])

        response = self.post_author(url, SimpleUploadedFile("ana.jpg", photo))

        self.assertEqual(response.status_code, 302)
        author.refresh_from_db()
        self.assertRegex(author.photo.name, r"^authors/[0-9a-f]{32}\.jpg$")
        self.assertEqual((author.photo_width, author.photo_height), (200, 300))
        with default_storage.open(author.photo.name) as stored:
            image = decoded(stored.read())
        self.assertEqual(image.size, (200, 300))
        self.assertEqual(len(image.getexif()), 0)


class EditorUploadTests(MediaRootMixin, TestCase):
    """The endpoint CKEditor posts pictures to from a story's body."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.staff = make_user("desk", staff=True, groups=[WRITERS])
        cls.reader = make_user("reader")
        cls.no_rights = make_user("nobody", staff=True)

    def setUp(self):
        super().setUp()
        self.url = reverse("ckeditor_upload")

    def upload(self, client, name, content):
        return client.post(self.url, {"upload": SimpleUploadedFile(name, content)})

    def test_staff_upload_is_stored_re_encoded_and_answered_for_ckeditor(self):
        self.client.force_login(self.staff)
        response = self.upload(self.client, "Flood in Dhaka.jpg", make_image_bytes("WEBP"))

        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertEqual(answer["uploaded"], 1)
        self.assertRegex(answer["fileName"], r"^[0-9a-f]{32}-64x48\.webp$")
        self.assertRegex(answer["url"], r"^/media/uploads/\d{4}/\d{2}/[0-9a-f]{32}-64x48\.webp$")
        stored_name = answer["url"].removeprefix("/media/")
        with default_storage.open(stored_name) as stored:
            self.assertEqual(decoded(stored.read()).format, "WEBP")

    def test_a_wide_picture_is_scaled_down_for_the_body(self):
        self.client.force_login(self.staff)
        for image_format, mode in (("JPEG", "RGB"), ("PNG", "P"), ("PNG", "RGBA")):
            with self.subTest(image_format=image_format, mode=mode):
                content = make_image_bytes(image_format, size=(4000, 3000), mode=mode)
                answer = self.upload(self.client, "wide.img", content).json()
                self.assertEqual(answer["uploaded"], 1, answer)
                with default_storage.open(answer["url"].removeprefix("/media/")) as stored:
                    self.assertEqual(decoded(stored.read()).size, (1600, 1200))
        narrow = make_image_bytes("JPEG", size=(800, 600))
        answer = self.upload(self.client, "narrow.jpg", narrow).json()
        with default_storage.open(answer["url"].removeprefix("/media/")) as stored:
            self.assertEqual(decoded(stored.read()).size, (800, 600))

    def test_an_upload_is_stored_with_its_size_in_its_name_and_its_renditions(self):
        """Readers' browsers are sent to the renditions, so they exist before the name says so."""
        self.client.force_login(self.staff)
        content = make_image_bytes("JPEG", size=(4000, 3000))
        answer = self.upload(self.client, "wide.jpg", content).json()

        self.assertRegex(answer["fileName"], r"^[0-9a-f]{32}-1600x1200\.jpg$")
        name = answer["url"].removeprefix("/media/")
        for width in (320, 640, 960, 1280):
            for image_format in ("WEBP", "JPEG"):
                with default_storage.open(rendition_name(name, width, image_format)) as stored:
                    image = decoded(stored.read())
                self.assertEqual(image.format, image_format)
                self.assertEqual(image.size, (width, width * 3 // 4))
        # A picture in a body is never a social card.
        self.assertFalse(default_storage.exists(social_name(name)))
        self.assertEqual(len(stored_files(self.media_root)), 1 + 8)

        html = reader_body(f'<p><img src="{answer["url"]}" alt="Flood"></p>')
        smallest = default_storage.url(rendition_name(name, 320, "WEBP"))
        self.assertIn(f'srcset="{smallest} 320w', html)

    def test_a_16_bit_greyscale_png_keeps_its_greys_in_the_body(self):
        """Scaled down to 1600 px and copied to 8 bits, it is still a gradient, not white."""
        self.client.force_login(self.staff)
        content = make_16bit_gradient_png(size=(2000, 400))
        answer = self.upload(self.client, "scan.png", content).json()

        self.assertEqual(answer["uploaded"], 1, answer)
        name = answer["url"].removeprefix("/media/")
        with default_storage.open(name) as stored:
            original = decoded(stored.read())
        self.assertEqual(original.size, (1600, 320))
        assert_gradient(self, to_8bit(original), 2000)
        for width in (320, 640, 960, 1280):
            for image_format in ("WEBP", "PNG"):
                with default_storage.open(rendition_name(name, width, image_format)) as stored:
                    assert_gradient(self, decoded(stored.read()), 2000)

    def test_without_its_renditions_a_picture_is_stored_plain_and_served_whole(self):
        """A failed rendition loses neither the picture nor the editor's answer."""
        self.client.force_login(self.staff)
        failing = mock.patch("articles.renditions._write", side_effect=OSError("disk full"))
        with failing, self.assertLogs("articles.body_pictures", "ERROR") as logs:
            answer = self.upload(self.client, "a.jpg", make_image_bytes("JPEG")).json()

        self.assertEqual(answer["uploaded"], 1)
        self.assertRegex(answer["url"], r"^/media/uploads/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$")
        with default_storage.open(answer["url"].removeprefix("/media/")) as stored:
            self.assertEqual(decoded(stored.read()).size, (64, 48))
        self.assertIsInstance(logs.records[0].exc_info[1], OSError)
        body = f'<p><img src="{answer["url"]}" alt="Flood"></p>'
        self.assertNotIn("srcset", reader_body(body))

    def test_each_hostile_file_is_refused_in_ckeditors_terms(self):
        self.client.force_login(self.staff)
        for description, (name, content) in make_hostile_uploads().items():
            with self.subTest(description):
                response = self.upload(self.client, name, content)
                self.assertEqual(response.status_code, 200)
                answer = response.json()
                self.assertEqual(answer["uploaded"], 0)
                self.assertTrue(answer["error"]["message"])
        self.assertEqual(stored_files(self.media_root), [])

    def test_a_post_without_a_file_is_refused(self):
        self.client.force_login(self.staff)
        answer = self.client.post(self.url).json()
        self.assertEqual(answer, {"uploaded": 0, "error": {"message": answer["error"]["message"]}})

    def test_readers_and_visitors_cannot_upload(self):
        """Refused in CKEditor's terms: the login page it was sent read as "Incorrect
        server response"."""
        for user, says in ((None, "Your sign-in has ended"), (self.reader, "This account may not")):
            client = Client()
            if user:
                client.force_login(user)
            with self.subTest(user=user):
                response = self.upload(client, "a.png", make_image_bytes("PNG"))
                self.assertEqual(response.status_code, 200)
                answer = response.json()
                self.assertEqual(answer["uploaded"], 0)
                self.assertTrue(answer["error"]["message"].startswith(says))
        self.assertEqual(stored_files(self.media_root), [])

    def test_a_staff_account_that_writes_nothing_cannot_upload(self):
        """An account with no rights, told so everywhere in the admin, could upload to
        public media (and make each upload's renditions) as often as it liked."""
        self.client.force_login(self.no_rights)
        answer = self.upload(self.client, "a.png", make_image_bytes("PNG")).json()
        self.assertEqual(answer["uploaded"], 0)
        self.assertTrue(answer["error"]["message"].startswith("This account may not write"))
        self.assertEqual(stored_files(self.media_root), [])
        # An editor of About pages alone writes bodies with pictures too.
        self.no_rights.user_permissions.add(
            Permission.objects.get(codename="change_aboutpage", content_type__app_label="pages")
        )
        self.client.force_login(User.objects.get(pk=self.no_rights.pk))
        answer = self.upload(self.client, "a.png", make_image_bytes("PNG")).json()
        self.assertEqual(answer["uploaded"], 1)

    def test_an_ended_sign_in_is_told_in_ckeditors_terms(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.staff)
        client.get(reverse("admin:index"))
        client.session.delete()  # the working day is over
        response = client.post(
            self.url,
            {
                "upload": SimpleUploadedFile("a.png", make_image_bytes("PNG")),
                "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {
                "uploaded": 0,
                "error": {
                    "message": "Your sign-in has ended: sign in again in another tab, "
                    "then upload the picture again."
                },
            },
        )
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertEqual(stored_files(self.media_root), [])

    def test_after_signing_in_again_the_cookies_token_is_taken_and_the_pages_is_not(self):
        """Signing in gives a new CSRF cookie: the token of a page opened before is
        refused, which is why the editor's script sends the cookie's."""
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.staff)
        page = client.get(reverse("admin:index"))
        page_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        client.session.delete()
        client.post(
            reverse("admin:login"),
            {
                "username": "desk",
                "password": "correct horse battery staple",
                "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            },
        )
        for token, uploaded in ((page_token, None), (client.cookies["csrftoken"].value, 1)):
            refused = uploaded is None
            logged = self.assertLogs("django.security.csrf", "WARNING")
            with logged if refused else contextlib.nullcontext():
                response = client.post(
                    self.url,
                    {
                        "upload": SimpleUploadedFile("a.png", make_image_bytes("PNG")),
                        "csrfmiddlewaretoken": token,
                    },
                )
            if uploaded is None:
                # Refused, in CKEditor's terms (newsroom/csrf.py).
                self.assertEqual(response.json()["uploaded"], 0)
                self.assertIn("security check", response.json()["error"]["message"])
            else:
                self.assertEqual(response.json()["uploaded"], uploaded)

    def test_the_editors_script_can_read_the_csrf_cookie(self):
        """ckeditor-upload-csrf.js reads the token from the "csrftoken" cookie."""
        self.assertEqual(settings.CSRF_COOKIE_NAME, "csrftoken")
        self.assertFalse(settings.CSRF_COOKIE_HTTPONLY)
        self.assertFalse(settings.CSRF_USE_SESSIONS)

    def test_a_post_without_the_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.staff)
        with self.assertLogs("django.security.csrf", "WARNING"):
            response = self.upload(client, "a.png", make_image_bytes("PNG"))
        # Refused, in CKEditor's terms (newsroom/csrf.py), and logged as Django logs it.
        self.assertEqual(response.json()["uploaded"], 0)
        self.assertEqual(stored_files(self.media_root), [])

        # With the token the admin pages carry (what the editor's script sends), it works.
        client.get(reverse("admin:index"))
        token = client.cookies["csrftoken"].value
        response = client.post(
            self.url,
            {
                "upload": SimpleUploadedFile("a.png", make_image_bytes("PNG")),
                "csrfmiddlewaretoken": token,
            },
        )
        self.assertEqual(response.json()["uploaded"], 1)

    def test_only_post_is_answered(self):
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_the_editor_uploads_here_with_the_token_and_offers_no_server_browser(self):
        self.client.force_login(make_user("chief", superuser=True))
        page = self.client.get(reverse("admin:articles_article_add"))
        config = json.loads(html.unescape(re.search(r'data-config="([^"]*)"', page.text)[1]))
        self.assertEqual(config["filebrowserUploadUrl"], "/ckeditor/upload/")
        self.assertEqual(config["filebrowserUploadMethod"], "xhr")
        self.assertFalse(config["filebrowserBrowseUrl"])
        self.assertContains(page, "articles/ckeditor-upload-csrf.js")
        with self.assertRaises(NoReverseMatch):
            reverse("ckeditor_browse")
        self.assertEqual(self.client.get("/ckeditor/browse/").status_code, 404)
