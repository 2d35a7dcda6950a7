"""An author's slug when their name has no Latin letters ("新华社记者", "Агентство ТАСС").

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

from authors.models import Author
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
            "The author “新华社记者” has no Latin letters to make the author's address from: "
            "the slug “author-2025-03-04” stands in; write a slug for the author.",
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

    def test_an_author_created_in_code_is_never_saved_without_a_slug(self, _):
        first = Author.objects.create(name="Агентство ТАСС")
        second = Author.objects.create(name="新华社记者")
        latin = Author.objects.create(name="Claire Dubois")
        self.assertEqual(
            [first.slug, second.slug, latin.slug],
            ["author-2025-03-04", "author-2025-03-04-2", "claire-dubois"],
        )
