"""One source per name, however the name is written.

"meridian news service", "Méridian News Service" and "Meridian News Service"
with a zero-width space were each taken beside "Meridian News Service": the
name was unique only as written, so readers got a page per spelling and the
credits were split between them.
"""

import io
from contextlib import redirect_stdout

from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

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
        written_differently = (
            ", written with other capitals, accents, dashes, apostrophes or invisible characters"
        )
        for name, how in (
            ("meridian news service", written_differently),
            ("Méridian News Service", written_differently),
            # Taken out before the name is compared: the very same name.
            (f"Meridian{ZWSP} News Service", ""),
            ("MERIDIAN  NEWS\u00a0SERVICE", written_differently),
            (f"Meri{ZWJ}dian News Service", written_differently),
        ):
            with self.subTest(name):
                response = self.add(name, slug="meridian-2")
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors["name"]
                self.assertEqual(
                    errors,
                    [
                        f'The source <a href="{link}">“Meridian News Service”</a> has this name '
                        f"already{how}. Credit that one, or give this source a name of its own."
                    ],
                )
                self.assertContains(response, f'<a href="{link}">“Meridian News Service”</a>')
        self.assertEqual(Source.objects.count(), 1)

    def test_names_that_differ_by_the_kind_of_dash_or_apostrophe_are_refused(self):
        """ "France–Presse" with an en dash was a second "France-Presse" readers could
        not tell from the first; so was "Xinhua’s" beside "Xinhua's"."""
        afp = make_source(name="Agence France-Presse", slug="afp")
        xinhua = make_source(name="Xinhua's Wire", slug="xinhua")
        for name, there in (
            ("Agence France\u2013Presse", afp),  # en dash
            ("Agence France\u2014Presse", afp),  # em dash
            ("Agence France\u2212Presse", afp),  # minus sign
            ("Agence France\u2011Presse", afp),  # non-breaking hyphen
            ("Agence France\uff0dPresse", afp),  # fullwidth hyphen-minus
            ("Xinhua\u2019s Wire", xinhua),  # curly apostrophe
            ("Xinhua\u00b4s Wire", xinhua),  # acute accent typed for one
            ("Agence France Presse", afp),  # a space for the hyphen
        ):
            with self.subTest(name):
                response = self.add(name, slug="another")
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors["name"]
                link = reverse("admin:sources_source_change", args=[there.pk])
                said = f'<a href="{link}">“{escape(there.name)}”</a> has this name already'
                self.assertIn(said, errors[0])
                self.assertEqual(Source.objects.named(name), there)
        self.assertEqual(Source.objects.count(), 3)
        # Marks readers do tell apart stay apart.
        self.assertEqual(self.add("Agence France - Presse", slug="afp-2").status_code, 302)
        self.assertEqual(self.add("Agencia «EFE»", slug="efe-1").status_code, 302)
        self.assertEqual(self.add('Agencia "EFE"', slug="efe-2").status_code, 302)
        self.assertEqual(self.add("Agencia \u201cEFE\u201d", slug="efe-3").status_code, 200)

    def test_the_same_name_again_is_refused_by_its_name_alone(self):
        """The slug the admin made from the name was refused beside it, naming the same
        source twice; a name typed as it is stored was said to have "other capitals"."""
        response = self.add("Meridian News Service", slug="meridian-news-service")
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        link = reverse("admin:sources_source_change", args=[self.meridian.pk])
        self.assertEqual(
            form.errors,
            {
                "name": [
                    f'The source <a href="{link}">“Meridian News Service”</a> has this name '
                    "already. Credit that one, or give this source a name of its own."
                ]
            },
        )
        self.assertNotContains(response, "already has this address")

    def test_a_slug_another_source_holds_is_still_refused_beside_the_name(self):
        make_source(name="Kestrel Wire", slug="kestrel-wire")
        response = self.add("Meridian News Service", slug="kestrel-wire")
        errors = response.context["adminform"].form.errors
        self.assertEqual(sorted(errors), ["name", "slug"])
        self.assertIn("Kestrel Wire", errors["slug"][0])

    def test_a_name_whose_address_another_source_has_is_told_on_the_name(self):
        """ "Reuters (UK)" beside "Reuters UK": the slug the page wrote from the name was
        refused as an address the editor had to change, and a new slug made a second
        page for what may be the same source. The name says whose address it is."""
        reuters = make_source(name="Reuters UK", slug="reuters-uk")
        link = reverse("admin:sources_source_change", args=[reuters.pk])
        # As the page writes it from the name, and as the server would make it.
        response = self.add("Reuters (UK)", slug="reuters-uk", notes="London desk.")
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertEqual(
            form.errors,
            {
                "name": [
                    f'The source <a href="{link}">“Reuters UK”</a> has the address this name '
                    "makes (“reuters-uk”). If it is the same source, credit that one; if it is "
                    "another, write a slug of its own for this one."
                ]
            },
        )
        self.assertNotContains(response, "already has this address")
        # Everything typed is still in the form; the slug the page wrote from the
        # name goes back empty, for the page to write again from the name as it is
        # rewritten (or for the editor to write one).
        self.assertEqual(
            (form["name"].value(), form["slug"].value(), form["notes"].value()),
            ("Reuters (UK)", "", "London desk."),
        )
        self.assertEqual(Source.objects.count(), 2)
        # Another source after all: a slug of its own saves it.
        self.assertEqual(self.add("Reuters (UK)", slug="reuters-uk-wire").status_code, 302)
        # On its own form, the slug is the editor's: refused on its box.
        url = reverse(
            "admin:sources_source_change", args=[Source.objects.get(slug="reuters-uk-wire").pk]
        )
        response = self.client.post(
            url, {**form_fields(self.client.get(url)), "slug": "reuters-uk"}
        )
        self.assertEqual(list(response.context["adminform"].form.errors), ["slug"])
        self.assertContains(response, "The source “Reuters UK” already has this address")

    def test_a_space_for_a_hyphen_is_the_source_there_is_in_the_admin_and_the_importer(self):
        """ "Agence France Presse" beside "Agence France-Presse": the admin refused the slug
        the page wrote from the name and, given another, made a second source; the
        importer made one too, "new source created", for wire copy signed that way."""
        afp = make_source(name="Agence France-Presse", slug="agence-france-presse")
        link = reverse("admin:sources_source_change", args=[afp.pk])
        response = self.add("Agence France Presse", slug="agence-france-presse", notes="Paris.")
        self.assertEqual(response.status_code, 200)
        form = response.context["adminform"].form
        self.assertEqual(
            form.errors,
            {
                "name": [
                    f'The source <a href="{link}">“Agence France-Presse”</a> has this name '
                    "already, written with other capitals, accents, dashes, apostrophes or "
                    "invisible characters. Credit that one, or give this source a name of its "
                    "own."
                ]
            },
        )
        self.assertEqual(
            (form["name"].value(), form["notes"].value()), ("Agence France Presse", "Paris.")
        )
        for name in (
            "agence france presse",
            "Agence\u00a0France\u2013Presse",
            "Agence-France-Presse",
        ):
            with self.subTest(name):
                self.assertEqual(Source.objects.named(name), afp)

        copy = (
            "GENEVA — Talks on the ceasefire resumed on Monday after a week of delays.\n"
            "Both delegations called the mood constructive but no date was set.\n"
            "Source: Agence France Presse\n"
        )
        world = Section.objects.create(name="World", slug="world")
        outcome = import_copy("geneva.txt", copy.encode(), section=world)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        self.assertIn("origin source: Agence France-Presse (existing)", outcome.detected)
        self.assertEqual(Source.objects.count(), 2)  # Meridian and AFP

    def test_a_spaced_dash_or_a_hyphen_taken_out_stays_apart(self):
        """A dash with spaces around it is a dash readers see (decision 0033), and a
        hyphen taken out makes another word: only a hyphen between words is a space."""
        self.assertEqual(name_key("Agence France Presse"), name_key("Agence France\u2011Presse"))
        self.assertNotEqual(name_key("Agence France - Presse"), name_key("Agence France Presse"))
        self.assertNotEqual(name_key("Al-Jazeera"), name_key("AlJazeera"))
        self.assertEqual(name_key("Al-Jazeera"), name_key("Al Jazeera"))

    def test_of_two_sources_that_came_to_share_a_name_the_first_saves_as_before(self):
        """Rows there before dashes folded keep being editable where they can be: the
        first, which lookups by name find, saves; the later one is told to rename."""
        first = make_source(name="Agence France-Presse", slug="afp")
        later = make_source(name="Agence France\u2013Presse", slug="afp-en-dash")
        first_url = reverse("admin:sources_source_change", args=[first.pk])
        response = self.client.post(
            first_url, {**form_fields(self.client.get(first_url)), "notes": "Paris wire."}
        )
        self.assertRedirects(response, reverse("admin:sources_source_changelist"))
        later_url = reverse("admin:sources_source_change", args=[later.pk])
        response = self.client.post(
            later_url, {**form_fields(self.client.get(later_url)), "notes": "Paris wire."}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'<a href="{first_url}">“Agence France-Presse”</a>')
        # Renamed to the later one's name, the first is refused as any other would be.
        response = self.client.post(
            first_url,
            {**form_fields(self.client.get(first_url)), "name": "AGENCE FRANCE\u2014PRESSE"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "“Agence France\u2013Presse”</a> has this name already")

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


def slug_named(name):
    """The slug of the source ``name`` is, found by its key as ``Source.objects.named``
    finds it: at these migrations the table of other names, which it reads too,
    is not there yet."""
    same = Source.objects.filter(name_key=name_key(name)).order_by("pk")
    return same.values_list("slug", flat=True).first()


class SourceNameKeyMigrationTests(MigrationTestCase):
    def test_sources_there_before_the_column_are_found_by_name(self):
        """Rows written before the column get their key from the migration."""
        apps = self.migrate([("sources", "0003_links_up_to_2000_characters")])
        OldSource = apps.get_model("sources", "Source")
        OldSource.objects.create(name="Méridian News Service", slug="meridian")
        OldSource.objects.create(name="Kestrel Wire", slug="kestrel")
        self.migrate([("sources", "0004_name_key_indexed")])
        self.assertEqual(slug_named("meridian news service"), "meridian")
        self.assertEqual(slug_named("KESTREL WIRE"), "kestrel")


class LookAlikeNameKeyMigrationTests(MigrationTestCase):
    def test_keys_are_recomputed_and_sources_that_now_share_one_are_kept_and_listed(self):
        apps = self.migrate([("sources", "0004_name_key_indexed")])
        OldSource = apps.get_model("sources", "Source")
        rows = {}
        for slug, name, key in (
            ("afp", "Agence France-Presse", "agence france-presse"),
            ("afp-en-dash", "Agence France\u2013Presse", "agence france\u2013presse"),
            ("xinhua", "Xinhua\u2019s Wire", "xinhua\u2019s wire"),
        ):
            # As the saves before this migration stored them.
            rows[slug] = OldSource.objects.create(name=name, slug=slug, name_key=key)
        said = io.StringIO()
        with redirect_stdout(said):
            self.migrate([("sources", "0005_name_keys_fold_dashes_and_apostrophes")])
        self.assertEqual(Source.objects.count(), 3)
        self.assertEqual(slug_named("Agence France\u2014Presse"), "afp")
        self.assertEqual(slug_named("Xinhua's Wire"), "xinhua")
        listed = said.getvalue()
        self.assertIn(
            f"“Agence France-Presse” (id {rows['afp'].pk}), beside "
            f"“Agence France\u2013Presse” (id {rows['afp-en-dash'].pk})",
            listed,
        )
        self.assertNotIn("Xinhua", listed)

        # And back: the keys as they were.
        apps = self.migrate([("sources", "0004_name_key_indexed")])
        keys = dict(apps.get_model("sources", "Source").objects.values_list("slug", "name_key"))
        self.assertEqual(
            keys,
            {
                "afp": "agence france-presse",
                "afp-en-dash": "agence france\u2013presse",
                "xinhua": "xinhua\u2019s wire",
            },
        )
        with redirect_stdout(io.StringIO()):  # Said once is enough.
            self.migrate([("sources", "0005_name_keys_fold_dashes_and_apostrophes")])


class HyphenNameKeyMigrationTests(MigrationTestCase):
    def test_keys_are_recomputed_and_sources_that_now_share_one_are_kept_and_listed(self):
        apps = self.migrate([("sources", "0005_name_keys_fold_dashes_and_apostrophes")])
        OldSource = apps.get_model("sources", "Source")
        rows = {}
        for slug, name, key in (
            ("afp", "Agence France-Presse", "agence france-presse"),
            ("afp-spaced", "Agence France Presse", "agence france presse"),
            ("al-jazeera", "Al-Jazeera", "al-jazeera"),
        ):
            # As the saves before this migration stored them.
            rows[slug] = OldSource.objects.create(name=name, slug=slug, name_key=key)
        said = io.StringIO()
        with redirect_stdout(said):
            self.migrate([("sources", "0006_name_keys_take_a_hyphen_between_words_as_a_space")])
        self.assertEqual(Source.objects.count(), 3)
        self.assertEqual(slug_named("Agence France Presse"), "afp")
        self.assertEqual(slug_named("Al Jazeera"), "al-jazeera")
        listed = said.getvalue()
        self.assertIn("hyphen or space between two words", listed)
        self.assertIn(
            f"“Agence France-Presse” (id {rows['afp'].pk}), beside "
            f"“Agence France Presse” (id {rows['afp-spaced'].pk})",
            listed,
        )
        self.assertNotIn("Jazeera", listed)

        # And back: the keys as they were.
        apps = self.migrate([("sources", "0005_name_keys_fold_dashes_and_apostrophes")])
        keys = dict(apps.get_model("sources", "Source").objects.values_list("slug", "name_key"))
        self.assertEqual(
            keys,
            {
                "afp": "agence france-presse",
                "afp-spaced": "agence france presse",
                "al-jazeera": "al-jazeera",
            },
        )
        with redirect_stdout(io.StringIO()):  # Said once is enough.
            self.migrate([("sources", "0006_name_keys_take_a_hyphen_between_words_as_a_space")])


class AuthorNameTests(TestCase):
    def test_a_zero_width_space_is_taken_out_of_an_authors_name(self):
        self.client.force_login(make_user("chief", superuser=True))
        self.client.post(
            reverse("admin:authors_author_add"),
            author_form(name=f"Ama{ZWSP} Owusu", slug="ama-owusu"),
        )
        self.assertEqual(Author.objects.get(slug="ama-owusu").name, "Ama Owusu")
        self.assertEqual(Author.objects.create(name=f"Kofi{ZWSP} Mensah").name, "Kofi Mensah")
