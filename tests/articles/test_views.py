"""The front page and the story page, as a reader sees them."""

import re
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.templatetags.static import static
from django.test import SimpleTestCase, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Correction
from articles.roles import EDITORS, ensure_roles
from articles.views import arrange_top_stories
from sources.models import Source
from tests.factories import (
    make_article,
    make_author,
    make_busy_desk,
    make_section,
    make_source,
    make_user,
)


def stories_with_pictures(*pictures):
    """Unsaved stories, each with a featured picture or not, as ``pictures`` says."""
    # With its size given, the picture field does not open the (missing) file.
    size = {"featured_image_width": 1600, "featured_image_height": 900}
    return [
        Article(headline=f"Story {n}", **({"featured_image": "a.jpg", **size} if picture else {}))
        for n, picture in enumerate(pictures)
    ]


class TopStoriesArrangementTests(SimpleTestCase):
    """Which top stories stand under the lead on a desktop, and which beside it."""

    def arrange(self, lead_picture, *pictures):
        (lead,) = stories_with_pictures(lead_picture)
        top = stories_with_pictures(*pictures)
        under, beside = arrange_top_stories(lead, top)
        self.assertEqual(under + beside, top)  # in their order, none lost
        return len(under), len(beside)

    def test_the_column_beside_a_lead_with_a_picture_ends_near_it(self):
        # Six cards stacked beside it, the first with its picture, would run on
        # well past the lead; one under it evens them.
        self.assertEqual(self.arrange(True, True, True, False, True, True, False), (1, 5))
        # Six without pictures are about as tall as the lead.
        self.assertEqual(self.arrange(True, False, False, False, False, False, False), (0, 6))

    def test_a_lead_without_a_picture_has_stories_under_it(self):
        self.assertEqual(self.arrange(False, False, False, False, False, False, False), (2, 4))

    def test_a_few_stories_all_stand_beside_the_lead(self):
        self.assertEqual(self.arrange(True, False, False), (0, 2))
        self.assertEqual(self.arrange(False, True), (0, 1))

    def test_without_a_lead_nothing_stands_under_it(self):
        self.assertEqual(arrange_top_stories(None, []), ([], []))


class HomePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tops, cls.subs, cls.authors, cls.sources, cls.stories = make_busy_desk()

    def test_newest_story_leads_when_nothing_is_pinned(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["lead"], self.stories[0])
        self.assertEqual(response.context["top_stories"], self.stories[1:7])
        self.assertContains(response, self.stories[0].headline)

    def test_pinned_story_leads_even_when_older(self):
        pinned = self.stories[-1]
        Article.objects.filter(pk=pinned.pk).update(is_pinned=True)
        response = self.client.get("/")
        self.assertEqual(response.context["lead"], pinned)
        self.assertEqual(response.context["top_stories"], self.stories[0:6])

    def test_section_blocks_follow_navigation_and_count_subsection_stories(self):
        response = self.client.get("/")
        blocks = response.context["section_blocks"]
        self.assertEqual([block["section"] for block in blocks], self.tops)
        first_desk = blocks[0]
        # Desk 0 holds its own stories and those of Sub 0, newest first, not
        # repeating what the top of the page already shows.
        shown = {self.stories[n].pk for n in range(7)}
        expected = [
            story
            for story in self.stories
            if story.section_id in (self.tops[0].pk, self.subs[0].pk) and story.pk not in shown
        ][:4]
        self.assertEqual(first_desk["stories"], expected)
        self.assertIn(self.subs[0].pk, {story.section_id for story in first_desk["stories"]})
        self.assertContains(response, f'href="{self.tops[0].get_absolute_url()}"')

    def test_hidden_sections_get_no_block(self):
        self.tops[1].show_in_nav = False
        self.tops[1].save()
        response = self.client.get("/")
        self.assertNotIn(
            self.tops[1], [block["section"] for block in response.context["section_blocks"]]
        )

    def test_query_count_is_fixed(self):
        """Five queries whatever the number of sections and stories.

        Guards against a query per section block (the classic "latest 4 per
        section" loop), per story's section, and per story's byline. Queries:
        sections, pinned lead, latest stories, ranked section stories, bylines.
        """
        with self.assertNumQueries(5):
            response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        for n in range(4):
            make_section(name=f"Extra {n}", slug=f"extra-{n}", position=10 + n)
        for _ in range(3):
            make_article(section=self.subs[2], authors=self.authors[:3], origin=self.sources[0])
        with self.assertNumQueries(5):
            self.client.get("/")

    def test_empty_site_has_a_friendly_front_page(self):
        Article.objects.all().delete()
        response = self.client.get("/")
        self.assertContains(response, "No stories yet")

    def test_page_has_title_canonical_and_share_tags(self):
        response = self.client.get("/")
        self.assertContains(response, "<title>Newsroom: World news, checked and sourced</title>")
        self.assertContains(response, '<link rel="canonical" href="http://testserver/">')
        self.assertContains(response, '<meta property="og:url" content="http://testserver/">')
        self.assertContains(response, '<meta property="og:site_name" content="Newsroom">')
        self.assertContains(response, '<meta name="twitter:card" content="summary">')
        # Shared, the front page shows the site's square logo.
        logo = "http://testserver" + static("img/logo-512.png")
        self.assertContains(response, f'<meta property="og:image" content="{logo}">')
        self.assertContains(response, '<meta property="og:image:width" content="512">')
        icon = static("img/apple-touch-icon.png")
        self.assertContains(response, f'<link rel="apple-touch-icon" href="{icon}">')


class StoryPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.europe = make_section(name="Europe", slug="europe", parent=cls.world)
        cls.amira = make_author(name="Amira Haddad", slug="amira-haddad")
        cls.jonas = make_author(name="Jonas Berg", slug="jonas-berg")
        cls.cpa = make_source(name="Continental Press Agency", slug="cpa")
        cls.ledger = make_source(
            name="The Northern Ledger", slug="ledger", kind=Source.Kind.NEWSPAPER
        )
        cls.herald = make_source(name="Coastal Herald", slug="herald", kind=Source.Kind.NEWSPAPER)
        cls.published_at = datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
        cls.story = make_article(
            headline="Leaders agree on a ceasefire plan",
            slug="leaders-agree",
            standfirst="Talks ran through the night.",
            dateline="Paris",
            section=cls.europe,
            authors=[cls.amira, cls.jonas],
            origin=cls.cpa,
            cited=[cls.ledger, cls.herald],
            body=(
                "<p>Leaders agreed.</p><h2>What was agreed</h2>"
                "<blockquote><p>A step.</p></blockquote>"
            ),
            published_at=cls.published_at,
        )
        cls.same_section = make_article(headline="Same section story", section=cls.europe)
        cls.same_source = make_article(
            headline="Story from the same agency", section=make_section(), origin=cls.cpa
        )
        cls.unrelated = make_article(headline="Unrelated story", section=make_section())

    def get(self):
        return self.client.get(self.story.get_absolute_url())

    def test_reader_sees_the_story(self):
        response = self.get()
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            '<h1 class="story__headline">Leaders agree on a ceasefire plan</h1>',
            html=False,
        )
        self.assertContains(response, "Talks ran through the night.")
        self.assertContains(response, '<span class="dateline">Paris</span>', html=True)
        self.assertContains(response, "<h2>What was agreed</h2>", html=True)
        self.assertContains(response, f'href="{self.europe.get_absolute_url()}"')
        self.assertContains(response, "1 min read")

    def test_byline_links_each_author(self):
        response = self.get()
        self.assertContains(
            response,
            '<span class="byline">By <a href="/authors/amira-haddad/" rel="author" dir="auto">'
            'Amira Haddad</a> and <a href="/authors/jonas-berg/" rel="author" dir="auto">'
            "Jonas Berg</a></span>",
            html=True,
        )

    def test_source_line_and_also_cited(self):
        response = self.get()
        self.assertContains(
            response,
            '<p class="story__source">Source: '
            '<a href="/sources/cpa/" dir="auto">Continental Press Agency</a></p>',
            html=True,
        )
        self.assertContains(
            response,
            '<p class="story__cited">Also cited: '
            '<a href="/sources/ledger/" dir="auto">The Northern Ledger</a>, '
            '<a href="/sources/herald/" dir="auto">Coastal Herald</a></p>',
            html=True,
        )

    def test_published_and_updated_times_are_machine_readable(self):
        local = timezone.localtime(self.published_at)
        response = self.get()
        self.assertContains(
            response,
            f'<time datetime="{local.isoformat(timespec="seconds")}">'
            f"{local:%-d %b %Y, %H:%M %Z}</time>",
            html=True,
        )
        self.assertNotContains(response, "Updated")
        updated = timezone.now() - timedelta(hours=1)
        Article.objects.filter(pk=self.story.pk).update(substantive_update_at=updated)
        local_updated = timezone.localtime(updated)
        self.assertContains(
            self.get(),
            f'<time datetime="{local_updated.isoformat(timespec="seconds")}">'
            f"Updated {local_updated:%-d %b %Y, %H:%M %Z}</time>",
            html=True,
        )
        # No space between the time and its separating dot (drawn after the span).
        self.assertContains(self.get(), "</time></span>")

    def test_an_update_made_before_a_republish_is_not_shown_under_it(self):
        """Corrected at 13:00, unpublished, and published again at 13:19: the page read
        "13:19 · Updated 13:00", an update before the story it updates. A correction
        made once it is back shows again."""
        services.add_correction(
            self.story,
            kind="correction",
            note="The talks were in Geneva.",
            when=timezone.now() - timedelta(minutes=19),
        )
        services.unpublish(self.story, user=None, note="Checking a claim.")
        Article.objects.filter(pk=self.story.pk).update(published_at=None)  # time cleared
        self.story.refresh_from_db()
        services.publish(self.story, user=None)
        response = self.get()
        self.assertContains(response, "The talks were in Geneva.")
        self.assertNotContains(response, "Updated")
        services.add_correction(self.story, kind="update", note="Talks resume on Monday.")
        self.assertContains(self.get(), "Updated ")

    @override_settings(TIME_ZONE="Europe/Paris")
    def test_times_are_in_the_sites_time_zone_and_name_it(self):
        """Paris is an hour ahead of UTC in winter (CET) and two in summer (CEST)."""
        Article.objects.filter(pk=self.story.pk).update(
            substantive_update_at=datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
        )
        response = self.get()
        self.assertContains(
            response,
            '<time datetime="2024-03-05T10:30:00+01:00">5 Mar 2024, 10:30 CET</time>',
            html=True,
        )
        self.assertContains(
            response,
            '<time datetime="2024-07-01T14:00:00+02:00">Updated 1 Jul 2024, 14:00 CEST</time>',
            html=True,
        )

    def test_canonical_and_share_tags(self):
        url = f"http://testserver{self.story.get_absolute_url()}"
        response = self.get()
        self.assertContains(response, f'<link rel="canonical" href="{url}">')
        self.assertContains(response, f'<meta property="og:url" content="{url}">')
        self.assertContains(response, '<meta property="og:type" content="article">')
        self.assertContains(
            response, '<meta property="og:title" content="Leaders agree on a ceasefire plan">'
        )
        self.assertContains(
            response, '<meta property="og:description" content="Talks ran through the night.">'
        )
        self.assertContains(response, "<title>Leaders agree on a ceasefire plan | Newsroom</title>")
        # Each name on the byline, in its order, by the address of their page.
        self.assertEqual(
            re.findall(r'<meta property="article:author" content="([^"]+)">', response.text),
            ["http://testserver/authors/amira-haddad/", "http://testserver/authors/jonas-berg/"],
        )
        # No picture of its own: the share card shows the site's logo, as a small card.
        logo = "http://testserver" + static("img/logo-512.png")
        self.assertContains(response, f'<meta property="og:image" content="{logo}">')
        self.assertContains(response, '<meta name="twitter:card" content="summary">')
        # Not kept from the index; its picture may show large in search results.
        self.assertContains(response, '<meta name="robots" content="max-image-preview:large">')

    def test_related_stories_are_listed_under_the_story(self):
        response = self.get()
        related = response.context["related_stories"]
        self.assertEqual(related, [self.same_section])
        self.assertContains(response, "Same section story")
        # Sharing only the agency relates nothing: it is credited on most of the news.
        self.assertNotContains(response, "Story from the same agency")
        self.assertNotContains(response, "Unrelated story")

    def test_corrections_reach_the_template(self):
        correction = Correction.objects.create(
            article=self.story, note="An earlier version misspelt a name."
        )
        response = self.get()
        self.assertEqual(response.context["corrections"], [correction])

    def test_wrong_section_or_date_redirects_permanently(self):
        canonical = self.story.get_absolute_url()
        self.assertEqual(canonical, "/europe/2024/03/05/leaders-agree/")
        for url in (
            "/world/2024/03/05/leaders-agree/",
            "/europe/1999/01/01/leaders-agree/",
            "/europe/2024/3/5/leaders-agree/",
        ):
            with self.subTest(url=url):
                self.assertRedirects(self.client.get(url), canonical, status_code=301)

    def test_unknown_slug_is_404(self):
        response = self.client.get("/europe/2024/03/05/no-such-story/")
        self.assertEqual(response.status_code, 404)

    def test_query_count_is_fixed(self):
        """Six queries, navigation included, however many bylines, sources and related stories.

        Guards against a query per byline author, per source credit, per
        correction and per related story's section. Queries: story, bylines,
        source credits, corrections, sections (the navigation's, which give the
        story and the related stories theirs), related stories.
        """
        for n in range(3):
            Correction.objects.create(article=self.story, note=f"Fix {n}")
        for _ in range(5):
            make_article(section=self.europe, origin=self.cpa, authors=[self.amira, self.jonas])
        # Each kind of related story there to be found: by the same writers, citing
        # the same newspaper, elsewhere on the World desk.
        make_article(section=make_section(), authors=[self.jonas])
        make_article(section=make_section(), cited=[self.ledger, self.herald])
        make_article(section=self.world)
        with self.assertNumQueries(6):
            response = self.get()
        self.assertEqual(len(response.context["related_stories"]), 4)

    def test_queries_leave_out_what_the_page_never_shows(self):
        """The story's own queries read no column the page does not print.

        A writer's biography and picture, a source's notes and country, the
        story's import note and fingerprint were fetched and made into model
        fields on every uncached request, for nothing.
        """
        with CaptureQueriesContext(connection) as queries:
            response = self.get()
        self.assertContains(response, "Amira")
        sql = "\n".join(query["sql"] for query in queries)
        for column in (
            '"authors_author"."bio"',
            '"authors_author"."photo"',
            '"sources_source"."notes"',
            '"sources_source"."country"',
            '"articles_article"."import_note"',
            '"articles_article"."content_fingerprint"',
        ):
            with self.subTest(column=column):
                self.assertNotIn(column, sql)

    def test_related_stories_leave_out_their_pictures(self):
        """Related stories' cards show no picture, so their query reads none of its columns."""
        with CaptureQueriesContext(connection) as queries:
            response = self.get()
        self.assertContains(response, "Same section story")
        (related,) = [query["sql"] for query in queries if '"related_by"' in query["sql"]]
        self.assertIn('"headline"', related)
        self.assertNotIn("featured_image", related)


class RelatedStoriesTests(TestCase):
    """What "Related stories" under a story lists, and in what order.

    Modelled on the demo desk, where one agency is credited on most stories:
    sharing it must not make two stories related.
    """

    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.world = make_section(name="World", slug="world")
        cls.americas = make_section(name="Americas", slug="americas", parent=cls.world)
        cls.europe = make_section(name="Europe", slug="europe", parent=cls.world)
        cls.business = make_section(name="Business", slug="business")
        cls.ines = make_author(name="Inés Carvalho", slug="ines-carvalho")
        cls.lucy = make_author(name="Lucy Fairweather", slug="lucy-fairweather")
        cls.cpa = make_source(name="Continental Press Agency", kind=Source.Kind.AGENCY)
        cls.andean = make_source(name="The Andean Almanac", kind=Source.Kind.NEWSPAPER)
        cls.ledger = make_source(name="The Northern Ledger", kind=Source.Kind.NEWSPAPER)
        cls.canal = make_article(
            headline="Panama Canal limits crossings",
            section=cls.americas,
            authors=[cls.ines],
            origin=cls.cpa,
            cited=[cls.andean],
            published_at=now - timedelta(hours=38),
        )
        cls.stocks = make_article(
            headline="Stocks slide as the central bank waits",
            section=cls.business,
            authors=[cls.lucy],
            origin=cls.ledger,
            cited=[cls.cpa],
            published_at=now - timedelta(hours=30),
        )

    def related(self, story):
        return self.client.get(story.get_absolute_url()).context["related_stories"]

    def test_same_section_beats_newer_stories_sharing_only_the_agency(self):
        """The Americas story lists the other Americas story, a day older, first.

        Four newer stories on another desk by other writers share nothing but
        the agency that is credited on nearly every story; they used to fill the
        list and push the Americas story out.
        """
        copper = make_article(
            headline="Copper miners block highway",
            section=self.americas,
            origin=self.andean,
            cited=[self.cpa],
            published_at=timezone.now() - timedelta(hours=62),
        )
        for hours in range(1, 5):
            make_article(
                section=self.business,
                origin=self.cpa,
                published_at=timezone.now() - timedelta(hours=hours),
            )
        self.assertEqual(self.related(self.canal), [copper])

    def test_stories_by_the_same_writer_or_citing_the_same_outlet_are_related(self):
        """The Business story lists its writer's stories and its newspaper's, newest first."""
        now = timezone.now()
        by_lucy = make_article(
            section=self.europe, authors=[self.lucy], published_at=now - timedelta(hours=3)
        )
        from_the_ledger = make_article(
            section=self.europe, origin=self.ledger, published_at=now - timedelta(hours=5)
        )
        # Newer, and credited to the agency the Business story cites: not related.
        make_article(section=self.europe, origin=self.cpa, published_at=now - timedelta(hours=1))
        self.assertEqual(self.related(self.stocks), [by_lucy, from_the_ledger])

    def test_kinds_come_in_order_section_shared_desk_then_older_section(self):
        """Newest first within a kind; across kinds, closeness beats freshness."""
        now = timezone.now()
        desk = make_article(section=self.europe, published_at=now - timedelta(minutes=10))
        shared = make_article(
            section=self.business, authors=[self.ines], published_at=now - timedelta(hours=1)
        )
        section_recent = make_article(section=self.americas, published_at=now - timedelta(days=5))
        section_old = make_article(section=self.americas, published_at=now - timedelta(days=90))
        self.assertEqual(self.related(self.canal), [section_recent, shared, desk, section_old])

    def test_a_story_filed_on_the_desk_itself_is_related_to_its_regions(self):
        """Filed under World, not a region: every region of World is its desk."""
        now = timezone.now()
        world_story = make_article(section=self.world, published_at=now - timedelta(hours=2))
        europe_story = make_article(section=self.europe, published_at=now - timedelta(hours=1))
        self.assertEqual(self.related(world_story), [europe_story, self.canal])

    def test_a_quiet_section_falls_back_to_its_own_older_stories(self):
        now = timezone.now()
        old = [
            make_article(section=self.business, published_at=now - timedelta(days=days))
            for days in (200, 100, 400)
        ]
        # Nothing else relates to the Business story: an agency-only story on another desk.
        make_article(section=self.europe, origin=self.cpa, published_at=now - timedelta(hours=1))
        self.assertEqual(self.related(self.stocks), [old[1], old[0], old[2]])

    def test_a_story_related_in_several_ways_is_listed_once(self):
        """Same section, writer and outlet: one card, and room for the next story."""
        now = timezone.now()
        both = make_article(
            section=self.americas,
            authors=[self.ines],
            cited=[self.andean, self.cpa],
            published_at=now - timedelta(hours=1),
        )
        by_ines = [
            make_article(
                section=self.business,
                authors=[self.ines],
                cited=[self.andean],
                published_at=now - timedelta(hours=hours),
            )
            for hours in (2, 3, 4, 5)
        ]
        related = self.related(self.canal)
        self.assertEqual(related, [both, *by_ines[:3]])
        self.assertNotIn(self.canal, related)

    def test_writers_and_outlets_relate_only_recent_stories(self):
        """Older than the window, a story by the same writer is not listed.

        (The window also bounds what the database reads for a writer whose
        stories are all years old.)
        """
        make_article(
            section=self.europe,
            authors=[self.lucy],
            published_at=timezone.now() - timedelta(days=60),
        )
        self.assertEqual(self.related(self.stocks), [])

    def test_a_preview_lists_public_stories_only(self):
        """An editor's preview of a draft ranks what readers will see; other drafts stay out."""
        from django.test import RequestFactory

        from articles.views import related_stories

        copper = make_article(
            section=self.americas, published_at=timezone.now() - timedelta(days=2)
        )
        draft = make_article(
            status=Article.Status.DRAFT, section=self.americas, authors=[self.ines]
        )
        make_article(status=Article.Status.DRAFT, section=self.americas, authors=[self.ines])
        article = Article.objects.for_story().get(pk=draft.pk)
        related = related_stories(RequestFactory().get("/preview/"), article)
        self.assertEqual(related, [self.canal, copper])


class RenderArticleTests(TestCase):
    """``render_article`` lets the preview show a story exactly as readers will see it."""

    def test_preview_shows_a_banner_and_is_not_indexed(self):
        from django.test import RequestFactory

        from articles.views import render_article

        draft = make_article(headline="Draft story", status=Article.Status.DRAFT)
        article = Article.objects.for_story().get(pk=draft.pk)
        request = RequestFactory().get("/preview/")
        response = render_article(request, article, preview=True)
        content = response.content.decode()
        self.assertIn("Preview — not published", content)
        self.assertIn('<meta name="robots" content="noindex, nofollow">', content)
        self.assertIn("Draft story", content)
        self.assertEqual(response["X-Robots-Tag"], "noindex")

    def test_routes_reverse(self):
        self.assertEqual(reverse("articles:home"), "/")
        self.assertEqual(
            reverse(
                "articles:detail",
                kwargs={"section": "world", "year": 2026, "month": "01", "day": "02", "slug": "s"},
            ),
            "/world/2026/01/02/s/",
        )


class StoryShareImageTests(TestCase):
    """Share cards point at the 1200×630 crop, not the full-size original."""

    def test_og_and_twitter_image_use_the_social_crop(self):
        import shutil
        import tempfile

        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.factories import make_image_bytes

        media_root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media_root, ignore_errors=True)
        with self.settings(MEDIA_ROOT=media_root):
            article = make_article(
                featured_image=SimpleUploadedFile(
                    "photo.jpg", make_image_bytes("JPEG", size=(1600, 900))
                ),
                featured_image_alt="Delegates at the summit",
            )
            response = self.client.get(article.get_absolute_url())
        stem = article.featured_image.name.rsplit(".", 1)[0]
        self.assertContains(response, '<meta property="og:image" content="http://testserver/media/')
        self.assertContains(response, f"{stem}-social.jpg")
        self.assertContains(
            response, '<meta property="og:image:alt" content="Delegates at the summit">'
        )
        # The crop's size, not the original's: apps lay the card out before
        # the picture arrives, and take a picture without it as small.
        self.assertContains(response, '<meta property="og:image:width" content="1200">', 1)
        self.assertContains(response, '<meta property="og:image:height" content="630">', 1)

    def test_an_original_without_a_crop_is_shared_at_its_stored_size(self):
        """A picture in a format we make no renditions of is shared whole, at its own size,
        read from the row: the page costs no query and no file more."""
        scan = make_article(
            featured_image="articles/scan.tiff",
            featured_image_width=800,
            featured_image_height=600,
            featured_image_alt="A scanned letter",
        )
        with self.assertNumQueries(6):
            response = self.client.get(scan.get_absolute_url())
        self.assertContains(
            response,
            '<meta property="og:image" content="http://testserver/media/articles/scan.tiff">',
        )
        self.assertContains(response, '<meta property="og:image:width" content="800">')
        self.assertContains(response, '<meta property="og:image:height" content="600">')


class PictureCreditTests(TestCase):
    """A picture's credit is apart from its caption: it read as the caption's last words."""

    def story(self, **fields):
        return make_article(
            featured_image="articles/summit.jpg",
            featured_image_width=1600,
            featured_image_height=900,
            featured_image_alt="Delegates at the summit",
            featured_image_caption="Delegates arrive for the second day of talks",
            **fields,
        )

    def test_a_bare_credit_is_printed_as_a_credit_in_an_element_of_its_own(self):
        story = self.story(featured_image_credit="Reuters/Ana Ruiz")
        with self.assertNumQueries(6):
            response = self.client.get(story.get_absolute_url())
        self.assertContains(
            response,
            "<figcaption>Delegates arrive for the second day of talks "
            '<small class="credit"><bdi>Credit:</bdi> Reuters/Ana Ruiz</small></figcaption>',
            html=True,
        )

    def test_a_credit_that_says_what_it_credits_is_printed_as_typed(self):
        credits = (
            "Photo: Ana Ruiz",
            "Illustration: Newsroom demo",
            "© AFP",
            "Graphic by Lee Chan",
            "Courtesy of the family",
        )
        for credit in credits:
            with self.subTest(credit):
                story = self.story(featured_image_credit=credit)
                response = self.client.get(story.get_absolute_url())
                self.assertContains(response, f'<small class="credit">{credit}</small>', html=True)
                self.assertNotContains(response, "Credit:")

    def test_a_credit_under_a_story_in_another_language_says_credit_in_the_sites(self):
        """Isolated (``<bdi>``), so that under a story right to left it is read first.

        In an Arabic story's caption "Credit: وكالة الأنباء" was laid out with
        the English word to the left of the Arabic name, read after it.
        """
        for language in ("fr", "ar"):
            with self.subTest(language):
                story = self.story(featured_image_credit="وكالة الأنباء", language=language)
                self.assertContains(
                    self.client.get(story.get_absolute_url()),
                    '<small class="credit"><bdi lang="en">Credit:</bdi> وكالة الأنباء</small>',
                    html=True,
                )

    def test_a_picture_without_a_credit_has_none(self):
        response = self.client.get(self.story().get_absolute_url())
        self.assertContains(
            response, "<figcaption>Delegates arrive for the second day of talks</figcaption>"
        )
        self.assertNotContains(response, 'class="credit"')


class ListImageTests(TestCase):
    """Story cards read only the columns they show; the image's stored size is one of them."""

    def test_lead_image_renders_with_its_size_without_extra_queries(self):
        import shutil
        import tempfile

        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.factories import make_image_bytes

        media_root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media_root, ignore_errors=True)
        with self.settings(MEDIA_ROOT=media_root):
            make_article(
                section=make_section(),
                featured_image=SimpleUploadedFile(
                    "lead.jpg", make_image_bytes("JPEG", size=(1600, 900))
                ),
            )
            with self.assertNumQueries(5):
                response = self.client.get("/")
        self.assertContains(response, 'width="1600" height="900"')
        self.assertContains(response, "<picture>")


class StoryTimeTests(SimpleTestCase):
    """A story's time reads as the ``date`` filter writes it, in any language and time zone.

    To the second: the filter's "c" writes microseconds, which HTML's datetime
    attribute does not allow.
    """

    def test_story_time_matches_the_date_filter(self):
        from zoneinfo import ZoneInfo

        from django.template import Context, Template
        from django.utils import translation

        from articles.templatetags.newsroom_stories import story_time

        by_filter = Template(
            "<time datetime=\"{{ when|date:'c' }}\">{{ when|date:'j M Y, H:i T' }}</time>"
        )
        moments = [
            datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
            datetime(2025, 9, 30, 23, 59, 59, 123456, tzinfo=UTC),
            datetime(999, 3, 1, 12, 0, tzinfo=UTC),
        ]
        for language in ("en", "fr", "de"):
            for zone in ("UTC", "Europe/Paris", "Asia/Kolkata"):
                with translation.override(language), timezone.override(ZoneInfo(zone)):
                    for when in moments:
                        with self.subTest(language=language, zone=zone, when=when):
                            by_the_second = re.sub(
                                r"\.\d+(?=[+-]\d\d:\d\d\")",
                                "",
                                by_filter.render(Context({"when": when})),
                            )
                            self.assertEqual(story_time(when), by_the_second)

    def test_story_time_names_the_sites_time_zone(self):
        from articles.templatetags.newsroom_stories import story_time

        when = datetime(2026, 11, 28, 0, 23, tzinfo=UTC)
        self.assertEqual(
            story_time(when),
            '<time datetime="2026-11-28T00:23:00+00:00">28 Nov 2026, 00:23 UTC</time>',
        )

    @override_settings(TIME_ZONE="Europe/Paris")
    def test_the_hour_the_clocks_go_back_reads_twice_but_not_the_same(self):
        """02:30 on 25 October 2026 happens in Paris in summer time, then in winter time.

        The date filter leaves the zone out for such an hour; the story's time names it.
        """
        from articles.templatetags.newsroom_stories import story_time

        self.assertEqual(
            story_time(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
            '<time datetime="2026-10-25T02:30:00+02:00">25 Oct 2026, 02:30 CEST</time>',
        )
        self.assertEqual(
            story_time(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
            '<time datetime="2026-10-25T02:30:00+01:00">25 Oct 2026, 02:30 CET</time>',
        )


class PrintedAddressTests(TestCase):
    """A printed story names its web address under it (shown on paper only: site.css)."""

    CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')

    def test_the_story_ends_with_its_canonical_address(self):
        story = make_article(section=make_section(name="Europe", slug="europe"))
        hosts = (("", "http://testserver"), ("news.example", "http://news.example"))
        for domain, expected in hosts:
            with self.subTest(domain=domain), self.settings(NEWSROOM_DOMAIN=domain):
                html = self.client.get(story.get_absolute_url()).content.decode()
                (canonical,) = self.CANONICAL.findall(html)
                self.assertEqual(canonical, expected + story.get_absolute_url())
                footer = html.split('<footer class="story__footer"')[1].split("</footer>")[0]
                self.assertIn(
                    f'<p class="story__address">This story online: {canonical}</p>', footer
                )

    def test_a_preview_gives_no_address(self):
        """Its story is not public, and its address may change before it is."""
        ensure_roles()
        editor = make_user("editor", staff=True, groups=[EDITORS])
        draft = make_article(status=Article.Status.DRAFT)
        link = services.create_preview_link(draft, user=editor)
        response = self.client.get(link.get_absolute_url())
        self.assertContains(response, draft.headline)
        self.assertNotContains(response, "story__address")
