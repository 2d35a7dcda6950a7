"""What the importer takes from a story's lead: the agency a dateline names ("PARIS (AFP) -",
"بيروت (رويترز) -") when there is no "Source:" line, and a headline when the copy has none."""

from pathlib import Path

from django.test import TestCase

from articles.import_service import CREATED, import_copy
from articles.models import Article, SourceCredit
from articles.roles import EDITORS, WRITERS, ensure_roles
from articles.slugs import slug_text
from authors.models import Author
from sources.models import Source
from tests.factories import make_article, make_author, make_section, make_source, make_user

SCRAPED = Path(__file__).resolve().parent.parent / "fixtures" / "wire" / "lisbon_budget_scraped.txt"


def copy(dateline, extra=""):
    return (
        f"{dateline} French farmers blocked motorways around the capital on Monday, "
        "snarling traffic for hours.\n"
        f"Unions said the protests would go on until the ministry listened.{extra}\n"
    ).encode()


class DatelineAgencyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_section(name="World", slug="world")
        cls.afp = make_source(name="Agence France-Presse", slug="agence-france-presse")
        cls.reuters = make_source(name="Reuters", slug="reuters")

    def imported(self, data, **kwargs):
        outcome = import_copy("farmers.txt", data, **kwargs)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        return outcome, Article.objects.get(pk=outcome.article_id)

    def test_a_live_blog_under_a_source_line_is_credited_and_its_standfirst_asked_for(self):
        outcome, story = self.imported(

                b"Live: Earthquake strikes off northern Chile\nSource: Reuters\n\n"
                b"16:20 GMT\nRescue teams have reached the port of Iquique.\n\n"
                b"15:40 GMT\nAt least 12 people were injured, the emergency office said.\n"

        )
        self.assertEqual(self.origins(story), ["Reuters"])
        self.assertEqual(story.standfirst, "")
        self.assertIn(
            "no standfirst: a live blog's first entry is news, not a summary, and stays "
            "under its time; write a standfirst before publishing",
            outcome.warnings,
        )

    def test_a_lead_introducing_a_list_asks_for_a_standfirst(self):
        outcome, story = self.imported(
            b"Budget: what changes for you\nThe chancellor announced these measures on "
            b"Wednesday:\nIncome tax thresholds frozen until 2030.\nFuel duty cut by 5p.\n"
        )
        self.assertEqual(story.standfirst, "")
        self.assertTrue(
            story.body.startswith("<p>The chancellor announced these measures on Wednesday:</p>")
        )
        self.assertIn(
            "no standfirst: the lead ends in a colon, introducing what follows it, and "
            "stays over it in the body; write a standfirst before publishing",
            outcome.warnings,
        )

    def origins(self, story):
        return list(
            story.source_credits.filter(role=SourceCredit.Role.ORIGIN).values_list(
                "source__name", flat=True
            )
        )

    def test_the_note_says_where_the_standfirst_came_from(self):
        """A page's own standfirst above the dateline was said to be "taken from the lead"."""
        outcome, story = self.imported(
            b"Farmers block Paris\nFarmers say the protests will go on\n"
            + copy("PARIS (Reuters) -")
        )
        self.assertEqual(story.standfirst, "Farmers say the protests will go on")
        self.assertIn("standfirst as given, above the dateline", outcome.detected)
        self.assertNotIn(
            "standfirst taken from the lead; the body starts after it", outcome.detected
        )
        Article.objects.all().delete()
        outcome, _ = self.imported(copy("PARIS (Reuters) -"))
        self.assertIn("standfirst taken from the lead; the body starts after it", outcome.detected)

    def test_a_wires_correction_is_said(self):
        outcome, story = self.imported(
            b"CORRECTED-Farmers block Paris\n(Corrects day in paragraph 1)\n"
            + copy("PARIS (Reuters) -")
        )
        self.assertEqual(story.headline, "Farmers block Paris")
        self.assertNotIn("Corrects", story.standfirst + story.body)
        self.assertIn(
            "the wire corrects a version it sent before: “(Corrects day in paragraph 1)”; "
            "if that version was published, add a correction to it",
            outcome.warnings,
        )

    def test_a_known_agency_in_the_dateline_is_credited_as_the_origin(self):
        for dateline, expected in (
            ("PARIS (Reuters) -", "Reuters"),  # its name
            ("PARIS (agence-france-presse) -", "Agence France-Presse"),  # its slug
        ):
            with self.subTest(dateline):
                Article.objects.all().delete()
                outcome, story = self.imported(copy(dateline))
                self.assertEqual(story.dateline, "Paris")
                self.assertEqual(self.origins(story), [expected])
                self.assertTrue(
                    any("named in the dateline" in line for line in outcome.detected),
                    outcome.detected,
                )
                self.assertFalse(any("Source:" in line for line in outcome.warnings))

    def test_an_agencys_opening_with_no_place_credits_it_too(self):
        outcome, story = self.imported(copy("(Reuters) -"))
        self.assertEqual((story.dateline, self.origins(story)), ("", ["Reuters"]))
        self.assertTrue(story.standfirst.startswith("French farmers"), story.standfirst)

    def test_initials_are_only_suggested(self):
        """ "AP" may be the Associated Press or Agenzia Parlamentare: the editor decides."""
        make_source(name="The Associated Press", slug="the-associated-press")
        for dateline, guess in (
            ("PARIS (AFP) -", "Agence France-Presse"),
            ("WASHINGTON (AP) -", "The Associated Press"),  # "The" is not an initial
        ):
            with self.subTest(dateline):
                Article.objects.all().delete()
                outcome, story = self.imported(copy(dateline))
                self.assertEqual(self.origins(story), [])
                agency = dateline.split("(")[1].split(")")[0]
                self.assertIn(
                    f"no “Source:” line; the dateline’s “{agency}” may be {guess}: "
                    "credit it as the origin source if so, before publishing",
                    outcome.warnings,
                )

    def test_an_unknown_agency_is_named_in_the_warning_and_never_created(self):
        sources = Source.objects.count()
        outcome, story = self.imported(copy("PARIS (ANSA) -"), user=None)
        self.assertEqual(self.origins(story), [])
        self.assertEqual(Source.objects.count(), sources)
        self.assertIn(
            "no “Source:” line, and the dateline’s “ANSA” is not a known source: "
            "add the origin source before publishing",
            outcome.warnings,
        )

    def test_two_sources_with_the_same_initials_are_not_guessed_between(self):
        make_source(name="Agenzia Parlamentare", slug="agenzia-parlamentare")
        make_source(name="Associated Press", slug="associated-press")
        outcome, story = self.imported(copy("WASHINGTON (AP) -"))
        self.assertEqual(self.origins(story), [])
        self.assertTrue(any("“AP” is not a known source" in w for w in outcome.warnings))

    def test_a_source_line_wins_over_the_dateline(self):
        _, story = self.imported(copy("PARIS (AFP) -", "\nSource: Reuters"))
        self.assertEqual(self.origins(story), ["Reuters"])

    def test_a_source_line_naming_no_agency_credits_the_figures_not_the_copy(self):
        """ "PARIS (AFP) - … Source: Eurostat" had credited Eurostat as the origin and
        dropped AFP, whose copy it is."""
        eurostat = make_source(name="Eurostat", slug="eurostat", kind=Source.Kind.ORGANISATION)
        for line, cited in (
            ("Source: Eurostat", ["Eurostat"]),
            # Not known: created, as any "Source:" name is, and cited.
            ("Source: INSEE", ["INSEE"]),
        ):
            with self.subTest(line):
                Article.objects.all().delete()
                outcome, story = self.imported(
                    copy("PARIS (Agence France-Presse) -", f"\n{line}"),
                    user=make_user(staff=True, superuser=True),
                )
                credits = story.source_credits.order_by("-role", "position")
                self.assertEqual(
                    list(credits.values_list("source__name", "role")),
                    [("Agence France-Presse", SourceCredit.Role.ORIGIN)]
                    + [(name, SourceCredit.Role.CITED) for name in cited],
                )
                self.assertIn(
                    "origin source: Agence France-Presse (existing; named in the dateline as "
                    "“Agence France-Presse”, the “Source:” line names no agency)",
                    outcome.detected,
                )
                self.assertFalse(
                    any(line.startswith("origin source: " + cited[0]) for line in outcome.detected)
                )
        self.assertTrue(Source.objects.filter(name="INSEE").exists())
        # A dateline the desk does not know leaves the line's name the origin.
        Article.objects.all().delete()
        _, story = self.imported(copy("PARIS (ANSA) -", "\nSource: Eurostat"))
        self.assertEqual(self.origins(story), [eurostat.name])

    def test_a_source_line_names_its_agencies_as_origin_and_the_rest_as_cited(self):
        """ "Source: Reuters, Eurostat" had made both the origin; "Source: AFP" on a desk
        that knows the agency by its slug had made a second, public "AFP"."""
        make_source(name="Eurostat", slug="eurostat", kind=Source.Kind.ORGANISATION)
        chief = make_user(staff=True, superuser=True)
        for dateline, line, origins, cited in (
            ("PARIS (AFP) -", "Source: Reuters, Eurostat", ["Reuters"], ["Eurostat"]),
            ("PARIS (Reuters) -", "Source: agence-france-presse", ["Agence France-Presse"], []),
            # Wires the desk has not entered yet are agencies all the same.
            ("SEOUL (AFP) -", "Source: Kyodo, Yonhap", ["Kyodo", "Yonhap"], []),
        ):
            with self.subTest(line):
                Article.objects.all().delete()
                outcome, story = self.imported(copy(dateline, f"\n{line}"), user=chief)
                credits = story.source_credits.order_by("-role", "position")
                self.assertEqual(
                    list(credits.values_list("source__name", "role")),
                    [(name, SourceCredit.Role.ORIGIN) for name in origins]
                    + [(name, SourceCredit.Role.CITED) for name in cited],
                )
                # Each said once.
                for name in cited:
                    self.assertEqual(
                        [line for line in outcome.detected if name in line],
                        [f"cited source: {name} (existing)"],
                    )
        self.assertEqual(
            set(Source.objects.filter(name__in=["Kyodo", "Yonhap"]).values_list("kind", flat=True)),
            {Source.Kind.AGENCY},
        )
        self.assertFalse(Source.objects.filter(name="agence-france-presse").exists())

    def test_the_agency_is_not_also_listed_as_cited(self):
        """Named again in the text, it stays the origin only: never both roles."""
        text = copy("PARIS (Reuters) -", " Reuters reports, citing diplomats, that talks resume.")
        _, story = self.imported(text, user=make_user("chief", staff=True, superuser=True))
        roles = list(story.source_credits.values_list("source__name", "role"))
        self.assertEqual(roles, [("Reuters", SourceCredit.Role.ORIGIN)])


def arabic_copy(dateline):
    return (
        f"{dateline} قال مسؤولون لبنانيون يوم الثلاثاء إن المحادثات مع صندوق النقد الدولي "
        "ستستأنف الأسبوع المقبل.\n"
        "وأضافوا أن الحكومة ستقدم خطة جديدة لإعادة هيكلة المصارف.\n"
    ).encode()


class DatelineAgencyInOtherScriptsTests(TestCase):
    """ "بيروت (رويترز) -" credits Reuters as "BEIRUT (Reuters) -" does."""

    @classmethod
    def setUpTestData(cls):
        make_section(name="World", slug="world")
        make_source(name="Agence France-Presse", slug="agence-france-presse")
        make_source(name="Reuters", slug="reuters")

    def imported(self, data):
        outcome = import_copy("beirut.txt", data)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        story = Article.objects.get(pk=outcome.article_id)
        origins = story.source_credits.filter(role=SourceCredit.Role.ORIGIN)
        return outcome, story, list(origins.values_list("source__name", flat=True))

    def test_a_known_agency_is_credited_under_its_latin_name(self):
        outcome, story, origins = self.imported(arabic_copy("بيروت (رويترز) -"))
        self.assertEqual(story.dateline, "بيروت")
        self.assertTrue(story.standfirst.startswith("قال مسؤولون لبنانيون"))
        self.assertEqual(origins, ["Reuters"])
        self.assertIn(
            "origin source: Reuters (existing; named in the dateline as “رويترز”)",
            outcome.detected,
        )

    def test_initials_in_another_script_are_only_suggested(self):
        outcome, _, origins = self.imported(arabic_copy("بيروت (أ ف ب) -"))
        self.assertEqual(origins, [])
        self.assertIn(
            "no “Source:” line; the dateline’s “أ ف ب” may be Agence France-Presse: "
            "credit it as the origin source if so, before publishing",
            outcome.warnings,
        )

    def test_an_agency_the_desk_does_not_know_is_named_and_never_created(self):
        data = (
            "新华社北京3月5日电（记者张三）国务院总理李强作政府工作报告。\n"
            "报告提出了今年的目标。\n"
        )
        sources = Source.objects.count()
        outcome, story, origins = self.imported(data.encode())
        self.assertEqual((story.dateline, origins), ("北京", []))
        self.assertEqual(Source.objects.count(), sources)
        self.assertIn(
            "no “Source:” line, and the dateline’s “新华社” is not a known source: "
            "add the origin source before publishing",
            outcome.warnings,
        )
        Article.objects.all().delete()
        make_source(name="Xinhua", slug="xinhua")
        _, _, origins = self.imported(data.encode())
        self.assertEqual(origins, ["Xinhua"])

    def test_the_reporter_a_dateline_names_is_bylined(self):
        make_author(name="张三", slug="zhang-san")
        data = "新华社北京3月5日电（记者张三、李四）国务院总理李强作报告。\n报告提出了目标。\n"
        outcome, story, _ = self.imported(data.encode())
        self.assertEqual([author.name for author in story.authors.all()], ["张三"])
        self.assertIn(
            "the byline names 李四, who has no author profile: an editor adds one (the “+” "
            "beside the byline on the story form), then the byline, before publishing",
            outcome.warnings,
        )


class RussianWireTests(TestCase):
    """ "МОСКВА, 29 ноября (Рейтер) -" named no known agency: "Рейтер" was "not a
    known source", and a "Источник: Росстат" line made Rosstat the origin."""

    @classmethod
    def setUpTestData(cls):
        make_section(name="World", slug="world")
        make_source(name="Reuters", slug="reuters")
        make_source(name="Interfax", slug="interfax")

    def test_the_agency_is_credited_and_a_data_credit_is_cited(self):
        copy = (
            "МОСКВА, 29 ноября ({agency}) - Инфляция в России в октябре замедлилась до "
            "семи процентов, сообщили в понедельник в правительстве.\n\n"
            "Аналитики ожидают дальнейшего снижения в начале следующего года.\n"
            "{line}"
        )
        for agency, line, origins, cited in (
            ("Рейтер", "", ["Reuters"], []),
            ("Интерфакс", "", ["Interfax"], []),
            ("Рейтер", "\nИсточник: Росстат\n", ["Reuters"], ["Росстат"]),
        ):
            with self.subTest(agency=agency, line=line):
                Article.objects.all().delete()
                outcome = import_copy(
                    "moscow.txt",
                    copy.format(agency=agency, line=line).encode(),
                    user=make_user(staff=True, superuser=True),
                )
                self.assertEqual(outcome.status, CREATED, outcome.errors)
                story = Article.objects.get(pk=outcome.article_id)
                credits = story.source_credits.order_by("-role", "position")
                self.assertEqual(
                    list(credits.values_list("source__name", "role")),
                    [(name, SourceCredit.Role.ORIGIN) for name in origins]
                    + [(name, SourceCredit.Role.CITED) for name in cited],
                )


class AgencyNamedInQuotationMarksTests(TestCase):
    def test_a_datelines_agency_is_found_in_the_quotation_marks_of_its_official_name(self):
        """"(Интерфакс)" was "not a known source" on a desk that has "Агентство «Интерфакс»"."""
        make_section(name="World", slug="world")
        interfax = make_source(name="Агентство «Интерфакс»", slug="interfax-agency")
        make_source(name="Радио «Свобода»", slug="svoboda")
        copy = (
            "МОСКВА, 29 ноября (Интерфакс) - Инфляция замедлилась, сообщили в правительстве.\n"
            "Аналитики ожидают снижения.\n"
        ).encode()
        outcome = import_copy("moscow.txt", copy)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        story = Article.objects.get(pk=outcome.article_id)
        self.assertEqual(
            list(story.source_credits.values_list("source", "role")),
            [(interfax.pk, SourceCredit.Role.ORIGIN)],
        )
        # Two sources quoting the same name: neither is guessed.
        make_source(name="Группа «Интерфакс»", slug="interfax-group")
        Article.objects.all().delete()
        outcome = import_copy("moscow.txt", copy)
        story = Article.objects.get(pk=outcome.article_id)
        self.assertFalse(story.source_credits.exists())


class SourceLinesInOtherLanguagesTests(TestCase):
    """"Джерело: Укрінформ", "Πηγή: …" and "المصدر: رويترز" were published as the story's
    last paragraph, and credited nothing."""

    def test_the_line_leaves_the_body_and_credits_its_source(self):
        make_section(name="World", slug="world")
        copies = {
            "kyiv.txt": (
                "Уряд оголосив про нові заходи підтримки енергетики після нічної атаки.\n\n"
                "Аналітики вважають їх недостатніми для зими.\n\nДжерело: Укрінформ\n",
                "Укрінформ",
            ),
            "athens.txt": (
                "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τα νοικοκυριά.\n\n"
                "Οι αναλυτές τα θεωρούν ανεπαρκή.\n\nΠηγή: Καθημερινή\n",
                "Καθημερινή",
            ),
            "riyadh.txt": (
                "أعلنت الحكومة عن إجراءات جديدة لدعم الأسر خلال فصل الشتاء المقبل.\n\n"
                "ويرى المحللون أن هذه الإجراءات غير كافية.\n\nالمصدر: الشرق الأوسط\n",
                "الشرق الأوسط",
            ),
        }
        for name, (data, source) in copies.items():
            with self.subTest(name):
                outcome = import_copy(
                    name, data.encode(), user=make_user(staff=True, superuser=True)
                )
                self.assertEqual(outcome.status, CREATED, outcome.errors)
                story = Article.objects.get(pk=outcome.article_id)
                self.assertNotIn(source, story.body)
                self.assertEqual(
                    list(story.source_credits.values_list("source__name", flat=True)), [source]
                )


class MadeUpHeadlineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_section(name="World", slug="world")

    def test_a_headline_made_from_the_lead_is_flagged_for_rewriting(self):
        outcome = import_copy("farmers.txt", copy("PARIS -"))
        story = Article.objects.get(pk=outcome.article_id)
        self.assertTrue(story.standfirst.startswith("French farmers blocked motorways"))
        self.assertTrue(story.headline.startswith("French farmers blocked motorways"))
        self.assertIn(
            "the copy has no headline: the one made from the lead repeats the standfirst; "
            "write a headline before publishing",
            outcome.warnings,
        )

    def test_a_chinese_headline_line_is_not_flagged(self):
        """The preview said a Chinese story with its own headline had none."""
        data = (
            "国务院部署稳就业新举措\n"
            "新华社北京3月5日电 国务院总理李强周三主持召开国务院常务会议，部署稳就业措施。\n"
            "会议指出，要加大对中小企业的支持力度。\n"
        ).encode()
        outcome = import_copy("jobs.txt", data)
        story = Article.objects.get(pk=outcome.article_id)
        self.assertEqual(story.headline, "国务院部署稳就业新举措")
        self.assertNotEqual(story.standfirst, story.headline)
        self.assertFalse(any("no headline" in warning for warning in outcome.warnings))

    def test_copy_with_its_own_headline_is_not_flagged(self):
        data = b"Farmers block motorways around Paris\n\n" + copy("PARIS -")
        outcome = import_copy("farmers.txt", data)
        self.assertEqual(
            Article.objects.get(pk=outcome.article_id).headline,
            "Farmers block motorways around Paris",
        )
        self.assertFalse(any("no headline" in warning for warning in outcome.warnings))


    def test_a_headline_from_an_html_fragment_reads_its_character_references(self):
        """The story was headlined "Chile&#8217;s copper output …", its slug "chile8217s-…"."""
        data = (
            b"<p>Chile&#8217;s copper output fell 4% in March, the world&#8217;s largest "
            b"producer said.</p>\n"
            b"<p>Miners blamed delays at new projects &amp; falling ore grades.</p>\n"
        )
        outcome = import_copy("copper.txt", data)
        story = Article.objects.get(pk=outcome.article_id)
        self.assertTrue(story.headline.startswith("Chile’s copper output fell 4% in March"))
        self.assertTrue(story.slug.startswith("chiles-copper-output-fell"), story.slug)
        self.assertIn("projects &amp; falling", story.body)

class ByLineTests(TestCase):
    """A scraped story's "By Ana Souza" line: matched to the desk's authors, never made into one."""

    @classmethod
    def setUpTestData(cls):
        make_section(name="World", slug="world")
        make_source(name="Reuters", slug="reuters")
        cls.desk = make_user("desk", staff=True)

    def imported(self, data, **kwargs):
        outcome = import_copy("lisbon.txt", data, **kwargs)
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        story = Article.objects.get(pk=outcome.article_id)
        return outcome, story, [byline.author.name for byline in story.bylines.all()]

    def test_a_known_author_on_the_by_line_gets_the_byline(self):
        ana = make_author(name="Ana Souza", slug="ana-souza")
        outcome, story, names = self.imported(SCRAPED.read_bytes(), user=self.desk)
        self.assertEqual(names, ["Ana Souza"])
        self.assertIn("byline: Ana Souza (existing author)", outcome.detected)
        self.assertFalse(any("byline" in warning for warning in outcome.warnings))
        self.assertEqual(story.dateline, "Lisbon")
        self.assertTrue(story.body.startswith("<p>Portugal's parliament approved"))
        self.assertNotIn("Ana Souza", story.body)
        self.assertEqual(Author.objects.get(), ana)

    def test_a_by_line_in_cyrillic_or_greek_letters_names_the_byline(self):
        """"By Ольга Смирнова" and "Автор: Олександр Шевченко" were taken for the standfirst,
        the lead moved into the body, and the known writer was not matched."""
        for name in ("Ольга Смирнова", "Олександр Шевченко", "Анна Иванова", "Павел Соколов"):
            make_author(name=name, slug=slug_text(name))
        lead = (
            "Центробанк России сохранил ключевую ставку на уровне 16 процентов, сообщил "
            "регулятор в пятницу."
        )
        for line, expected in (
            ("By Ольга Смирнова", ["Ольга Смирнова"]),
            ("Автор: Олександр Шевченко", ["Олександр Шевченко"]),
            ("Авторы: Анна Иванова и Павел Соколов", ["Анна Иванова", "Павел Соколов"]),
        ):
            with self.subTest(line):
                Article.objects.all().delete()
                data = (
                    f"Центробанк сохранил ставку\n{line}\n\n{lead}\n\n"
                    "Аналитики ожидали такого решения.\n"
                ).encode()
                outcome, story, names = self.imported(data, user=self.desk)
                self.assertEqual(names, expected)
                self.assertEqual(story.standfirst, lead)
                self.assertNotIn(expected[0], story.body)

    def test_an_unknown_name_is_warned_about_and_no_author_is_created(self):
        """Even from the command line, which may create authors from a bio."""
        make_author(name="Li Wei", slug="li-wei")
        data = SCRAPED.read_bytes().replace(b"By Ana Souza\n", b"By ANA SOUZA and LI WEI\n")
        outcome, _, names = self.imported(data)
        self.assertEqual(names, ["Li Wei"])
        self.assertIn(
            "the byline names Ana Souza, who has no author profile: an editor adds one (the "
            "“+” beside the byline on the story form), then the byline, before publishing",
            outcome.warnings,
        )
        self.assertEqual(Author.objects.count(), 1)
        self.assertFalse(any("no author bio" in warning for warning in outcome.warnings))

    def test_the_missing_author_warning_reads_right_to_whoever_reads_the_note(self):
        """An editor was told to "ask an editor"; the note keeps it for both to read."""
        ensure_roles()
        editor = make_user("ed", staff=True, groups=[EDITORS])
        writer = make_user("wendy", staff=True, groups=[WRITERS])
        for user in (editor, writer):
            with self.subTest(user.username):
                # Each copy its own story, not a duplicate of the last.
                mark = f"{user.username} Portugal".encode()
                data = SCRAPED.read_bytes().replace(b"Portugal", mark)
                outcome, story, _ = self.imported(data, user=user)
                warning = next(w for w in outcome.warnings if "Ana Souza" in w)
                self.assertIn("an editor adds one", warning)
                self.assertNotIn("ask an editor", warning)
                self.assertIn(warning, story.import_note)

    def test_a_known_source_after_the_writer_is_not_taken_for_a_second_writer(self):
        """The editor was told to make an author profile for a newspaper."""
        make_source(name="The Meridian Post", slug="the-meridian-post")
        make_author(name="Ana Souza", slug="ana-souza")
        data = SCRAPED.read_bytes().replace(
            b"By Ana Souza\n", b"By Ana Souza and Meridian Post\n"
        )
        outcome, _, names = self.imported(data)
        self.assertEqual(names, ["Ana Souza"])
        self.assertIn(
            "byline: Meridian Post is the source The Meridian Post, not a writer; credit it "
            "if the story is theirs",
            outcome.detected,
        )
        self.assertFalse(any("no author profile" in warning for warning in outcome.warnings))

    def test_a_close_name_is_suggested_not_credited(self):
        make_author(name="Ana Sousa", slug="ana-sousa")
        outcome, _, names = self.imported(SCRAPED.read_bytes())
        self.assertEqual(names, [])
        self.assertIn(
            "the byline names Ana Souza, who has no author profile; it may be Ana Sousa: "
            "add them to the byline if so, before publishing",
            outcome.warnings,
        )

    def test_the_by_line_and_the_bio_of_one_reporter_make_one_byline(self):
        data = SCRAPED.read_bytes() + (
            b"I am Ana Souza, a correspondent for Reuters in Lisbon. I cover Portuguese "
            b"politics and the economy.\n"
        )
        outcome, _, names = self.imported(data)
        self.assertEqual(names, ["Ana Souza"])
        self.assertEqual(Author.objects.get().job_title, "Correspondent")

    def test_the_wire_credit_line_is_named_when_there_is_no_byline(self):
        data = SCRAPED.read_bytes().replace(b"By Ana Souza\n", b"")
        outcome, story, names = self.imported(data)
        self.assertEqual(names, [])
        self.assertIn(
            "no author bio at the end: add a byline before publishing (the wire credits: "
            "“(Reporting by Ana Souza; Editing by Andrew Heavens)”)",
            outcome.warnings,
        )
        self.assertNotIn("Reporting by", story.body)
        self.assertIn("wire credit line: (Reporting by Ana Souza", story.import_note)


class DatelineAsTheDeskSpellsItTests(TestCase):
    """Greek in capitals has no accents ("ΑΘΗΝΑ" is "Αθήνα"), nor has the AP's "BOGOTA":
    the dateline read from them lost the accents the desk's own datelines have."""

    @classmethod
    def setUpTestData(cls):
        make_section(name="World", slug="world")

    def dateline(self, data):
        outcome = import_copy("story.txt", data.encode())
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        return Article.objects.get(pk=outcome.article_id).dateline, outcome.detected

    def test_the_desks_accents_are_kept(self):
        make_article(dateline="Αθήνα")
        make_article(dateline="Bogotá")
        greek = (
            "ΑΘΗΝΑ, 30 Νοεμβρίου (ΑΠΕ-ΜΠΕ) - Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης.\n"
            "Οι αναλυτές τα θεωρούν ανεπαρκή για τον χειμώνα.\n"
        )
        dateline, detected = self.dateline(greek)
        self.assertEqual(dateline, "Αθήνα")
        self.assertIn("spelt as the desk’s stories spell it", " ".join(detected))
        dateline, _ = self.dateline(
            "BOGOTA, Colombia (AP) — Congress passed the budget on Monday after a long night.\n"
            "The opposition said it would appeal.\n"
        )
        self.assertEqual(dateline, "Bogotá")

    def test_the_spelling_used_most_wins_and_a_new_place_is_left_alone(self):
        make_article(dateline="Bogota")
        make_article(dateline="Bogota")
        make_article(dateline="Bogotá")
        lead = "(AP) — Congress passed the budget on Monday after a long night.\n"
        self.assertEqual(self.dateline("BOGOTA, Colombia " + lead)[0], "Bogota")
        greek = "ΘΕΣΣΑΛΟΝΙΚΗ (ΑΠΕ-ΜΠΕ) - Η κυβέρνηση ανακοίνωσε μέτρα.\n"
        dateline, detected = self.dateline(greek)
        self.assertEqual(dateline, "Θεσσαλονικη")
        self.assertNotIn("spelt as the desk", " ".join(detected))

    def test_a_greek_agency_is_credited_under_its_latin_name(self):
        ana = make_source(name="ANA-MPA", slug="ana-mpa")
        outcome = import_copy(
            "athens.txt",
            "ΑΘΗΝΑ (ΑΠΕ-ΜΠΕ) - Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τα νοικοκυριά.\n"
            "Οι αναλυτές τα θεωρούν ανεπαρκή.\n".encode(),
        )
        story = Article.objects.get(pk=outcome.article_id)
        self.assertEqual(list(story.source_credits.values_list("source", flat=True)), [ana.pk])


class ReportedByAKnownOutletTests(TestCase):
    def test_an_outlet_the_desk_knows_is_cited_from_a_reporting_sentence(self):
        make_section(name="World", slug="world")
        guardian = make_source(name="The Guardian", slug="the-guardian")
        make_source(name="BBC", slug="bbc")
        outcome = import_copy(
            "talks.txt",
            b"GENEVA (Reuters) - Talks on the ceasefire collapsed on Monday, diplomats said.\n"
            b"The Guardian reported on Thursday that both sides had walked out.\n"
            b"Officials reported on Monday that the BBC office had been searched.\n"
            b"Smith reported that the mood was grim.\n",
        )
        story = Article.objects.get(pk=outcome.article_id)
        cited = story.source_credits.filter(role=SourceCredit.Role.CITED)
        self.assertEqual([credit.source for credit in cited], [guardian])
        # The BBC is what the officials reported about, not whose report it is, and
        # nothing is made of the other name before "reported".
        self.assertFalse(Source.objects.filter(name="Smith").exists())
        self.assertNotIn("Smith", " ".join(outcome.warnings + outcome.detected))

    def test_the_origin_is_not_cited_by_its_own_copy_under_another_of_its_names(self):
        """The BBC's own story ("Source: BBC") that says "according to BBC News" cited
        BBC News beside it, and listed "BBC Wales" as an outlet named but not known;
        AP's own story that says "he told The Associated Press" cited the agency the
        desk knows by that name, though its dateline said the copy was AP's. Another
        outlet whose name starts as the origin's is still cited."""
        make_section(name="World", slug="world")
        guardian = make_source(name="The Guardian", slug="the-guardian")
        times_of_india = make_source(name="The Times of India", slug="the-times-of-india")
        for name in ("BBC", "BBC News", "The Associated Press", "The Times"):
            make_source(name=name, slug=slug_text(name))
        for name, data, expected in (
            (
                "storm.txt",
                "Thousands of homes in Wales were without power on Monday after Storm Bert "
                "brought flooding overnight, according to BBC News.\n"
                "Residents told BBC Wales the water rose within minutes.\n"
                "Insurers expect claims to pass £100m, The Guardian reported.\n"
                "Source: BBC\n",
                [guardian],
            ),
            (
                "strike.txt",
                "NEW YORK (AP) — Dockworkers walked off the job at ports from Maine to Texas "
                "on Tuesday, halting half of the nation's shipping.\n"
                "“We will stay out as long as it takes,” the union's president told "
                "The Associated Press.\n"
                "The strike could cost the economy $5 billion a day, The Guardian reported.\n",
                [guardian],
            ),
            (
                "monsoon.txt",
                "Floods in Kerala have killed at least 40 people, officials said on Monday.\n"
                "Rescuers reached cut-off villages by boat, The Times of India reported.\n"
                "Source: The Times\n",
                [times_of_india],
            ),
        ):
            with self.subTest(name):
                outcome = import_copy(name, data.encode())
                story = Article.objects.get(pk=outcome.article_id)
                cited = story.source_credits.filter(role=SourceCredit.Role.CITED)
                self.assertEqual([credit.source for credit in cited], expected)
                self.assertNotIn("outlet named", " ".join(outcome.detected))

    def test_an_outlet_whose_name_starts_as_the_origins_is_cited(self):
        """The Sun's own copy ("Source: The Sun") that cites the Sun Sentinel credited no
        one: a name with more words after the origin's was read as one of the origin's
        own ("BBC" and "BBC Wales"). Initials and an edition's word ("Al Jazeera
        English") still name the origin."""
        make_section(name="World", slug="world")
        sentinel = make_source(name="Sun Sentinel", slug="sun-sentinel")
        for name in ("The Sun", "Al Jazeera", "Al Jazeera English"):
            make_source(name=name, slug=slug_text(name))
        for name, data, expected in (
            (
                "storm.txt",
                "Hurricane Nadia made landfall near Miami on Monday, officials said.\n"
                "Thousands were evacuated from the coast, the Sun Sentinel reported.\n"
                "Source: The Sun\n",
                [sentinel],
            ),
            (
                "talks.txt",
                "Talks on a ceasefire resumed in Doha on Monday, officials said.\n"
                "A mediator told Al Jazeera English the gaps had narrowed.\n"
                "Source: Al Jazeera\n",
                [],
            ),
        ):
            with self.subTest(name):
                outcome = import_copy(name, data.encode())
                story = Article.objects.get(pk=outcome.article_id)
                cited = story.source_credits.filter(role=SourceCredit.Role.CITED)
                self.assertEqual([credit.source for credit in cited], expected)

    def test_a_known_outlet_is_found_after_a_the_in_small_letters(self):
        """"…, the Times of India reported on Sunday." credited no one, though the desk
        knows "The Times of India": its name was looked for in the sentence with a
        capital "The"."""
        make_section(name="World", slug="world")
        times_of_india = make_source(name="The Times of India", slug="the-times-of-india")
        outcome = import_copy(
            "monsoon.txt",
            b"Floods in Kerala have killed at least 40 people, officials said on Monday.\n"
            b"Rescuers reached cut-off villages by boat, the Times of India reported on Sunday.\n"
            b"The army said more troops would be sent on Tuesday.\n",
        )
        story = Article.objects.get(pk=outcome.article_id)
        cited = story.source_credits.filter(role=SourceCredit.Role.CITED)
        self.assertEqual([credit.source for credit in cited], [times_of_india])
        self.assertNotIn("outlet named", " ".join(outcome.detected))

    def test_an_origin_the_writer_may_not_add_is_not_listed_as_an_outlet_it_names(self):
        """A writer (who adds no sources) importing the copy of an outlet the desk does
        not know yet ("Source: Kestrel Gazette", "…, according to Kestrel Gazette.") was
        told it is not a known source, and then that it is an outlet named but not known,
        as if it were cited."""
        make_section(name="World", slug="world")
        ensure_roles()
        writer = make_user("wendy", staff=True, groups=[WRITERS])
        outcome = import_copy(
            "storm.txt",
            b"Thousands of homes were without power on Monday after the storm brought flooding "
            b"overnight, according to Kestrel Gazette.\n"
            b"Residents said the water rose within minutes.\n"
            b"Source: Kestrel Gazette\n",
            user=writer,
        )
        self.assertTrue(
            any("origin source “Kestrel Gazette” is not a known source" in warning
                for warning in outcome.warnings)
        )
        self.assertNotIn("outlet named", " ".join(outcome.detected))

    def test_the_wires_other_forms_of_citing_an_outlet(self):
        """"Der Spiegel, citing intelligence sources, said …", "Japan's Nikkei newspaper
        reported …", "first reported by Axios" credited no one, though the desk knew them."""
        make_section(name="World", slug="world")
        known = [
            make_source(name=name, slug=name.lower().replace(" ", "-"))
            for name in ("Der Spiegel", "Bloomberg News", "Nikkei", "Yonhap", "Axios")
        ]
        make_source(name="BBC", slug="bbc")
        outcome = import_copy(
            "troops.txt",
            b"BERLIN (Reuters) - Russia moved troops to the border, officials said.\n"
            b"Der Spiegel, citing intelligence sources, said 40,000 soldiers had moved.\n"
            b"Bloomberg News, citing unnamed officials, reported the plan on Friday.\n"
            b"Japan's Nikkei newspaper reported the plan on Friday.\n"
            b"South Korea's Yonhap news agency said the missile flew 400 km.\n"
            b"The search of the BBC's Delhi office was first reported by Axios.\n"
            b"The BBC, citing legal reasons, declined to comment.\n"
            b"Officials, citing security concerns, said the border would close.\n",
        )
        story = Article.objects.get(pk=outcome.article_id)
        cited = story.source_credits.filter(role=SourceCredit.Role.CITED)
        self.assertEqual(
            sorted(credit.source.name for credit in cited), sorted(s.name for s in known)
        )
        self.assertFalse(Source.objects.filter(name="Officials").exists())
