from datetime import timedelta
from xml.etree import ElementTree

from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import services
from articles.corrections import RECENT_CORRECTIONS
from articles.models import Article, Correction
from articles.views import StoryPaginator
from tests.factories import make_article


class CorrectionsOnTheStoryTests(TestCase):
    def test_story_shows_corrections_in_date_order(self):
        story = make_article()
        now = timezone.now()
        services.add_correction(story, kind="update", note="Death toll rose to 12.", when=now)
        services.add_correction(
            story,
            kind="correction",
            note="An earlier version misspelt the minister's name.",
            when=now - timedelta(hours=1),
        )
        response = self.client.get(story.get_absolute_url())
        content = response.content.decode()
        self.assertIn("Corrections and updates", content)
        self.assertLess(content.index("misspelt"), content.index("Death toll rose"))

    def test_the_top_of_the_story_says_it_was_corrected_and_links_the_note(self):
        """Readers start at the top; the note is at the foot of a long story."""
        story = make_article()
        now = timezone.now()
        fix = services.add_correction(
            story, kind="correction", note="The port is in Antwerp.", when=now - timedelta(1)
        )
        services.add_correction(story, kind="update", note="Talks resumed.", when=now)
        page = self.client.get(story.get_absolute_url()).content.decode()
        notice = (
            f'<p class="story__fixed"><a href="#correction-{fix.pk}">'
            "This story has been corrected</a>.</p>"
        )
        self.assertIn(notice, page)
        self.assertLess(page.index(notice), page.index('class="story__body"'))
        self.assertIn(f'id="correction-{fix.pk}"', page)

    def test_a_later_clarification_does_not_hide_a_correction(self):
        """The newest note alone had been said: "clarified", over a factual correction."""
        story = make_article()
        now = timezone.now()
        services.add_correction(
            story, kind="correction", note="The port is in Antwerp.", when=now - timedelta(2)
        )
        services.add_correction(
            story, kind="clarification", note="The talks are informal.", when=now - timedelta(1)
        )
        services.add_correction(story, kind="update", note="Talks resumed.", when=now)
        page = self.client.get(story.get_absolute_url()).content.decode()
        self.assertIn(
            '<p class="story__fixed"><a href="#corrections">'
            "This story has been corrected and clarified</a>.</p>",
            page,
        )
        self.assertIn('id="corrections"', page)

    def test_two_corrections_link_to_the_list_of_notes(self):
        story = make_article()
        now = timezone.now()
        for days, note in ((2, "The port is in Antwerp."), (1, "The minister is Ana Costa.")):
            services.add_correction(story, kind="correction", note=note, when=now - timedelta(days))
        self.assertContains(
            self.client.get(story.get_absolute_url()),
            '<p class="story__fixed"><a href="#corrections">This story has been corrected</a>.</p>',
            html=True,
        )

    def test_a_clarification_is_called_one_and_an_update_alone_says_nothing_at_the_top(self):
        clarified = make_article()
        services.add_correction(clarified, kind="clarification", note="The talks are informal.")
        self.assertContains(self.client.get(clarified.get_absolute_url()), "has been clarified")
        updated = make_article()
        services.add_correction(updated, kind="update", note="Talks resumed.")
        self.assertNotContains(self.client.get(updated.get_absolute_url()), "story__fixed")

    def test_the_box_links_to_the_corrections_page(self):
        story = make_article()
        services.add_correction(story, kind="correction", note="The port is in Antwerp.")
        response = self.client.get(story.get_absolute_url())
        self.assertContains(
            response,
            f'<p class="corrections__more"><a href="{reverse("workflow:corrections")}">'
            "All corrections and updates</a></p>",
            html=True,
        )

    def test_correction_note_is_escaped(self):
        story = make_article()
        services.add_correction(story, kind="correction", note="<script>x</script>")
        response = self.client.get(story.get_absolute_url())
        self.assertNotContains(response, "<script>x</script>")
        self.assertContains(response, "&lt;script&gt;")


class SubstantiveUpdateTests(TestCase):
    def test_adding_a_correction_sets_the_updated_time(self):
        story = make_article()
        correction = services.add_correction(story, kind="update", note="New figures.")
        story.refresh_from_db()
        self.assertEqual(story.substantive_update_at, correction.created_at)

    def test_a_typo_fix_does_not(self):
        story = make_article()
        story.headline = story.headline + "s"
        story.save()
        story.refresh_from_db()
        self.assertIsNone(story.substantive_update_at)

    def test_unpublished_story_gets_no_updated_time(self):
        story = make_article(status=Article.Status.DRAFT)
        self.assertFalse(services.mark_substantive_update(story))
        story.refresh_from_db()
        self.assertIsNone(story.substantive_update_at)


class CorrectionsLogTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.story = make_article(headline="Port reopens after strike")
        Correction.objects.create(article=cls.story, note="The port is in Antwerp, not Rotterdam.")
        hidden = make_article(status=Article.Status.DRAFT, headline="Secret draft")
        Correction.objects.create(article=hidden, note="Draft-only note.")
        scheduled = make_article(published_at=timezone.now() + timedelta(hours=1))
        Correction.objects.create(article=scheduled, note="Scheduled-only note.")

    def test_page_lists_corrections_to_public_stories_only(self):
        response = self.client.get(reverse("workflow:corrections"))
        self.assertContains(response, "Port reopens after strike")
        self.assertContains(response, "Antwerp, not Rotterdam")
        self.assertNotContains(response, "Draft-only note")
        self.assertNotContains(response, "Scheduled-only note")

    def test_page_names_its_canonical_address_without_the_query(self):
        response = self.client.get(reverse("workflow:corrections") + "?utm_source=newsletter")
        self.assertContains(
            response, '<link rel="canonical" href="http://testserver/corrections/">'
        )

    def test_page_query_count_does_not_grow_with_corrections(self):
        """Each row shows its story's headline and address (section): no query per row."""
        for _ in range(5):
            Correction.objects.create(article=make_article(), note="More.")
        with self.assertNumQueries(3):  # count, corrections, navigation sections
            self.client.get(reverse("workflow:corrections"))

    def test_feed_query_count_does_not_grow_with_corrections(self):
        """Each entry's title and link name its story and section: no query per entry."""
        for _ in range(5):
            Correction.objects.create(article=make_article(), note="More.")
        for name in ("workflow:corrections_feed", "workflow:corrections_atom"):
            with self.subTest(name), self.assertNumQueries(1):  # the corrections, stories joined
                response = self.client.get(reverse(name))
            self.assertContains(response, "More.", count=5)

    def test_the_log_reads_no_story_bodies(self):
        """A line shows a headline and a link: the stories' bodies are not read, page or feed."""
        for url in (reverse("workflow:corrections"), reverse("workflow:corrections_feed")):
            with self.subTest(url=url), CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            self.assertContains(response, "Port reopens after strike")
            self.assertContains(response, self.story.get_absolute_url())
            log = [query["sql"] for query in queries if "articles_correction" in query["sql"]]
            self.assertTrue(log)
            for sql in log:
                self.assertNotIn('"articles_article"."body"', sql)
                self.assertNotIn("search_vector", sql.split(" WHERE ")[0])

    def test_every_correction_stays_on_the_log_in_pages(self):
        """The log is the record of what we got wrong: none may fall off the end."""
        Correction.objects.bulk_create(
            Correction(article=self.story, note=f"Correction number {n}.")
            for n in range(1, RECENT_CORRECTIONS + 6)
        )
        first = self.client.get(reverse("workflow:corrections"))
        self.assertEqual(len(first.context["corrections"]), RECENT_CORRECTIONS)
        self.assertContains(first, 'href="?page=2" rel="next"')
        second = self.client.get(reverse("workflow:corrections") + "?page=2")
        shown = first.context["corrections"] + second.context["corrections"]
        self.assertEqual(len(shown), RECENT_CORRECTIONS + 6)
        self.assertEqual(len({correction.pk for correction in shown}), RECENT_CORRECTIONS + 6)
        self.assertContains(second, "The port is in Antwerp")  # the oldest, last
        # Numbered on from the first page, not from 1 again.
        self.assertContains(
            second, f'<ol class="corrections-log__list" start="{RECENT_CORRECTIONS + 1}">'
        )
        self.assertContains(
            second, '<link rel="canonical" href="http://testserver/corrections/?page=2">'
        )
        self.assertContains(second, "<title>Corrections and updates (page 2) | ")
        # The feed keeps the newest only.
        feed = self.client.get(reverse("workflow:corrections_feed")).content.decode()
        self.assertEqual(feed.count("<item>"), RECENT_CORRECTIONS)

    def test_a_long_log_says_how_many_pages_it_has(self):
        """The log is short and narrow beside the stories: counted whole, never "of many".

        A story list counts ten pages ahead only (``StoryPaginator``); the
        corrections log went through it too until the paginator was chosen
        by what a list holds.
        """
        pages = StoryPaginator.PAGES_AHEAD + 2
        Correction.objects.bulk_create(
            Correction(article=self.story, note=f"Correction number {n}.")
            for n in range((pages - 1) * RECENT_CORRECTIONS)
        )
        self.assertContains(self.client.get(reverse("workflow:corrections")), f"Page 1 of {pages}")

    def test_every_page_links_to_it_in_the_footer(self):
        """Readers find the log from any page, not only from a corrected story."""
        link = f'<a href="{reverse("workflow:corrections")}">Corrections</a>'
        for path in ("/", self.story.get_absolute_url(), "/no/such/page/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                page = response.content.decode()
                footer = page.partition('<footer class="site-footer">')[2].partition("</footer>")[0]
                self.assertInHTML(link, footer)

    def test_the_footer_link_marks_the_page_itself(self):
        response = self.client.get(reverse("workflow:corrections"))
        self.assertContains(
            response,
            f'<a href="{reverse("workflow:corrections")}" aria-current="page">Corrections</a>',
            html=True,
        )

    def test_feed(self):
        response = self.client.get(reverse("workflow:corrections_feed"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("application/rss+xml", response["Content-Type"])
        self.assertContains(response, "Correction: Port reopens after strike")
        self.assertContains(response, "#correction-")
        self.assertNotContains(response, "Draft-only note")
        # Named as the site's other feeds are, and the page offers them too.
        name = settings.NEWSROOM_NAME
        self.assertContains(response, f"<title>{name}: corrections and updates</title>")
        page = self.client.get(reverse("workflow:corrections"))
        self.assertContains(page, '<link rel="alternate" type="application/', count=4)
        for feed in ("feeds:rss", "feeds:atom", "workflow:corrections_feed"):
            self.assertContains(page, f'href="{reverse(feed)}">')

    def test_the_feed_comes_as_atom_too_and_the_page_explains_it(self):
        """The page linked straight to the XML, which a phone shows as code, and the log
        had no Atom feed though the feeds page says every feed comes as both."""
        atom = self.client.get(reverse("workflow:corrections_atom"))
        self.assertEqual(atom.status_code, 200)
        self.assertIn("application/atom+xml", atom["Content-Type"])
        root = ElementTree.fromstring(atom.content)  # noqa: S314 (our own output)
        ns = {"atom": "http://www.w3.org/2005/Atom"}
        self.assertEqual(
            root.find("atom:title", ns).text, f"{settings.NEWSROOM_NAME}: corrections and updates"
        )
        self.assertEqual(root.find("atom:author/atom:name", ns).text, settings.NEWSROOM_NAME)
        entries = root.findall("atom:entry", ns)
        titles = [entry.find("atom:title", ns).text for entry in entries]
        # RFC 4287: every entry has exactly one <updated>.
        self.assertTrue(entries)
        self.assertTrue(all(len(entry.findall("atom:updated", ns)) == 1 for entry in entries))
        self.assertIn("Correction: Port reopens after strike", titles)
        self.assertNotIn("Draft-only note", atom.content.decode())

        page = self.client.get(reverse("workflow:corrections"))
        self.assertContains(page, 'href="#follow-feeds">Follow this page in a feed reader</a>')
        self.assertContains(page, 'id="follow-feeds"')
        for feed in ("workflow:corrections_feed", "workflow:corrections_atom"):
            address = f"http://testserver{reverse(feed)}"
            self.assertContains(page, f'<code class="feed-addresses__address">{address}</code>')
        feeds = self.client.get(reverse("feeds:index"))
        self.assertContains(feeds, "Corrections and updates</h2>")
        self.assertContains(feeds, f"http://testserver{reverse('workflow:corrections_atom')}")


class CorrectionsReadersSawTests(TestCase):
    """Which corrections are on the public record (``Correction.objects.shown_to_readers``)."""

    def test_a_correction_on_a_public_story_has_been_seen(self):
        story = make_article()
        correction = services.add_correction(story, kind="correction", note="Antwerp.")
        self.assertIn(correction, Correction.objects.shown_to_readers())

    def test_one_on_a_draft_or_a_scheduled_story_has_not(self):
        """Such a correction is refused now (``CorrectionsOnUnseenStoriesTests``); one made
        before that, or written around ``services``, is no part of the record."""
        draft = make_article(status=Article.Status.DRAFT)
        scheduled = make_article(published_at=timezone.now() + timedelta(hours=2))
        for story in (draft, scheduled):
            correction = Correction.objects.create(article=story, kind="update", note="Not yet.")
            self.assertNotIn(correction, Correction.objects.shown_to_readers())
            self.assertIn(correction, Correction.objects.not_shown_to_readers())

    def test_one_made_before_a_public_story_was_taken_down_stays_seen(self):
        """Unpublishing does not make a correction readers read rewritable."""
        story = make_article()
        seen = services.add_correction(story, kind="correction", note="Antwerp.")
        services.unpublish(story, user=None, note="Legal check.")
        later = services.add_correction(story, kind="update", note="Written on the draft.")
        self.assertIn(seen, Correction.objects.shown_to_readers())
        self.assertNotIn(later, Correction.objects.shown_to_readers())

    def test_one_on_a_story_unscheduled_before_its_time_was_never_seen(self):
        story = make_article(published_at=timezone.now() + timedelta(hours=2))
        correction = Correction.objects.create(article=story, kind="update", note="Not out yet.")
        services.transition(story, Article.Status.DRAFT, user=None, note="Held back.")
        self.assertNotIn(correction, Correction.objects.shown_to_readers())


class CorrectionNameTests(TestCase):
    def test_a_correction_is_named_by_its_kind_and_time_not_its_story_again(self):
        """Under its story it read "Correction on <the headline> (2026-11-28)"."""
        story = make_article(headline="Stocks slide as central bank signals a pause")
        correction = Correction.objects.create(
            article=story,
            kind=Correction.Kind.CORRECTION,
            note="A figure was wrong.",
            created_at=timezone.make_aware(timezone.datetime(2026, 11, 28, 14, 5)),
        )
        self.assertEqual(str(correction), "Correction of 28 Nov 2026, 14:05 UTC")
        # As the story's history writes it: Django does that with translation off.
        with translation.override(None):
            self.assertEqual(str(correction), "Correction of 28 Nov 2026, 14:05 UTC")
