"""Reader search: finds public stories only, ranks sensibly, survives any input."""

import re
from datetime import timedelta
from unittest import mock, skipUnless

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles import search
from articles.models import Article
from articles.search import only_common_words
from tests.factories import (
    make_article,
    make_author,
    make_hidden_articles,
    make_section,
    make_source,
)

POSTGRES = connection.vendor == "postgresql"


class SearchTestCase(TestCase):
    def get(self, query, **params):
        response = self.client.get(reverse("articles:search"), {"q": query, **params})
        self.assertEqual(response.status_code, 200)
        return response

    def headlines(self, response):
        return [story.headline for story in response.context["page"].object_list]


class SearchPageTests(SearchTestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.section = make_section(name="World", slug="world")
        cls.ann = make_author(name="Ann Baker")
        cls.zoe = make_author(name="Zoe Adams")
        cls.summit = make_article(
            headline="Volcano erupts near Naples",
            standfirst="Thousands leave their homes.",
            body="<p>Ash fell on the city overnight.</p>",
            section=cls.section,
            authors=[cls.ann, cls.zoe],
            published_at=now - timedelta(hours=2),
        )
        cls.other = make_article(
            headline="Markets calm",
            body="<p>Traders shrugged off news of the volcano.</p>",
            section=cls.section,
            published_at=now - timedelta(hours=1),
        )
        make_hidden_articles(section=cls.section, body="<p>A secret volcano story.</p>")

    def test_the_page_has_one_search_form_named_by_its_heading(self):
        page = self.get("volcano").content.decode()
        self.assertEqual(page.count('role="search"'), 1)
        self.assertIn('role="search" aria-labelledby="search-title"', page)
        self.assertEqual(page.count("<label"), 1)
        # Every other page keeps the masthead's box.
        self.assertIn('id="site-search"', self.client.get("/").content.decode())
        # Both boxes follow the script typed in them (Arabic runs right to left).
        self.assertIn('id="search-query" type="search" dir="auto"', page)
        self.assertIn(
            'id="site-search" type="search" dir="auto"', self.client.get("/").content.decode()
        )

    def test_neither_box_cuts_a_long_query_short(self):
        """The page's box stopped a pasted query at 200 characters, mid-word ("… region
        hel"), which found nothing; the server cuts a long query at a whole word
        (``clean_query``) and says so."""
        for page in (self.get("volcano"), self.client.get("/")):
            boxes = re.findall(r'<input[^>]* type="search"[^>]*>', page.content.decode())
            self.assertTrue(boxes)
            for box in boxes:
                self.assertNotIn("maxlength", box)

    def test_a_reader_may_ask_for_the_newest_first(self):
        """Best match first buried today's story under older ones with the word in
        their headline; a reader following a story wants the latest."""
        older_headline = make_article(
            headline="Volcano watch",
            body="<p>Scientists watch the crater.</p>",
            section=self.section,
            published_at=timezone.now() - timedelta(hours=5),
        )
        best = self.headlines(self.get("volcano"))
        self.assertEqual(best[-1], "Markets calm")  # the word in its body only
        response = self.client.get(reverse("articles:search"), {"q": "volcano", "sort": "newest"})
        self.assertEqual(
            self.headlines(response),
            ["Markets calm", "Volcano erupts near Naples", older_headline.headline],
        )
        self.assertContains(
            response,
            '<a href="?q=volcano">best match</a> · <span aria-current="true">newest first</span>',
        )
        # A new search from the page keeps the order, and shows it even with one story.
        self.assertContains(response, '<input type="hidden" name="sort" value="newest">')
        response = self.client.get(reverse("articles:search"), {"q": "naples", "sort": "newest"})
        self.assertContains(response, '<a href="?q=naples">best match</a>')
        self.assertContains(
            self.get("volcano"),
            '<span aria-current="true">best match</span> · '
            '<a href="?q=volcano&amp;sort=newest">newest first</a>',
        )

    def test_empty_query_shows_a_friendly_page_without_results(self):
        response = self.get("")
        self.assertIsNone(response.context["page"])
        self.assertContains(response, "Type a few words")
        self.assertNotContains(response, "search__results")
        # Whitespace and control characters only are no query either.
        self.assertIsNone(self.get(" \x00\t ").context["page"])

    def test_results_show_count_headline_snippet_and_every_byline(self):
        response = self.get("volcano")
        self.assertContains(response, "2 stories for <q><bdi>volcano</bdi></q>", html=False)
        self.assertContains(response, "Volcano erupts near Naples")
        self.assertContains(response, "Ann Baker")
        self.assertContains(response, "Zoe Adams")
        self.assertContains(response, "<mark>volcano</mark>")

    def test_no_match_says_so(self):
        response = self.get("zeppelin")
        self.assertContains(response, "No stories found for <q><bdi>zeppelin</bdi></q>")

    def test_only_public_stories_are_found(self):
        """Drafts, stories in review, archived and scheduled stories mention "secret"."""
        response = self.get("secret volcano")
        self.assertEqual(self.headlines(response), [])
        response = self.get("story")
        self.assertNotContains(response, "Draft story")
        self.assertNotContains(response, "Scheduled story")

    def test_headline_match_ranks_above_body_match(self):
        """The newer story mentions the word only in its body; the older one in its headline."""
        self.assertEqual(
            self.headlines(self.get("volcano")), ["Volcano erupts near Naples", "Markets calm"]
        )

    def test_robots_txt_alone_keeps_search_out_of_search_engines(self):
        """Disallowed in robots.txt, and so no noindex on the page, which no crawler would read.

        A crawler that obeys robots.txt never fetches a search page, so it
        never sees a noindex there; one told to drop a page by noindex must
        fetch it first. Search results are an endless, thin copy of the
        story pages and the costliest page we do not cache, so crawlers are
        kept off them: a news site wants its crawl spent on new stories.
        """
        robots = self.client.get("/robots.txt").content.decode().splitlines()
        self.assertIn(f"Disallow: {reverse('articles:search')}", robots)
        self.assertNotContains(self.get("volcano"), '<meta name="robots"')


class HostileQueryTests(SearchTestCase):
    @classmethod
    def setUpTestData(cls):
        make_article(headline="Talks in Geneva", body="<p>Diplomats met in Geneva.</p>")

    def test_a_query_with_no_letters_or_figures_is_said_to_have_none(self):
        """"🎉" was answered "No stories found … Try fewer or different words"."""
        for query in ("🎉", "?!", "🎉 🎈"):
            with self.subTest(query):
                response = self.get(query)
                self.assertEqual(self.headlines(response), [])
                self.assertContains(response, "has no letters or figures to search for")
                self.assertNotContains(response, "Try fewer or different words")

    def test_a_soft_hyphen_copied_inside_a_word_parts_nothing(self):
        """"Gen\u00adeva", copied from a web page that hyphenates, found nothing."""
        for query in ("Gen\u00adeva", "Gen\u2060eva"):
            with self.subTest(query):
                self.assertEqual(self.headlines(self.get(query)), ["Talks in Geneva"])

    def test_odd_and_hostile_input_gives_a_friendly_page_with_the_query_escaped(self):
        queries = [
            "'",
            '"',
            "&|!:*",
            "geneva & !talks | (",
            '"unterminated phrase',
            "<script>alert(1)</script>",
            "'; DROP TABLE articles_article; --",
            "the and of",  # stopwords only
            "Genève 東京 مرحبا 🚀",
            "geneva\x00talks",
            "a" * 5000,
            "%_%",
            "-geneva",
            "or",
        ]
        for query in queries:
            with self.subTest(query=query[:40]):
                response = self.get(query)
                shown = response.context["query"]
                self.assertLessEqual(len(shown), search.QUERY_MAX_LENGTH)
                self.assertNotIn("\x00", shown)
                if shown:
                    # In our quotation marks, unless the reader typed their own.
                    marks = ("", "") if '"' in shown else ("<q>", "</q>")
                    self.assertContains(
                        response, f"{marks[0]}<bdi>{escape(shown)}</bdi>{marks[1]}"
                    )
                self.assertNotContains(response, "<script>alert(1)</script>")

    def test_long_query_is_capped_at_a_whole_word_and_the_reader_told(self):
        response = self.get("geneva " * 100)
        query = response.context["query"]
        self.assertLessEqual(len(query), search.QUERY_MAX_LENGTH)
        self.assertEqual(set(query.split()), {"geneva"})  # no "gen" left dangling
        self.assertContains(response, "Your search was long")
        self.assertNotContains(self.get("geneva talks"), "Your search was long")
        # One word longer than the cap is cut, not dropped.
        self.assertEqual(len(search.clean_query("x" * 500)), search.QUERY_MAX_LENGTH)

    def test_direction_overrides_cannot_turn_the_pages_own_words_around(self):
        """U+202E shown in the page would read "Try fewer…" backwards, title included."""
        for mark in ("\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069"):
            with self.subTest(mark=hex(ord(mark))):
                response = self.get(f"{mark}geneva talks")
                self.assertEqual(response.context["query"], "geneva talks")
                self.assertNotIn(mark, response.content.decode())
        # Arabic, Hebrew and any script still search as typed, isolated from the sentence.
        response = self.get("مرحبا")
        self.assertContains(response, "<q><bdi>مرحبا</bdi></q>")

    def test_nul_byte_is_dropped_not_sent_to_the_database(self):
        response = self.get("gen\x00eva")
        self.assertEqual(response.context["query"], "gen eva")


class SnippetTests(SearchTestCase):
    def test_snippet_escapes_story_text_and_marks_only_the_match(self):
        """Body text that reads "<script>" must stay text in the snippet."""
        make_article(
            headline="Hackers",
            body="<p>They typed &lt;script&gt;alert(1)&lt;/script&gt; into the embassy form.</p>",
        )
        response = self.get("embassy")
        snippet = str(response.context["page"].object_list[0].snippet)
        self.assertIn("&lt;script&gt;", snippet)
        self.assertNotIn("<script>", snippet)
        self.assertIn("<mark>embassy</mark>", snippet)
        self.assertNotContains(response, "<script>alert(1)")

    def test_snippet_shows_text_not_tags(self):
        make_article(headline="Floods", body="<p>Rain <strong>flooded</strong> the delta.</p>")
        snippet = str(self.get("delta").context["page"].object_list[0].snippet)
        self.assertNotIn("strong", snippet)
        self.assertIn("<mark>delta</mark>", snippet)

    def test_entities_typed_by_the_editor_stay_as_typed(self):
        make_article(headline="Notation", body="<p>Write &amp;lt; for the harbour sign.</p>")
        snippet = str(self.get("harbour").context["page"].object_list[0].snippet)
        self.assertIn("&amp;lt;", snippet)


class PaginationTests(SearchTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = section = make_section()
        authors = [make_author(), make_author()]
        now = timezone.now()
        for n in range(23):
            make_article(
                headline=f"Harbour strike day {n}",
                section=section,
                authors=authors,
                published_at=now - timedelta(hours=n + 1),
            )

    def test_ten_results_a_page_with_count(self):
        first = self.get("harbour strike")
        self.assertContains(first, "23 stories")
        self.assertEqual(len(first.context["page"].object_list), 10)
        self.assertContains(first, 'rel="next"')
        last = self.get("harbour strike", page=3)
        self.assertEqual(len(last.context["page"].object_list), 3)

    def test_pages_of_results_are_not_called_newer_and_older(self):
        """Best match first: page 2 may hold newer stories than page 1."""
        middle = self.get("harbour strike", page=2).content.decode()
        self.assertIn('rel="prev">← Previous</a>', middle)
        self.assertIn('rel="next">Next →</a>', middle)
        self.assertNotIn("Older", middle)
        self.assertNotIn("Newer", middle)
        # A list in time order keeps its words.
        section_page = self.client.get(self.section.get_absolute_url(), {"page": 2})
        self.assertContains(section_page, 'rel="prev">← Newer</a>')

    def test_hostile_page_numbers_do_not_break_the_page(self):
        for page in ("abc", "-1", "0", "99999999999999999999", ""):
            with self.subTest(page=page):
                response = self.client.get(
                    reverse("articles:search"), {"q": "harbour", "page": page}, follow=True
                )
                self.assertEqual(response.status_code, 200)

    def test_query_count_is_fixed(self):
        """Count, page of stories, their bylines, the navigation: no query per result.

        The first page adds one query for the writers and sources it names
        (``matching_names``, tests/test_search_people.py); later pages name none.
        """
        self.get("harbour")  # warm the site's section tree cache, if any
        with self.assertNumQueries(5):
            self.get("harbour")
        with self.assertNumQueries(4):
            self.get("harbour", page=2)


class CappedResultsTests(SearchTestCase):
    """Only the newest ``MAX_RESULTS`` matches are ranked and counted (patched to 5 here)."""

    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        # Six body-only matches, newest first, and a headline match older than all of them.
        for n in range(6):
            make_article(
                headline=f"Port news {n}",
                body="<p>The harbour reopened today.</p>",
                published_at=now - timedelta(hours=n + 1),
            )
        cls.old_headline_hit = make_article(
            headline="Harbour reopens after storm",
            body="<p>Ships sail again.</p>",
            published_at=now - timedelta(days=30),
        )
        cls.recent_headline_hit = make_article(
            headline="Harbour dues rise",
            body="<p>Fees go up.</p>",
            published_at=now - timedelta(hours=3, minutes=30),
        )

    def setUp(self):
        patcher = mock.patch.object(search, "MAX_RESULTS", 5)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_more_matches_than_the_cap_say_more_than_instead_of_a_count(self):
        response = self.get("harbour")
        self.assertContains(response, "More than 5 stories for <q><bdi>harbour</bdi></q>")
        self.assertNotContains(response, "8 stories")
        self.assertEqual(response.context["page"].paginator.count, 5)
        self.assertEqual(response.context["page"].paginator.num_pages, 1)
        self.assertContains(response, "The best matches among the newest 5 are shown")
        # Newest first, none is picked as a best match.
        newest = self.get("harbour", sort="newest")
        self.assertContains(newest, "The newest 5 are shown; add words")
        self.assertNotContains(newest, "best matches")

    def test_only_the_newest_matches_are_ranked_and_a_headline_hit_among_them_leads(self):
        """The recent headline hit leads; the month-old one is past the newest five."""
        self.assertEqual(
            self.headlines(self.get("harbour")),
            ["Harbour dues rise", "Port news 0", "Port news 1", "Port news 2", "Port news 3"],
        )

    def test_a_search_within_the_cap_is_counted_exactly(self):
        response = self.get("harbour storm")
        self.assertContains(response, "1 story for <q><bdi>harbour storm</bdi></q>")
        self.assertNotContains(response, "More than")

    def test_exactly_the_cap_is_not_more_than_the_cap(self):
        with mock.patch.object(search, "MAX_RESULTS", 8):
            response = self.get("harbour")
        self.assertContains(response, "8 stories for <q><bdi>harbour</bdi></q>")
        self.assertNotContains(response, "More than")
        self.assertIn("Harbour reopens after storm", self.headlines(response))

    def test_results_behave_as_a_sequence(self):
        """The paginator slices and counts the results; so may any other caller."""
        results = search.search("harbour")
        self.assertEqual(len(results), 5)
        self.assertTrue(results.capped)
        self.assertEqual(results[0], self.recent_headline_hit)
        self.assertEqual([story.headline for story in results[3:]], ["Port news 2", "Port news 3"])
        self.assertEqual(results[10:20], [])


class FallbackSearchTests(TestCase):
    """The plain match used on databases without full-text search."""

    @classmethod
    def setUpTestData(cls):
        cls.both = make_article(headline="Rain in Lagos", body="<p>Floods in the north.</p>")
        cls.one = make_article(headline="Lagos port", body="<p>Ships wait.</p>")

    @skipUnless(not POSTGRES, "the fallback runs on databases other than PostgreSQL")
    def test_every_word_must_appear_somewhere(self):
        self.assertEqual(list(search.search("lagos floods")), [self.both])
        self.assertCountEqual(search.search("LAGOS"), [self.both, self.one])


class CommonWordsTests(SearchTestCase):
    @skipUnless(not POSTGRES, "the fallback runs on databases other than PostgreSQL")
    def test_the_fallback_looks_for_every_word_and_asks_nothing(self):
        make_article(headline="The bank and the markets")
        with self.assertNumQueries(0):
            self.assertFalse(only_common_words("the"))
        self.assertEqual(self.headlines(self.get("the")), ["The bank and the markets"])


class AcronymTests(SearchTestCase):
    """On PostgreSQL and in the plain fallback alike."""

    def test_an_acronym_finds_its_other_spelling(self):
        """"UN Security Council" found no "U.N. Security Council", nor "U.S." "US"."""
        dotted = make_article(headline="U.N. Security Council calls for a truce in Sudan")
        plain = make_article(headline="UN agencies warn of famine in Darfur")
        senate = make_article(headline="US Senate passes the aid package")
        for query, found in (
            ("UN", {dotted, plain}),
            ("U.N.", {dotted, plain}),
            ('"UN Security Council"', {dotted}),
            ("U.S. Senate", {senate}),
        ):
            with self.subTest(query):
                self.assertEqual(set(self.get(query).context["page"].object_list), found)


class VariantSpellingTests(SearchTestCase):
    """On PostgreSQL and in the plain fallback alike: the wires spell some names
    differently, and a reader finds a story by any of them."""

    def test_a_name_finds_the_stories_that_spell_it_another_way(self):
        kyiv = make_article(headline="Kyiv hit by drones overnight")
        kiev = make_article(headline="Power cuts in Kiev after strikes")
        reuters = make_article(headline="Zelenskiy meets allies in Berlin")
        ap = make_article(headline="Zelenskyy asks for air defence")
        make_article(headline="Markets calm in Warsaw")
        for query, found in (
            ("Kiev", {kyiv, kiev}),
            ("kyiv", {kyiv, kiev}),
            ("Zelensky", {reuters, ap}),
            ("Zelenskyy", {reuters, ap}),
            ('"Power cuts in Kyiv"', {kiev}),
            ("Kiev -drones", {kiev}),
        ):
            with self.subTest(query):
                self.assertEqual(set(self.get(query).context["page"].object_list), found)

    def test_a_number_finds_the_stories_that_write_it_with_commas_or_without(self):
        """ "12000" found nothing in a story about "12,000 people", which PostgreSQL
        reads as "12" then "000"."""
        commas = make_article(headline="Volcano forces 12,000 people from their homes")
        bare = make_article(headline="Flood leaves 12000 without power")
        make_article(headline="Storm cuts power to 2,026 homes")
        for query, found in (
            ("12000", {commas, bare}),
            ("12,000", {commas, bare}),
            ('"12000 people"', {commas}),
            ("volcano -12000", set()),
            # A year is no number of thousands: not "2,026 homes".
            ("2026", set()),
        ):
            with self.subTest(query):
                self.assertEqual(set(self.get(query).context["page"].object_list), found)

    def test_numbers_are_spelt_the_other_way_only_standing_alone(self):
        self.assertEqual(search.number_spellings("1500000 euros"), ["1,500,000 euros"])
        self.assertEqual(search.number_spellings("1,500"), ["1500"])
        for term in ("2026", "F16000", "3.12000", "12,000,5", "0012000", "1,50"):
            with self.subTest(term):
                self.assertEqual(search.number_spellings(term), [])

    def test_the_other_spellings_are_whole_words_of_the_name_only(self):
        self.assertEqual(search.variant_spellings("Kiev mayor"), ["kyiv mayor"])
        self.assertEqual(search.variant_spellings("Kievan Rus"), [])
        self.assertEqual(search.variant_spellings("Odessa"), ["odesa"])
        # Each name of a phrase: AP spells both "Odesa" and "Kyiv".
        self.assertIn("odesa to kyiv", search.variant_spellings("Odessa to Kiev"))

    def test_a_phrase_naming_two_finds_the_story_spelling_both_another_way(self):
        story = make_article(headline="Train from Odesa to Kyiv resumes")
        found = self.get('"Odessa to Kiev"').context["page"].object_list
        self.assertEqual(list(found), [story])


class AmpersandNameTests(SearchTestCase):
    """On PostgreSQL and in the plain fallback alike: "AT&T" is "at" and "t" to
    PostgreSQL, both too common to index, and the page said so."""

    def test_a_name_written_with_an_ampersand_is_found(self):
        headline = make_article(headline="AT&T shares fall after outage")
        standfirst = make_article(
            headline="Markets close lower", standfirst="The S&P 500 lost 2 percent."
        )
        body = make_article(
            headline="Retail sales slow", body="<p>M&amp;S said trading was flat.</p>"
        )
        verizon = make_article(
            headline="Verizon shares rise", body="<p>The firm gained at the open.</p>"
        )
        for query, found in (
            ("AT&T", {headline}),
            ("at&t shares", {headline}),
            ("S&P", {standfirst}),
            ("M&S", {body}),
            ("shares -AT&T", {verizon}),
        ):
            with self.subTest(query):
                self.assertEqual(set(self.get(query).context["page"].object_list), found)
        # In a phrase the name is read as typed (joined, it is not at its place in
        # the index): on PostgreSQL the phrase's other words find the story.
        self.assertIn(headline, self.get('"AT&T shares"').context["page"].object_list)

    def test_the_joined_spelling_is_for_the_index_only(self):
        self.assertEqual(search.joined_ampersands("AT&T -M&S \"S&P 500\""), 'ATT -MS "S&P 500"')
        self.assertEqual(search.joined_ampersands("salt & pepper, R & D"), "salt & pepper, R & D")


@skipUnless(POSTGRES, "full-text search needs PostgreSQL")
class PostgresSearchTests(SearchTestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.body_hit = make_article(
            headline="Markets today",
            body="<p>The central bank raised interest rates again.</p>",
            published_at=now - timedelta(hours=1),
        )
        cls.headline_hit = make_article(
            headline="Central bank raises rates",
            body="<p>A quarter point.</p>",
            published_at=now - timedelta(hours=5),
        )

    def test_among_like_matches_the_recent_story_comes_first(self):
        """Yesterday's "Ceasefire talks stall" came ninth, under seven stories from 2019 on
        with the word in their headlines and a few more times in their bodies."""
        now = timezone.now()
        old = [
            make_article(
                headline=f"Ceasefire holds in the north, year {year}",
                body="<p>The ceasefire held. A second ceasefire was signed.</p>",
                published_at=now - timedelta(days=365 * (2026 - year) + 30),
            )
            for year in (2019, 2022, 2025)
        ]
        yesterday = make_article(
            headline="Ceasefire talks stall in Doha",
            body="<p>Negotiators left without a deal.</p>",
            published_at=now - timedelta(days=1),
        )
        passing_today = make_article(
            headline="Markets slip",
            body="<p>Traders watched the ceasefire news and little else.</p>",
            published_at=now - timedelta(hours=1),
        )
        found = self.headlines(self.get("ceasefire"))
        self.assertEqual(found[0], yesterday.headline)
        # Relevance still counts: last year's headline above today's passing mention,
        # and older stories of like relevance newest first.
        self.assertLess(found.index(old[2].headline), found.index(passing_today.headline))
        self.assertEqual(
            [headline for headline in found if "year" in headline],
            [story.headline for story in reversed(old)],
        )

    def test_a_story_with_one_word_in_its_headline_and_the_other_far_down_ranks_high(self):
        """ts_rank weighs how close the words wanted stand: a hundred words apart it made
        a story headlined "ceasefire", with "talks" far down its body, rank as if it had
        neither, 324th of 500, under stories with both words in passing."""
        now = timezone.now()
        filler = " ".join(["Officials spoke to reporters about the weather."] * 25)
        headlined = make_article(
            headline="Port workers delay a ceasefire plan in Geneva",
            standfirst="Dockers want more pay.",
            body=f"<p>{filler}</p><p>Union leaders said talks would resume.</p>",
            published_at=now - timedelta(days=9),
        )
        passing = [
            make_article(
                headline=f"Budget vote in Colombo, day {day}",
                standfirst="The vote was close.",
                body="<p>Ministers held talks as the ceasefire elsewhere held.</p>",
                published_at=now - timedelta(days=day),
            )
            for day in range(1, 4)
        ]
        found = self.headlines(self.get("ceasefire talks"))
        self.assertEqual(found[0], headlined.headline, found)
        self.assertEqual(sorted(found[1:]), sorted(story.headline for story in passing))
        # Both words are still wanted: a story with one of them is not found.
        make_article(headline="Ceasefire holds", standfirst="Calm.", body="<p>Quiet night.</p>")
        self.assertNotIn("Ceasefire holds", self.headlines(self.get("ceasefire talks")))

    def test_a_bar_between_words_is_or(self):
        """"NATO | Erdogan" wanted both words, as "NATO Erdogan" does: nothing found."""
        make_article(headline="NATO ministers meet", standfirst="In Brussels.")
        make_article(headline="Erdogan visits Ankara", standfirst="A state visit.")
        for query in ("NATO | Erdogan", "NATO|Erdogan", "NATO || Erdogan"):
            with self.subTest(query):
                self.assertEqual(
                    sorted(self.headlines(self.get(query))),
                    ["Erdogan visits Ankara", "NATO ministers meet"],
                )
        # Inside a quoted phrase a bar is punctuation, not a word "or" to find there.
        make_article(headline="Fans chant NATO or Erdogan", standfirst="At the match.")
        self.assertEqual(self.headlines(self.get('"NATO | Erdogan"')), [])

    def test_words_too_common_to_search_for_are_said_to_be_so(self):
        """PostgreSQL drops "the" and "to be": nothing found is not "no story has them"."""
        make_article(
            headline="The bank and the markets",
            body="<p>The markets are to be watched.</p>",
            origin=make_source(name="The Northern Ledger"),
        )
        for query in ("to be", "THE and", "the -of"):
            with self.subTest(query=query):
                response = self.get(query)
                self.assertEqual(self.headlines(response), [])
                self.assertContains(response, "is made of words too common to search for")
                self.assertNotContains(response, "Try fewer or different words")
                # "The Northern Ledger" starts with "the", but that says nothing either.
                self.assertFalse(response.context["matching_sources"])

    def test_one_word_too_common_to_search_for_is_called_a_word(self):
        """ "the" alone was "made of words too common to search for, such as “the”
        or “and”": a word is not made of words, nor an example of itself."""
        make_article(headline="The bank and the markets", origin=make_source(name="The Ledger"))
        for query in ("the", "AND", '"to"'):
            with self.subTest(query=query):
                response = self.get(query)
                self.assertEqual(self.headlines(response), [])
                self.assertContains(response, "is too common a word to search for. Add a more")
                self.assertNotContains(response, "made of words")
                self.assertFalse(response.context["matching_sources"])

    def test_a_name_in_capitals_that_is_a_common_word_is_said_to_be_one(self):
        """ "WHO" was answered as made of words "such as 'the' or 'and'"; a reader
        looking for the World Health Organization could not tell why."""
        response = self.get("WHO")
        self.assertContains(
            response,
            "“WHO” is also a common word in lower case, too common to search for. Spell the "
            "name out (“World Health Organization”), or add a more particular word.",
        )
        self.assertContains(self.get("the WHO IT"), "“WHO”, “IT” are also common words")
        # The example is the World Health Organization's only where it is asked about.
        self.assertContains(self.get("IT"), "Spell the name out, or add a more particular word.")

    def test_a_rare_word_found_nowhere_is_no_common_word(self):
        response = self.get("zanzibar")
        self.assertContains(response, "No stories found for")
        self.assertNotContains(response, "too common")
        # Found: the question is not asked.
        self.get("bank")
        with self.assertNumQueries(0):
            self.assertFalse(only_common_words("!!!"))

    def test_search_vector_is_filled_by_the_database(self):
        self.body_hit.refresh_from_db()
        self.assertIsNotNone(self.body_hit.search_vector)

    def test_headline_hit_ranks_above_body_hit(self):
        self.assertEqual(list(search.search("bank rates")), [self.headline_hit, self.body_hit])

    def test_a_word_left_out_keeps_the_ranking(self):
        """Any "-word" made every match rank alike (ts_rank of a query with a NOT), so
        the newer story with the words in its body came first."""
        self.assertEqual(list(search.search("bank -zanzibar")), [self.headline_hit, self.body_hit])
        self.assertEqual(
            list(search.search('bank -"peace plan"')), [self.headline_hit, self.body_hit]
        )

    def test_stemming_and_websearch_syntax(self):
        self.assertEqual(list(search.search("raising")), [self.headline_hit, self.body_hit])
        self.assertEqual(list(search.search('"interest rates"')), [self.body_hit])
        self.assertEqual(list(search.search("bank -interest")), [self.headline_hit])

    def test_snippet_is_highlighted_by_postgres(self):
        story = search.search("interest")[0]
        self.assertIn("<mark>interest</mark>", str(search.snippet(story, "interest")))

    def test_postgres_snippet_ends_a_heading_before_the_next_sentence(self):
        make_article(
            headline="Port strike",
            body=HEADING_THEN_PARAGRAPH,
            published_at=timezone.now() - timedelta(hours=6),
        )
        story = search.search("dockers")[0]
        # PostgreSQL's passage ends on a word; ending the body, it gets the body's
        # closing bracket back. The page collapses its runs of spaces.
        shown = " ".join(str(search.snippet(story, "dockers")).split())
        self.assertEqual(shown, HEADING_STOPPED)

    def test_postgres_snippet_does_not_open_on_the_end_of_a_sentence(self):
        """ "… stored. Mediators said delegations …": the passage started with the last
        word of the sentence before the match's."""
        make_article(
            headline="Truce talks",
            body=(
                "<p>Aid workers said the first lorries carried flour, lentils, cooking oil, "
                "blankets and medicine for the clinics, and that most of it would be handed "
                "out in the town square before the rest was stored.</p><p>Mediators said "
                "delegations from both sides had agreed to meet on Friday to discuss "
                "extending the ceasefire and exchanging prisoners. The talks will be held "
                "in a neutral capital that officials declined to name.</p>"
            ),
        )
        for query, opening in (
            ("ceasefire", "… Mediators said delegations"),
            # The match opens the sentence.
            ("mediators", "… <mark>Mediators</mark> said delegations"),
        ):
            with self.subTest(query=query):
                story = search.search(query)[0]
                shown = " ".join(str(search.snippet(story, query)).split())
                self.assertTrue(shown.startswith(opening), shown)
        # Where that would leave a passage of a few words, it keeps its opening.
        story = search.search("neutral")[0]
        shown = " ".join(str(search.snippet(story, "neutral")).split())
        self.assertIn("prisoners. The talks will be held in a <mark>neutral</mark>", shown)

    def test_a_passage_keeps_an_abbreviation_and_the_name_after_it(self):
        make_article(
            headline="Envoy",
            body="<p>" + " ".join(f"filler{n}" for n in range(40)) + " and the envoy met "
            "Mr. Okafor, who said the cordon would be lifted once the ceasefire held for "
            "a week, and that the roads to the north would reopen soon after that.</p>",
        )
        story = search.search("cordon")[0]
        shown = " ".join(str(search.snippet(story, "cordon")).split())
        self.assertIn("Mr. Okafor, who said the <mark>cordon</mark>", shown)


# A body long enough that a passage around a word in its middle leaves words out
# at both ends, with a paper's name in italics and a link mid-sentence.
LONG_BODY = (
    "<p>"
    + " ".join(f"opening{n}" for n in range(60))
    + ". The minister told <em>Die Presse</em>, a Vienna daily, that the "
    "<a href=\"https://example.com/report\">zebrafinch report</a>, published on Monday, "
    "was wrong. "
    + " ".join(f"closing{n}" for n in range(60))
    + ".</p>"
)


class SnippetEdgeTests(SearchTestCase):
    """A snippet reads as a passage: words kept together, and "…" where text is left out."""

    @classmethod
    def setUpTestData(cls):
        make_article(headline="Vienna row", body=LONG_BODY)
        make_article(
            headline="Short note", body="<p>Only a <strong>walrus</strong>, nothing else.</p>"
        )

    def snippet(self, query):
        (story,) = self.get(query).context["page"].object_list
        return " ".join(str(story.snippet).split())

    def test_italics_and_links_leave_no_space_before_the_punctuation_after_them(self):
        shown = self.snippet("zebrafinch")
        self.assertIn("told Die Presse, a Vienna daily", shown)
        self.assertIn("<mark>zebrafinch</mark> report, published", shown)

    def test_a_passage_from_the_middle_says_words_are_left_out_at_both_ends(self):
        shown = self.snippet("zebrafinch")
        self.assertTrue(shown.startswith("… "), shown)
        self.assertTrue(shown.endswith(" …"), shown)

    def test_a_story_found_by_its_headline_shows_its_standfirst_not_the_bodys_first_words(self):
        """The body's start had been shown: a picture's caption and a table's cells."""
        make_article(
            headline="Narwhal count rises",
            standfirst="Surveyors found more whales than in any year since 1990.",
            body=(
                "<figure><img src=\"/media/a.jpg\" alt=\"\"><figcaption>Photograph: Agency"
                "</figcaption></figure><table><tr><th>Party</th><th>Votes</th></tr></table>"
                "<p>The survey ran for a month.</p>"
            ),
        )
        (story,) = self.get("narwhal").context["page"].object_list
        self.assertEqual(story.snippet, "")
        page = self.get("narwhal").content.decode()
        self.assertIn("Surveyors found more whales than in any year since 1990.", page)
        self.assertNotIn("Photograph: Agency", page)

    def test_a_passage_that_is_the_whole_body_has_no_ellipsis(self):
        # Its full stop too: PostgreSQL's passage ends on the last word, and the
        # body's own punctuation is given back.
        self.assertEqual(self.snippet("walrus"), "Only a <mark>walrus</mark>, nothing else.")
        make_article(headline="Quote", body="<p>“The otter stays,” she said.</p>")
        self.assertEqual(self.snippet("otter"), "“The <mark>otter</mark> stays,” she said.")

    def test_a_passage_from_the_start_has_an_ellipsis_at_its_end_only(self):
        shown = self.snippet("opening1")
        self.assertTrue(shown.startswith("opening0 <mark>opening1</mark>"), shown)
        self.assertTrue(shown.endswith(" …"), shown)

    def test_a_passage_is_one_piece_of_the_text_with_its_short_words(self):
        """Two fragments were joined with " … " where one word stood between them, inside
        a quotation ("“We cannot wait … spring,”"), and "A ceasefire" lost its "A"."""
        make_article(
            headline="Talks",
            body="<p>A ceasefire between the army and rebels held overnight. “We cannot wait "
            "for spring,” the mayor said of the ceasefire, “nor for the talks.”</p>",
        )
        shown = self.snippet("ceasefire spring")
        self.assertNotIn(" … ", shown.strip(" …"))
        self.assertTrue(shown.startswith("A <mark>ceasefire</mark> between"), shown)

    def test_a_passage_to_the_end_has_an_ellipsis_at_its_start_only(self):
        shown = self.snippet("closing58")
        self.assertTrue(shown.startswith("… "), shown)
        self.assertRegex(shown, r"closing59\.?$")


class CurlyQuoteTests(SearchTestCase):
    """Phone keyboards type “ ” for ": a phrase is a phrase however it is quoted."""

    @classmethod
    def setUpTestData(cls):
        cls.phrase = make_article(headline="Energy pact signed", body="<p>A deal.</p>")
        cls.apart = make_article(headline="Pact on energy", body="<p>Talks.</p>")

    def test_curly_low_and_angle_quotes_make_a_phrase(self):
        for query in ("“energy pact”", "„energy pact“", "«energy pact»", '"energy pact"'):
            with self.subTest(query=query):
                self.assertEqual(self.headlines(self.get(query)), ["Energy pact signed"])
        self.assertCountEqual(
            self.headlines(self.get("energy pact")), ["Energy pact signed", "Pact on energy"]
        )

    def test_the_page_shows_the_phrase_once_quoted(self):
        response = self.get("“energy pact”")
        self.assertContains(response, "1 story for <q><bdi>energy pact</bdi></q>")

    def test_single_quotes_around_words_make_a_phrase_and_apostrophes_stay(self):
        """'energy pact' found nothing on SQLite: it looked for "'energy"."""
        for query in ("'energy pact'", "‘energy pact’"):
            with self.subTest(query=query):
                self.assertEqual(self.headlines(self.get(query)), ["Energy pact signed"])
        for typed, cleaned in (
            ("O'Brien's 'red lines'", 'O\'Brien\'s "red lines"'),
            ("leaders' summit", "leaders' summit"),
            ("don't 'stop'", 'don\'t "stop"'),
            ("-'energy pact' gas", '-"energy pact" gas'),
        ):
            with self.subTest(typed=typed):
                self.assertEqual(search.clean_query(typed), cleaned)
        # An opening quote and no closing one, in a query far over the cap: read
        # once (a pattern that looked for a letter inside took 0.5 s at 8,000
        # characters and minutes at this length, before the cap applied).
        hostile = "'" + "a" * 200_000
        self.assertEqual(search.clean_query(hostile), hostile[: search.QUERY_MAX_LENGTH])


@skipUnless(POSTGRES, "the search-vector trigger is PostgreSQL's")
class SearchVectorTriggerTests(TestCase):
    """The trigger computes every vector, unless a bulk loader opts in to send its own."""

    def keep_given_vectors(self):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL newsroom.keep_search_vector TO 'on'")

    def found(self, word):
        return list(
            Article.objects.filter(search_vector=SearchQuery(word, config=search.SEARCH_CONFIG))
        )

    def test_a_vector_sent_by_an_ordinary_insert_is_replaced(self):
        """A stale vector (a copied row, a recovered revision) never reaches the index."""
        story = make_article(headline="Harbour reopens", search_vector="'zeppelin':1A")
        self.assertEqual(self.found("harbour"), [story])
        self.assertEqual(self.found("zeppelin"), [])

    def test_an_opted_in_insert_keeps_its_vector(self):
        with transaction.atomic():
            self.keep_given_vectors()
            story = make_article(headline="Harbour reopens", search_vector="'zeppelin':1A")
        self.assertEqual(self.found("zeppelin"), [story])
        self.assertEqual(self.found("harbour"), [])

    def test_an_opted_in_insert_without_a_vector_gets_one(self):
        with transaction.atomic():
            self.keep_given_vectors()
            story = make_article(headline="Harbour reopens")
        self.assertEqual(self.found("harbour"), [story])

    def test_an_edit_recomputes_the_vector_even_when_opted_in(self):
        story = make_article(headline="Harbour reopens")
        with transaction.atomic():
            self.keep_given_vectors()
            story.headline = "Airport reopens"
            story.save()
        self.assertEqual(self.found("airport"), [story])
        self.assertEqual(self.found("harbour"), [])


# A heading and list items have no full stop; the snippet must not run them into
# the next sentence. One that has its own punctuation gets no second one.
# A stop the writer typed after a bracket or a quote is theirs, and stays.
HEADING_THEN_PARAGRAPH = (
    "<h2>Queues and detours</h2><p>The <strong>dockers</strong> walked out, said Reuters "
    "(AFP). It was “a disaster”. Nobody agreed.</p>"
    "<ul><li>Ferries cancelled</li><li>Trucks wait?</li><li>Tolls rise (again)</li></ul>"
)
HEADING_STOPPED = (
    "Queues and detours. The <mark>dockers</mark> walked out, said Reuters (AFP). It was "
    "“a disaster”. Nobody agreed. Ferries cancelled. Trucks wait? Tolls rise (again)"
)


class AccentTests(TestCase):
    """World news is full of names readers type without their accents."""

    @skipUnless(POSTGRES, "accent-insensitive search is PostgreSQL's (migration 0010)")
    def test_a_place_or_name_is_found_with_or_without_its_accents(self):
        story = make_article(
            headline="Floods close roads around São Paulo",
            body="<p>Inés Carvalho reports from the city of Bogotá.</p>",
        )
        for query in ("Sao Paulo", "são paulo", "Ines Carvalho", "bogota", "Bogotá"):
            with self.subTest(query=query):
                self.assertEqual(list(search.search(query)), [story])

    @skipUnless(POSTGRES, "accent-insensitive name matching uses PostgreSQL's unaccent()")
    def test_a_writers_name_is_found_without_its_accents(self):
        writer = make_author(name="Inés Carvalho", slug="ines-carvalho")
        make_article(authors=[writer])
        for query in ("ines", "Inés", "INES CARVALHO", "carvalho"):
            with self.subTest(query=query):
                authors, _ = search.matching_names(query)
                self.assertEqual([author.name for author in authors], ["Inés Carvalho"])


class FallbackSnippetTests(TestCase):
    def test_a_heading_or_list_item_ends_before_the_next_sentence(self):
        marked = search._plain_marked_snippet(HEADING_THEN_PARAGRAPH, ["dockers"])
        self.assertEqual(str(search._highlight(marked)), HEADING_STOPPED)

    def test_snippet_ends_on_a_whole_word(self):
        """A cut passage ends after a word and an ellipsis, never half a word."""
        # Every word ends in "x", so a word cut short is easy to see.
        words = " ".join(f"word{n}x" for n in range(200))
        marked = search._plain_marked_snippet(f"<p>ceasefire {words}</p>", ["ceasefire"])
        self.assertTrue(marked.endswith(" …"))
        last_word = marked[: -len(" …")].rsplit(" ", 1)[-1]
        self.assertRegex(last_word, r"^word\d+x$")


class FallbackWordTests(SearchTestCase):
    """The fallback finds words as PostgreSQL does: from their start, accents aside."""

    @classmethod
    def setUpTestData(cls):
        cls.ines = make_article(
            headline="Inés Carvalho wins the vote",
            body="<p>The former minister led from the first count.</p>",
        )
        cls.business = make_article(
            headline="Business confidence falls",
            body="<p>Mines and neutral observers.</p>",
        )

    def test_a_word_is_found_from_its_start_in_any_case_and_without_accents(self):
        pattern = re.compile(search.word_pattern("ines"), re.IGNORECASE)
        self.assertTrue(pattern.search("Inés Carvalho"))
        self.assertTrue(pattern.search("INÉS"))
        self.assertFalse(pattern.search("business"))
        self.assertTrue(re.search(search.word_pattern("Sao  Paulo"), "São Paulo", re.IGNORECASE))
        self.assertTrue(re.search(search.word_pattern("inés"), "Ines", re.IGNORECASE))
        self.assertTrue(re.search(search.word_pattern("10%"), "up 10% on", re.IGNORECASE))
        self.assertFalse(re.search(search.word_pattern("eu"), "neutral", re.IGNORECASE))

    @skipUnless(not POSTGRES, "the fallback runs on databases other than PostgreSQL")
    def test_the_search_page_finds_and_marks_whole_words(self):
        response = self.get("ines")
        self.assertEqual(self.headlines(response), ["Inés Carvalho wins the vote"])
        self.assertEqual(self.headlines(self.get("mine")), ["Business confidence falls"])
        self.assertEqual(self.headlines(self.get("eu")), [])
        self.assertEqual(self.headlines(self.get("INÉS -carvalho")), [])
        marked = search._plain_marked_snippet(
            "<p>Mines and neutral observers.</p>", ["mine", "neutr"]
        )
        self.assertEqual(marked, f"{search.MARK_START}Mines{search.MARK_END} and "
                         f"{search.MARK_START}neutral{search.MARK_END} observers.")


class FallbackQuerySyntaxTests(TestCase):
    """The fallback reads quotes and minus signs as PostgreSQL's web search syntax does."""

    @classmethod
    def setUpTestData(cls):
        cls.convoys = make_article(
            headline="Aid convoys reach the city", body="<p>Trucks crossed at dawn.</p>"
        )
        cls.apart = make_article(headline="Convoys of aid", body="<p>Rain slowed the trucks.</p>")

    def test_quoted_words_are_a_phrase_and_quote_marks_are_not_searched_for(self):
        self.assertEqual(search.plain_terms('"aid  convoys" city'), (["aid convoys", "city"], []))
        self.assertEqual(search.plain_terms('"aid convoys'), (["aid convoys"], []))
        self.assertEqual(search.plain_terms('-rain -"at dawn" " - !!'), ([], ["rain", "at dawn"]))
        self.assertEqual(search.plain_terms("cease-fire"), (["cease-fire"], []))

    @skipUnless(not POSTGRES, "the fallback runs on databases other than PostgreSQL")
    def test_phrases_and_exclusions_find_what_postgres_would(self):
        self.assertEqual(list(search.search('"aid convoys"')), [self.convoys])
        self.assertCountEqual(search.search("aid convoys"), [self.convoys, self.apart])
        self.assertEqual(list(search.search("convoys -rain")), [self.convoys])
        self.assertEqual(list(search.search("-rain")), [self.convoys])
        self.assertEqual(list(search.search('"" !!')), [])

    @skipUnless(not POSTGRES, "the fallback runs on databases other than PostgreSQL")
    def test_the_search_page_marks_the_phrase(self):
        response = self.client.get("/search/", {"q": '"crossed at dawn"'})
        self.assertContains(response, "<mark>crossed at dawn</mark>", html=False)
        self.assertContains(response, "Aid convoys reach the city")

    def test_paragraphs_do_not_run_together(self):
        marked = search._plain_marked_snippet(
            "<p>The text was published in full.</p><h2>Vote</h2><p>The Bundestag met.</p>",
            ["bundestag"],
        )
        self.assertIn("in full. Vote. The", marked)
