"""``manage.py import_article``: what an operator sees and what lands in the database."""

import contextlib
import json
import shutil
import tempfile
from datetime import date
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase, override_settings
from reversion.models import Version

from articles.models import Article, Byline, SourceCredit
from articles.roles import WRITERS, ensure_roles
from articles.services import check_article
from articles.slugs import slug_text
from authors.models import Author
from sources.models import Source
from tests.factories import make_article, make_author, make_section, make_source, make_user

WIRE = Path(__file__).resolve().parent.parent / "fixtures" / "wire"


def wire(name):
    return str(WIRE / name)


class SlugTextTests(SimpleTestCase):
    def test_latin_letters_without_an_accent_to_drop_are_spelt_out(self):
        self.assertEqual(
            slug_text("Øresund Đoković Straße Ærø Œuvre Þingvellir İzmir Kırıkkale Łódź"),
            "oresund-dokovic-strasse-aero-oeuvre-thingvellir-izmir-kirikkale-lodz",
        )
        self.assertEqual(slug_text("القاهرة 中国"), "")
        self.assertEqual(slug_text("中国 2027"), "")  # digits alone say nothing
        self.assertEqual(slug_text("G20 — 2027"), "g20-2027")


class ImportCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.reuters = make_source(name="Reuters", slug="reuters")
        cls.guardian = make_source(name="The Guardian", slug="the-guardian")
        cls.le_monde = make_source(name="Le Monde", slug="le-monde")

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp)

    def run_command(self, *args):
        out, err = StringIO(), StringIO()
        call_command("import_article", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def run_json(self, *args):
        out, err = StringIO(), StringIO()
        with contextlib.suppress(CommandError):
            call_command("import_article", *args, "--json", stdout=out, stderr=err)
        return json.loads(out.getvalue())

    def test_an_error_of_ours_keeps_its_words_in_the_log(self):
        """The refusal quoted the exception, which for a database error can be its SQL."""
        from articles import import_service

        (self.tmp / "a.txt").write_text("Talks resume\n\nDiplomats met on Monday in Geneva.")
        secret = 'relation "articles_article" violates ... VALUES (\'embargoed draft\')'
        with (
            mock.patch.object(import_service, "parse_copy", side_effect=RuntimeError(secret)),
            self.assertLogs("articles.import_service", "ERROR") as logged,
        ):
            [outcome] = self.run_json("--section", "world", str(self.tmp / "a.txt"))
        self.assertEqual(outcome["status"], "failed")
        shown = " ".join(outcome["errors"])
        self.assertIn("an error on our side (RuntimeError)", shown)
        self.assertIn("nothing was created", shown)
        self.assertNotIn("embargoed", shown)
        self.assertIn("embargoed", "\n".join(logged.output))
        self.assertFalse(Article.objects.exists())

    def test_story_arrives_in_review_with_everything_detected(self):
        self.run_command(wire("paris_climate_talks.txt"), "--section", "world")
        article = Article.objects.get()
        self.assertEqual(article.status, Article.Status.REVIEW)
        self.assertEqual(article.section, self.world)
        self.assertEqual(article.dateline, "Paris")
        self.assertEqual(
            article.headline,
            "Negotiators from 41 countries agreed on Friday to double funding for coastal flood "
            "defences by 2030",
        )
        self.assertTrue(article.standfirst.startswith("Negotiators from 41 countries"))
        # The lead is the standfirst; the body does not repeat it.
        self.assertTrue(article.body.startswith("<p>The agreement, reached shortly after"))
        self.assertNotIn("Negotiators from 41 countries", article.body)
        self.assertIn("<h2>Who pays and how</h2>", article.body)
        for junk in ("ad-slot", "@media", "Share this", "Read also", "Source:", "I am Claire"):
            self.assertNotIn(junk, article.body)
        credits = [(c.source, c.role) for c in article.source_credits.select_related("source")]
        self.assertEqual(
            credits,
            [(self.le_monde, SourceCredit.Role.CITED), (self.reuters, SourceCredit.Role.ORIGIN)],
        )
        author = article.authors.get()
        self.assertEqual(
            (author.name, author.job_title, author.beat),
            ("Claire Dubois", "Europe correspondent", self.world),
        )
        self.assertIn("climate diplomacy", author.bio)
        self.assertTrue(article.content_fingerprint)

    def test_a_story_in_review_is_named_by_its_admin_page_not_a_public_address(self):
        out, _ = self.run_command(wire("paris_climate_talks.txt"), "--section", "world")
        article = Article.objects.get()
        self.assertIn(
            f"story #{article.pk}: /admin/articles/article/{article.pk}/change/ (not public yet)",
            out,
        )
        self.assertNotIn(article.get_absolute_url(), out)

    def test_import_note_lists_removals_and_detections(self):
        self.run_command(wire("nairobi_drought.txt"))
        note = Article.objects.get().import_note
        self.assertIn("Imported from nairobi_drought.txt", note)
        self.assertIn("ad CSS: @media(max-width:600px){.ad{display:none}}", note)
        self.assertIn("ad CSS: .ad-banner{margin:0 auto;padding:0}", note)
        self.assertIn("page junk: Subscribe to our channel", note)
        self.assertIn("origin source: AFP (new source created)", note)
        self.assertIn("cited source: The Guardian", note)
        self.assertIn("dateline: Nairobi", note)
        self.assertIn("standfirst taken from the lead; the body starts after it", note)

    def test_imported_story_does_not_repeat_its_standfirst(self):
        """What the QA pass saw: headline, standfirst and body all opening alike."""
        self.run_command(wire("paris_climate_talks.txt"), "--section", "world")
        warnings = check_article(Article.objects.get()).warnings
        self.assertFalse(any("standfirst repeats" in w for w in warnings), warnings)

    def test_copy_of_one_short_paragraph_asks_for_a_standfirst(self):
        brief = self.tmp / "brief.txt"
        brief.write_text("Ministers met in Rome on Monday and agreed nothing.\n")
        [record] = self.run_json(str(brief))
        self.assertEqual(record["status"], "created")
        self.assertIn(
            "no standfirst: the copy is one short paragraph, kept as the body; "
            "write a standfirst before publishing",
            record["warnings"],
        )
        article = Article.objects.get()
        self.assertEqual(article.standfirst, "")
        self.assertEqual(article.body, "<p>Ministers met in Rome on Monday and agreed nothing.</p>")

    def test_new_origin_source_is_created_and_existing_matched_ignoring_case(self):
        make_source(name="kyodo", slug="kyodo")
        self.run_command(wire("tokyo_rates_wrapped.txt"))
        article = Article.objects.get()
        origins = list(
            article.source_credits.filter(role=SourceCredit.Role.ORIGIN).values_list(
                "source__name", flat=True
            )
        )
        self.assertEqual(origins, ["kyodo", "Reuters"])
        self.assertEqual(Source.objects.filter(name__iexact="kyodo").count(), 1)
        self.run_command(wire("nairobi_drought.txt"))
        afp = Source.objects.get(name="AFP")
        self.assertEqual(afp.slug, "afp")

    def test_a_known_outlet_named_at_the_end_of_a_sentence_is_credited_as_cited(self):
        copy = self.tmp / "talks.txt"
        copy.write_text(
            "Talks stall in Geneva\n\nGENEVA (Reuters) - Talks on a ceasefire stalled on "
            "Monday, diplomats said.\n\nBoth sides had rejected the draft, The Guardian "
            "reported.\n"
        )
        self.run_command(str(copy))
        credits = Article.objects.get().source_credits.filter(role=SourceCredit.Role.CITED)
        self.assertEqual([credit.source for credit in credits], [self.guardian])

    def test_new_source_gets_a_unique_slug(self):
        make_source(name="Meteo France Data", slug="meteo-france", kind=Source.Kind.OTHER)
        copy = self.tmp / "storm.txt"
        copy.write_text(
            "Storm warning for Brittany\n\nForecasters warned of gusts of 150 km/h along the "
            "Atlantic coast on Friday night.\n\nSource: Météo France\n"
        )
        self.run_command(str(copy))
        self.assertEqual(Source.objects.get(name="Météo France").slug, "meteo-france-2")

    def test_a_source_line_naming_a_known_agency_by_its_slug_credits_it(self):
        """ "Source: AFP" on a desk that knows "Agence France-Presse" (slug afp) made a
        second, public "AFP", which later "(AFP)" datelines were credited to instead."""
        afp = make_source(name="Agence France-Presse", slug="afp")
        [record] = self.run_json(wire("nairobi_drought.txt"))
        article = Article.objects.get(pk=record["article_id"])
        origins = article.source_credits.filter(role=SourceCredit.Role.ORIGIN)
        self.assertEqual([credit.source for credit in origins], [afp])
        self.assertFalse(Source.objects.filter(name="AFP").exists())

    def test_a_new_authors_first_person_bio_is_kept_and_flagged(self):
        [record] = self.run_json(wire("paris_climate_talks.txt"))
        author = Author.objects.get(name="Claire Dubois")
        self.assertTrue(author.bio.startswith("I am Claire Dubois"))
        self.assertIn(
            "Claire Dubois's profile bio is the wire's first-person note; "
            "reword it in the third person on their author page",
            record["warnings"],
        )

    def test_existing_author_is_bylined_and_keeps_their_bio(self):
        author = make_author(
            name="Claire Dubois", slug="claire-dubois", bio="Our Paris bureau chief."
        )
        self.run_command(wire("paris_climate_talks.txt"))
        self.assertEqual(list(Article.objects.get().authors.all()), [author])
        author.refresh_from_db()
        self.assertEqual(author.bio, "Our Paris bureau chief.")
        self.assertEqual(Author.objects.count(), 1)

    def test_importing_the_same_copy_again_creates_nothing(self):
        self.run_command(wire("paris_climate_talks.txt"))
        counts = (Article.objects.count(), Author.objects.count(), Source.objects.count())
        # The same story pasted from the page again, with other ads and spacing.
        copy = (WIRE / "paris_climate_talks.txt").read_text()
        again = self.tmp / "paris_again.txt"
        again.write_text("Advertisement\n\n" + copy.replace("\n", "\n\n") + ".promo{top:0}\n")
        [record] = self.run_json(str(again))
        self.assertEqual(record["status"], "duplicate")
        self.assertEqual(record["article_id"], Article.objects.get().pk)
        self.assertEqual(
            (Article.objects.count(), Author.objects.count(), Source.objects.count()), counts
        )

    def test_near_duplicate_of_a_recent_story_is_flagged(self):
        existing = make_article(
            headline="Kenya declared a national drought emergency on Wednesday",
            standfirst="Kenya declared a national drought emergency on Wednesday as failed rains "
            "left more than two million people short of food in the north of the country.",
        )
        [record] = self.run_json(wire("nairobi_drought.txt"))
        self.assertEqual(record["status"], "created")
        self.assertTrue(
            any(f"near-duplicate of story #{existing.pk}" in w for w in record["warnings"]),
            record["warnings"],
        )
        self.assertIn("near-duplicate", Article.objects.get(pk=record["article_id"]).import_note)

    def test_headline_option(self):
        self.run_command(wire("kyiv_power_grid.txt"), "--headline", "Kyiv gets its power back")
        article = Article.objects.get()
        self.assertEqual(article.headline, "Kyiv gets its power back")
        self.assertEqual(article.slug, "kyiv-gets-its-power-back")

    def test_slug_keeps_latin_letters_that_have_no_accent_to_drop(self):
        """"Łódź" made "odz": slugify drops a letter it cannot split into a letter and an accent."""
        [record] = self.run_json(wire("lodz_marathon.txt"))
        article = Article.objects.get()
        self.assertEqual(article.slug, "zoe-lukasiewicz-wins-lodz-marathon-in-record-time")
        self.assertEqual(article.dateline, "Łódź")
        self.assertEqual(Source.objects.get(name="Łódź Sport Daily").slug, "lodz-sport-daily")
        self.assertFalse([w for w in record["warnings"] if "slug" in w], record["warnings"])

    @mock.patch("django.utils.timezone.localdate", return_value=date(2025, 3, 4))
    def test_a_headline_without_latin_letters_gets_a_dated_slug_and_a_warning(self, _):
        today = "2025-03-04"
        [record] = self.run_json(wire("cairo_rates_arabic.txt"))
        article = Article.objects.get(pk=record["article_id"])
        # "القاهرة (رويترز) —" is the dateline; the headline is made from the words after it.
        self.assertEqual(article.dateline, "القاهرة")
        self.assertTrue(article.headline.startswith("أبقى البنك المركزي المصري"))
        self.assertEqual(article.slug, f"story-{today}")
        self.assertIn(
            "the headline has no Latin, Greek or Cyrillic letters to make the story's address "
            f"from: the slug “story-{today}” stands in; write a slug before publishing",
            record["warnings"],
        )
        self.assertIn(f"“story-{today}” stands in", article.import_note)
        # Another such story the same day gets a slug of its own.
        chinese = self.tmp / "beijing.txt"
        chinese.write_text("中国国务院周三宣布了新的经济刺激措施。\n分析人士表示，这些措施规模有限。\n")
        [record] = self.run_json(str(chinese))
        self.assertEqual(Article.objects.get(pk=record["article_id"]).slug, f"story-{today}-2")
        # A dateline in Latin letters names the place.
        chinese.write_text(
            "BEIJING (Reuters) — 中国国务院周三宣布了新的经济刺激措施。\n分析人士表示，规模有限。\n"
        )
        [record] = self.run_json(str(chinese))
        article = Article.objects.get(pk=record["article_id"])
        self.assertEqual((article.dateline, article.slug), ("Beijing", f"beijing-{today}"))

    def test_russian_and_ukrainian_wire_copy_gets_a_slug_in_latin_letters(self):
        """Cyrillic headlines were given "story-2025-03-04" and a warning to write a slug;
        Ukrainian is spelt by Ukraine's own table ("Київ" is "kyiv", not "kiiv")."""
        copies = {
            "moscow.txt": (
                "МОСКВА, 29 ноября (Рейтер) - Инфляция в России замедлилась в октябре.\n"
                "Аналитики ожидают дальнейшего снижения.\n",
                "inflyatsiya-v-rossii-zamedlilas-v-oktyabre",
            ),
            "kyiv.txt": (
                "Київ відновив електропостачання після нічної атаки.\n"
                "Уряд оголосив про нові заходи підтримки.\n",
                "kyiv-vidnovyv-elektropostachannia-pislia-nichnoi-ataky",
            ),
        }
        for name, (copy, slug) in copies.items():
            with self.subTest(name):
                path = self.tmp / name
                path.write_text(copy)
                [record] = self.run_json(str(path))
                self.assertEqual(Article.objects.get(pk=record["article_id"]).slug, slug)
                self.assertFalse([w for w in record["warnings"] if "slug" in w], record["warnings"])

    def test_copy_in_a_script_that_names_its_language_is_saved_in_that_language(self):
        """Arabic copy was saved as English: read left to right, under lang="en"."""
        copies = {
            "cairo.txt": (
                "القاهرة (رويترز) - قال مسؤولون يوم الأحد إن المحادثات ستستأنف.\n"
                "وأضافوا أن الوفود ستلتقي الأسبوع المقبل.\n",
                "ar",
            ),
            "beijing.txt": (
                "中国国务院周三宣布了新的经济刺激措施。\n分析人士表示，这些措施规模有限。\n",
                "zh",
            ),
            "tokyo.txt": (
                "日本銀行は金曜日、金利を据え置くと発表した。\n市場は予想通りだった。\n",
                "ja",
            ),
            "moscow.txt": (
                "Правительство объявило о новых мерах поддержки.\n"
                "Аналитики считают их недостаточными.\n",
                "ru",
            ),
            "kyiv.txt": (
                "Уряд оголосив про нові заходи підтримки.\nАналітики вважають їх недостатніми.\n",
                "uk",
            ),
            # Too short to tell by its words: the site's language.
            "paris.txt": (
                "Le gouvernement a annoncé de nouvelles mesures mardi.\n"
                "Les analystes les jugent insuffisantes.\n",
                "en",
            ),
        }
        for name, (copy, language) in copies.items():
            with self.subTest(name):
                path = self.tmp / name
                path.write_text(copy)
                [record] = self.run_json(str(path))
                article = Article.objects.get(pk=record["article_id"])
                self.assertEqual(article.language, language)
                if language != "en":
                    self.assertTrue(
                        any(
                            item.startswith(f"language: {language}, from the")
                            for item in record["detected"]
                        )
                    )

    def test_copy_in_latin_letters_is_saved_in_the_language_of_its_words(self):
        """AFP's French and EFE's Spanish copy were saved as English, under lang="en"."""
        copies = {
            "paris.txt": (
                "PARIS (AFP) - Le gouvernement français a annoncé mardi une série de mesures "
                "pour soutenir les agriculteurs, selon un communiqué publié dans la soirée.\n\n"
                "Les syndicats jugent ces annonces insuffisantes et appellent à poursuivre la "
                "mobilisation sur les routes du pays.\n",
                "fr",
            ),
            "madrid.txt": (
                "MADRID, 29 nov (EFE).- El Gobierno español aprobó este martes un paquete de "
                "medidas para los agricultores, según un comunicado del ministerio.\n\n"
                "Los sindicatos consideran que las ayudas son insuficientes y convocaron nuevas "
                "protestas para la próxima semana en varias ciudades del país.\n",
                "es",
            ),
            "lisbon.txt": (
                "LISBOA (Lusa) - O Governo português aprovou nesta terça-feira um pacote de "
                "medidas para os agricultores, segundo um comunicado do ministério.\n\n"
                "Os sindicatos consideram que as ajudas são insuficientes e convocaram novos "
                "protestos para a próxima semana em várias cidades do país.\n",
                "pt",
            ),
            # English copy citing French titles stays English, with no note.
            "farmers.txt": (
                "PARIS (Reuters) - France's government announced a package of measures for "
                "farmers on Tuesday, according to a statement from the ministry.\n\n"
                "Unions said the aid was not enough and called for more protests, Le Monde "
                "reported, citing sources at Les Echos and the ministry of agriculture.\n",
                "en",
            ),
        }
        for name, (copy, language) in copies.items():
            with self.subTest(name):
                path = self.tmp / name
                path.write_text(copy)
                [record] = self.run_json(str(path))
                self.assertEqual(Article.objects.get(pk=record["article_id"]).language, language)
                notes = [item for item in record["detected"] if item.startswith("language:")]
                expected = [f"language: {language}, from its words (check it)"]
                self.assertEqual(notes, [] if language == "en" else expected)

    def test_headline_with_many_files_is_refused(self):
        with self.assertRaisesMessage(CommandError, "exactly one FILE"):
            self.run_command(
                wire("kyiv_power_grid.txt"), wire("paris_climate_talks.txt"), "--headline", "One"
            )

    def test_a_headline_too_long_to_save_is_refused_before_any_file_is_read(self):
        with self.assertRaisesMessage(
            CommandError, "--headline is 201 characters long; a headline has at most 200."
        ):
            self.run_command(wire("kyiv_power_grid.txt"), "--headline", "x" * 201)
        self.assertFalse(Article.objects.exists())
        self.run_command(wire("kyiv_power_grid.txt"), "--headline", "x" * 200)
        self.assertEqual(Article.objects.get().headline, "x" * 200)

    def test_an_empty_by_or_section_is_refused_not_taken_for_none(self):
        """``--by "$DESK_USER"`` with the variable unset imported the batch as no one."""
        for option, message in (
            ("--by", "--by names no one: give a staff user's username, or leave it out."),
            ("--section", "There is no section with the slug “”."),
        ):
            with self.subTest(option), self.assertRaisesMessage(CommandError, message):
                self.run_command(wire("kyiv_power_grid.txt"), option, "")
        self.assertFalse(Article.objects.exists())

    def test_unknown_section_is_refused(self):
        with self.assertRaisesMessage(CommandError, "no section with the slug “nowhere”"):
            self.run_command(wire("kyiv_power_grid.txt"), "--section", "nowhere")
        self.assertFalse(Article.objects.exists())

    def test_the_wire_copy_is_the_first_version_in_the_story_history(self):
        """Editors compare their edits with what the wire filed, and can restore it."""
        self.run_command(wire("paris_climate_talks.txt"), "--section", "world")
        article = Article.objects.get()
        version = Version.objects.get_for_object(article).get()
        self.assertEqual(version.revision.comment, "Imported from paris_climate_talks.txt")
        self.assertIsNone(version.revision.user, "the command runs as no one")
        self.assertEqual(version.field_dict["body"], article.body)
        kept = {
            (v.content_type.model_class(), v.object_id) for v in version.revision.version_set.all()
        }
        self.assertIn((Byline, str(article.bylines.get().pk)), kept)
        for credit in article.source_credits.all():
            self.assertIn((SourceCredit, str(credit.pk)), kept)

    def test_without_by_the_import_is_recorded_as_made_by_no_one(self):
        """What README says of the command: "System" in the status history, no author."""
        self.run_command(wire("paris_climate_talks.txt"), "--section", "world")
        article = Article.objects.get()
        self.assertIsNone(article.created_by)
        self.assertEqual(article.status_changes.get().made_by, "System")
        self.assertIsNone(Version.objects.get_for_object(article).get().revision.user)

    def test_by_records_the_import_under_that_user_as_the_admin_does(self):
        """Imported stories said "System" and "—" in their histories, naming no one."""
        desk = make_user("desk", superuser=True, first_name="Dana", last_name="Desk")
        self.run_command(wire("paris_climate_talks.txt"), "--section", "world", "--by", "desk")
        article = Article.objects.get()
        self.assertEqual(article.created_by, desk)
        change = article.status_changes.get()
        self.assertEqual((change.user, change.made_by), (desk, "Dana Desk"))
        self.assertEqual(change.note, "Imported from paris_climate_talks.txt")
        version = Version.objects.get_for_object(article).get()
        self.assertEqual(version.revision.user, desk)
        self.assertEqual(version.revision.comment, "Imported from paris_climate_talks.txt")

    def test_by_refuses_a_name_that_cannot_sign_in_before_reading_any_file(self):
        """A misspelt name must not import a batch as no one: nothing is read or made."""
        make_user("gone", staff=True, is_active=False)
        make_user("reader")
        make_user("intern", staff=True)  # in no group: may not add stories
        for username, reason in (
            ("nobody", "there is no user “nobody”"),
            ("gone", "“gone” is inactive"),
            ("reader", "“reader” is not staff"),
            ("intern", "“intern” may not add stories"),
        ):
            with self.subTest(username), mock.patch.object(Path, "read_bytes") as read_bytes:
                with self.assertRaisesMessage(CommandError, reason):
                    self.run_command(wire("paris_climate_talks.txt"), "--by", username)
                read_bytes.assert_not_called()
        self.assertFalse(Article.objects.exists())

    def test_a_dry_run_names_the_same_copy_twice_as_one_story(self):
        first, second = self.run_json(
            wire("nairobi_drought.txt"), wire("nairobi_drought.txt"), "--dry-run"
        )
        self.assertEqual((first["status"], second["status"]), ("dry-run", "duplicate"))
        self.assertTrue(second["same_as"])
        self.assertFalse(Article.objects.exists())

    def test_dry_run_saves_nothing(self):
        [record] = self.run_json(wire("nairobi_drought.txt"), "--dry-run")
        self.assertEqual(record["status"], "dry-run")
        self.assertIsNone(record["article_id"])
        self.assertEqual(
            record["headline"], "Kenya declared a national drought emergency on Wednesday"
        )
        self.assertFalse(Article.objects.exists())
        self.assertFalse(Author.objects.exists())
        self.assertFalse(Source.objects.filter(name="AFP").exists())
        self.assertFalse(Version.objects.exists())

    def test_json_is_the_only_thing_on_stdout(self):
        out, err = StringIO(), StringIO()
        call_command(
            "import_article",
            wire("kyiv_power_grid.txt"),
            wire("tokyo_rates_wrapped.txt"),
            "--json",
            stdout=out,
            stderr=err,
        )
        records = json.loads(out.getvalue())
        self.assertEqual([r["status"] for r in records], ["created", "created"])
        self.assertEqual(
            set(records[0]),
            {
                "file",
                "status",
                "article_id",
                "headline",
                "url",
                "removed",
                "detected",
                "warnings",
                "errors",
                "published",
                "same_as",
            },
        )
        article = Article.objects.get(pk=records[0]["article_id"])
        self.assertEqual(records[0]["url"], article.get_absolute_url())

    def test_bad_files_fail_with_a_message_and_do_not_stop_the_others(self):
        binary = self.tmp / "photo.txt"
        binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        undecodable = self.tmp / "broken.txt"
        undecodable.write_bytes(b"Ministers met \x81\x8d\x90 on Monday.\n")
        big = self.tmp / "huge.txt"
        big.write_text("Ministers met on Monday.\n" * 100)
        with override_settings(IMPORT_MAX_BYTES=2000):
            records = self.run_json(
                wire("empty.txt"),
                str(binary),
                wire("kyiv_power_grid.txt"),
                str(undecodable),
                str(big),
                wire("only_junk.txt"),
                str(self.tmp / "missing.txt"),
            )
        by_file = {Path(r["file"]).name: r for r in records}
        self.assertEqual(by_file["kyiv_power_grid.txt"]["status"], "created")
        expected = {
            "empty.txt": "the file is empty",
            "photo.txt": "looks binary",
            "broken.txt": "cannot be read as UTF-8 or Windows-1252",
            "huge.txt": "over the 2 KB limit",
            "only_junk.txt": "nothing is left to import",
            "missing.txt": "no such file",
        }
        for name, message in expected.items():
            self.assertEqual(by_file[name]["status"], "failed", name)
            self.assertIn(message, by_file[name]["errors"][0], name)
        self.assertEqual(Article.objects.count(), 1)

    def test_documents_and_pictures_are_refused_by_name_with_what_to_do(self):
        """An RTF document is text: its markup ("{\\rtf1\\ansi …") became the story."""
        rtf = self.tmp / "interview.rtf"
        rtf.write_text("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Ministers met on Monday.}\n")
        page = self.tmp / "page.html"
        page.write_text("<html><body><h1>Talks resume</h1><p>Ministers met on Monday "
                        "in Geneva to resume the talks.</p></body></html>\n")
        notes = self.tmp / "notes"
        notes.write_text("Flood waters rose along the Danube overnight, officials said.\n")
        records = self.run_json(str(rtf), str(page), str(notes))
        by_file = {Path(r["file"]).name: r for r in records}
        self.assertEqual(by_file["interview.rtf"]["status"], "failed")
        self.assertEqual(
            by_file["interview.rtf"]["errors"],
            ["a Rich Text (RTF) document — save it as plain text (.txt) and choose it again"],
        )
        # Text under any other name is read, a saved web page's included.
        self.assertEqual(by_file["page.html"]["status"], "created", by_file["page.html"])
        self.assertEqual(by_file["notes"]["status"], "created", by_file["notes"])
        self.assertFalse(Article.objects.filter(body__contains="rtf1").exists())

    def test_one_file_that_fails_is_spoken_of_as_one(self):
        """It said "1 of 1 file(s) could not be imported"."""
        with self.assertRaisesMessage(
            CommandError, f"The file could not be imported: {wire('empty.txt')}"
        ):
            call_command("import_article", wire("empty.txt"), stdout=StringIO(), stderr=StringIO())

    def test_failures_exit_non_zero_after_the_summary(self):
        out = StringIO()
        with self.assertRaisesMessage(CommandError, "1 of 2 files could not be imported: "):
            call_command(
                "import_article",
                wire("empty.txt"),
                wire("kyiv_power_grid.txt"),
                stdout=out,
                stderr=StringIO(),
            )
        self.assertIn("FAILED: ", out.getvalue())
        self.assertIn("1 created, 1 failed", out.getvalue())
        self.assertEqual(Article.objects.count(), 1)

    def test_cp1252_copy_is_read_with_a_warning(self):
        [record] = self.run_json(wire("bogota_pensions_cp1252.txt"))
        self.assertEqual(record["status"], "created")
        self.assertTrue(any("Windows-1252" in w for w in record["warnings"]))
        article = Article.objects.get()
        self.assertEqual(article.dateline, "Bogotá")
        self.assertIn("“This is a historic day for workers,”", article.body)
        self.assertIn("Lucía Ortega", article.body)

    def test_cyrillic_and_greek_copy_in_one_byte_encodings_is_read_as_written(self):
        """Read as Windows-1252, "Центробанк" became "Öåíòðîáàíê", marked English, and was
        to be imported as it stood."""
        copies = {
            "ru": (
                "МОСКВА, 29 ноября (Рейтер) - Центробанк России сохранил ключевую ставку "
                "на уровне 16 процентов, сообщил регулятор в пятницу.\n"
                "Аналитики ожидали такого решения и не видят причин для снижения.\n",
                "Центробанк России сохранил",
            ),
            "uk": (
                "КИЇВ (Укрінформ) - Уряд оголосив про нові заходи підтримки енергетики "
                "після нічної атаки на об'єкти інфраструктури.\n"
                "Аналітики вважають їх недостатніми для зими.\n",
                "Уряд оголосив про нові заходи",
            ),
            # "Ά" is where the two Greek encodings differ: a pilcrow, read in the other.
            "el": (
                "ΑΘΗΝΑ - Ο Άρειος Πάγος και η κυβέρνηση ανακοίνωσαν νέα μέτρα στήριξης "
                "για τα νοικοκυριά ενόψει του χειμώνα.\n"
                "Οι αναλυτές τα θεωρούν ανεπαρκή για τις ευάλωτες ομάδες.\n",
                "Ο Άρειος Πάγος και η κυβέρνηση",
            ),
        }
        encodings = {
            "ru": ("cp1251", "koi8_r"),
            "uk": ("cp1251", "koi8_u"),
            "el": ("iso8859_7", "cp1253"),
        }
        for language, (copy, words) in copies.items():
            for encoding in encodings[language]:
                with self.subTest(language=language, encoding=encoding):
                    Article.objects.all().delete()
                    path = self.tmp / f"{language}-{encoding}.txt"
                    path.write_bytes(copy.encode(encoding))
                    [record] = self.run_json(str(path))
                    self.assertEqual(record["status"], "created", record["errors"])
                    article = Article.objects.get()
                    self.assertIn(words, article.headline + article.standfirst + article.body)
                    self.assertEqual(article.language, language)
                    said = [w for w in record["warnings"] if w.startswith("the file is not UTF-8")]
                    self.assertEqual(len(said), 1, record["warnings"])
                    self.assertIn(f"({encoding}): check the text", said[0])

    def test_a_paragraph_in_windows_1252_in_utf8_copy_leaves_the_rest_as_written(self):
        """A UTF-8 file with one paragraph pasted from a Word document was read whole
        as Windows-1252: every accented letter of the rest became two ("BogotÃ¡")."""
        utf8 = Path(wire("bogota_pensions_cp1252.txt")).read_bytes().decode("cp1252")
        lines = utf8.encode("utf-8").splitlines(keepends=True)
        pasted = "Ms Ortega’s union said the reform was “overdue, but welcome”.\n"
        mixed = b"".join([*lines[:4], pasted.encode("cp1252"), *lines[4:]])
        path = self.tmp / "bogota-mixed.txt"
        path.write_bytes(mixed)
        [record] = self.run_json(str(path))
        self.assertEqual(record["status"], "created", record["errors"])
        self.assertIn(
            f"the file mixes encodings: 1 of its {len(lines) + 1} lines (line 5) are not UTF-8 "
            "and were read as Windows-1252 (cp1252): check accented letters and quotation "
            "marks there",
            record["warnings"],
        )
        article = Article.objects.get()
        self.assertEqual(article.dateline, "Bogotá")
        self.assertIn("Lucía Ortega", article.body)
        self.assertIn("“overdue, but welcome”", article.body)
        self.assertNotIn("Ã", article.body + article.headline + article.standfirst)

    def test_utf16_copy_without_a_byte_order_mark_is_read_with_a_warning(self):
        """It was refused as "binary (it contains NUL bytes)": ordinary text from a
        Windows tool, named as a corrupt file."""
        copy = Path(wire("bogota_pensions_cp1252.txt")).read_bytes().decode("cp1252")
        for encoding in ("utf-16-le", "utf-16-be"):
            with self.subTest(encoding):
                Article.objects.all().delete()
                path = self.tmp / f"bogota-{encoding}.txt"
                path.write_bytes(copy.encode(encoding))
                [record] = self.run_json(str(path))
                self.assertEqual(record["status"], "created", record["errors"])
                self.assertIn(
                    "the file is UTF-16 without a byte-order mark; it was read as "
                    f"{encoding.upper()}: check the text",
                    record["warnings"],
                )
                article = Article.objects.get()
                self.assertEqual(article.dateline, "Bogotá")
                self.assertIn("Lucía Ortega", article.body)

    def test_a_database_error_in_one_file_leaves_nothing_half_saved(self):
        """The byline fails after the story row is written: the story must roll back too."""
        with (
            mock.patch(
                "articles.import_service.Byline.objects.create",
                side_effect=RuntimeError("disk full"),
            ),
            self.assertLogs("articles.import_service", "ERROR") as logged,
        ):
            records = self.run_json(wire("paris_climate_talks.txt"), wire("kyiv_power_grid.txt"))
        self.assertEqual([r["status"] for r in records], ["failed", "created"])
        self.assertIn("an error on our side (RuntimeError)", records[0]["errors"][0])
        self.assertIn("disk full", "\n".join(logged.output))
        self.assertEqual(list(Article.objects.values_list("dateline", flat=True)), ["Kyiv"])
        self.assertFalse(Author.objects.filter(name="Claire Dubois").exists())

    def test_summary_table_for_many_files(self):
        out, _ = self.run_command(wire("kyiv_power_grid.txt"), wire("tokyo_rates_wrapped.txt"))
        self.assertIn("STATUS", out)
        self.assertIn("Bank of Japan holds rates steady", out)
        self.assertIn("2 created", out)

    def test_progress_bar_only_on_a_terminal(self):
        class Terminal(StringIO):
            def isatty(self):
                return True

        err = Terminal()
        call_command(
            "import_article",
            wire("kyiv_power_grid.txt"),
            wire("tokyo_rates_wrapped.txt"),
            "--json",
            stdout=StringIO(),
            stderr=err,
        )
        self.assertIn("2/2", err.getvalue())
        self.assertIn("\r[", err.getvalue())
        piped = StringIO()
        call_command(
            "import_article",
            wire("paris_climate_talks.txt"),
            wire("nairobi_drought.txt"),
            stdout=StringIO(),
            stderr=piped,
        )
        self.assertEqual(piped.getvalue(), "")


class ImportPublishTests(TestCase):
    """``--publish`` goes through the workflow's pre-publish checklist."""

    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")

    def publish(self, name, *options):
        """Import the wire file ``name`` with ``--publish``; its one JSON record."""
        out = StringIO()
        call_command(
            "import_article",
            wire(name),
            "--publish",
            *options,
            "--json",
            stdout=out,
            stderr=StringIO(),
        )
        [record] = json.loads(out.getvalue())
        return record

    def test_complete_story_is_published(self):
        record = self.publish("paris_climate_talks.txt", "--section", "world")
        article = Article.objects.get()
        self.assertTrue(record["published"], record["warnings"])
        self.assertEqual(record["url"], article.get_absolute_url())
        self.assertEqual(article.status, Article.Status.PUBLISHED)
        self.assertIn(article, Article.objects.published())
        self.assertIn("published on import", article.import_note)
        # Publishing is a status change, recorded apart; the history holds the copy as filed.
        self.assertEqual(Version.objects.get_for_object(article).count(), 1)

    def test_by_a_user_who_may_not_publish_leaves_the_story_in_review(self):
        """--by applies that user's rights, as the admin's import page would."""
        ensure_roles()
        make_user("wren", staff=True, groups=[WRITERS])
        record = self.publish("paris_climate_talks.txt", "--section", "world", "--by", "wren")
        self.assertFalse(record["published"])
        self.assertEqual(Article.objects.get().status, Article.Status.REVIEW)
        [reason] = [w for w in record["warnings"] if w.startswith("imported to review")]
        self.assertIn("Only editors can publish", reason)

    def test_story_the_checklist_refuses_stays_in_review_with_reasons(self):
        """No section and no bio: imported, but not published."""
        record = self.publish("kyiv_power_grid.txt")
        self.assertEqual(record["status"], "created")
        self.assertFalse(record["published"])
        [reason] = [w for w in record["warnings"] if w.startswith("imported to review")]
        self.assertIn("section", reason)
        self.assertIn("byline", reason)
        article = Article.objects.get()
        self.assertEqual(article.status, Article.Status.REVIEW)
        self.assertIn("imported to review, not published", article.import_note)
