"""Slugs of authors, sources and sections are lower case, and unique whatever their case.

The admin took "Daniel-Okafor" beside "daniel-okafor" and "Europe" beside
"europe": readers saw two navigation links, /Europe/ and /europe/, and an
author page in capitals, while it had no public story, redirected to the other
author's (a public address typed in capitals that matches nothing is sent to
the same address in lower case). Nor were "Admin" and "STATIC" refused as
section slugs, though "admin" and "static" are the site's own.
"""

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from authors.models import Author
from sections.models import Section, validate_section_slug
from sources.models import Source
from tests.articles.test_admin_workflow import form_fields
from tests.authors.test_admin_user_link import author_form
from tests.factories import make_author, make_section, make_source, make_user
from tests.sources.test_slugs import source_form


def section_form(**fields):
    """What the section form posts for a new top-level section."""
    return {"description": "", "parent": "", "position": "0", "show_in_nav": "on", **fields}


class SlugCaseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)
        cls.okafor = make_author(name="Daniel Okafor", slug="daniel-okafor")
        cls.reuters = make_source(name="Reuters", slug="reuters")
        cls.europe = make_section(name="Europe", slug="europe")

    def setUp(self):
        self.client.force_login(self.chief)

    def post(self, model, form):
        return self.client.post(reverse(f"admin:{model}_add"), form)

    def assert_refused(self, response, message):
        self.assertEqual(response.status_code, 200)
        self.assertIn(message, response.context["adminform"].form.errors["slug"])

    def test_a_slug_typed_in_capitals_is_saved_in_lower_case(self):
        self.post("authors_author", author_form(name="Ama Owusu", slug="Ama-Owusu"))
        self.post("sources_source", source_form(name="Agence France-Presse", slug="AFP"))
        self.post("sections_section", section_form(name="Middle East", slug="Middle-East"))
        self.assertTrue(Author.objects.filter(slug="ama-owusu").exists())
        self.assertTrue(Source.objects.filter(slug="afp").exists())
        self.assertTrue(Section.objects.filter(slug="middle-east").exists())

    def test_another_rows_slug_in_other_capitals_is_refused_naming_that_row(self):
        cases = [
            (
                "authors_author",
                author_form(name="Daniel Okafor Jr", slug="Daniel-Okafor"),
                "The author “Daniel Okafor” already has this address (“daniel-okafor”)",
            ),
            (
                "sources_source",
                source_form(name="Reuters UK", slug="REUTERS"),
                "The source “Reuters” already has this address (“reuters”)",
            ),
            (
                "sections_section",
                section_form(name="Europe desk", slug="Europe"),
                "The section “Europe” already has this address (“europe”)",
            ),
        ]
        for model, form, said in cases:
            with self.subTest(model):
                response = self.post(model, form)
                self.assert_refused(
                    response, f"{said}; addresses do not tell capitals apart. Choose another slug."
                )
        self.assertEqual(Author.objects.filter(slug__iexact="daniel-okafor").count(), 1)
        self.assertEqual(Source.objects.filter(slug__iexact="reuters").count(), 1)
        self.assertEqual(Section.objects.filter(slug__iexact="europe").count(), 1)

    def test_a_slug_held_in_capitals_from_before_is_refused_in_lower_case(self):
        """Rows saved before slugs were lower-cased keep their address, and it stays theirs."""
        Section.objects.filter(pk=self.europe.pk).update(slug="Europe")
        response = self.post("sections_section", section_form(name="Europe desk", slug="europe"))
        self.assert_refused(
            response,
            "The section “Europe” already has this address (“Europe”); addresses do not tell "
            "capitals apart. Choose another slug.",
        )

    def test_a_slug_held_in_capitals_stays_when_the_row_is_edited_otherwise(self):
        """A live address: a new biography neither moves the page nor is refused,
        even where another row holds the same slug in lower case (docs/decisions/0010)."""
        Author.objects.filter(pk=self.okafor.pk).update(slug="RV-Ana")
        clash = make_author(name="Daniel Okafor Jr", slug="daniel-okafor-jr")
        Author.objects.filter(pk=clash.pk).update(slug="Daniel-Okafor-Jr")
        make_author(name="Daniel Okafor Jr (sport)", slug="daniel-okafor-jr")
        for author, slug in ((self.okafor, "RV-Ana"), (clash, "Daniel-Okafor-Jr")):
            with self.subTest(slug):
                url = reverse("admin:authors_author_change", args=[author.pk])
                data = form_fields(self.client.get(url))
                self.assertEqual(data["slug"], slug)
                response = self.client.post(url, {**data, "bio": "Covers the Sahel."})
                self.assertEqual(response.status_code, 302)
                author.refresh_from_db()
                self.assertEqual((author.slug, author.bio), (slug, "Covers the Sahel."))
        # Changed, the slug follows the rule again.
        url = reverse("admin:authors_author_change", args=[self.okafor.pk])
        data = form_fields(self.client.get(url))
        self.client.post(url, {**data, "slug": "RV-Ana-Lima"})
        self.okafor.refresh_from_db()
        self.assertEqual(self.okafor.slug, "rv-ana-lima")

    def test_a_slug_made_from_the_name_steps_around_one_held_in_capitals(self):
        Author.objects.filter(pk=self.okafor.pk).update(slug="Daniel-Okafor")
        response = self.post("authors_author", author_form(name="Daniel Okafor", slug=""))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            sorted(Author.objects.values_list("slug", flat=True)),
            ["Daniel-Okafor", "daniel-okafor-2"],
        )

    def test_reserved_section_slugs_are_refused_in_any_case(self):
        for slug in ("Admin", "STATIC", "Feeds"):
            with self.subTest(slug):
                response = self.post("sections_section", section_form(name=slug, slug=slug))
                self.assert_refused(
                    response,
                    f"“{slug.lower()}” is used by the site's own pages; choose another slug.",
                )
        self.assertFalse(Section.objects.filter(name__in=["Admin", "STATIC", "Feeds"]).exists())
        with self.assertRaises(ValidationError):
            validate_section_slug("Admin")

    def test_reordering_sections_in_the_list_still_works(self):
        """The list's editable columns leave the slug out: nothing is checked on it there."""
        Section.objects.filter(pk=self.europe.pk).update(slug="Europe")
        make_section(name="Europe again", slug="europe")
        europe = Section.objects.get(slug="Europe")
        url = reverse("admin:sections_section_changelist")
        # The list as the page gives it, each row with the version it was opened at.
        data = form_fields(self.client.get(url))
        row = next(
            key.removesuffix("-id")
            for key, value in data.items()
            if key.endswith("-id") and value == str(europe.pk)
        )
        response = self.client.post(url, {**data, f"{row}-position": "5", "_save": "Save"})
        self.assertEqual(response.status_code, 302)
        europe.refresh_from_db()
        self.assertEqual((europe.position, europe.slug), (5, "Europe"))
