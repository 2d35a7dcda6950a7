"""A source's slug when its name has no letters an address can carry ("新华社", "رويترز").

As for authors (tests/authors/test_slugs.py): the admin refused the save, and
the importer gave such a source the slug "source" without a word.
"""

from datetime import date
from unittest import mock

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse

from articles.import_service import CREATED, import_copy
from sections.models import Section
from sources.models import Source
from tests.factories import make_user

ADD_URL = reverse("admin:sources_source_add")
TODAY = date(2025, 3, 4)


def source_form(**fields):
    """What the source form posts, the slug left as the browser left it: empty.

    With no other names, unless ``other_names`` lists some.
    """
    other_names = fields.pop("other_names", ())
    data = {"slug": "", "url": "", "kind": "agency", "country": "", "notes": "", **fields}
    data.update(
        {
            "other_names-TOTAL_FORMS": str(len(other_names)),
            "other_names-INITIAL_FORMS": "0",
            "other_names-MIN_NUM_FORMS": "0",
            "other_names-MAX_NUM_FORMS": "1000",
        }
    )
    for n, name in enumerate(other_names):
        data[f"other_names-{n}-name"] = name
    return data


@mock.patch("django.utils.timezone.localdate", return_value=TODAY)
class SourceSlugTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)

    def test_the_admin_gives_a_stand_in_and_says_so(self, _):
        self.client.force_login(self.chief)
        response = self.client.post(ADD_URL, source_form(name="新华社"))
        self.assertRedirects(response, reverse("admin:sources_source_changelist"))
        self.assertEqual(Source.objects.get(name="新华社").slug, "source-2025-03-04")
        self.assertIn(
            "The source “新华社” has no Latin, Greek or Cyrillic letters to make the source's "
            "address from: the slug “source-2025-03-04” stands in; write a slug for the source.",
            [str(m) for m in get_messages(response.wsgi_request)],
        )
        self.client.post(ADD_URL, source_form(name="رويترز"))
        self.assertEqual(Source.objects.get(name="رويترز").slug, "source-2025-03-04-2")

    def test_the_scripts_slug_of_an_arabic_name_gives_a_stand_in(self, _):
        """The script wrote "okl-lanb-laarby" for "وكالة الأنباء العربية", and it was kept."""
        self.client.force_login(self.chief)
        name = "وكالة الأنباء العربية"
        response = self.client.post(ADD_URL, source_form(name=name, slug="okl-lanb-laarby"))
        self.assertEqual(Source.objects.get(name=name).slug, "source-2025-03-04")
        said = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertTrue([message for message in said if "stands in" in message], said)

    def test_a_cyrillic_name_is_spelt_in_latin_letters_without_a_warning(self, _):
        """"Агентство ТАСС" was given a dated stand-in, and its editor told to write a slug."""
        self.client.force_login(self.chief)
        response = self.client.post(ADD_URL, source_form(name="Агентство ТАСС"))
        self.assertEqual(Source.objects.get(name="Агентство ТАСС").slug, "agentstvo-tass")
        said = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertFalse([message for message in said if "stands in" in message], said)

    def test_the_importer_gives_a_stand_in_and_says_so(self, _):
        copy = (
            "GENEVA — Talks on the ceasefire resumed on Monday after a week of delays.\n"
            "Both delegations called the mood constructive but no date was set.\n"
            "Source: 新华社\n"
        )
        world = Section.objects.create(name="World", slug="world")
        outcome = import_copy("geneva.txt", copy.encode(), section=world)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        self.assertEqual(Source.objects.get(name="新华社").slug, "source-2025-03-04")
        self.assertIn(
            "the source “新华社” has no Latin, Greek or Cyrillic letters to make the source's "
            "address from: the slug “source-2025-03-04” stands in; write a slug for the source",
            outcome.warnings,
        )
