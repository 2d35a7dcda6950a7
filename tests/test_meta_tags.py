"""What search engines and link previews read in a public page's head (includes/meta_tags.html)."""

import re
from unittest import mock

from django.test import SimpleTestCase, TestCase, override_settings

from articles.models import Correction
from articles.templatetags.newsroom_seo import og_locale
from articles.views import STORIES_PER_PAGE, StoryPaginator
from tests.factories import make_article, make_author, make_section, make_small_desk, make_source


def meta(response, attribute, name):
    """The ``content`` of the page's ``<meta {attribute}="{name}">``, or None."""
    found = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', response.content.decode()
    )
    return found and found[1]


def title(response):
    return re.search(r"<title>([^<]*)</title>", response.content.decode())[1]


class OgLocaleFilterTests(SimpleTestCase):
    def test_a_language_tag_becomes_language_underscore_territory(self):
        for code, locale in (
            ("en-gb", "en_GB"),
            ("en-GB", "en_GB"),
            ("pt-BR", "pt_BR"),
            ("es-419", "es_LA"),
            ("zh-Hant", "zh_TW"),
            ("zh-Hans", "zh_CN"),
            # A script or variant has no place in og:locale.
            ("zh-Hant-TW", "zh_TW"),
            # A bare language is no locale (share previews took "ar" for en_US):
            # it takes its usual territory, or the page names none; the desk's
            # own language takes the desk's (NEWSROOM_LOCALE, en_GB by default).
            ("en", "en_GB"),
            ("en-US", "en_US"),
            ("en-Latn", "en_GB"),
            ("fr", "fr_FR"),
            ("ar", "ar_AR"),
            ("sr-Latn", "sr_RS"),
            ("sl-rozaj", "sl_SI"),
            ("haw", ""),
        ):
            with self.subTest(code):
                self.assertEqual(og_locale(code), locale)

    def test_the_desks_language_takes_the_desks_territory(self):
        """The copy is British English, and share cards said en_US, Open Graph's default."""
        with self.settings(NEWSROOM_LOCALE="en_US"):
            self.assertEqual(og_locale("en"), "en_US")
        with self.settings(NEWSROOM_LOCALE="en_IN"):
            self.assertEqual(og_locale("en"), "en_IN")
            self.assertEqual(og_locale("en-GB"), "en_GB")  # a story's own territory wins
            self.assertEqual(og_locale("fr"), "fr_FR")  # another language keeps its usual one
        with self.settings(LANGUAGE_CODE="fr", NEWSROOM_LOCALE="fr_CA"):
            self.assertEqual(og_locale(""), "fr_CA")
            self.assertEqual(og_locale("en"), "en_US")


class OgLocaleTests(TestCase):
    """No page said what locale its share card was in: previews guessed."""

    @classmethod
    def setUpTestData(cls):
        make_small_desk(cls)
        cls.french = make_article(
            headline="Le sommet s'achève", section=cls.section, language="fr-FR"
        )
        Correction.objects.create(article=cls.story, note="The summit was in Paris.")

    PUBLIC_PAGES = (
        "/",
        "/world/",
        "/authors/",
        "/authors/ana-reporter/",
        "/sources/",
        "/sources/wire-agency/",
        "/corrections/",
        "/search/",
        "/search/?q=summit",
        "/about/",
    )

    def pages(self):
        return [*self.PUBLIC_PAGES, self.story.get_absolute_url()]

    def test_every_public_page_names_the_sites_locale(self):
        """The desk's English: en_GB (NEWSROOM_LOCALE), where every page said en_US."""
        for path in self.pages():
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(meta(response, "property", "og:locale"), "en_GB")
        missing = self.client.get("/no-such-page/")
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(meta(missing, "property", "og:locale"), "en_GB")

    @override_settings(NEWSROOM_LOCALE="en_US")
    def test_a_desk_in_american_english_says_so(self):
        for path in self.pages():
            with self.subTest(path):
                self.assertEqual(meta(self.client.get(path), "property", "og:locale"), "en_US")

    @override_settings(LANGUAGE_CODE="en-in")
    def test_the_locale_comes_from_the_sites_language_code(self):
        # A story's page names the story's language (the test below).
        for path in self.PUBLIC_PAGES:
            with self.subTest(path):
                self.assertEqual(meta(self.client.get(path), "property", "og:locale"), "en_IN")

    def test_a_story_in_another_language_names_its_own(self):
        """Its card's title and description are in that language, as its ``<html lang>`` says."""
        response = self.client.get(self.french.get_absolute_url())
        self.assertContains(response, '<html lang="fr-FR">')
        self.assertEqual(meta(response, "property", "og:locale"), "fr_FR")

    def test_a_story_in_a_language_with_no_usual_territory_names_no_locale(self):
        hawaiian = make_article(headline="Aloha", section=self.section, language="haw")
        response = self.client.get(hawaiian.get_absolute_url())
        self.assertContains(response, '<html lang="haw">')
        self.assertNotContains(response, "og:locale")


class PageOfListTests(TestCase):
    """Pages 2 to N of a list had page 1's description and share card: duplicates to a crawler."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World", slug="world", description="News from the world.")
        cls.author = make_author(name="Ana Reporter", slug="ana-reporter", bio="Covers Europe.")
        cls.source = make_source(name="Wire Agency", slug="wire-agency")
        # Three pages of stories, based on the agency; the first page's worth also cite it.
        cls.stories = [
            make_article(
                headline=f"Leaders meet, day {n}",
                section=cls.section,
                authors=[cls.author],
                origin=cls.source,
            )
            for n in range(2 * STORIES_PER_PAGE + 1)
        ]
        cls.citing = [
            make_article(section=cls.section, authors=[cls.author], cited=[cls.source])
            for _ in range(STORIES_PER_PAGE + 1)
        ]

    def assertPageTags(self, response, *, titled, described, canonical):
        self.assertEqual(response.status_code, 200)
        self.assertEqual(title(response), f"{titled} | Newsroom")
        for attribute, name in (("property", "og:title"), ("name", "twitter:title")):
            self.assertEqual(meta(response, attribute, name), titled, name)
        for attribute, name in (
            ("name", "description"),
            ("property", "og:description"),
            ("name", "twitter:description"),
        ):
            self.assertEqual(meta(response, attribute, name), described, name)
        self.assertContains(response, f'<link rel="canonical" href="http://testserver{canonical}">')
        self.assertEqual(meta(response, "property", "og:url"), f"http://testserver{canonical}")

    def test_a_section_page_says_which_page_it_is(self):
        for path, titled, described in (
            ("/world/", "World", "News from the world."),
            ("/world/?page=2", "World (page 2)", "Page 2 of 4: News from the world."),
            ("/world/?page=4", "World (page 4)", "Page 4 of 4: News from the world."),
        ):
            with self.subTest(path):
                response = self.client.get(path)
                self.assertPageTags(response, titled=titled, described=described, canonical=path)

    def test_an_authors_pages_say_which_page_they_are(self):
        response = self.client.get("/authors/ana-reporter/?page=3")
        self.assertPageTags(
            response,
            titled="Ana Reporter (page 3)",
            described="Page 3 of 4: Covers Europe.",
            canonical="/authors/ana-reporter/?page=3",
        )

    def test_a_list_not_counted_to_its_end_gives_no_total(self):
        """Past the pages counted ahead the list says "Page 2 of many"; the description no total."""
        with mock.patch.object(StoryPaginator, "PAGES_AHEAD", 0):
            response = self.client.get("/world/?page=2")
        self.assertContains(response, "Page 2 of many")
        self.assertPageTags(
            response,
            titled="World (page 2)",
            described="Page 2: News from the world.",
            canonical="/world/?page=2",
        )

    def test_a_source_page_names_the_page_of_each_list(self):
        described = "Stories based on or citing Wire Agency"
        for path, label in (
            ("/sources/wire-agency/?page=3", "page 3"),
            ("/sources/wire-agency/?cited_page=2", "citing page 2"),
            ("/sources/wire-agency/?page=2&cited_page=2", "page 2, citing page 2"),
        ):
            with self.subTest(path):
                self.assertPageTags(
                    self.client.get(path),
                    titled=f"Wire Agency ({label})",
                    described=f"{label[0].upper()}{label[1:]}: {described}",
                    canonical=path.replace("&", "&amp;"),
                )

    def test_a_page_of_search_results_says_which_page_it_is(self):
        response = self.client.get("/search/?q=leaders&page=2")
        self.assertEqual(response.status_code, 200)
        pages = response.context["page"].paginator.num_pages
        self.assertGreater(pages, 2)
        self.assertEqual(title(response), "Search: leaders (page 2) | Newsroom")
        self.assertTrue(
            meta(response, "name", "description").startswith(f"Page 2 of {pages}: "),
            meta(response, "name", "description"),
        )

    def test_a_long_search_is_cut_short_in_the_title(self):
        """A tab showed, and a screen reader read out as the page opened, up to 200 characters."""
        response = self.client.get("/search/", {"q": "leaders meet in paris " * 9})
        self.assertEqual(
            title(response),
            "Search: leaders meet in paris leaders meet in paris leaders… | Newsroom",
        )
        self.assertEqual(title(self.client.get("/search/?q=leaders")), "Search: leaders | Newsroom")


class PlainTextDescriptionTests(TestCase):
    def test_words_that_look_like_tags_stay_in_the_description(self):
        """The descriptions are plain text already: tag stripping took "<desk@example.org>"
        and "A<B and C>D" out of search results and link previews."""
        section = make_section(name="World", slug="world")
        for standfirst, described in (
            ("Write to <desk@example.org> today", "Write to &lt;desk@example.org&gt; today"),
            ("The <i> key and the <b> key", "The &lt;i&gt; key and the &lt;b&gt; key"),
            ("Scores where A<B and C>D", "Scores where A&lt;B and C&gt;D"),
        ):
            with self.subTest(standfirst):
                story = make_article(section=section, standfirst=standfirst)
                response = self.client.get(story.get_absolute_url())
                for attribute, name in (
                    ("name", "description"),
                    ("property", "og:description"),
                    ("name", "twitter:description"),
                ):
                    self.assertEqual(meta(response, attribute, name), described, name)
