import re
import shutil
import tempfile
from datetime import datetime, time, timedelta
from io import StringIO
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from reversion.models import Version

from articles import services
from articles.models import Article, Byline, Correction, SourceCredit, StatusChange
from authors.models import Author, AuthorLink
from sections.models import Section
from sources.models import OtherName, Source
from tests.articles.test_admin_workflow import form_fields

PASSWORD = re.compile(r"password: (\S+)")


def row_counts():
    models = [
        Section,
        Author,
        AuthorLink,
        Source,
        OtherName,
        Article,
        Byline,
        SourceCredit,
        Correction,
        StatusChange,
        get_user_model(),
    ]
    return {model.__name__: model.objects.count() for model in models}


class DemoTestCase(TestCase):
    """The demo's pictures go to a folder of the class's own, removed after it.

    Not one folder for the module: test classes run in parallel processes, and
    one class's clean-up removed the pictures another was reading.
    """

    @classmethod
    def setUpClass(cls):
        media_root = tempfile.mkdtemp(prefix="newsroom-demo-test-")
        cls.addClassCleanup(shutil.rmtree, media_root, ignore_errors=True)
        demo_settings = override_settings(DEBUG=True, MEDIA_ROOT=media_root)
        demo_settings.enable()
        cls.addClassCleanup(demo_settings.disable)
        super().setUpClass()


class LoadDemoTests(DemoTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first_output = cls.load()
        cls.counts_after_first_run = row_counts()
        cls.second_output = cls.load()

    @staticmethod
    def load(*args):
        out = StringIO()
        call_command("load_demo", *args, stdout=out)
        return out.getvalue()

    def test_running_twice_leaves_the_same_rows(self):
        self.assertEqual(row_counts(), self.counts_after_first_run)

    def test_loads_a_full_newsroom(self):
        self.assertGreaterEqual(Article.objects.count(), 12)
        self.assertGreaterEqual(Author.objects.count(), 4)
        self.assertEqual(Source.objects.count(), 6)
        world = Section.objects.get(slug="world")
        self.assertEqual(
            set(world.children.values_list("name", flat=True)),
            {"Europe", "Africa", "Americas", "Asia-Pacific", "Middle East"},
        )
        self.assertTrue(
            Author.objects.exclude(bio="").exclude(job_title="").filter(beat__isnull=False).count()
            >= 4
        )

    def test_the_agencies_have_the_short_names_their_copy_signs_with(self):
        self.assertEqual(Source.objects.named("CPA").slug, "continental-press-agency")
        self.assertEqual(
            list(
                Source.objects.get(slug="meridian-news-service").other_names.values_list(
                    "name", flat=True
                )
            ),
            ["MNS", "Meridian"],
        )

    def test_stories_show_the_workflow(self):
        """Mostly public, one lead, one scheduled for later, one draft."""
        self.assertGreaterEqual(Article.objects.published().count(), 10)
        self.assertEqual(Article.objects.scheduled().count(), 1)
        self.assertEqual(Article.objects.filter(status=Article.Status.DRAFT).count(), 1)
        self.assertEqual(Article.objects.published().filter(is_pinned=True).count(), 1)
        days = {a.published_at.date() for a in Article.objects.published()}
        self.assertGreaterEqual(len(days), 2, "published_at is spread over several days")

    def test_stories_are_complete_news_copy(self):
        for article in Article.objects.all():
            with self.subTest(article.slug):
                self.assertTrue(300 <= article.word_count <= 700, article.word_count)
                self.assertIn("<h2>", article.body)
                self.assertIn("<blockquote>", article.body)
                self.assertTrue(article.dateline and article.standfirst)
                self.assertEqual(
                    article.source_credits.filter(role=SourceCredit.Role.ORIGIN).count(), 1
                )
                self.assertTrue(article.source_credits.filter(role=SourceCredit.Role.CITED))

    def test_the_copy_is_set_with_typographic_quotes(self):
        """Curly double quotes with straight apostrophes ("summit's") read as two hands."""
        for article in Article.objects.all():
            for field in ("headline", "standfirst", "body", "featured_image_caption"):
                with self.subTest(article.slug, field=field):
                    self.assertNotRegex(strip_tags(getattr(article, field)), r"\w'|'\w|\"")

    def test_the_days_a_story_names_follow_its_date(self):
        """A story dated Saturday said leaders "agreed early on Friday"."""
        for article in Article.objects.all():
            with self.subTest(article.slug):
                self.assertNotIn("{day", article.body + article.standfirst)
        lead = Article.objects.get(slug="eu-leaders-agree-emergency-energy-pact")
        day = timezone.localdate(lead.published_at)
        self.assertIn(f"agreed early on {day:%A} to pool", lead.body)
        ceasefire = Article.objects.get(standfirst__contains="lasting truce")
        later = timezone.localdate(ceasefire.published_at) + timedelta(days=2)
        self.assertIn(f"will begin on {later:%A}.", ceasefire.standfirst)

    def test_several_stories_have_two_bylines_in_order(self):
        two = Article.objects.annotate(n=Count("bylines")).filter(n=2)
        self.assertGreaterEqual(two.count(), 3)
        lead = Article.objects.get(slug="eu-leaders-agree-emergency-energy-pact")
        self.assertEqual(
            [b.author.name for b in lead.bylines.all()], ["Mara Lindqvist", "Lucy Fairweather"]
        )

    def test_images_are_attached_with_alt_caption_and_credit(self):
        illustrated = Article.objects.exclude(featured_image="")
        self.assertGreaterEqual(illustrated.count(), 3)
        # Stored in the row, not read from the file as the story is loaded: the
        # picture tag needs them, and a page must not open every image file.
        self.assertEqual(
            set(illustrated.values_list("featured_image_width", "featured_image_height")),
            {(1600, 900)},
        )
        for article in illustrated:
            with self.subTest(article.slug):
                self.assertTrue(article.featured_image.storage.exists(article.featured_image.name))
                self.assertEqual(
                    (article.featured_image_width, article.featured_image_height), (1600, 900)
                )
                self.assertTrue(article.featured_image_alt)
                self.assertTrue(article.featured_image_caption)
                self.assertTrue(article.featured_image_credit)

    def test_second_run_keeps_the_images_it_made(self):
        def image_names():
            illustrated = Article.objects.exclude(featured_image="")
            return set(illustrated.values_list("featured_image", flat=True))

        names = image_names()
        self.load()
        self.assertEqual(image_names(), names)

    def test_printed_password_logs_the_editor_in(self):
        password = PASSWORD.search(self.first_output).group(1)
        self.assertTrue(self.client.login(username="editor", password=password))
        self.assertEqual(self.client.get("/admin/articles/article/").status_code, 200)

    def test_second_run_keeps_the_password_and_says_so(self):
        self.assertIsNone(PASSWORD.search(self.second_output))
        self.assertIn("already exists", self.second_output)

    def test_reset_password_prints_a_new_working_password(self):
        old = PASSWORD.search(self.first_output).group(1)
        new = PASSWORD.search(self.load("--reset-password")).group(1)
        self.assertNotEqual(new, old)
        self.assertFalse(self.client.login(username="editor", password=old))
        self.assertTrue(self.client.login(username="editor", password=new))

    def test_the_writer_writes_and_submits_the_draft_and_may_not_publish(self):
        """Trying a writer's day needed a superuser to make the account first."""
        found = re.search(r"Demo writer login: password: (\S+)", self.first_output)
        self.assertIn("Demo writer login: username: writer", self.first_output)
        self.assertTrue(self.client.login(username="writer", password=found.group(1)))
        writer = get_user_model().objects.get(username="writer")
        self.assertEqual(list(writer.groups.values_list("name", flat=True)), ["Writers"])
        self.assertFalse(writer.is_superuser)
        self.assertEqual(writer.author.slug, "samir-haddad")
        draft = Article.objects.get(status=Article.Status.DRAFT)
        page = self.client.get(f"/admin/articles/article/{draft.pk}/change/")
        self.assertContains(page, "Save and submit for review")
        self.assertNotContains(page, "Save and publish")
        # A second run keeps both passwords, and --reset-password renews both.
        self.assertIn("The demo writer account “writer” already exists", self.second_output)
        renewed = self.load("--reset-password")
        self.assertIn("Demo writer login: password: ", renewed)
        self.assertFalse(self.client.login(username="writer", password=found.group(1)))

    def test_editor_is_an_editor_linked_to_an_author(self):
        editor = get_user_model().objects.get(username="editor")
        self.assertTrue(editor.is_staff)
        self.assertFalse(editor.is_superuser)
        self.assertTrue(editor.groups.filter(name="Editors").exists())
        self.assertTrue(editor.has_perm("articles.publish_article"))
        self.assertEqual(editor.author.slug, "mara-lindqvist")

    def test_each_account_is_named_as_its_author(self):
        """Both were "Demo": the admin said "Welcome, Demo" to either, so two people
        at one screen could not tell who was signed in."""
        for username in ("editor", "writer"):
            with self.subTest(username):
                user = get_user_model().objects.get(username=username)
                self.assertEqual(user.get_full_name(), user.author.name)
                self.client.force_login(user)
                welcome = f"<strong>{user.first_name}</strong>"
                self.assertContains(self.client.get("/admin/"), welcome)

    def test_published_stories_went_through_the_workflow(self):
        """Each public or scheduled story has exactly one publish record, even after two runs."""
        for article in Article.objects.filter(status=Article.Status.PUBLISHED):
            with self.subTest(article.slug):
                self.assertEqual(
                    article.status_changes.filter(to_status=Article.Status.PUBLISHED).count(), 1
                )

    def test_each_story_history_starts_with_the_demo_copy_once(self):
        """A story has a first version to compare edits with, and a second run adds none."""
        for article in Article.objects.all():
            with self.subTest(article.slug):
                version = Version.objects.get_for_object(article).get()
                self.assertEqual(version.revision.comment, "Loaded as demo content")
                self.assertEqual(version.revision.user, article.created_by)
                self.assertEqual(version.field_dict["headline"], article.headline)
                followed = version.revision.version_set.filter(content_type__model="byline").count()
                self.assertEqual(followed, article.bylines.count())

    def test_related_stories_under_a_story_are_related_to_it(self):
        """Not the latest news under every story, as a reader found them.

        The Panama Canal story lists the other Americas story first, although
        stories on other desks sharing only the agency credited on nearly
        every story are newer; the Business story lists stories by its writer
        or from its newspaper only.
        """
        canal = Article.objects.get(slug="canal-limits-crossings-as-reservoir-levels-fall")
        related = self.client.get(canal.get_absolute_url()).context["related_stories"]
        self.assertEqual(related[0].slug, "copper-miners-strike-over-water-rights")

        stocks = Article.objects.get(slug="stocks-slide-as-central-bank-signals-longer-pause")
        related = self.client.get(stocks.get_absolute_url()).context["related_stories"]
        self.assertEqual(len(related), 4)
        for story in related:
            with self.subTest(story.slug):
                shared = {*story.authors.values_list("slug", flat=True)}
                shared |= {*story.sources.values_list("slug", flat=True)}
                self.assertTrue(shared & {"lucy-fairweather", "the-northern-ledger"}, shared)

    @override_settings(DEBUG=False)
    def test_refuses_without_debug(self):
        with self.assertRaisesMessage(CommandError, "DEBUG"):
            self.load()

    @override_settings(DEBUG=False)
    def test_force_runs_without_debug(self):
        self.assertIn("no demo content was added", self.load("--force"))
        Article.objects.all().delete()
        self.assertIn("Demo loaded", self.load("--force"))

    def test_the_writers_draft_is_the_writers(self):
        """The draft on Samir Haddad's byline was recorded as the editor's: it was in the
        editor's "My drafts" as well as the writer's."""
        draft = Article.objects.get(status=Article.Status.DRAFT)
        self.assertEqual(draft.created_by.username, "writer")
        self.assertEqual(
            Article.objects.get(slug="eu-leaders-agree-emergency-energy-pact").created_by.username,
            "editor",
        )


class ReloadAfterTheDeskTests(DemoTestCase):
    """``make run`` loads the demo on every start: it must not undo, or trip over, the desk."""

    def test_a_second_run_keeps_the_desks_edits_and_renames_and_adds_nothing(self):
        """A story or section renamed in the admin was made again at its old slug (a
        second "Science" in the navigation; a story refused at another's old address,
        which stopped ``make run``), and an edited headline or an added byline was undone."""
        LoadDemoTests.load()
        volcano = Article.objects.get(slug="volcano-eruption-forces-evacuation-on-talabu")
        # Renamed as the desk renames: through the admin, which keeps the old address.
        self.client.force_login(get_user_model().objects.get(username="editor"))
        url = reverse("admin:articles_article_change", args=[volcano.pk])
        response = self.client.post(
            url, {**form_fields(self.client.get(url)), "slug": "volcano-talabu-renamed"}
        )
        self.assertEqual(response.status_code, 302)
        Section.objects.filter(slug="science").update(slug="sciences")
        lead = Article.objects.get(slug="eu-leaders-agree-emergency-energy-pact")
        lead.headline = "EU leaders agree energy pact"
        lead.save()
        added = Author.objects.exclude(bylines__article=lead).first()
        Byline.objects.create(article=lead, author=added, position=5)
        counts = row_counts()

        output = LoadDemoTests.load()

        self.assertIn("The newsroom has stories already: no demo content was added", output)
        self.assertEqual(row_counts(), counts)
        self.assertFalse(Section.objects.filter(slug="science").exists())
        self.assertFalse(
            Article.objects.filter(slug="volcano-eruption-forces-evacuation-on-talabu").exists()
        )
        lead.refresh_from_db()
        self.assertEqual(lead.headline, "EU leaders agree energy pact")
        self.assertIn(added, lead.authors.all())

    def test_a_second_run_dates_the_published_demo_stories_afresh(self):
        """The demo's clock: its front page looks current, and the scheduled story stays ahead."""
        LoadDemoTests.load()
        Article.objects.update(published_at=timezone.now() - timedelta(days=30))
        Article.objects.filter(status=Article.Status.DRAFT).update(published_at=None)
        output = LoadDemoTests.load()
        dated = Article.objects.filter(status=Article.Status.PUBLISHED).count()
        self.assertIn(f"{dated} published demo stories were dated afresh.", output)
        lead = Article.objects.get(slug="eu-leaders-agree-emergency-energy-pact")
        self.assertGreater(lead.published_at, timezone.now() - timedelta(days=1))
        self.assertEqual(Article.objects.scheduled().count(), 1)

    def test_a_run_on_a_later_day_names_the_days_of_the_new_dates(self):
        """A story dated Wednesday still said leaders "agreed early on Sunday": the
        days its copy names followed its first date. Not in copy the desk rewrote."""
        LoadDemoTests.load()
        ceasefire = Article.objects.get(standfirst__contains="lasting truce")
        body = ceasefire.body
        ceasefire.standfirst = "Rewritten by the desk on Sunday."
        ceasefire.save()
        later = timezone.now() + timedelta(days=3)
        with mock.patch("django.utils.timezone.now", return_value=later):
            LoadDemoTests.load()
        lead = Article.objects.get(slug="eu-leaders-agree-emergency-energy-pact")
        day = timezone.localdate(lead.published_at)
        self.assertGreater(lead.published_at, later - timedelta(days=1))
        self.assertIn(f"agreed early on {day:%A} to pool", lead.body)
        ceasefire.refresh_from_db()
        self.assertEqual(ceasefire.standfirst, "Rewritten by the desk on Sunday.")
        # Nor its body: with one rewritten, the two would name different days.
        self.assertEqual(ceasefire.body, body)

    def test_a_second_run_leaves_archived_and_unpublished_stories_as_they_are(self):
        LoadDemoTests.load()
        archived, unpublished = Article.objects.filter(status=Article.Status.PUBLISHED)[:2]
        services.archive(archived, user=None, note="Legal takedown.")
        services.unpublish(unpublished, user=None, note="Pending review.")
        moves = StatusChange.objects.count()
        output = LoadDemoTests.load()
        archived.refresh_from_db()
        unpublished.refresh_from_db()
        self.assertEqual(archived.status, Article.Status.ARCHIVED)
        self.assertEqual(unpublished.status, Article.Status.DRAFT)
        self.assertEqual(StatusChange.objects.count(), moves)
        self.assertIn(f"Left “{archived.headline}” archived, as the desk left it.", output)



class DemoDatesTests(DemoTestCase):
    def test_the_markets_story_is_dated_on_a_trading_day(self):
        """Loaded on a Monday evening, the demo said "European stock markets had their
        worst day in six weeks on Sunday": its time, 30 hours back, was a Sunday."""
        today = timezone.localdate()
        monday = today + timedelta(days=7 - today.weekday())
        monday_evening = timezone.make_aware(datetime.combine(monday, time(18)))
        # Its first load, and a later one that dates the demo afresh (on a Sunday evening).
        for now in (monday_evening, monday_evening + timedelta(days=6)):
            with self.subTest(now=now), mock.patch("django.utils.timezone.now", return_value=now):
                LoadDemoTests.load()
                story = Article.objects.get(
                    slug="stocks-slide-as-central-bank-signals-longer-pause"
                )
                day = timezone.localdate(story.published_at)
                self.assertEqual(f"{day:%A}", "Friday")
                self.assertIn("worst day in six weeks on Friday after", story.body)
                self.assertTrue(story in Article.objects.published())
        # Another day's story keeps its weekend date.
        lead = Article.objects.get(slug="eu-leaders-agree-emergency-energy-pact")
        self.assertEqual(f"{timezone.localdate(lead.published_at):%A}", "Sunday")


class DemoBesideTheDesksSourcesTests(DemoTestCase):
    def test_a_short_name_the_desk_gave_a_source_of_its_own_stays_its_own(self):
        """A name is one source's only: the demo agency goes without it, and loads."""
        desk = Source.objects.create(name="Caribbean Press Association", slug="caribbean-pa")
        OtherName.objects.create(source=desk, name="CPA")
        LoadDemoTests.load()
        self.assertEqual(Source.objects.named("CPA"), desk)
        self.assertFalse(
            Source.objects.get(slug="continental-press-agency").other_names.exists()
        )
