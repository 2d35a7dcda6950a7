"""A source's other names: "BBC" is the source "British Broadcasting Corporation".

Wire copy signed "Source: BBC" made a second source beside "British
Broadcasting Corporation", and the story form's source box found nothing for
"BBC": a source had one name, and no other it went by.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse

from articles.import_service import CREATED, import_copy
from articles.roles import EDITORS, WRITERS, ensure_roles
from sections.models import Section
from sources.models import OtherName, Source
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_source, make_user
from tests.sources.test_slugs import ADD_URL, source_form

WRITTEN_OTHERWISE = (
    ", written with other capitals, accents, dashes, apostrophes or invisible characters"
)


def change_url(source):
    return reverse("admin:sources_source_change", args=[source.pk])


class OtherNameTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.bbc = make_source(
            name="British Broadcasting Corporation",
            slug="british-broadcasting-corporation",
            kind=Source.Kind.BROADCASTER,
        )
        OtherName.objects.create(source=cls.bbc, name="BBC")
        cls.afp = make_source(name="Agence France-Presse", slug="afp")


class OtherNameRuleTests(OtherNameTestCase):
    def refusal(self, other_name):
        """The error ``full_clean`` gives ``other_name`` on its name."""
        with self.assertRaises(ValidationError) as refused:
            other_name.full_clean()
        return refused.exception.message_dict["name"]

    def test_another_sources_name_is_refused_naming_that_source(self):
        link = change_url(self.bbc)
        for name, how in (
            ("British Broadcasting Corporation", ""),
            ("british broadcasting corporation", WRITTEN_OTHERWISE),
        ):
            with self.subTest(name):
                self.assertEqual(
                    self.refusal(OtherName(source=self.afp, name=name)),
                    [
                        f'The source <a href="{link}">“British Broadcasting Corporation”</a> '
                        f"has this name already{how}. A name is one source's only: take it off "
                        "that one first, or leave it out here."
                    ],
                )

    def test_another_sources_other_name_is_refused_naming_that_source(self):
        link = change_url(self.bbc)
        for name, how in (("BBC", ""), ("B\u200bbc", WRITTEN_OTHERWISE)):
            with self.subTest(name):
                self.assertEqual(
                    self.refusal(OtherName(source=self.afp, name=name)),
                    [
                        f'The source <a href="{link}">“British Broadcasting Corporation”</a> '
                        f"has “BBC” as another name already{how}. A name is one source's only: "
                        "take it off that one first, or leave it out here."
                    ],
                )

    def test_the_sources_own_name_or_other_name_again_is_refused(self):
        self.assertEqual(
            self.refusal(OtherName(source=self.afp, name="Agence France Presse")),
            ["This is the source's name: an other name is one it also goes by."],
        )
        self.assertEqual(
            self.refusal(OtherName(source=self.bbc, name="bbc")),
            ["This source has this other name already."],
        )

    def test_a_name_with_no_letters_to_compare_is_refused(self):
        self.assertEqual(
            self.refusal(OtherName(source=self.afp, name="\u200d")),
            ["Write the name in letters: this one shows none."],
        )

    def test_an_other_name_of_its_own_saves_and_is_kept_as_it_is(self):
        afp = OtherName(source=self.afp, name="AFP")
        afp.full_clean()
        afp.save()
        self.assertEqual(afp.name_key, "afp")
        # Saved again as it is, it is not its own rival.
        OtherName.objects.get(pk=afp.pk).full_clean()

    def test_the_database_refuses_a_key_twice_whatever_path_skips_the_check(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            OtherName.objects.create(source=self.afp, name="bbc")

    def test_a_source_may_not_take_another_sources_other_name_as_its_name(self):
        source = Source(name="bbc", slug="bbc-2", kind=Source.Kind.BROADCASTER)
        with self.assertRaises(ValidationError) as refused:
            source.full_clean()
        self.assertEqual(
            refused.exception.message_dict["name"],
            [
                f'The source <a href="{change_url(self.bbc)}">“British Broadcasting '
                f"Corporation”</a> has “BBC” as another name already{WRITTEN_OTHERWISE}. "
                "Credit that one, or give this source a name of its own."
            ],
        )

    def test_a_source_may_be_renamed_to_its_own_other_name(self):
        """The check of a source's name leaves its own other names out: the form that
        renames it says, on the other name's row, that the row is its name now."""
        self.bbc.name = "BBC"
        self.bbc.full_clean()


class NamedTests(OtherNameTestCase):
    def test_a_source_is_found_by_its_other_names_in_one_query(self):
        with self.assertNumQueries(1):
            found = Source.objects.named("The B\u200bBC", "bbc")
        self.assertEqual(found, self.bbc)
        self.assertEqual((found.found_by, found.found_by_other_name), ("BBC", True))
        found = Source.objects.named("British Broadcasting Corporation")
        self.assertEqual(
            (found, found.found_by, found.found_by_other_name),
            (self.bbc, "British Broadcasting Corporation", False),
        )

    def test_the_first_name_given_that_is_a_source_wins_by_name_or_other_name(self):
        self.assertEqual(Source.objects.named("Kestrel Wire", "BBC", "AFP (news)"), self.bbc)
        self.assertEqual(Source.objects.named("Agence France Presse", "BBC"), self.afp)

    def test_a_source_left_out_of_the_search_is_not_found_by_its_other_name(self):
        self.assertIsNone(Source.objects.exclude(pk=self.bbc.pk).named("BBC"))

    def test_a_source_named_as_another_has_it_as_an_other_name_is_found_first(self):
        """Two rows can share a name only from before the check (or a race): the
        source's own name wins over another's other name, whatever their age."""
        older = make_source(name="Kestrel Wire", slug="kestrel")
        OtherName.objects.create(source=older, name="KW")
        newer = Source.objects.create(name="kw", slug="kw")  # no check on this path
        self.assertEqual(Source.objects.named("KW"), newer)


class OtherNameAdminTests(OtherNameTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.chief = make_user("chief", superuser=True)

    def setUp(self):
        self.client.force_login(self.chief)

    def test_a_new_source_is_added_with_its_other_names(self):
        response = self.client.post(
            ADD_URL,
            source_form(name="Associated Press", slug="ap", other_names=["AP", "The AP"]),
        )
        self.assertRedirects(response, reverse("admin:sources_source_changelist"))
        ap = Source.objects.get(slug="ap")
        self.assertEqual(
            list(ap.other_names.values_list("name", "name_key")),
            [("AP", "ap"), ("The AP", "the ap")],
        )
        page = self.client.get(change_url(ap))
        self.assertContains(page, 'name="other_names-0-name"')
        self.assertContains(page, 'value="The AP"')

    def test_an_other_name_another_source_has_is_refused_on_its_row_with_a_link(self):
        response = self.client.post(
            ADD_URL, source_form(name="BBC News Channel", slug="bbc-news", other_names=["bbc"])
        )
        self.assertEqual(response.status_code, 200)
        inline = response.context["inline_admin_formsets"][0].formset
        self.assertEqual(
            inline.errors,
            [
                {
                    "name": [
                        f'The source <a href="{change_url(self.bbc)}">“British Broadcasting '
                        f"Corporation”</a> has “BBC” as another name already{WRITTEN_OTHERWISE}. "
                        "A name is one source's only: take it off that one first, or leave it "
                        "out here."
                    ]
                }
            ],
        )
        self.assertContains(response, f'<a href="{change_url(self.bbc)}">')
        self.assertFalse(Source.objects.filter(slug="bbc-news").exists())

    def test_a_name_another_source_has_as_an_other_name_is_refused_on_the_name(self):
        response = self.client.post(ADD_URL, source_form(name="BBC", slug="bbc-2"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["adminform"].form.errors["name"],
            [
                f'The source <a href="{change_url(self.bbc)}">“British Broadcasting '
                "Corporation”</a> has “BBC” as another name already. Credit that one, or give "
                "this source a name of its own."
            ],
        )

    def test_one_name_typed_in_two_rows_is_refused_not_a_server_error(self):
        response = self.client.post(
            ADD_URL,
            source_form(name="Associated Press", slug="ap", other_names=["AP", "ap"]),
        )
        self.assertEqual(response.status_code, 200)
        inline = response.context["inline_admin_formsets"][0].formset
        self.assertEqual(
            inline.non_form_errors(), ["“ap” is given twice: take one of the two rows out."]
        )
        self.assertFalse(Source.objects.filter(slug="ap").exists())

    def test_a_source_renamed_keeps_its_old_name_as_an_other_name_in_one_save(self):
        """ "BBC", made by the importer, is renamed in full, and "BBC" kept for the copy
        that credits it so: the old name is its own, not another source's."""
        short = make_source(name="NYT", slug="nyt", kind=Source.Kind.NEWSPAPER)
        url = change_url(short)
        data = form_fields(self.client.get(url))
        data.update(
            {
                "name": "The New York Times",
                "other_names-TOTAL_FORMS": "1",
                "other_names-0-name": "NYT",
            }
        )
        self.assertRedirects(
            self.client.post(url, data), reverse("admin:sources_source_changelist")
        )
        self.assertEqual(Source.objects.named("nyt"), short)
        self.assertEqual(Source.objects.get(pk=short.pk).name, "The New York Times")

    def test_an_other_name_deleted_on_the_form_frees_it_for_another_source(self):
        url = change_url(self.bbc)
        data = form_fields(self.client.get(url))
        self.assertEqual(data["other_names-0-name"], "BBC")
        data["other_names-0-DELETE"] = "on"
        self.assertRedirects(
            self.client.post(url, data), reverse("admin:sources_source_changelist")
        )
        self.assertEqual(
            self.client.post(ADD_URL, source_form(name="BBC", slug="bbc-2")).status_code, 302
        )

    def test_the_source_list_finds_a_source_by_its_other_names_once(self):
        OtherName.objects.create(source=self.bbc, name="BBC News")
        response = self.client.get(reverse("admin:sources_source_changelist"), {"q": "bbc"})
        self.assertEqual(list(response.context["cl"].result_list), [self.bbc])

    def test_a_stale_form_is_refused_when_a_colleague_changed_an_other_name(self):
        url = change_url(self.bbc)
        data = form_fields(self.client.get(url))
        OtherName.objects.filter(source=self.bbc).update(name="Beeb", name_key="beeb")
        response = self.client.post(url, {**data, "notes": "London."})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Source.objects.get(pk=self.bbc.pk).notes, "")


class OtherNameRoleTests(OtherNameTestCase):
    """The rows are an inline, which the admin shows only to those with permissions on it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        ensure_roles()

    def test_an_editor_edits_a_sources_other_names_on_its_form(self):
        self.client.force_login(make_user("editor", staff=True, groups=[EDITORS]))
        url = change_url(self.afp)
        data = form_fields(self.client.get(url))
        self.assertEqual(data["other_names-TOTAL_FORMS"], "0")
        data.update({"other_names-TOTAL_FORMS": "1", "other_names-0-name": "AFP"})
        self.assertRedirects(
            self.client.post(url, data), reverse("admin:sources_source_changelist")
        )
        self.assertEqual(Source.objects.named("AFP"), self.afp)

    def test_an_editor_deletes_a_source_with_its_other_names(self):
        """The rows go with their source: the admin refuses to delete a row that takes
        others with it unless the editor may delete those too."""
        self.client.force_login(make_user("editor", staff=True, groups=[EDITORS]))
        url = reverse("admin:sources_source_delete", args=[self.bbc.pk])
        response = self.client.post(url, {"post": "yes"})
        self.assertRedirects(response, reverse("admin:sources_source_changelist"))
        self.assertFalse(OtherName.objects.exists())
        self.assertIsNone(Source.objects.named("BBC"))

    def test_a_writer_sees_them_and_may_not_change_them(self):
        self.client.force_login(make_user("writer", staff=True, groups=[WRITERS]))
        response = self.client.get(change_url(self.bbc))
        self.assertContains(response, "Other names")
        self.assertContains(response, "BBC")
        self.assertNotContains(response, 'name="other_names-0-name"')


class StoryFormSourceBoxTests(OtherNameTestCase):
    """The story form's source box asks the source admin's search (Django's autocomplete)."""

    def search(self, term):
        response = self.client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "articles",
                "model_name": "sourcecredit",
                "field_name": "source",
                "term": term,
            },
        )
        self.assertEqual(response.status_code, 200)
        return [result["text"] for result in response.json()["results"]]

    def test_a_writer_finds_a_source_by_its_other_name(self):
        ensure_roles()
        self.client.force_login(make_user("writer", staff=True, groups=[WRITERS]))
        OtherName.objects.create(source=self.bbc, name="BBC News")
        self.assertEqual(self.search("BBC"), ["British Broadcasting Corporation"])
        self.assertEqual(self.search("Agence"), ["Agence France-Presse"])
        self.assertEqual(self.search("Reuters"), [])


class ImportCreditTests(OtherNameTestCase):
    COPY = (
        "GENEVA — Talks on the ceasefire resumed on Monday after a week of delays.\n"
        "Both delegations called the mood constructive but no date was set.\n"
        "Source: {}\n"
    )

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.world = Section.objects.create(name="World", slug="world")
        OtherName.objects.create(source=cls.afp, name="AFP")

    def test_a_source_line_with_an_other_name_credits_the_source_there_is(self):
        for line in ("BBC", "the BBC"):
            with self.subTest(line):
                outcome = import_copy(
                    "geneva.txt", self.COPY.format(line).encode(), section=self.world
                )
                self.assertEqual(outcome.status, CREATED, outcome.errors)
                self.assertIn(
                    "origin source: British Broadcasting Corporation (existing)",
                    outcome.detected,
                )
                credits = Source.objects.filter(credits__article__pk=outcome.article_id)
                self.assertEqual(list(credits), [self.bbc])
        self.assertEqual(Source.objects.count(), 2)

    def test_a_datelines_agency_by_its_other_name_is_credited_not_guessed(self):
        """ "PARIS (AFP) —" with no "Source:" line: the initials were only a guess
        ("may be Agence France-Presse"); as the source's other name they are its."""
        copy = (
            "PARIS (AFP) — Talks on the ceasefire resumed on Monday after a week of delays.\n"
            "Both delegations called the mood constructive but no date was set.\n"
        )
        outcome = import_copy("paris.txt", copy.encode(), section=self.world)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        self.assertIn(
            "origin source: Agence France-Presse (existing; named in the dateline as “AFP”)",
            outcome.detected,
        )

    def test_an_outlet_cited_by_its_other_name_is_credited_as_cited(self):
        copy = (
            "GENEVA — Talks on the ceasefire resumed on Monday after a week of delays, "
            "according to the BBC.\n"
            "Both delegations called the mood constructive but no date was set.\n"
            "Source: AFP\n"
        )
        outcome = import_copy("geneva.txt", copy.encode(), section=self.world)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        self.assertIn("origin source: Agence France-Presse (existing)", outcome.detected)
        self.assertIn("cited source: British Broadcasting Corporation", outcome.detected)
        self.assertNotIn("outlet named but not a known source: BBC", outcome.detected)
