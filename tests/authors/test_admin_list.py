"""The list of authors in the admin: read in a fixed number of queries."""

from django.test import TestCase
from django.urls import reverse

from tests.factories import make_author, make_section, make_user


class AuthorListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(superuser=True)
        world = make_section(name="World", slug="world")
        europe = make_section(name="Europe", slug="europe", parent=world)
        for n in range(6):
            region = make_section(name=f"Region {n}", slug=f"region-{n}", parent=world)
            make_author(name=f"Reporter {n}", beat=region)
            balkans = make_section(name=f"Balkans {n}", slug=f"balkans-{n}", parent=europe)
            make_author(name=f"Correspondent {n}", beat=balkans)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_beats_in_subsections_cost_no_query_each(self):
        """The beat filter read each subsection's parent for its name: a query each.

        Six: session, user, the beat filter's choices, the two counts and the
        page of authors with their beats, two levels of the beats' parents and their
        accounts joined.
        """
        with self.assertNumQueries(6):
            response = self.client.get(reverse("admin:authors_author_changelist"))
        [beat_filter] = [
            spec for spec in response.context["cl"].filter_specs if spec.field_path == "beat"
        ]
        self.assertIn("World › Region 5", dict(beat_filter.lookup_choices).values())
        self.assertContains(response, "World › Region 5</td>")
        self.assertContains(response, "World › Europe › Balkans 5</td>")
