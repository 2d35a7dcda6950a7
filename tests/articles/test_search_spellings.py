"""Search finds what readers type, however copy spelt it.

Each class is one way a reader's spelling and the desk's part company and the
search brings them together again (decision 0006), on PostgreSQL and in the
fallback alike unless a test says otherwise.
"""

from datetime import timedelta
from unittest import skipUnless

from django.db import connection
from django.test import TestCase
from django.utils import timezone

from articles import search
from tests.factories import make_article

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
