"""Search finds what readers type, however copy spelt it.

Each class is one way a reader's spelling and the desk's part company and the
search brings them together again (decision 0006), on PostgreSQL and in the
fallback alike unless a test says otherwise.
"""

import re
from datetime import timedelta
from unittest import skipUnless

from django.db import connection
from django.test import TestCase
from django.utils import timezone

from articles import search
from articles.models import Article
from tests.factories import make_article
from tests.migration_case import MigrationTestCase

POSTGRES = connection.vendor == "postgresql"


def found(query):
    return list(search.search(query))


def story(headline, body, *, hours_ago=1):
    return make_article(
        headline=headline,
        standfirst="",
        body=f"<p>{body}</p>",
        published_at=timezone.now() - timedelta(hours=hours_ago),
    )


class LettersAndNumberTests(TestCase):
    """ "COP 29" found nothing written "COP29", nor "F16" anything written "F-16":
    PostgreSQL reads the three spellings as three different sets of words."""

    @classmethod
    def setUpTestData(cls):
        cls.joined = story("COP29 opens in Baku", "Delegates arrived.", hours_ago=5)
        cls.apart = story("Climate summit", "Delegates arrive for COP 29 in Baku.", hours_ago=1)
        cls.hyphenated = story("Jets delivered", "The F-16 fighters landed.")
        cls.f16 = story("Pilots trained", "They flew the F16 for weeks.")
        cls.g20 = story("G20 leaders meet", "A summit in Rio.")

    def test_a_name_typed_apart_finds_it_joined_and_hyphenated(self):
        self.assertCountEqual(found("COP 29"), [self.joined, self.apart])
        self.assertCountEqual(found("cop 29 baku"), [self.joined, self.apart])
        self.assertEqual(found("G 20"), [self.g20])
        self.assertCountEqual(found("F 16"), [self.hyphenated, self.f16])

    def test_a_joined_name_finds_it_apart_and_hyphenated_but_not_its_parts_scattered(self):
        scattered = story("Police cop fined", "He paid 29 euros.")
        self.assertCountEqual(found("COP29"), [self.joined, self.apart])
        # Typed apart, the words are two words of the query, anywhere, as before.
        self.assertIn(scattered, found("COP 29"))
        self.assertCountEqual(found("f16"), [self.hyphenated, self.f16])
        self.assertCountEqual(found("F-16"), [self.hyphenated, self.f16])

    def test_an_excluded_name_is_excluded_in_every_spelling(self):
        self.assertCountEqual(
            found("-COP29"), [self.hyphenated, self.f16, self.g20]
        )

    def test_the_name_in_a_headline_ranks_first_whichever_way_it_was_typed(self):
        """The story headlined "COP29" is older than the one with "COP 29" in its
        body; ranked by "cop" and "29" alone, it had nothing to rank by."""
        for query in ("COP 29", "COP29"):
            with self.subTest(query=query):
                self.assertEqual(found(query), [self.joined, self.apart])

    def test_the_other_spelling_is_marked_in_the_snippet(self):
        page = self.client.get("/search/", {"q": "COP29"}).content.decode()
        # PostgreSQL marks each word of a phrase, the fallback the phrase.
        self.assertRegex(page, r"for <mark>COP</mark> <mark>29</mark>|for <mark>COP 29</mark>")

    def test_a_stop_word_before_a_number_is_not_a_name(self):
        """PostgreSQL drops "in" and "s": "in2024" or "-400" would stand in for the words typed."""
        self.assertEqual(search.joined_spellings("in 2024"), [])
        self.assertEqual(search.code_spellings("S400"), [])
        self.assertEqual(search.code_spellings("talks"), [])
        self.assertEqual(
            search.joined_spellings('"COP29 summit"'),
            [('"COP29 summit"', '"COP-29 summit"'), ('"COP29 summit"', '"COP 29 summit"')],
        )

    def test_the_search_page_costs_no_more_queries(self):
        self.client.get("/search/", {"q": "COP 29"})
        with self.assertNumQueries(5):
            self.client.get("/search/", {"q": "COP 29"})


@skipUnless(POSTGRES, "the stop words are PostgreSQL's")
class StopWordsTests(TestCase):
    def test_the_stop_words_listed_are_the_servers(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT array_agg(word ORDER BY word) FROM unnest(%s::text[]) AS word"
                " WHERE numnode(plainto_tsquery(%s::regconfig, word)) > 0",
                [sorted(search.ENGLISH_STOP_WORDS), search.SEARCH_CONFIG],
            )
            self.assertIsNone(cursor.fetchone()[0])
            letters = [chr(code) for code in range(ord("a"), ord("z") + 1)]
            cursor.execute(
                "SELECT array_agg(letter ORDER BY letter) FROM unnest(%s::text[]) AS letter"
                " WHERE numnode(plainto_tsquery(%s::regconfig, letter)) = 0",
                [letters, search.SEARCH_CONFIG],
            )
            dropped = cursor.fetchone()[0]
        self.assertEqual(dropped, sorted(set(letters) & search.ENGLISH_STOP_WORDS))


class GermanSpellingTests(TestCase):
    """ "Mueller" found nothing written "Müller": the index held it as "muller",
    accents aside (migration 0010), and German spells "ü" out as "ue"."""

    @classmethod
    def setUpTestData(cls):
        cls.umlaut = story(
            "Müller wins the vote", "Anna Müller-Lüdenscheidt spoke in Düsseldorf."
        )
        cls.spelt_out = story("Mueller report published", "Robert Mueller testified.")
        cls.street = story("Road closed", "The Hauptstraße is shut.")

    def test_an_umlaut_spelt_out_finds_it(self):
        self.assertCountEqual(found("Mueller"), [self.umlaut, self.spelt_out])
        self.assertEqual(found("duesseldorf"), [self.umlaut])
        self.assertEqual(found("Luedenscheidt"), [self.umlaut])

    def test_an_umlaut_finds_it_spelt_out(self):
        self.assertCountEqual(found("Müller"), [self.umlaut, self.spelt_out])
        self.assertEqual(found("Müller -Robert"), [self.umlaut])

    def test_without_its_accent_the_word_finds_the_umlaut_only(self):
        """ "Muller" is a name of its own: it is not read as "Mueller"."""
        self.assertEqual(found("Muller"), [self.umlaut])

    def test_sharp_s_and_double_s_find_each_other(self):
        self.assertEqual(found("Hauptstrasse"), [self.street])
        self.assertEqual(found("Hauptstraße"), [self.street])

    def test_a_word_merely_containing_ue_is_not_read_as_an_umlaut(self):
        """Only the index's spelt-out words answer "ue": "Joe" does not find "Jo"."""
        story("Jo Cox remembered", "A vigil was held.")
        self.assertEqual(found("Joe"), [])
        self.assertEqual(search.joined_spellings("Joe Samuel"), [])

    def test_the_fallbacks_pattern_reads_ue_as_u_umlaut_too(self):
        def finds(query, text):
            return bool(re.search(search.word_pattern(query), text, re.IGNORECASE))

        self.assertTrue(finds("mueller", "Herr Müller"))
        self.assertTrue(finds("MUELLER", "HERR MÜLLER"))
        self.assertTrue(finds("Goebbels", "Göbbels"))
        self.assertTrue(finds("strasse", "Straße"))
        self.assertTrue(finds("straße", "Strasse"))
        self.assertFalse(finds("mueller", "Herr Muller"))
        self.assertTrue(finds("ceasefire", "cease-fire"))

    def test_the_search_page_costs_no_more_queries(self):
        self.client.get("/search/", {"q": "Müller"})
        with self.assertNumQueries(5):
            self.client.get("/search/", {"q": "Müller"})


@skipUnless(POSTGRES, "the search vector is PostgreSQL's")
class GermanSpellingIndexTests(TestCase):
    def test_spelt_out_words_weigh_what_their_field_weighs(self):
        headline = story("Müller wins", "Nothing more.")
        body = story("Vote counted", "Müller won it.")
        self.assertEqual(found("Mueller"), [headline, body])
        vector = Article.objects.values_list("search_vector", flat=True).get(pk=headline.pk)
        self.assertRegex(vector, r"'mueller':\d+A\b")

    def test_an_edit_that_removes_the_word_removes_its_spelt_out_form(self):
        edited = story("Müller wins", "Nothing more.")
        edited.headline = "Schmidt wins"
        edited.save()
        self.assertEqual(found("Mueller"), [])


@skipUnless(POSTGRES, "the search vector is PostgreSQL's")
class GermanSpellingMigrationTests(MigrationTestCase):
    """Migration 0030 spells out the umlauts of stories already stored, and takes
    them out again when reversed."""

    def test_stored_stories_are_found_spelt_out_after_it(self):
        self.migrate([("articles", "0029_search_finds_names_with_ampersands")])
        stored = make_article(headline="Müller wins", body="<p>In Düsseldorf.</p>")
        self.assertEqual(found("Mueller"), [])
        self.migrate([("articles", "0030_search_finds_german_umlauts_spelt_out")])
        self.assertEqual(found("Mueller"), [stored])
        self.assertEqual(found("Duesseldorf"), [stored])
        self.migrate([("articles", "0029_search_finds_names_with_ampersands")])
        self.assertEqual(found("Mueller"), [])


class LowerCaseAcronymTests(TestCase):
    """ "un" found "UN" but not "U.N.": only an acronym typed in capitals was
    tried with full stops, and readers type in lower case."""

    @classmethod
    def setUpTestData(cls):
        cls.dotted = story("U.N. envoy arrives", "Talks begin.")
        cls.capitals = story("UN votes on aid", "A close vote.")
        cls.french = story("Festival opens", "Un Certain Regard opens the week.")
        cls.unions = story("Unions strike", "Until Monday, no trains.")
        cls.states = story("U.S. election", "Polls close.")
        cls.nato = story("NATO summit", "Leaders meet.")

    def test_a_known_acronym_in_lower_case_finds_both_spellings(self):
        # The French "un" is the same word to the index, found as before.
        self.assertCountEqual(found("un"), [self.dotted, self.capitals, self.french])
        self.assertEqual(found("us election"), [self.states])
        self.assertEqual(found("nato"), [self.nato])

    def test_an_acronym_is_not_the_start_of_a_longer_word(self):
        """The fallback matched "un" at the start of "Unions" and "Until"."""
        for query in ("un", "UN"):
            with self.subTest(query=query):
                self.assertNotIn(self.unions, found(query))

    def test_other_short_words_are_not_read_as_acronyms(self):
        """ "am" is not "a.m.", "ad" not "A.D.": only the listed acronyms are."""
        self.assertEqual(search.joined_spellings("am ad ma"), [])
        self.assertEqual(search.joined_spellings("eu uk"), [("eu", "E.U."), ("uk", "U.K.")])
