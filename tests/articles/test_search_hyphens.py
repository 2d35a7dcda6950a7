"""A hyphenated word and its joined spelling find each other: "cease-fire" and "ceasefire".

Copy spells the same word both ways ("cease-fire" and "ceasefire", "e-mail"
and "email", "co-operation" and "cooperation"). PostgreSQL reads
"cease-fire" as the whole word and its two parts, none of which is
"ceasefire", so a reader typing one spelling missed stories written with the
other. A hyphenated word in a query also tries its joined spelling
(``search.SpellingsQuery``), and each hyphenated word of a story is also
indexed joined (migration 0025). The fallback search on SQLite lets a hyphen
stand between any two letters of a word (``search.word_pattern``).
"""

import re
from unittest import skipUnless

from django.test import TestCase

from articles import search
from articles.models import Article
from tests.articles.test_search_names import POSTGRES, found
from tests.factories import make_article
from tests.migration_case import MigrationTestCase


class HyphenatedQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.joined = make_article(
            headline="Ceasefire holds in the north",
            body="<p>Officials confirmed by email that the cooperation agreement stands.</p>",
        )
        cls.hyphenated = make_article(
            headline="Cease-fire talks stall",
            body="<p>Delegates traded e-mail drafts on co-operation overnight.</p>",
        )
        cls.other = make_article(headline="Markets steady", body="<p>Shares rose.</p>")

    def test_a_hyphenated_word_finds_both_spellings(self):
        for query in ("cease-fire", "e-mail", "co-operation", "Cease-Fire"):
            with self.subTest(query=query):
                self.assertEqual(set(found(query)), {self.joined, self.hyphenated})

    def test_with_other_words_each_must_still_match(self):
        self.assertEqual(found("cease-fire north"), [self.joined])
        self.assertEqual(found("cease-fire stall"), [self.hyphenated])
        self.assertEqual(found("e-mail north"), [self.joined])
        self.assertEqual(found("e-mail overnight"), [self.hyphenated])

    def test_a_quoted_phrase_with_a_hyphenated_word_finds_both_spellings(self):
        self.assertEqual(found('"cease-fire holds"'), [self.joined])
        self.assertEqual(found('"confirmed by e-mail"'), [self.joined])
        self.assertEqual(found('"traded e-mail drafts"'), [self.hyphenated])

    def test_an_excluded_hyphenated_word_excludes_both_spellings(self):
        self.assertEqual(found("-cease-fire"), [self.other])
        self.assertEqual(set(found('-"cease-fire holds"')), {self.hyphenated, self.other})

    def test_the_joined_spelling_is_marked_in_the_snippet(self):
        response = self.client.get("/search/", {"q": "e-mail"})
        self.assertContains(response, "<mark>email</mark>")

    def test_a_joined_word_finds_the_hyphenated_spelling_too(self):
        for query in ("ceasefire", "email", "cooperation", "CEASEFIRE"):
            with self.subTest(query=query):
                self.assertEqual(set(found(query)), {self.joined, self.hyphenated})
        self.assertEqual(found("ceasefire stall"), [self.hyphenated])
        self.assertEqual(found("-ceasefire"), [self.other])

    def test_a_joined_word_is_found_in_the_headline_and_standfirst_too(self):
        story = make_article(
            headline="Anti-corruption drive widens",
            standfirst="A long-range plan is drawn up.",
            body="<p>Nothing more.</p>",
        )
        self.assertEqual(found("anticorruption"), [story])
        self.assertEqual(found("longrange"), [story])

    def test_words_either_side_of_a_space_are_not_joined(self):
        self.assertEqual(found("firetalks"), [])
        self.assertEqual(found("emaildrafts"), [])

    def test_hyphens_that_join_no_words_change_nothing(self):
        for query in ("-", "--", "a - b", "-markets", "x-", "-x", "_-_"):
            with self.subTest(query=query):
                self.assertEqual(search.joined_spellings(query), [])
        self.assertEqual(set(found("-markets")), {self.hyphenated, self.joined})

    def test_the_fallbacks_pattern_lets_a_hyphen_stand_between_letters(self):
        pattern = re.compile(search.word_pattern("ceasefire"), re.IGNORECASE)
        for text in ("ceasefire", "Cease-fire", "a cease-fire"):
            with self.subTest(text=text):
                self.assertTrue(pattern.search(text))
        for text in ("cease fire", "cease--fire", "preceasefire"):
            with self.subTest(text=text):
                self.assertFalse(pattern.search(text))

    def test_joined_spellings(self):
        self.assertEqual(
            search.joined_spellings('cease-fire "new co-operation" -e-mail talks'),
            [("cease-fire", "ceasefire"), ('"new co-operation"', '"new cooperation"'),
             ("e-mail", "email")],
        )

    def test_the_search_page_costs_no_more_queries(self):
        """The page's five (decision 0016, and the names): the rewrite is in the story query."""
        self.client.get("/search/", {"q": "ceasefire"})
        with self.assertNumQueries(5):
            response = self.client.get("/search/", {"q": "cease-fire"})
        self.assertEqual(len(response.context["page"].object_list), 2)


@skipUnless(POSTGRES, "the search vector is PostgreSQL's")
class JoinedSpellingsInTheIndexTests(TestCase):
    def test_a_hyphen_in_a_links_address_or_a_tag_adds_no_word(self):
        story = make_article(
            headline="Markets steady",
            body='<p>Read <a href="https://example.com/cease-fire-talks">the report</a>.</p>',
        )
        vector = Article.objects.values_list("search_vector", flat=True).get(pk=story.pk)
        self.assertNotIn("ceasefir", vector)
        self.assertEqual(found("ceasefire"), [])

    def test_joined_words_weigh_what_their_field_weighs(self):
        """All were weighted as body text: "ceasefire" put a story headlined "cease-fire"
        93rd, on the tenth page."""
        story = make_article(
            headline="Cease-fire holds",
            standfirst="A e-mail confirmed it.",
            body="<p>Co-operation resumed.</p>",
        )
        vector = Article.objects.values_list("search_vector", flat=True).get(pk=story.pk)
        self.assertRegex(vector, r"'ceasefir':\d+A\b")
        self.assertRegex(vector, r"'email':\d+B\b")
        self.assertRegex(vector, r"'cooper':\d+C\b")
        passing = make_article(
            headline="Markets slip", body="<p>Traders watched the ceasefire news.</p>"
        )
        self.assertEqual(found("ceasefire")[:2], [story, passing])

    def test_an_edit_that_removes_the_word_removes_its_joined_spelling(self):
        story = make_article(headline="Cease-fire holds", body="<p>Quiet.</p>")
        story.headline = "Truce holds"
        story.save()
        self.assertEqual(found("ceasefire"), [])


@skipUnless(POSTGRES, "the search vector is PostgreSQL's")
class JoinedSpellingsMigrationTests(MigrationTestCase):
    """Migration 0025 indexes the joined spellings of stories already stored, and
    takes them out again when reversed."""

    def test_stored_stories_are_found_by_the_joined_spelling_after_it(self):
        self.migrate([("articles", "0024_search_finds_bylines_and_sources")])
        story = make_article(headline="Cease-fire talks stall", body="<p>By e-mail.</p>")
        self.assertEqual(found("ceasefire"), [])
        self.migrate([("articles", "0025_search_finds_hyphenated_spellings")])
        self.assertEqual(found("ceasefire"), [story])
        self.assertEqual(found("email"), [story])
        self.migrate([("articles", "0024_search_finds_bylines_and_sources")])
        self.assertEqual(found("ceasefire"), [])
        # And the reversed trigger no longer adds them.
        Article.objects.filter(pk=story.pk).update(body="<p>A co-operation deal.</p>")
        self.assertEqual(found("cooperation"), [])

    def test_stored_headlines_joined_spellings_are_weighted_again_by_0028(self):
        self.migrate([("articles", "0027_lead_story_help")])
        story = make_article(headline="Cease-fire talks stall", body="<p>By e-mail.</p>")

        def weights():
            vector = Article.objects.values_list("search_vector", flat=True).get(pk=story.pk)
            return re.search(r"'ceasefir':\d+([A-D])", vector).group(1), re.search(
                r"'email':\d+([A-D])", vector
            ).group(1)

        self.assertEqual(weights(), ("C", "C"))
        self.migrate([("articles", "0028_joined_spellings_weighted_as_their_field")])
        self.assertEqual(weights(), ("A", "C"))
        self.migrate([("articles", "0027_lead_story_help")])
        self.assertEqual(weights(), ("C", "C"))

    def test_stored_names_with_ampersands_are_found_after_0029(self):
        self.migrate([("articles", "0028_joined_spellings_weighted_as_their_field")])
        story = make_article(
            headline="AT&T shares fall",
            body="<p>M&amp;S and the S&amp;P 500 fell&nbsp;too.</p>",
        )
        self.assertEqual(found("AT&T"), [])
        self.migrate([("articles", "0029_search_finds_names_with_ampersands")])
        self.assertEqual(found("AT&T"), [story])
        self.assertEqual(found("M&S"), [story])
        vector = Article.objects.values_list("search_vector", flat=True).get(pk=story.pk)
        # An entity joins nothing: no "fellnbsp".
        self.assertNotIn("nbsp", vector)
        self.migrate([("articles", "0028_joined_spellings_weighted_as_their_field")])
        self.assertEqual(found("AT&T"), [])

