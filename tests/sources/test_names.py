"""One source per name, however the name is written.

"meridian news service", "Méridian News Service" and "Meridian News Service"
with a zero-width space were each taken beside "Meridian News Service": the
name was unique only as written, so readers got a page per spelling and the
credits were split between them.
"""

from django.test import TestCase
from django.urls import reverse

from articles.import_service import CREATED, import_copy
from articles.names import name_key
from authors.models import Author
from sections.models import Section
from sources.models import Source
from tests.articles.test_admin_workflow import form_fields
from tests.authors.test_admin_user_link import author_form
from tests.factories import make_source, make_user
from tests.migration_case import MigrationTestCase
from tests.sources.test_slugs import ADD_URL, source_form

ZWSP, ZWNJ, ZWJ = "\u200b", "\u200c", "\u200d"


class SourceNameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)
        cls.meridian = make_source(name="Meridian News Service", slug="meridian-news-service")

    def setUp(self):
        self.client.force_login(self.chief)

    def add(self, name, **fields):
        return self.client.post(ADD_URL, source_form(name=name, **fields))

    def test_the_same_name_written_differently_is_refused_naming_the_source_there_is(self):
        link = reverse("admin:sources_source_change", args=[self.meridian.pk])
        for name in (
            "meridian news service",
            "Méridian News Service",
            f"Meridian{ZWSP} News Service",
            "MERIDIAN  NEWS\u00a0SERVICE",
            f"Meri{ZWJ}dian News Service",
        ):
            with self.subTest(name):
                response = self.add(name, slug="meridian-2")
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors["name"]
                self.assertEqual(
                    errors,
                    [
                        f'The source <a href="{link}">“Meridian News Service”</a> has this name '
                        "already, written with other capitals, accents or invisible characters. "
                        "Credit that one, or give this source a name of its own."
                    ],
                )
                self.assertContains(response, f'<a href="{link}">“Meridian News Service”</a>')
        self.assertEqual(Source.objects.count(), 1)

    def test_the_source_itself_saves_as_before(self):
        url = reverse("admin:sources_source_change", args=[self.meridian.pk])
        # The form as the page gives it, with the version it was opened at.
        data = form_fields(self.client.get(url))
        self.assertEqual(data["name"], "Meridian News Service")
        response = self.client.post(url, {**data, "notes": "Wire copy in English."})
        self.assertRedirects(response, reverse("admin:sources_source_changelist"))

    def test_a_zero_width_space_is_taken_out_of_a_new_name(self):
        response = self.add(f"Kestrel{ZWSP} Wire{ZWSP}")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            Source.objects.filter(slug="kestrel-wire").values_list("name", flat=True).get(),
            "Kestrel Wire",
        )
        # From any other path too.
        self.assertEqual(Source.objects.create(name=f"Osprey{ZWSP} Press").name, "Osprey Press")

    def test_joiners_that_scripts_need_are_kept(self):
        """Persian writes the zero-width non-joiner inside words, Hindi the joiner."""
        persian = f"خبرگزاری{ZWNJ}ها"
        hindi = f"क्{ZWJ}ष समाचार"
        for name, slug in ((persian, "khabar"), (hindi, "kshe")):
            with self.subTest(name):
                self.assertEqual(self.add(name, slug=slug).status_code, 302)
                self.assertEqual(Source.objects.get(slug=slug).name, name)
        # Without its joiner, it is the same name.
        self.assertEqual(self.add("خبرگزاریها", slug="khabar-2").status_code, 200)

    def test_names_that_differ_by_a_vowel_sign_are_two_names(self):
        """Devanagari's vowel signs are letters of the word, not accents to ignore."""
        self.assertEqual(self.add("गुप्त समाचार", slug="gupt").status_code, 302)
        self.assertEqual(self.add("गप्त समाचार", slug="gapt").status_code, 302)
        self.assertNotEqual(name_key("गुप्त"), name_key("गप्त"))
        self.assertEqual(name_key("Łódź Télégraphe"), name_key("LODZ  telegraphe"))

    def test_the_importer_credits_the_source_there_is(self):
        copy = (
            "GENEVA — Talks on the ceasefire resumed on Monday after a week of delays.\n"
            "Both delegations called the mood constructive but no date was set.\n"
            f"Source: Méridian{ZWSP} News Service\n"
        )
        world = Section.objects.create(name="World", slug="world")
        outcome = import_copy("geneva.txt", copy.encode(), section=world)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        self.assertIn("origin source: Meridian News Service (existing)", outcome.detected)
        self.assertEqual(Source.objects.count(), 1)


class SourceNameKeyTests(TestCase):
    """Each source keeps its name's key, so finding one by name is one indexed query."""

    @classmethod
    def setUpTestData(cls):
        cls.meridian = make_source(name="Meridian News Service", slug="meridian-news-service")
        for number in range(30):
            make_source(name=f"Outlet {number}", slug=f"outlet-{number}")

    def test_finding_a_source_by_name_is_one_query_however_many_there_are(self):
        with self.assertNumQueries(1):
            found = Source.objects.named("The Méridian News Service", "MERIDIAN news service")
        self.assertEqual(found, self.meridian)
        with self.assertNumQueries(1):
            self.assertIsNone(Source.objects.named("Kestrel Wire"))

    def test_the_first_name_given_that_is_a_source_wins(self):
        outlet = Source.objects.get(slug="outlet-7")
        self.assertEqual(Source.objects.named("Kestrel Wire", "OUTLET 7", "Meridian"), outlet)

    def test_a_renamed_source_is_found_by_its_new_name_only(self):
        self.meridian.name = "Méridian Wire"
        self.meridian.save(update_fields=["name"])
        self.assertEqual(Source.objects.named("meridian wire"), self.meridian)
        self.assertIsNone(Source.objects.named("Meridian News Service"))
        self.assertEqual(
            Source.objects.values_list("name_key", flat=True).get(pk=self.meridian.pk),
            "meridian wire",
        )

    def test_a_rename_in_the_admin_keeps_the_key(self):
        self.client.force_login(make_user("chief", superuser=True))
        url = reverse("admin:sources_source_change", args=[self.meridian.pk])
        response = self.client.post(
            url, {**form_fields(self.client.get(url)), "name": "Kestrel  Wire"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Source.objects.named("kestrel wire"), self.meridian)


class KnownSourceNameTests(TestCase):
    """ "and" and "&" in a "Source:" line, read against the sources the desk has."""

    COPY = (
        "GENEVA — Talks on the ceasefire resumed on Monday after a week of delays.\n"
        "Both delegations called the mood constructive but no date was set.\n"
        "Source: {}\n"
    )

    @classmethod
    def setUpTestData(cls):
        cls.world = Section.objects.create(name="World", slug="world")
        for name in ("Eurostat", "Reuters", "Ministry of Finance", "Procter & Gamble"):
            make_source(name=name)
        make_source(name="Food and Agriculture Organization", slug="fao")

    def credited(self, line):
        outcome = import_copy("geneva.txt", self.COPY.format(line).encode(), section=self.world)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        credits = Source.objects.filter(credits__article__pk=outcome.article_id)
        return sorted(credits.values_list("name", flat=True))

    def test_two_sources_the_desk_has_are_credited_not_made_into_one(self):
        """ "Source: Eurostat and Reuters" made a public source of that name."""
        before = Source.objects.count()
        self.assertEqual(self.credited("Eurostat and Reuters"), ["Eurostat", "Reuters"])
        self.assertEqual(
            self.credited("Ministry of Finance and Eurostat"), ["Eurostat", "Ministry of Finance"]
        )
        self.assertEqual(Source.objects.count(), before)

    def test_a_name_with_and_in_it_that_the_desk_has_is_one_source(self):
        before = Source.objects.count()
        self.assertEqual(self.credited("Procter & Gamble"), ["Procter & Gamble"])
        self.assertEqual(
            self.credited("Food and Agriculture Organization"),
            ["Food and Agriculture Organization"],
        )
        self.assertEqual(Source.objects.count(), before)


class SourceNameKeyMigrationTests(MigrationTestCase):
    def test_sources_there_before_the_column_are_found_by_name(self):
        """Rows written before the column get their key from the migration."""
        apps = self.migrate([("sources", "0003_links_up_to_2000_characters")])
        OldSource = apps.get_model("sources", "Source")
        OldSource.objects.create(name="Méridian News Service", slug="meridian")
        OldSource.objects.create(name="Kestrel Wire", slug="kestrel")
        self.migrate([("sources", "0004_name_key_indexed")])
        self.assertEqual(Source.objects.named("meridian news service").slug, "meridian")
        self.assertEqual(Source.objects.named("KESTREL WIRE").slug, "kestrel")


class AuthorNameTests(TestCase):
    def test_a_zero_width_space_is_taken_out_of_an_authors_name(self):
        self.client.force_login(make_user("chief", superuser=True))
        self.client.post(
            reverse("admin:authors_author_add"),
            author_form(name=f"Ama{ZWSP} Owusu", slug="ama-owusu"),
        )
        self.assertEqual(Author.objects.get(slug="ama-owusu").name, "Ama Owusu")
        self.assertEqual(Author.objects.create(name=f"Kofi{ZWSP} Mensah").name, "Kofi Mensah")
