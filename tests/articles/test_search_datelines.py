"""Search finds a story by its dateline, the place it was filed from.

Readers search for places. A story datelined Nairobi whose copy never named the
city again was not found by "Nairobi": the dateline was in no search field.
"""

from unittest import skipUnless

from django.db import connection
from django.test import TestCase

from articles import search
from articles.models import Article
from tests.factories import make_article
from tests.migration_case import MigrationTestCase

POSTGRES = connection.vendor == "postgresql"


class DatelineSearchTests(TestCase):
    def test_a_story_is_found_by_its_dateline(self):
        filed = make_article(
            headline="Talks on drought aid resume",
            dateline="Nairobi",
            body="<p>Negotiators met again on Tuesday.</p>",
        )
        make_article(headline="Markets steady", dateline="London")
        self.assertEqual(list(search.search("nairobi")), [filed])
        self.assertEqual(list(search.search("drought -nairobi")), [])

    def test_a_new_dateline_is_searched_at_once(self):
        """On PostgreSQL the trigger runs when the dateline alone is saved."""
        story = make_article(headline="Talks on drought aid resume", dateline="Nairobi")
        story.dateline = "Mombasa"
        story.save(update_fields=["dateline"])
        self.assertEqual(list(search.search("mombasa")), [story])
        self.assertEqual(list(search.search("nairobi")), [])

    @skipUnless(POSTGRES, "full-text search ranks on PostgreSQL")
    def test_the_dateline_weighs_above_a_mention_in_the_body(self):
        mentioned = make_article(
            headline="Regional round-up", body="<p>Talks in Kampala and Nairobi went on.</p>"
        )
        filed = make_article(headline="Talks on drought aid resume", dateline="Nairobi")
        Article.objects.filter(pk=filed.pk).update(published_at=mentioned.published_at)
        self.assertEqual(list(search.search("nairobi")), [filed, mentioned])


@skipUnless(POSTGRES, "the search vector is PostgreSQL's")
class DatelineMigrationTests(MigrationTestCase):
    """Migration 0023 puts the datelines of stories already stored in the index."""

    def test_stored_stories_are_found_by_their_dateline_after_it(self):
        self.migrate([("articles", "0022_published_story_has_time")])
        story = make_article(headline="Talks on drought aid resume", dateline="Nairobi")
        self.assertEqual(list(search.search("nairobi")), [])
        self.migrate([("articles", "0023_search_finds_datelines")])
        self.assertEqual(list(search.search("nairobi")), [story])
