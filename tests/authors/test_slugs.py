"""An author's slug when their name has no letters an address can carry ("新华社记者").

The admin writes the slug from the name in the browser, and writes nothing for
a script it has no Latin spelling for: the form refused the save ("This field
is required."), and an author created in code got an empty slug, which a
second one then collided with.
"""

from datetime import date
from unittest import mock

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse

from articles.slugs import unique_slug
from authors.models import Author
from tests.articles.test_admin_workflow import form_fields
from tests.authors.test_admin_user_link import author_form
from tests.factories import make_author, make_user

ADD_URL = reverse("admin:authors_author_add")
TODAY = date(2025, 3, 4)


@mock.patch("django.utils.timezone.localdate", return_value=TODAY)
class AuthorSlugTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)

    def setUp(self):
        self.client.force_login(self.chief)

    def add(self, name, slug=""):
        """Post the add form as the browser sends it when it could make no slug."""
        response = self.client.post(ADD_URL, author_form(name=name, slug=slug))
        self.assertRedirects(response, reverse("admin:authors_author_changelist"))
        return Author.objects.get(name=name), [str(m) for m in get_messages(response.wsgi_request)]

    def test_a_name_without_latin_letters_gets_a_stand_in_and_a_warning(self, _):
        author, said = self.add("新华社记者")
        self.assertEqual(author.slug, "author-2025-03-04")
        self.assertIn(
            "The author “新华社记者” has no Latin, Greek or Cyrillic letters to make the "
            "author's address from: the slug “author-2025-03-04” stands in; write a slug for "
            "the author.",
            said,
        )
        second, _ = self.add("王小明")
        self.assertEqual(second.slug, "author-2025-03-04-2")

    def test_a_slug_left_empty_is_made_from_a_latin_name_without_a_warning(self, _):
        make_author(name="Another Lena", slug="lena-lodz")
        author, said = self.add("Łena Łódź")
        self.assertEqual(author.slug, "lena-lodz-2")
        self.assertFalse([message for message in said if "stands in" in message], said)

    def test_a_slug_written_for_the_name_is_kept_without_a_warning(self, _):
        author, said = self.add("Агентство ТАСС", slug="agentstvo-tass")
        self.assertEqual(author.slug, "agentstvo-tass")
        self.assertFalse([message for message in said if "stands in" in message], said)

    def test_a_greek_or_cyrillic_name_is_spelt_in_latin_letters_without_a_warning(self, _):
        for name, slug in (
            ("Юлія Тимошенко", "yuliia-tymoshenko"),
            ("Анна Иванова", "anna-ivanova"),
            ("Νίκος Παπαδόπουλος", "nikos-papadopoulos"),
        ):
            with self.subTest(name):
                author, said = self.add(name)
                self.assertEqual(author.slug, slug)
                self.assertFalse([message for message in said if "stands in" in message], said)

    def test_the_admin_scripts_spelling_of_a_greek_name_is_respelt(self, _):
        """The script writes "nikos-papadopoylos" in the slug box as the name is typed."""
        author, said = self.add("Νίκος Παπαδόπουλος", slug="nikos-papadopoylos")
        self.assertEqual(author.slug, "nikos-papadopoulos")
        self.assertFalse([message for message in said if "stands in" in message], said)
        self.assertIn(
            "The slug is “nikos-papadopoulos”, spelt on saving in place of the page's "
            "“nikos-papadopoylos”.",
            said,
        )
        # A slug typed by the editor is theirs.
        author, said = self.add("Νίκος Παπαδάκης", slug="n-papadakis")
        self.assertEqual(author.slug, "n-papadakis")
        self.assertFalse([message for message in said if "spelt on saving" in message], said)

    def test_a_cyrillic_name_whose_slug_another_author_has_is_refused(self, _):
        """Added again, "Иван Петров" was saved as a second author, "ivan-petrov-2".

        The slug is the one the name makes: said on the name, naming that author.
        """
        first = make_author(name="Иван Петров", slug="ivan-petrov")
        response = self.client.post(ADD_URL, author_form(name="Иван Петров", slug="ivan-petrov"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["adminform"].form.errors["name"],
            [
                f'The author <a href="{reverse("admin:authors_author_change", args=[first.pk])}">'
                "“Иван Петров”</a> has the address this name makes (“ivan-petrov”). If it is the "
                "same person, use that profile; if it is someone else, write a slug of their own "
                "for this one (a middle initial tells the two apart)."
            ],
        )
        # The two are the same slug: nothing to say of capitals.
        self.assertNotContains(response, "capitals")
        self.assertEqual(Author.objects.filter(name="Иван Петров").count(), 1)

    def test_a_saved_authors_slug_is_never_respelt(self, _):
        author = make_author(name="Νίκος Παπαδόπουλος", slug="nikos-papadopoylos")
        url = reverse("admin:authors_author_change", args=[author.pk])
        data = form_fields(self.client.get(url))
        data["job_title"] = "Editor"
        response = self.client.post(url, data)
        self.assertRedirects(response, reverse("admin:authors_author_changelist"))
        author.refresh_from_db()
        self.assertEqual((author.job_title, author.slug), ("Editor", "nikos-papadopoylos"))

    def test_an_author_created_in_code_is_never_saved_without_a_slug(self, _):
        first = Author.objects.create(name="رويترز")
        second = Author.objects.create(name="新华社记者")
        latin = Author.objects.create(name="Claire Dubois")
        self.assertEqual(
            [first.slug, second.slug, latin.slug],
            ["author-2025-03-04", "author-2025-03-04-2", "claire-dubois"],
        )


class SlugSentBackTests(TestCase):
    """A new author's form sent back unsaved: the slug the page wrote from the name
    goes back empty, as a new story's does (tests/articles/test_admin_slugs.py).

    The admin's script writes the slug from the name only into a box that was
    empty when the page opened. After "… has the address this name makes",
    the editor who added a middle initial to the name kept the slug of the
    name before, and the next save was refused on that slug, which they had
    never written: "… already has this address. Choose another slug."
    """

    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)
        cls.first = make_author(name="Priya Raman", slug="priya-raman")

    def setUp(self):
        self.client.force_login(self.chief)

    def sent_back(self, **fields):
        response = self.client.post(ADD_URL, author_form(**fields))
        self.assertEqual(response.status_code, 200, "the form was not sent back")
        return response.context["adminform"].form

    def test_after_the_names_address_is_refused_a_new_name_makes_its_own(self):
        form = self.sent_back(name="Priya Raman!", slug="priya-raman", job_title="Reporter")
        self.assertIn("has the address this name makes", form.errors["name"][0])
        self.assertEqual((form["slug"].value(), form["job_title"].value()), ("", "Reporter"))
        # The form as it came back, the name rewritten: the page writes no slug
        # into the box until the name is typed in; the server makes it then.
        data = form_fields(self.client.get(ADD_URL))
        data.update(author_form(name="Priya K. Raman", slug="", job_title="Reporter"))
        self.assertEqual(self.client.post(ADD_URL, data).status_code, 302)
        self.assertEqual(Author.objects.get(name="Priya K. Raman").slug, "priya-k-raman")

    def test_a_slug_the_editor_wrote_comes_back_as_written(self):
        """An error elsewhere (a job title too long): the slug is theirs, not the page's."""
        form = self.sent_back(name="Ana Souza", slug="a-souza", job_title="J" * 300)
        self.assertIn("job_title", form.errors)
        self.assertEqual(form["slug"].value(), "a-souza")

    def test_a_slug_refused_itself_comes_back_for_the_editor_to_change(self):
        form = self.sent_back(name="Ana Souza", slug="priya-raman")
        self.assertIn("already has this address", form.errors["slug"][0])
        self.assertEqual(form["slug"].value(), "priya-raman")

    def test_a_stored_authors_slug_is_never_emptied(self):
        url = reverse("admin:authors_author_change", args=[self.first.pk])
        data = {**form_fields(self.client.get(url)), "job_title": "J" * 300}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200, "the form was not sent back")
        self.assertEqual(response.context["adminform"].form["slug"].value(), "priya-raman")


class SlugLengthTests(TestCase):
    """``slugs.unique_slug`` never makes a slug longer than it is asked for."""

    def test_a_word_longer_than_the_slug_is_cut_and_a_number_still_fits(self):
        # "Щ" is four letters in Latin ones: a word of 240 letters, no hyphen to cut at.
        name = "Щ" * 60 + " конец"
        first = unique_slug(Author, name, 80, "author")
        self.assertEqual(first, "shch" * 20)
        make_author(name="Another", slug=first)
        second = unique_slug(Author, name, 80, "author")
        self.assertEqual(second, "shch" * 19 + "sh-2")
        self.assertLessEqual(len(second), 80)
