"""Finding a section in a story's section box: by its name, the exact name first."""

from django.test import TestCase
from django.urls import reverse

from articles.roles import WRITERS, ensure_roles
from tests.factories import make_section, make_user


class SectionBoxTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.writer = make_user(staff=True, groups=[WRITERS])
        cls.world = make_section(name="World", slug="world", position=0)
        cls.east_asia = make_section(
            name="East Asia", slug="east-asia", parent=cls.world, position=1
        )
        cls.asia = make_section(name="Asia", slug="asia", parent=cls.world, position=2)
        cls.climate = make_section(
            name="Climate", slug="climate", position=3,
            description="Climate science, weather and the energy transition.",
        )
        cls.science = make_section(name="Science", slug="science", position=4)

    def setUp(self):
        self.client.force_login(self.writer)

    def choices(self, term):
        response = self.client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "articles",
                "model_name": "article",
                "field_name": "section",
                "term": term,
            },
        )
        self.assertEqual(response.status_code, 200)
        return [result["text"] for result in response.json()["results"]]

    def test_a_name_typed_in_full_is_offered_alone_not_a_section_whose_description_has_it(self):
        self.assertEqual(self.choices("Science"), ["Science"])

    def test_the_exact_name_comes_before_names_that_contain_it(self):
        self.assertEqual(self.choices("asia"), ["World › Asia", "World › East Asia"])

    def test_a_parent_finds_its_subsections_in_one_query(self):
        with self.assertNumQueries(4):  # session, user with permissions, count, page
            choices = self.choices("world")
        self.assertEqual(choices, ["World", "World › East Asia", "World › Asia"])

    def test_a_section_three_levels_deep_is_named_whole_in_the_same_queries(self):
        make_section(name="Kazakhstan", slug="kazakhstan", parent=self.asia, position=5)
        with self.assertNumQueries(4):  # session, user with permissions, count, page
            choices = self.choices("kazakh")
        self.assertEqual(choices, ["World › Asia › Kazakhstan"])

    def test_the_list_of_sections_still_searches_descriptions(self):
        self.client.force_login(make_user(superuser=True))
        response = self.client.get(reverse("admin:sections_section_changelist"), {"q": "weather"})
        self.assertEqual(list(response.context["cl"].result_list), [self.climate])
