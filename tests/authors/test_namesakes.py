"""Two journalists of one name: the editor is warned, as the byline box lists both alike."""

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse

from articles.roles import EDITORS, ensure_roles
from authors.models import Author
from tests.articles.test_admin_workflow import form_fields
from tests.authors.test_admin_user_link import author_form
from tests.factories import make_author, make_user


class NamesakeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("desk", staff=True, groups=[EDITORS])
        cls.first = make_author(name="Priya Raman", slug="priya-raman", job_title="Delhi bureau")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_a_second_author_of_the_same_name_is_saved_with_a_warning(self):
        """It was saved without a word, and the byline box listed two "Priya Raman"."""
        # An author whose name is no one else's is saved without it.
        response = self.client.post(
            reverse("admin:authors_author_add"), author_form(name="Lena Vogt", slug="lena-vogt")
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(
            [m for m in get_messages(response.wsgi_request) if "Another author" in str(m)]
        )
        response = self.client.post(
            reverse("admin:authors_author_add"),
            author_form(name="Priya Raman", slug="priya-raman-2", job_title="Sport"),
        )
        self.assertEqual(response.status_code, 302)
        said = [str(message) for message in get_messages(response.wsgi_request)]
        warned = "Another author is named “Priya Raman” (priya-raman)."
        self.assertTrue(any(text.startswith(warned) for text in said), said)

    def test_several_namesakes_are_named_together(self):
        make_author(name="Priya Raman", slug="priya-raman-sport", job_title="Sport")
        response = self.client.post(
            reverse("admin:authors_author_add"),
            author_form(name="Priya Raman", slug="priya-raman-3", job_title="Weather"),
        )
        self.assertEqual(response.status_code, 302)
        said = [str(message) for message in get_messages(response.wsgi_request)]
        self.assertIn(
            "Other authors are named “Priya Raman” (priya-raman), “Priya Raman” "
            "(priya-raman-sport). The byline box lists them all by name alone: if this is "
            "someone else, a middle initial in one of the names tells them apart.",
            said,
        )

    def test_a_name_written_with_another_dash_or_accent_is_the_same_name(self):
        """An en dash or an accent makes no other name to a reader; the check saw capitals only.

        The warning names the other author as the desk wrote them: it quoted the
        name just typed, so "PRIYA RAMÁN" was told another author was named
        "PRIYA RAMÁN", which no one was.
        """
        make_author(name="Jean-Pierre Dubois", slug="jean-pierre-dubois")
        for name, slug, other in (
            ("Jean–Pierre Dubois", "jp-dubois-2", "“Jean-Pierre Dubois” (jean-pierre-dubois)"),
            ("PRIYA RAMÁN", "priya-3", "“Priya Raman” (priya-raman)"),
        ):
            with self.subTest(name):
                response = self.client.post(
                    reverse("admin:authors_author_add"), author_form(name=name, slug=slug)
                )
                self.assertEqual(response.status_code, 302)
                said = [str(message) for message in get_messages(response.wsgi_request)]
                self.assertTrue(
                    any(text.startswith(f"Another author is named {other}.") for text in said),
                    said,
                )

    def test_a_name_whose_address_another_author_has_is_told_on_the_name(self):
        """The page writes the slug from the name: a second "Priya Raman" was refused on the
        slug box the editor had not touched ("Choose another slug"), which told them neither
        who had the address nor whether to use that profile. The name says so, linking it."""
        link = reverse("admin:authors_author_change", args=[self.first.pk])
        # As the page writes it from the name, and as the server would make it.
        response = self.client.post(
            reverse("admin:authors_author_add"),
            author_form(name="Priya Raman", slug="priya-raman", job_title="Sport", bio="Cricket."),
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertEqual(
            form.errors,
            {
                "name": [
                    f'The author <a href="{link}">“Priya Raman”</a> has the address this name '
                    "makes (“priya-raman”). If it is the same person, use that profile; if it "
                    "is someone else, write a slug of their own for this one (a middle initial "
                    "tells the two apart)."
                ]
            },
        )
        self.assertContains(response, f'<a href="{link}">“Priya Raman”</a>')
        self.assertNotContains(response, "already has this address")
        # Everything typed is still in the form; the slug the page wrote from the
        # name goes back empty, for the page to write again from the name as it is
        # rewritten (or for the editor to write one).
        self.assertEqual(
            [form[field].value() for field in ("name", "slug", "job_title", "bio")],
            ["Priya Raman", "", "Sport", "Cricket."],
        )
        self.assertEqual(Author.objects.count(), 1)
        # Someone else: a slug of their own saves them, and the byline box's warning follows.
        response = self.client.post(
            reverse("admin:authors_author_add"),
            author_form(name="Priya Raman", slug="priya-k-raman", job_title="Sport"),
        )
        self.assertEqual(response.status_code, 302)
        said = [str(message) for message in get_messages(response.wsgi_request)]
        self.assertTrue(any(text.startswith("Another author is named") for text in said), said)
        # On a stored author's form the slug is the editor's: refused on its own box.
        url = reverse(
            "admin:authors_author_change", args=[Author.objects.get(slug="priya-k-raman").pk]
        )
        response = self.client.post(
            url, {**form_fields(self.client.get(url)), "slug": "priya-raman"}
        )
        self.assertEqual(list(response.context["adminform"].form.errors), ["slug"])
        self.assertContains(response, "The author “Priya Raman” already has this address")
