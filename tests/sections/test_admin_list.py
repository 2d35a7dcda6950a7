"""The list of sections in the admin: read in a fixed number of queries."""

from django.test import TestCase
from django.urls import reverse

from tests.factories import make_section, make_user


class SectionListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(superuser=True)
        world = make_section(name="World", slug="world", position=0)
        europe = make_section(name="Europe", slug="europe", parent=world, position=1)
        for n in range(6):
            make_section(name=f"Balkans {n}", slug=f"balkans-{n}", parent=europe, position=2 + n)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_subsections_cost_no_query_each(self):
        """The parent filter read each choice's parents, a query per level per subsection.

        Six: session, user, the parent filter's choices, the two counts and the page
        of sections with their parents and grandparents joined.
        """
        with self.assertNumQueries(6):
            response = self.client.get(reverse("admin:sections_section_changelist"))
        [parent_filter] = [
            spec for spec in response.context["cl"].filter_specs if spec.field_path == "parent"
        ]
        self.assertIn("World › Europe › Balkans 5", dict(parent_filter.lookup_choices).values())
        self.assertContains(response, "World › Europe</td>", count=6)  # the parent column
