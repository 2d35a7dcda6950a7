"""A story's language is a language code, because readers' software reads it as one.

It is printed as stored in the story's ``lang`` attributes, the JSON-LD's ``inLanguage`` and
the news sitemap's ``news:language``: "French" there makes screen readers
guess the pronunciation and Google News drop the story.
"""

from io import StringIO
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import TestCase

from articles.models import Article, Correction, validate_language_code
from articles.roles import EDITORS, ensure_roles
from articles.templatetags.newsroom_stories import is_right_to_left
from tests.articles.test_admin_workflow import form_fields
from tests.articles.test_seed_articles import SeedingMediaMixin
from tests.factories import make_article, make_section, make_source, make_user

WIRE = Path(__file__).resolve().parent.parent / "fixtures" / "wire"
MESSAGE = "Use a language code such as en, fr or pt-BR."


def cleaned(value):
    """The language as a form or ``full_clean`` would store it."""
    return Article._meta.get_field("language").clean(value, None)


class LanguageCodeFieldTests(TestCase):
    def test_codes_with_script_region_and_variant_subtags_are_taken(self):
        for code in ("en", "fr", "yue", "pt-BR", "en-GB", "es-419", "zh-Hant-TW", "sl-rozaj"):
            with self.subTest(code):
                self.assertEqual(cleaned(code), code)

    def test_names_and_malformed_codes_are_refused_with_a_clear_message(self):
        for value in (
            "French",
            "english",
            "en_GB",
            "en GB",
            "e",
            "en-",
            "-en",
            "en--GB",
            "fr-x",
            "en\n",
            "français",
            "1en",
        ):
            with self.subTest(value), self.assertRaises(ValidationError) as caught:
                cleaned(value)
            self.assertEqual(caught.exception.messages, [MESSAGE])

    def test_a_two_letter_code_no_language_has_is_refused(self):
        """ "zz" was saved, and "fe" typed for "fr": pages then said lang="zz"."""
        for value in ("zz", "fe", "ZZ-GB", "qq-Latn"):
            with self.subTest(value), self.assertRaises(ValidationError) as caught:
                cleaned(value)
            code = value.partition("-")[0].lower()
            self.assertEqual(
                caught.exception.messages,
                [f"“{code}” is no language’s code. Use a language code such as en, fr or pt-BR."],
            )
        # Every ISO 639-1 code is taken, the withdrawn ones older systems write
        # too; three-letter codes are too many to list and are taken as written.
        for value in ("sw", "am", "yo", "iw", "in", "fil", "yue", "zzz"):
            with self.subTest(value):
                self.assertEqual(cleaned(value), value)

    def test_the_primary_subtag_is_taken_in_any_case(self):
        """Tags are case-insensitive; stored with the language in lower case."""
        for typed, stored in (
            ("EN", "en"),
            ("Fr", "fr"),
            ("PT-BR", "pt-BR"),
            ("ZH-Hant", "zh-Hant"),
        ):
            with self.subTest(typed):
                self.assertEqual(cleaned(typed), stored)

    def test_a_story_saved_outside_a_form_gets_a_lower_case_language_too(self):
        story = make_article(language="DE")
        self.assertEqual(story.language, "de")
        story.refresh_from_db()
        self.assertEqual(story.language, "de")

    def test_full_clean_refuses_a_language_name(self):
        story = make_article()
        story.language = "French"
        with self.assertRaises(ValidationError) as caught:
            story.full_clean()
        self.assertEqual(caught.exception.message_dict["language"], [MESSAGE])

    def test_the_default_is_a_code(self):
        validate_language_code(Article._meta.get_field("language").default)


class AdminLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.story = make_article(section=make_section(slug="europe"), origin=make_source())

    def setUp(self):
        self.client.force_login(self.editor)
        self.url = f"/admin/articles/article/{self.story.pk}/change/"

    def post(self, language):
        data = form_fields(self.client.get(self.url))
        return self.client.post(self.url, {**data, "language": language})

    def test_a_language_name_is_refused_and_the_editor_told_what_to_type(self):
        response = self.post("French")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["adminform"].form.errors["language"], [MESSAGE])
        self.story.refresh_from_db()
        self.assertEqual(self.story.language, "en")

    def test_the_form_says_what_is_expected_before_anything_goes_wrong(self):
        self.assertContains(self.client.get(self.url), MESSAGE.replace("Use a", "A"))

    def test_a_code_typed_in_capitals_is_saved_in_lower_case(self):
        response = self.post("PT-BR")
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.story.refresh_from_db()
        self.assertEqual(self.story.language, "pt-BR")
        page = self.client.get(self.story.get_absolute_url())
        self.assertContains(page, '<html lang="pt-BR">')


class StoryLanguageOnThePageTests(TestCase):
    """A story's page is in the story's language; the site's words around it say they are not.

    ``<html lang>`` is what a crawler reads as the page's language, and a
    screen reader's default voice: the story's words are what the page is
    about. The frame (masthead, navigation, byline, related stories, footer)
    carries the site's language. In a list, a story's words carry their own.
    """

    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.french = make_article(
            headline="Le plan logement adopté",
            standfirst="Les députés ont voté.",
            body="<p>Le texte passe au Sénat.</p>",
            language="fr",
            section=cls.world,
        )
        cls.english = make_article(headline="Port reopens", section=cls.world)

    def test_a_french_story_is_a_french_page_in_an_english_frame(self):
        page = self.client.get(self.french.get_absolute_url())
        self.assertContains(page, '<html lang="fr">')
        # The story's words inherit the page's language: no lang of their own.
        for element in (
            '<h1 class="story__headline">',
            '<p class="story__standfirst">',
            '<div class="story__body">',
        ):
            self.assertContains(page, element)
        for element in (
            '<a class="skip-link" lang="en" href="#main">',
            '<header class="masthead" lang="en">',
            '<p class="kicker" lang="en">',
            '<div class="story__meta" lang="en">',
            '<footer class="story__footer" lang="en">',
            '<aside class="related" lang="en" aria-labelledby="related-title">',
            '<footer class="site-footer" lang="en">',
        ):
            self.assertContains(page, element)
        # Inside the English aside, a related story in English needs no lang.
        self.assertContains(
            page, f'class="story-card__headline"><a href="{self.english.get_absolute_url()}">'
        )

    def test_other_pages_are_in_the_sites_language(self):
        with self.settings(LANGUAGE_CODE="fr"):
            page = self.client.get(self.world.get_absolute_url())
            self.assertContains(page, '<html lang="fr">')
            self.assertContains(page, '<header class="masthead">')
            # Now the English story is the one in another language.
            story = self.client.get(self.english.get_absolute_url())
            self.assertContains(story, '<html lang="en">')
            self.assertContains(story, '<header class="masthead" lang="fr">')

    def test_cards_mark_a_headline_in_another_language(self):
        for url in ("/", self.world.get_absolute_url()):
            with self.subTest(url):
                page = self.client.get(url).content.decode()
                self.assertIn(
                    f'class="story-card__headline" lang="fr"><a href="'
                    f'{self.french.get_absolute_url()}">',
                    page,
                )
                self.assertIn(
                    f'class="story-card__headline"><a href="{self.english.get_absolute_url()}">',
                    page,
                )

    def test_search_results_and_the_corrections_page_mark_it_too(self):
        Correction.objects.create(article=self.french, note="Le chiffre était faux.")
        with self.assertNumQueries(3):  # count, corrections (with their stories), navigation
            page = self.client.get("/corrections/").content.decode()
        self.assertIn('#correction-', page)
        self.assertRegex(page, r'<a href="[^"]+#correction-\d+" lang="fr">Le plan logement')
        search = self.client.get("/search/", {"q": "logement"}).content.decode()
        self.assertIn('<h2 class="story-card__headline" lang="fr">', search)

    def test_a_story_written_right_to_left_reads_right_to_left(self):
        arabic = make_article(
            headline="اتفاق على وقف إطلاق النار",
            standfirst="قال الوسطاء إن المحادثات ستستأنف.",
            body="<p>وصل الوفد إلى الدوحة.</p>",
            dateline="بيروت",
            language="ar",
            section=self.world,
        )
        page = self.client.get(arabic.get_absolute_url())
        # The dateline sits among the site's words ("min read"): it says its own.
        # Inside a wrapper laid out as the site's words are, so the dot after it
        # (the wrapper's, in the stylesheet) comes after it, not left of "بيروت".
        self.assertContains(
            page, '<span><span class="dateline" lang="ar" dir="rtl">بيروت</span></span>'
        )
        # The page's frame stays laid out left to right: no dir on <html>.
        self.assertContains(page, '<html lang="ar">')
        self.assertContains(page, '<header class="masthead" lang="en">')
        for element in (
            '<h1 class="story__headline" dir="rtl">',
            '<p class="story__standfirst" dir="rtl">',
            '<div class="story__body" dir="rtl">',
        ):
            self.assertContains(page, element)
        self.assertContains(
            self.client.get("/"), 'class="story-card__headline" lang="ar" dir="rtl">'
        )

    def test_which_languages_run_right_to_left(self):
        for tag, expected in (
            ("ar", True),
            ("he", True),
            ("fa", True),
            ("ur", True),
            ("ar-EG", True),
            ("az-Arab", True),  # the script decides
            ("ku-Latn", False),
            ("fr", False),
            ("pt-BR", False),
            ("zh-Hant", False),
        ):
            with self.subTest(tag):
                self.assertIs(is_right_to_left(tag), expected)

    def test_a_story_in_the_sites_language_has_no_lang_of_its_own(self):
        page = self.client.get(self.english.get_absolute_url())
        self.assertContains(page, '<html lang="en">')
        self.assertContains(page, '<h1 class="story__headline">')
        self.assertContains(page, '<header class="masthead">')


class NewStoriesTests(SeedingMediaMixin, TestCase):
    """Every way stories are made without a form gives them a valid code."""

    def assert_every_language_is_a_code(self):
        languages = set(Article.objects.values_list("language", flat=True))
        self.assertTrue(languages)
        for language in languages:
            with self.subTest(language):
                validate_language_code(language)

    def test_seeded_stories(self):
        call_command("seed_articles", count=20, seed=3, batch_size=20, stdout=StringIO())
        self.assert_every_language_is_a_code()

    def test_imported_wire_copy(self):
        make_section(slug="world")
        call_command(
            "import_article",
            str(WIRE / "paris_climate_talks.txt"),
            "--section",
            "world",
            stdout=StringIO(),
            stderr=StringIO(),
        )
        self.assert_every_language_is_a_code()

    def test_demo_content(self):
        call_command("load_demo", stdout=StringIO())
        self.assert_every_language_is_a_code()
