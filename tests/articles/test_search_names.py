"""Search finds stories by their writers' and sources' names, with a topic or alone.

"Amina Diallo Sudan" or "Reuters ceasefire" found nothing: bylines and source
credits were in no search field, so only a story whose text named them could
match, and the page listed the names above an empty result. On PostgreSQL the
names are in the story's search vector (weighted D, migration 0024), kept
current by triggers; the fallback looks through the bylines and credits.
"""

from unittest import skipUnless

from django.db import connection
from django.test import TestCase

from articles import search
from articles.models import Article, Byline, SourceCredit
from tests.factories import (
    make_article,
    make_author,
    make_hidden_articles,
    make_section,
    make_source,
)
from tests.migration_case import MigrationTestCase

POSTGRES = connection.vendor == "postgresql"


def found(query):
    return list(search.search(query))


# A story's text vector as the trigger computes it (migrations 0023 to 0025, and 0028).
TEXT_VECTOR = (
    "setweight(to_tsvector(%s::regconfig, coalesce(headline, '')), 'A') || "
    "setweight(to_tsvector(%s::regconfig, coalesce(dateline, '')), 'B') || "
    "setweight(to_tsvector(%s::regconfig, coalesce(standfirst, '')), 'B') || "
    "setweight(to_tsvector(%s::regconfig, coalesce(body, '')), 'C') || "
    "setweight(to_tsvector(%s::regconfig, coalesce(articles_joined_spellings(headline), ''))"
    ", 'A') || "
    "setweight(to_tsvector(%s::regconfig, coalesce(articles_joined_spellings(standfirst), ''))"
    ", 'B') || "
    "setweight(to_tsvector(%s::regconfig, coalesce(articles_joined_spellings(body), '')), 'C')"
)
THE_TRIGGERS_NAMES = "articles_article_search_names(id)"


def stories_whose_vector_is_not(names_sql, params=()):
    """How many stories' stored vectors differ from their text's, computed in full,
    followed by ``names_sql``: 0 when every stored vector is what a full computation gives."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_article "  # noqa: S608 (fixed SQL, bound values)
            f"WHERE search_vector IS DISTINCT FROM ({TEXT_VECTOR} || {names_sql})",
            [search.SEARCH_CONFIG] * TEXT_VECTOR.count("%s") + list(params),
        )
        return cursor.fetchone()[0]


class NamesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World", slug="world")
        cls.amina = make_author(name="Amina Diallo", slug="amina-diallo")
        cls.omar = make_author(name="Omar Said", slug="omar-said")
        cls.reuters = make_source(name="Reuters", slug="reuters")
        cls.afp = make_source(name="Agence France-Presse", slug="afp")
        # No story's text names a writer or a source: only bylines and credits do.
        cls.sudan_by_amina = make_article(
            headline="Aid reaches Darfur camps",
            body="<p>Convoys crossed from Chad into Sudan on Monday.</p>",
            section=cls.section,
            authors=[cls.amina],
            origin=cls.afp,
        )
        cls.sudan_by_omar = make_article(
            headline="Sudan talks resume in Jeddah",
            body="<p>Negotiators met again.</p>",
            section=cls.section,
            authors=[cls.omar],
            origin=cls.reuters,
        )
        cls.harvest_by_amina = make_article(
            headline="Harvest fails across the Sahel",
            body="<p>Rains came late for a third year.</p>",
            section=cls.section,
            authors=[cls.amina],
            origin=cls.reuters,
        )
        cls.ceasefire_from_reuters = make_article(
            headline="Ceasefire holds for a second day",
            body="<p>Guns fell silent along the border.</p>",
            section=cls.section,
            authors=[cls.omar],
            origin=cls.afp,
            cited=[cls.reuters],
        )


class NameAndTopicTests(NamesTestCase):
    def test_a_writers_name_and_a_topic_find_their_stories_about_it(self):
        self.assertEqual(found("Amina Diallo Sudan"), [self.sudan_by_amina])
        self.assertEqual(found("diallo sudan"), [self.sudan_by_amina])
        self.assertEqual(found('"amina diallo" harvest'), [self.harvest_by_amina])

    def test_a_sources_name_and_a_topic_find_its_stories_about_it(self):
        """An origin and a cited source count alike."""
        self.assertEqual(found("Reuters ceasefire"), [self.ceasefire_from_reuters])
        self.assertEqual(found("reuters sudan"), [self.sudan_by_omar])
        self.assertEqual(found("France-Presse harvest"), [])

    def test_a_name_alone_finds_every_story_carrying_it(self):
        self.assertEqual(
            set(found("Amina Diallo")), {self.sudan_by_amina, self.harvest_by_amina}
        )
        self.assertEqual(len(found("reuters")), 3)

    def test_a_name_can_be_excluded(self):
        self.assertEqual(found("sudan -diallo"), [self.sudan_by_omar])
        self.assertEqual(found("ceasefire -reuters"), [])

    def test_the_search_page_lists_the_writer_above_their_stories(self):
        response = self.client.get("/search/", {"q": "Amina Diallo"})
        self.assertEqual(
            [author.name for author in response.context["matching_authors"]], ["Amina Diallo"]
        )
        html = response.content.decode()
        self.assertLess(html.index('id="search-writers"'), html.index("Aid reaches Darfur camps"))
        self.assertContains(response, "2 stories for")

    @skipUnless(POSTGRES, "full-text search ranks on PostgreSQL")
    def test_a_story_that_names_them_in_its_text_ranks_above_a_byline(self):
        mentioned = make_article(
            headline="Amina Diallo wins the Sahel reporting prize",
            body="<p>The jury praised her work.</p>",
            section=self.section,
            authors=[self.omar],
        )
        Article.objects.filter(pk=mentioned.pk).update(
            published_at=self.harvest_by_amina.published_at
        )
        self.assertEqual(found("amina diallo sahel"), [mentioned, self.harvest_by_amina])


class KeptCurrentTests(NamesTestCase):
    """A byline or credit added or removed, a name changed: search follows at once.

    On PostgreSQL triggers refresh the stored vectors (migration 0024); the
    fallback reads the bylines and credits as they are.
    """

    def test_a_byline_added_or_removed(self):
        byline = Byline.objects.create(article=self.sudan_by_omar, author=self.amina, position=1)
        self.assertEqual(
            set(found("diallo sudan")), {self.sudan_by_amina, self.sudan_by_omar}
        )
        byline.delete()
        self.assertEqual(found("diallo sudan"), [self.sudan_by_amina])

    def test_a_credit_added_or_removed(self):
        credit = SourceCredit.objects.create(
            article=self.harvest_by_amina, source=self.afp, role=SourceCredit.Role.CITED
        )
        self.assertEqual(found("presse harvest"), [self.harvest_by_amina])
        credit.delete()
        self.assertEqual(found("presse harvest"), [])

    def test_a_byline_moved_to_another_story(self):
        byline = self.sudan_by_amina.bylines.get()
        byline.article = self.ceasefire_from_reuters
        byline.save()
        self.assertEqual(found("diallo ceasefire"), [self.ceasefire_from_reuters])
        self.assertEqual(found("diallo sudan"), [])

    def test_a_writer_or_a_source_renamed(self):
        self.amina.name = "Amina Diallo-Keita"
        self.amina.save()
        self.assertEqual(found("keita sudan"), [self.sudan_by_amina])
        self.reuters.name = "Thomson Reuters"
        self.reuters.save()
        self.assertEqual(found("thomson ceasefire"), [self.ceasefire_from_reuters])
        self.reuters.name = "Wire Service"
        self.reuters.save(update_fields=["name"])
        self.assertEqual(found("reuters"), [])
        self.assertEqual(len(found("wire service")), 3)


class DraftsNeverLeakTests(NamesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.hidden_writer = make_author(name="Zainab Hidden")
        cls.hidden_source = make_source(name="Quillfeather Wire")
        for story in make_hidden_articles(section=cls.section, authors=[cls.hidden_writer]):
            story.source_credits.create(source=cls.hidden_source, role=SourceCredit.Role.ORIGIN)

    def test_a_name_only_on_hidden_stories_finds_nothing_and_names_nobody(self):
        for query in ("Zainab Hidden", "zainab", "Quillfeather", "quillfeather story"):
            with self.subTest(query=query):
                self.assertEqual(found(query), [])
                response = self.client.get("/search/", {"q": query})
                self.assertContains(response, "No stories found for")
                self.assertNotContains(response, "search__names")
                self.assertNotContains(response, "Quillfeather Wire")
                self.assertNotContains(response, self.hidden_writer.get_absolute_url())
                self.assertNotContains(response, self.hidden_source.get_absolute_url())

    def test_a_hidden_storys_byline_lends_a_public_story_nothing(self):
        """The same writer on a draft and a public story: only the public story is found."""
        public = make_article(
            headline="Floods in Khartoum", section=self.section, authors=[self.hidden_writer]
        )
        self.assertEqual(found("zainab"), [public])
        self.assertEqual(found("zainab story"), [])


@skipUnless(POSTGRES, "the search vector is PostgreSQL's")
class StoredVectorTests(NamesTestCase):
    """The triggers' shortcut (cut off the names, add them again) gives what a full
    computation would, and the names rank lowest."""

    def assert_vectors_fresh(self):
        self.assertEqual(stories_whose_vector_is_not(THE_TRIGGERS_NAMES), 0)
        # Every story carries names, so a vector without them would differ.
        self.assertEqual(
            stories_whose_vector_is_not(
                "setweight(to_tsvector(%s::regconfig, %s), 'D')", [search.SEARCH_CONFIG, ""]
            ),
            Article.objects.count(),
        )

    def test_refreshed_vectors_equal_recomputed_ones(self):
        Byline.objects.create(article=self.sudan_by_omar, author=self.amina, position=1)
        SourceCredit.objects.filter(article=self.harvest_by_amina).delete()
        self.reuters.name = "Thomson Reuters"
        self.reuters.save()
        story = Article.objects.get(pk=self.ceasefire_from_reuters.pk)
        story.body = "<p>Guns fell silent along the border, Omar Said reported.</p>"
        story.save()
        self.assert_vectors_fresh()

    def test_the_names_are_weighted_lowest(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ts_filter(search_vector, '{d}')::text FROM articles_article WHERE id = %s",
                [self.sudan_by_amina.pk],
            )
            names = cursor.fetchone()[0]
        self.assertIn("'diallo':", names)
        self.assertIn("'agenc':", names)
        self.assertNotIn("sudan", names)


@skipUnless(POSTGRES, "the search vector is PostgreSQL's")
class NamesMigrationTests(MigrationTestCase):
    """Migration 0024 puts the names of stories already stored in the index, and takes
    them out again when reversed."""

    def test_stored_stories_are_found_by_their_names_after_it(self):
        self.migrate([("articles", "0023_search_finds_datelines")])
        story = make_article(
            headline="Aid reaches Darfur camps",
            authors=[make_author(name="Amina Diallo")],
            origin=make_source(name="Reuters"),
        )
        self.assertEqual(found("diallo darfur"), [])
        self.migrate([("articles", "0024_search_finds_bylines_and_sources")])
        self.assertEqual(found("diallo darfur"), [story])
        self.assertEqual(found("reuters"), [story])
        self.migrate([("articles", "0023_search_finds_datelines")])
        self.assertEqual(found("diallo darfur"), [])
        # And the reversed trigger no longer adds them.
        Byline.objects.create(article=story, author=make_author(name="Omar Said"), position=1)
        self.assertEqual(found("omar"), [])
