"""Search names writers and sources above the stories, and only those readers may see."""

from datetime import timedelta
from unittest import mock, skipUnless

from django.core.cache import caches
from django.db import connection
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import NAMES_PER_KIND, matching_names
from sources.models import Source
from tests.factories import (
    make_article,
    make_author,
    make_hidden_articles,
    make_section,
    make_source,
)


def names(people):
    return [person.name for person in people]


class NamesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World", slug="world")
        cls.amina = make_author(
            name="Amina Diallo", slug="amina-diallo", job_title="West Africa correspondent"
        )
        cls.reuters = make_source(name="Reuters", slug="reuters")
        # Neither name is in the story's text: only the byline and credit link them.
        cls.story = make_article(
            headline="Harvest fails across the Sahel",
            body="<p>Rains came late for a third year.</p>",
            section=cls.section,
            authors=[cls.amina],
            origin=cls.reuters,
        )

    def get(self, query, **params):
        response = self.client.get(reverse("articles:search"), {"q": query, **params})
        self.assertEqual(response.status_code, 200)
        return response

    def headlines(self, response):
        return [story.headline for story in response.context["page"].object_list]

    def shown(self, query, **params):
        """The writers' and sources' names the search page shows for ``query``."""
        context = self.get(query, **params).context
        return names(context["matching_authors"]), names(context["matching_sources"])


class WritersAndSourcesTests(NamesTestCase):
    def test_a_writer_is_named_with_a_link_to_their_page(self):
        response = self.get("Amina Diallo")
        self.assertContains(response, '<h2 class="search__name-title" id="search-writers">Writers')
        self.assertContains(response, 'aria-labelledby="search-writers"')
        self.assertContains(
            response,
            f'<a href="{reverse("authors:detail", args=["amina-diallo"])}" dir="auto">'
            "Amina Diallo</a>",
        )
        self.assertContains(response, "West Africa correspondent")
        # No story's text names her: her byline finds her story, below her name.
        self.assertContains(response, "1 story for <q><bdi>Amina Diallo</bdi></q>")
        self.assertEqual(self.headlines(response), ["Harvest fails across the Sahel"])
        self.assertNotContains(response, 'id="search-sources"')

    @skipUnless(connection.vendor == "postgresql", "the fallback finds names' stories by prefix")
    def test_a_name_without_stories_for_the_query_points_to_its_page(self):
        """"Ami" begins her name but is no word of any story: the page says so, and
        points to her page rather than suggesting other words."""
        response = self.get("Ami")
        self.assertEqual(names(response.context["matching_authors"]), ["Amina Diallo"])
        self.assertContains(
            response,
            "No story matches <q><bdi>Ami</bdi></q>. The pages linked above list their stories.",
        )
        self.assertNotContains(response, "Try fewer or different words")

    def test_a_source_is_named_with_a_link_to_its_page(self):
        response = self.get("reuters")
        self.assertContains(
            response,
            f'<a href="{reverse("sources:detail", args=["reuters"])}" dir="auto">Reuters</a>',
        )
        self.assertContains(response, 'id="search-sources"')
        self.assertContains(response, "News agency")
        self.assertNotContains(response, 'id="search-writers"')

    def test_any_case_and_order_of_the_name_words_or_one_of_them(self):
        for query in ("amina diallo", "DIALLO", "diallo amina", "Ami", '"amina diallo"'):
            with self.subTest(query=query):
                self.assertEqual(self.shown(query), (["Amina Diallo"], []))

    def test_accents_and_capitals_aside(self):
        """On SQLite "ines" and "INÉS" missed "Inés": its LIKE folds ASCII letters only."""
        ines = make_author(name="Inés Carvalho", slug="ines-carvalho")
        make_article(section=self.section, authors=[ines], origin=self.reuters)
        for query in ("Inés", "inés", "ines", "INES", "INÉS", "carvalho ines", "Ínes"):
            with self.subTest(query=query):
                self.assertEqual(self.shown(query), (["Inés Carvalho"], []))

    def test_every_word_must_begin_a_word_of_the_name(self):
        """A word inside a name ("mina" in "Amina") is no match: short words list few names."""
        for query in ("mina", "amina smith", "iallo", "euters", "amina -diallo"):
            with self.subTest(query=query):
                self.assertEqual(self.shown(query), ([], []))

    def test_a_hyphenated_or_bracketed_name_is_found_by_its_second_part(self):
        mary = make_author(name="Mary-Ann Ode")
        afp = make_source(name="Agence France-Presse (AFP)")
        make_article(section=self.section, authors=[mary], origin=afp)
        self.assertEqual(self.shown("ann"), (["Mary-Ann Ode"], []))
        self.assertEqual(self.shown("afp"), ([], ["Agence France-Presse (AFP)"]))
        self.assertEqual(self.shown("presse"), ([], ["Agence France-Presse (AFP)"]))

    def test_a_quoted_phrase_is_not_quoted_twice(self):
        response = self.get('"rains came late"')
        self.assertContains(response, "1 story for <q><bdi>rains came late</bdi></q>")
        # A phrase among other words is shown as typed, in no marks of ours.
        response = self.get('"rains came" -sahel')
        self.assertContains(response, "for <bdi>&quot;rains came&quot; -sahel</bdi>")
        self.assertNotContains(response, "<q><bdi>&quot;")

    def test_no_block_when_no_name_matches(self):
        response = self.get("harvest")
        self.assertEqual(len(response.context["page"].object_list), 1)
        self.assertNotContains(response, "search__names")
        self.assertNotContains(response, "Writers")
        self.assertNotContains(response, 'id="search-sources"')

    def test_cited_sources_count_too(self):
        cited = make_source(name="Ministry of Agriculture", kind=Source.Kind.GOVERNMENT)
        make_article(section=self.section, cited=[cited])
        self.assertEqual(self.shown("ministry"), ([], ["Ministry of Agriculture"]))

    def test_closest_names_first_and_at_most_a_few_of_each_kind(self):
        writers = ["Press Officer", "Ann Press", "Zed Press", "Bo Press", "Cy Press", "Di Press"]
        agencies = ["United Press", "Press", "Press Association", "Xinhua Press", "Ab Press"]
        for name in writers:
            make_article(section=self.section, authors=[make_author(name=name)])
        for name in agencies:
            make_article(section=self.section, origin=make_source(name=name))
        self.assertEqual(NAMES_PER_KIND, 5)
        authors, sources = self.shown("press")
        # The name that starts with the query, then the rest alphabetically; "Zed" is cut.
        self.assertEqual(
            authors, ["Press Officer", "Ann Press", "Bo Press", "Cy Press", "Di Press"]
        )
        # The exact name, then one that starts with it, then the rest.
        self.assertEqual(
            sources, ["Press", "Press Association", "Ab Press", "United Press", "Xinhua Press"]
        )

    def test_names_come_above_the_stories(self):
        make_article(headline="Reuters tallies the harvest", section=self.section)
        html = self.get("reuters").content.decode()
        self.assertLess(html.index('id="search-sources"'), html.index("search__count"))
        self.assertLess(html.index("search__count"), html.index("Reuters tallies the harvest"))

    def test_only_the_closest_names_are_checked_for_public_stories(self):
        """The cost is bounded: only NAME_CANDIDATES names are looked up, closest first.

        A closer name with no public story takes a candidate's place (never the
        page's), so with two candidates "Kim Dee" is not reached.
        """
        make_author(name="Kim Ash")  # no story
        for name in ("Kim Bell", "Kim Dee"):
            make_article(section=self.section, authors=[make_author(name=name)])
        self.assertEqual(self.shown("kim"), (["Kim Bell", "Kim Dee"], []))
        with mock.patch("articles.search.NAME_CANDIDATES", 2):
            self.assertEqual(self.shown("kim"), (["Kim Bell"], []))

    def test_only_the_first_page_of_stories_names_them(self):
        for n in range(12):
            make_article(headline=f"Reuters poll {n}", section=self.section, origin=self.reuters)
        self.assertEqual(self.shown("reuters"), ([], ["Reuters"]))
        self.assertEqual(self.shown("reuters", page=2), ([], []))
        self.assertNotContains(self.get("reuters", page=2), "search__names")


class OnlyPublicNamesTests(NamesTestCase):
    """A name is shown only if a public story carries it: drafts reveal nobody."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.hidden_writer = make_author(name="Amina Hidden")
        cls.hidden_source = make_source(name="Reuters Hidden Desk")
        # Draft, in review, archived and scheduled: all four bylined and credited.
        for story in make_hidden_articles(section=cls.section, authors=[cls.hidden_writer]):
            story.source_credits.create(source=cls.hidden_source, role="origin")
        # A staff profile never bylined at all.
        make_author(name="Amina Staffer")

    def test_a_writer_or_source_known_only_from_hidden_stories_is_not_named(self):
        self.assertEqual(self.shown("amina"), (["Amina Diallo"], []))
        self.assertEqual(self.shown("reuters"), ([], ["Reuters"]))
        response = self.get("hidden")
        self.assertNotContains(response, "Amina Hidden")
        self.assertNotContains(response, "Reuters Hidden Desk")
        self.assertNotContains(response, self.hidden_writer.get_absolute_url())

    def test_a_writer_disappears_when_their_only_story_is_unpublished(self):
        self.assertEqual(self.shown("diallo"), (["Amina Diallo"], []))
        Article.objects.filter(pk=self.story.pk).update(status=Article.Status.DRAFT)
        self.assertEqual(self.shown("diallo"), ([], []))

    def test_a_writer_appears_when_a_scheduled_story_comes_due(self):
        Article.objects.filter(bylines__author=self.hidden_writer, status="published").update(
            published_at=timezone.now() - timedelta(minutes=1)
        )
        self.assertEqual(self.shown("hidden"), (["Amina Hidden"], ["Reuters Hidden Desk"]))


class QueryCountTests(NamesTestCase):
    def test_the_search_page_adds_one_query_for_the_names(self):
        """Count, page of stories, their bylines, the navigation, and one UNION for the names.

        The block has no query per name: its links are built from the slugs that query read.
        """
        make_article(headline="Amina Diallo wins award", section=self.section, authors=[self.amina])
        make_article(section=self.section, authors=[make_author(name="Amina Second")])
        self.get("amina")  # warm the site's section tree cache, if any
        with self.assertNumQueries(5):
            response = self.get("amina")
        self.assertEqual(
            names(response.context["matching_authors"]), ["Amina Diallo", "Amina Second"]
        )
        # Found by their bylines: the story index holds the names.
        self.assertEqual(len(response.context["page"].object_list), 3)

    @skipUnless(connection.vendor == "postgresql", "the fallback finds names' stories by prefix")
    def test_names_without_stories_cost_no_page_of_stories(self):
        """The story query finds nothing, so no page or bylines to read; PostgreSQL is
        asked whether the words were all too common to look for."""
        self.get("reut")
        with self.assertNumQueries(4):
            self.assertEqual(self.shown("reut"), ([], ["Reuters"]))

    def test_writers_and_sources_come_from_one_query(self):
        make_article(
            section=self.section,
            authors=[make_author(name="Paula Press")],
            origin=make_source(name="Press Association"),
        )
        make_author(name="Reuters Fan")  # no story: must not appear
        with self.assertNumQueries(1):
            authors, sources = matching_names("press")
        self.assertEqual((names(authors), names(sources)), (["Paula Press"], ["Press Association"]))
        with self.assertNumQueries(1):
            self.assertEqual(tuple(map(names, matching_names("reuters"))), ([], ["Reuters"]))

    def test_no_query_for_names_without_a_word_to_look_for(self):
        for query in ("", "   ", "%", "-", '""', "-amina", "***"):
            with self.subTest(query=query), self.assertNumQueries(0):
                self.assertEqual(matching_names(query), ([], []))

    def test_a_page_without_names_costs_no_more_than_before(self):
        """Page 2 shows no names: the search page's own four queries, as before."""
        for n in range(12):
            make_article(headline=f"Reuters poll {n}", section=self.section, origin=self.reuters)
        self.get("reuters")
        with self.assertNumQueries(4):
            self.get("reuters", page=2)


class HostileQueryTests(NamesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.radio = make_source(name="100% Radio")
        cls.underscored = make_author(name="ann_b Writer")
        cls.script = make_author(name="<script>alert(1)</script> Ade")
        annab = make_author(name="Annab Other")
        make_article(
            section=cls.section, authors=[cls.underscored, cls.script, annab], origin=cls.radio
        )

    def test_like_wildcards_are_matched_as_themselves(self):
        """% and _ are never wildcards (Django escapes them): they match only themselves."""
        self.assertEqual(self.shown("%"), ([], []))
        self.assertEqual(self.shown("%%"), ([], []))
        self.assertEqual(self.shown("_"), ([], []))  # inside a word, so no word starts with it
        # As wildcards, "a%" would find "Amina Diallo" and "ann_" would find "Annab Other".
        self.assertEqual(self.shown("a%"), ([], []))
        self.assertEqual(self.shown("100%"), ([], ["100% Radio"]))
        self.assertEqual(self.shown("a_"), ([], []))
        self.assertEqual(self.shown("ann_"), (["ann_b Writer"], []))

    def test_names_are_escaped_on_the_page(self):
        response = self.get("ade")
        self.assertEqual(names(response.context["matching_authors"]), [self.script.name])
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt; Ade")

    def test_very_long_and_odd_queries_answer_and_name_nobody(self):
        expected = {
            # Many repeats of a real word still find her, once.
            "amina " * 500: ["Amina Diallo"],
            "x" * 5000: [],
            "\\": [],
            "'; DROP TABLE authors_author; --": [],
            # An unclosed quote runs to the end: the phrase "unclosed amina".
            '"unclosed amina': [],
            # Fullwidth letters: PostgreSQL's unaccent() reads them as "amina";
            # the plain match elsewhere does not.
            "ａｍｉｎａ": ["Amina Diallo"] if connection.vendor == "postgresql" else [],
            "amina\x00diallo": ["Amina Diallo"],
        }
        for query, authors in expected.items():
            with self.subTest(query=query[:40]):
                self.assertEqual(self.shown(query), (authors, []))
        self.assertEqual(self.shown("diallo"), (["Amina Diallo"], []))


class SearchCacheTests(NamesTestCase):
    @override_settings(
        PAGE_CACHE_ENABLED=True,
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "tests-search-people",
            }
        },
    )
    def test_search_with_names_is_still_never_served_from_the_page_cache(self):
        caches["default"].clear()
        first = self.get("diallo")
        self.assertNotIn("X-Page-Cache", first)
        Article.objects.filter(pk=self.story.pk).update(status=Article.Status.DRAFT)
        second = self.get("diallo")
        self.assertNotIn("X-Page-Cache", second)
        self.assertNotContains(second, "Amina Diallo")
