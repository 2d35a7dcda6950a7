"""The seeding command: realistic, reproducible stories that behave like edited ones."""

import re
import shutil
import tempfile
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test import SimpleTestCase, TestCase, override_settings
from django.utils import timezone

from articles import search, services
from articles.management.commands.seed_articles import SUBJECTS
from articles.management.commands.seed_articles import Command as SeedArticles
from articles.models import Article, Byline, SourceCredit, count_words
from articles.sanitiser import clean_body
from authors.models import Author
from sections.models import Section
from sources.models import Source
from tests.articles.test_search_names import THE_TRIGGERS_NAMES, stories_whose_vector_is_not
from tests.factories import make_article, make_author, make_section, make_source


def seed(**options):
    out = StringIO()
    call_command("seed_articles", stdout=out, **options)
    return out.getvalue()


class SeedingMediaMixin:
    """A class's own MEDIA_ROOT for the seeder's pictures, with DEBUG on, as it asks.

    Kept for the whole class: the stories are seeded once, in setUpTestData.
    Undone by class clean-ups, which run even when the seeding fails: a
    ``tearDownClass`` does not, and DEBUG stayed on for every later test in
    the process (a CSRF page then showed its reason, failing a test elsewhere).
    """

    @classmethod
    def setUpClass(cls):
        cls.media = tempfile.mkdtemp(prefix="newsroom-seed-test-")
        cls.addClassCleanup(shutil.rmtree, cls.media, ignore_errors=True)
        cls.media_override = override_settings(MEDIA_ROOT=cls.media, DEBUG=True)
        cls.media_override.enable()
        cls.addClassCleanup(cls.media_override.disable)
        super().setUpClass()


class SeedArticlesTests(SeedingMediaMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = seed(count=300, seed=7, batch_size=120)

    def test_creates_the_requested_number_of_stories(self):
        self.assertEqual(Article.objects.count(), 300)
        self.assertIn("Seeded 300 stories", self.output)

    def test_most_stories_are_public_and_some_are_not(self):
        """Readers see most of them; drafts, review, scheduled and archived exist too."""
        public = Article.objects.published().count()
        self.assertGreater(public, 250)
        self.assertLess(public, 300)
        self.assertTrue(Article.objects.filter(status=Article.Status.DRAFT).exists())
        self.assertFalse(
            Article.objects.filter(status=Article.Status.DRAFT, published_at__isnull=False).exists()
        )

    def test_every_story_has_a_section_and_a_byline(self):
        self.assertFalse(Article.objects.filter(section__isnull=True).exists())
        no_byline = Article.objects.annotate(n=Count("bylines")).filter(n=0)
        self.assertFalse(no_byline.exists())

    def test_stories_not_marked_original_reporting_name_their_origin(self):
        """The publish checklist needs an origin source unless the story is our own reporting."""
        without_origin = (
            Article.objects.filter(is_original_reporting=False)
            .exclude(source_credits__role=SourceCredit.Role.ORIGIN)
            .count()
        )
        self.assertEqual(without_origin, 0)
        self.assertTrue(SourceCredit.objects.filter(role=SourceCredit.Role.CITED).exists())

    def test_bodies_are_clean_and_word_counts_match(self):
        """What bulk insert skipped in save() was done by the command: same body, same count."""
        for article in Article.objects.all()[:40]:
            self.assertEqual(clean_body(article.body), article.body)
            self.assertEqual(count_words(article.body), article.word_count)
            self.assertGreater(article.word_count, 350)

    def test_the_days_the_copy_names_are_written_out(self):
        """Seeded bodies and standfirsts showed the demo's "{day}" and "{day+2}" in search
        snippets and on story pages."""
        self.assertFalse(Article.objects.filter(body__contains="{day").exists())
        self.assertFalse(Article.objects.filter(standfirst__contains="{day").exists())
        self.assertTrue(
            Article.objects.filter(body__regex=r"on (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
        )

    def test_headlines_are_grammatical(self):
        """Every subject is plural, as the verbs are ("agree on", "question"): readers
        of a seeded site saw "Central bank question a trade corridor in Oslo"."""
        for headline in Article.objects.values_list("headline", flat=True):
            subject = next(subject for subject in SUBJECTS if headline.startswith(f"{subject} "))
            self.assertTrue(subject.endswith("s"), headline)

    def test_headlines_are_set_with_typographic_apostrophes(self):
        """ "Teachers' unions" stood in lists beside the demo's "continent’s"."""
        self.assertTrue(Article.objects.filter(headline__startswith="Teachers’ unions "))
        self.assertFalse(Article.objects.filter(headline__contains="'"))

    def test_publication_times_are_spread_over_years(self):
        public = Article.objects.published()
        oldest = public.order_by("published_at").first().published_at
        newest = public.first().published_at
        self.assertGreater((newest - oldest).days, 365 * 5)
        self.assertLess(newest, timezone.now())

    def test_one_story_leads_the_home_page(self):
        self.assertEqual(Article.objects.published().filter(is_pinned=True).count(), 1)

    def test_featured_images_reference_stored_files(self):
        with_image = Article.objects.exclude(featured_image="")
        self.assertGreater(with_image.count(), 100)
        story = with_image.first()
        self.assertTrue(story.featured_image.storage.exists(story.featured_image.name))
        self.assertEqual(story.featured_image_width, 1600)

    def test_the_story_page_renders(self):
        story = Article.objects.published().first()
        response = self.client.get(story.get_absolute_url())
        self.assertContains(response, story.headline)

    def test_a_deep_section_page_exists(self):
        """Times step back evenly, so the busiest section has several pages."""
        busiest = (
            Article.objects.published()
            .values("section__slug")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        response = self.client.get(f"/{busiest['section__slug']}/?page=2")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["page"].number, 2)

    def test_same_seed_twice_is_refused(self):
        with self.assertRaisesMessage(CommandError, "already here"):
            seed(count=10, seed=7)

    def test_another_seed_adds_stories(self):
        seed(count=20, seed=8)
        self.assertEqual(Article.objects.count(), 320)

    def test_the_same_seed_gives_the_same_stories(self):
        first = list(Article.objects.order_by("slug").values_list("slug", "body", "section"))
        bylines = list(
            Byline.objects.order_by("article__slug", "position").values_list(
                "article__slug", "author__slug"
            )
        )
        Article.objects.all().delete()
        seed(count=300, seed=7, batch_size=50)
        self.assertEqual(
            list(Article.objects.order_by("slug").values_list("slug", "body", "section")), first
        )
        self.assertEqual(
            list(
                Byline.objects.order_by("article__slug", "position").values_list(
                    "article__slug", "author__slug"
                )
            ),
            bylines,
        )

    def test_the_demo_agencies_get_their_other_names(self):
        """As load_demo gives them: the seed stopped with a TypeError once the demo's
        agencies had other names, on any database without the demo loaded."""
        self.assertEqual(Source.objects.named("CPA").name, "Continental Press Agency")
        meridian = Source.objects.get(name="Meridian News Service")
        self.assertEqual([other.name for other in meridian.other_names.all()], ["MNS", "Meridian"])

    def test_search_vector_is_filled_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("The search vector is a PostgreSQL feature.")
        self.assertFalse(Article.objects.filter(search_vector__isnull=True).exists())

    def test_seeded_vectors_are_what_the_trigger_computes(self):
        """Vectors assembled from per-variant parts equal the trigger's, row for row,
        the names on the bylines and credits included (migration 0024)."""
        if connection.vendor != "postgresql":
            self.skipTest("The search vector is a PostgreSQL feature.")
        self.assertEqual(stories_whose_vector_is_not(THE_TRIGGERS_NAMES), 0)

    def test_seeded_stories_are_found_by_their_writers_and_sources(self):
        story = Article.objects.published().filter(source_credits__isnull=False).first()
        writer = story.bylines.first().author.name
        source = story.source_credits.first().source.name
        self.assertIn(story, search.search(f'"{writer}" "{source}" {story.headline}'))

    def test_seeded_stories_are_found_by_their_sources_other_names(self):
        """The demo agency's "CPA" finds the stories credited to it (migration 0031)."""
        agency = Source.objects.named("CPA")
        story = Article.objects.published().filter(source_credits__source=agency).first()
        self.assertIn(story, search.search(f"CPA {story.headline}"))

    def test_the_seed_leaves_bylines_refreshing_vectors(self):
        """The opt-in ends with each batch: a later byline puts its name in the index."""
        if connection.vendor != "postgresql":
            self.skipTest("The search vector is a PostgreSQL feature.")
        story = Article.objects.published().order_by("pk")[3]
        Byline.objects.create(
            article=story, author=make_author(name="Zebulon Quartermain"), position=9
        )
        self.assertEqual(list(search.search("quartermain")), [story])

    def test_seeded_stories_are_found_by_search(self):
        """A reader searching for a seeded story's headline finds it on the first page."""
        story = Article.objects.published().order_by("pk")[5]
        self.assertIn(story, search.search(story.headline)[:10])
        self.assertGreater(len(search.search("ceasefire")), 0)

    def test_the_seed_leaves_the_trigger_computing_vectors(self):
        """The opt-in ends with each batch: a later ordinary insert gets a fresh vector."""
        if connection.vendor != "postgresql":
            self.skipTest("The search vector is a PostgreSQL feature.")
        story = make_article(headline="Zeppelin lands", search_vector="'stale':1A")
        self.assertEqual(list(search.search("zeppelin")), [story])
        self.assertEqual(list(search.search("stale")), [])

    @override_settings(DEBUG=False)
    def test_refuses_without_debug(self):
        with self.assertRaisesMessage(CommandError, "DEBUG"):
            seed(count=5, seed=99)

    def test_bad_options_are_refused_before_anything_is_written(self):
        for options, message in (
            ({"count": -5}, "--count must be 1 or more (it is -5)."),
            ({"batch_size": 0}, "--batch-size must be 1 or more (it is 0)."),
            ({"workers": 0}, "--workers must be 1 or more (it is 0)."),
            ({"years": -1}, "--years must be more than 0"),
            # "1e9" and "3000" overflowed Python's dates; 300 dated stories in the 1700s.
            ({"years": 1e9}, "--years must be more than 0 and at most 100"),
            ({"years": 300}, "--years must be more than 0 and at most 100 (it is 300)"),
            ({"years": float("inf")}, "--years must be more than 0 and at most 100"),
            ({"authors": 0}, "--authors must be 1 or more (it is 0): stories need both"),
            ({"sources": -1}, "--sources must be 1 or more (it is -1): stories need both"),
        ):
            with self.subTest(options), self.assertRaisesMessage(CommandError, message):
                seed(**{"count": 3, "seed": 98, **options})
        self.assertFalse(Article.objects.filter(slug__endswith="-s98-0").exists())


class SeedOverRenamedDemoRowsTests(SeedingMediaMixin, TestCase):
    """A demo section, writer or source the desk renamed is used, not made again.

    A demo source whose slug an editor changed stopped the command: it was
    made again at its demo slug under its name, which is unique
    (IntegrityError). A section or writer renamed so was made again beside
    the desk's, a second "World" in the navigation.
    """

    @classmethod
    def setUpTestData(cls):
        # The demo's rows as the desk left them: new slugs, some new names.
        cls.agency = make_source(name="Continental Press Agency", slug="cpa")
        cls.outlet = make_source(name="BALTIC HERALD", slug="riga-herald")
        cls.writer = make_author(name="mara lindqvist", slug="mlindqvist")
        cls.world = make_section(name="International", slug="international")
        world = Section(name="World", slug="world")
        # Renamed in the admin once it had public stories: its old page redirects.
        services.keep_section_addresses(world, cls.world)
        cls.output = seed(count=40, seed=11, batch_size=40)

    def test_the_seed_runs(self):
        self.assertIn("Seeded 40 stories", self.output)
        self.assertEqual(Article.objects.count(), 40)

    def test_the_desks_sources_are_used_and_none_made_again(self):
        self.assertEqual(Source.objects.get(name="Continental Press Agency"), self.agency)
        self.assertEqual(Source.objects.named("Baltic Herald"), self.outlet)
        self.assertEqual(Source.objects.count(), 40)

    def test_the_desks_writers_are_used_and_none_made_again(self):
        self.assertEqual(Author.objects.get(name__iexact="Mara Lindqvist"), self.writer)
        self.assertEqual(Author.objects.count(), 60)

    def test_a_section_renamed_in_the_admin_is_used_and_not_made_again(self):
        self.assertFalse(Section.objects.filter(slug="world").exists())
        self.assertEqual(Section.objects.get(slug="europe").parent, self.world)
        # Stories are filed under it, as under any other.
        self.assertIn(self.world, {article.section for article in Article.objects.all()})


class SeedArticlesHelpTests(SimpleTestCase):
    def test_help_names_every_default(self):
        """--help showed no defaults: how many stories, authors or years a bare run makes."""
        parser = SeedArticles().create_parser("manage.py", "seed_articles")
        # argparse wraps help to the terminal's width: read it as one line, from the options on.
        options = " ".join(parser.format_help().split()).split("options:")[1]
        for option, default in (
            ("--count", 1000),
            ("--seed", 1),
            ("--batch-size", 2000),
            ("--years", 8),
            ("--authors", 60),
            ("--sources", 40),
        ):
            with self.subTest(option):
                described = re.search(rf" {option} [A-Z_]+ (.*?)(?= --|$)", options).group(1)
                self.assertIn(f"default: {default})", described)
