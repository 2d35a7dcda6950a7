"""Search finds stories by their writers' and sources' names, with a topic or alone.

"Amina Diallo Sudan" or "Reuters ceasefire" found nothing: bylines and source
credits were in no search field, so only a story whose text named them could
match, and the page listed the names above an empty result. On PostgreSQL the
names are in the story's search vector (weighted D, migration 0024), kept
current by triggers; the fallback looks through the bylines and credits.
"""

import re
from unittest import skipUnless

from django.db import connection
from django.test import TestCase

from articles import search
from articles.models import Article, Byline, SourceCredit
from sources.models import OtherName
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


class OtherNamesTests(TestCase):
    """A source's other names find its stories as its name does: "BBC" for
    "British Broadcasting Corporation" (migration 0031, decision 0039).

    On PostgreSQL they are in the stories' vectors, kept current by triggers
    on the other names; the fallback reads them through the credits.
    """

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World", slug="world")
        cls.bbc = make_source(name="British Broadcasting Corporation", slug="bbc")
        cls.bbc_name = cls.bbc.other_names.create(name="BBC")
        cls.wales = make_source(name="BBC Wales", slug="bbc-wales")
        cls.reuters = make_source(name="Reuters", slug="reuters")
        # No story's text names the broadcaster, by either name.
        cls.ceasefire = make_article(
            headline="Ceasefire holds for a second day",
            section=cls.section,
            origin=cls.bbc,
        )
        cls.harvest = make_article(
            headline="Harvest fails across the Sahel",
            section=cls.section,
            origin=cls.reuters,
            cited=[cls.bbc],
        )
        cls.floods = make_article(
            headline="Floods close the Severn bridge", section=cls.section, origin=cls.wales
        )
        cls.unrelated = make_article(
            headline="Markets rally", section=cls.section, origin=cls.reuters
        )
        # Credited to the broadcaster, but no reader may see them.
        cls.hidden = make_hidden_articles(section=cls.section)
        for story in cls.hidden:
            story.source_credits.create(source=cls.bbc, role=SourceCredit.Role.ORIGIN)

    def test_an_other_name_finds_the_stories_its_full_name_finds(self):
        full_name = set(found('"British Broadcasting Corporation"'))
        self.assertEqual(full_name, {self.ceasefire, self.harvest})
        # "BBC" is also the start of "BBC Wales", a source's name of its own.
        self.assertEqual(set(found("BBC")), full_name | {self.floods})
        self.assertEqual(found("bbc ceasefire"), [self.ceasefire])
        self.assertEqual(found("harvest -bbc"), [])

    def test_a_draft_credited_to_the_source_never_appears(self):
        """Nor a story in review, archived or scheduled, whichever name is typed."""
        for query in ("BBC", "bbc story", '"British Broadcasting Corporation"'):
            with self.subTest(query=query):
                self.assertFalse(set(found(query)) & set(self.hidden))
                response = self.client.get("/search/", {"q": query})
                for story in self.hidden:
                    self.assertNotContains(response, story.get_absolute_url())
        response = self.client.get("/search/", {"q": "bbc story"})
        self.assertContains(response, "No stories found for")

    def test_a_source_known_only_from_drafts_is_named_by_no_other_name(self):
        hidden = make_source(name="Quillfeather Wire", slug="quillfeather")
        hidden.other_names.create(name="QFW")
        for story in self.hidden:
            story.source_credits.create(source=hidden, role=SourceCredit.Role.CITED)
        self.assertEqual(found("QFW"), [])
        response = self.client.get("/search/", {"q": "QFW"})
        self.assertContains(response, "No stories found for")
        self.assertNotContains(response, "Quillfeather")
        self.assertNotContains(response, hidden.get_absolute_url())

    def test_the_search_page_names_the_source_by_its_other_name(self):
        """The source whose other name is the query comes first, before one whose
        name only starts with it; the page's queries are as many as ever."""
        self.client.get("/search/", {"q": "BBC"})  # warm the section tree's cache
        with self.assertNumQueries(5):
            response = self.client.get("/search/", {"q": "BBC"})
        self.assertEqual(
            [source.name for source in response.context["matching_sources"]],
            ["British Broadcasting Corporation", "BBC Wales"],
        )
        self.assertContains(response, 'href="/sources/bbc/"')
        # Listed once, though two of its names start with the word.
        self.bbc.other_names.create(name="BBC News")
        response = self.client.get("/search/", {"q": "bbc"})
        self.assertEqual(
            [source.name for source in response.context["matching_sources"]],
            ["British Broadcasting Corporation", "BBC Wales"],
        )
        response = self.client.get("/search/", {"q": "broadcasting"})
        self.assertEqual(
            [source.name for source in response.context["matching_sources"]],
            ["British Broadcasting Corporation"],
        )

    def test_an_other_name_added_renamed_or_removed(self):
        """Search follows at once, as for a source renamed."""
        self.reuters.other_names.create(name="Thomson Reuters")
        self.assertEqual(found("thomson harvest"), [self.harvest])
        self.bbc_name.name = "Beeb"
        self.bbc_name.save()
        self.assertEqual(set(found("beeb")), {self.ceasefire, self.harvest})
        self.assertEqual(found("bbc"), [self.floods])
        self.bbc.other_names.all().delete()
        self.assertEqual(found("beeb"), [])

    def test_an_other_name_given_to_another_source(self):
        self.bbc_name.source = self.reuters
        self.bbc_name.save()
        self.assertEqual(set(found("bbc")), {self.harvest, self.unrelated, self.floods})


@skipUnless(POSTGRES, "the search vector is PostgreSQL's")
class OtherNamesStoredVectorTests(OtherNamesTests):
    """The triggers on other names leave every vector as a full computation gives it."""

    def test_refreshed_vectors_equal_recomputed_ones(self):
        self.reuters.other_names.create(name="Thomson Reuters")
        self.bbc_name.name = "Beeb"
        self.bbc_name.save()
        self.assertEqual(stories_whose_vector_is_not(THE_TRIGGERS_NAMES), 0)
        self.bbc_name.source = self.wales
        self.bbc_name.save()
        self.assertEqual(stories_whose_vector_is_not(THE_TRIGGERS_NAMES), 0)
        OtherName.objects.all().delete()
        self.assertEqual(stories_whose_vector_is_not(THE_TRIGGERS_NAMES), 0)

    def test_the_other_names_come_after_the_sources_names(self):
        """Weighted D with the names, in the credits' order: "Reuters" then "BBC"."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ts_filter(search_vector, '{d}')::text FROM articles_article WHERE id = %s",
                [self.harvest.pk],
            )
            names = cursor.fetchone()[0]
        # "'reuter':21 'british':22 …": each word's position after the story's text.
        positions = {word: int(at) for word, at in re.findall(r"'(\w+)':(\d+)", names)}
        in_order = ["reuter", "british", "broadcast", "corpor", "bbc"]
        self.assertEqual(sorted(in_order, key=positions.get), in_order)


@skipUnless(POSTGRES, "the search vector is PostgreSQL's")
class OtherNamesMigrationTests(MigrationTestCase):
    """Migration 0031 puts the other names of stored stories' sources in the index,
    and takes them out again when reversed."""

    def test_stored_stories_are_found_by_their_sources_other_names_after_it(self):
        self.migrate([("articles", "0030_search_finds_german_umlauts_spelt_out")])
        bbc = make_source(name="British Broadcasting Corporation")
        bbc.other_names.create(name="BBC")
        story = make_article(headline="Ceasefire holds", origin=bbc)
        other = make_article(headline="Markets rally", origin=make_source(name="Reuters"))
        self.assertEqual(found("bbc"), [])
        self.migrate([("articles", "0031_search_finds_sources_other_names")])
        self.assertEqual(found("bbc"), [story])
        self.assertEqual(stories_whose_vector_is_not(THE_TRIGGERS_NAMES), 0)
        self.migrate([("articles", "0030_search_finds_german_umlauts_spelt_out")])
        self.assertEqual(found("bbc"), [])
        self.assertEqual(found("reuters"), [other])
        # And the reversed triggers no longer add them.
        OtherName.objects.create(source=bbc, name="Beeb")
        self.assertEqual(found("beeb"), [])
