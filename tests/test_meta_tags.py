"""What search engines and link previews read in a public page's head (includes/meta_tags.html)."""

import re

from django.test import SimpleTestCase, TestCase, override_settings

from articles.models import Correction
from articles.templatetags.newsroom_seo import og_locale
from tests.factories import make_article, make_author, make_section, make_source


def meta(response, attribute, name):
    """The ``content`` of the page's ``<meta {attribute}="{name}">``, or None."""
    found = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', response.content.decode()
    )
    return found and found[1]



class OgLocaleFilterTests(SimpleTestCase):
    def test_a_language_tag_becomes_language_underscore_territory(self):
        for code, locale in (
            ("en", "en"),
            ("en-gb", "en_GB"),
            ("en-GB", "en_GB"),
            ("pt-BR", "pt_BR"),
            ("fr", "fr"),
            ("es-419", "es_419"),
            # A script or variant has no place in og:locale.
            ("zh-Hant-TW", "zh_TW"),
            ("sr-Latn", "sr"),
            ("sl-rozaj", "sl"),
        ):
            with self.subTest(code):
                self.assertEqual(og_locale(code), locale)


class OgLocaleTests(TestCase):
    """No page said what locale its share card was in: previews guessed."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World", slug="world")
        cls.author = make_author(name="Ana Reporter", slug="ana-reporter")
        cls.source = make_source(name="Wire Agency", slug="wire-agency")
        cls.story = make_article(
            headline="Summit ends with a deal",
            section=cls.section,
            authors=[cls.author],
            origin=cls.source,
        )
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
        for path in self.pages():
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(meta(response, "property", "og:locale"), "en")
        missing = self.client.get("/no-such-page/")
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(meta(missing, "property", "og:locale"), "en")

    @override_settings(LANGUAGE_CODE="en-gb")
    def test_the_locale_comes_from_the_sites_language_code(self):
        # A story's page names the story's language (the test below).
        for path in self.PUBLIC_PAGES:
            with self.subTest(path):
                self.assertEqual(meta(self.client.get(path), "property", "og:locale"), "en_GB")

    def test_a_story_in_another_language_names_its_own(self):
        """Its card's title and description are in that language, as its ``<html lang>`` says."""
        response = self.client.get(self.french.get_absolute_url())
        self.assertContains(response, '<html lang="fr-FR">')
        self.assertEqual(meta(response, "property", "og:locale"), "fr_FR")
