"""A form sent back with errors asks for the picture chosen in it again, by name."""

from django.test import TestCase
from django.urls import reverse

from articles.models import Article
from authors.models import Author
from tests.articles.test_admin_workflow import form_fields
from tests.articles.test_images import MediaRootMixin, upload
from tests.factories import make_article, make_image_bytes, make_section, make_user

ASKED = "Choose the file again: “harbour.jpg”"


class UploadAgainTests(MediaRootMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", staff=True, superuser=True)
        cls.section = make_section(name="World", slug="world")

    def setUp(self):
        super().setUp()
        self.client.force_login(self.chief)

    def post_story(self, **changes):
        url = reverse("admin:articles_article_add")
        data = form_fields(self.client.get(url))
        data.update(
            headline="Harbour reopens after storm",
            slug="harbour-reopens",
            section=str(self.section.pk),
            body="<p>Ships sailed again.</p>",
            featured_image=upload("harbour.jpg", make_image_bytes("JPEG", size=(800, 500))),
            featured_image_alt="Cranes at the harbour",
        )
        data.update(changes)
        return self.client.post(url, data)

    def test_a_refused_story_form_asks_for_the_picture_again(self):
        response = self.post_story(headline="x" * 300)
        self.assertEqual(response.status_code, 200)
        errors = response.context["adminform"].form.errors
        self.assertIn("headline", errors)
        self.assertIn(ASKED, errors["featured_image"][0])
        self.assertContains(response, "was not kept")
        # Two things to put right, counted as two.
        self.assertContains(response, "Please correct the errors below.")
        self.assertFalse(Article.objects.exists())

    def test_a_picture_refused_for_itself_gets_its_own_message_only(self):
        response = self.post_story(featured_image=upload("harbour.jpg", b"not a picture"))
        self.assertEqual(response.status_code, 200)
        message = response.context["adminform"].form.errors["featured_image"][0]
        self.assertNotIn("Choose the file again", message)

    def test_a_form_saved_or_refused_without_a_file_says_nothing_of_one(self):
        response = self.post_story(headline="x" * 300, featured_image="")
        self.assertNotIn("featured_image", response.context["adminform"].form.errors)
        response = self.post_story()
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Article.objects.get().featured_image)

    def test_a_refused_author_form_asks_for_the_photo_again(self):
        url = reverse("admin:authors_author_add")
        data = form_fields(self.client.get(url))
        data.update(
            name="",
            photo=upload("harbour.jpg", make_image_bytes("JPEG", size=(400, 400))),
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(ASKED, response.context["adminform"].form.errors["photo"][0])
        self.assertFalse(Author.objects.exists())


class RefusedChangeTitleTests(TestCase):
    """A refused save leaves the page named after the story as stored."""

    def test_the_title_and_breadcrumbs_keep_the_stored_headline(self):
        chief = make_user("chief", staff=True, superuser=True)
        story = make_article(headline="Harbour reopens after storm")
        self.client.force_login(chief)
        url = reverse("admin:articles_article_change", args=[story.pk])
        data = form_fields(self.client.get(url))
        data.update(headline="Harbour stays shut", slug="")
        data["published_at_0"] = "31/02/2026"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["adminform"].form.errors)
        page = response.content.decode()
        title = page[page.index("<title>") : page.index("</title>")]
        self.assertIn("Harbour reopens after storm", title)
        self.assertNotIn("Harbour stays shut", title)
        breadcrumbs = page[page.index('<div class="breadcrumbs">') :]
        breadcrumbs = breadcrumbs[: breadcrumbs.index("</div>")]
        self.assertIn("Harbour reopens after storm", breadcrumbs)
        # What was typed is still in the form, to be put right.
        self.assertContains(response, 'value="Harbour stays shut"')
