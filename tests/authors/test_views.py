"""Author pages: the profile and the author's published stories."""

import shutil
import tempfile
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from articles.models import Article
from articles.views import STORIES_PER_PAGE
from authors.models import AuthorLink
from tests.factories import (
    make_article,
    make_author,
    make_busy_desk,
    make_hidden_articles,
    make_image_bytes,
    make_section,
)


class AuthorPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.amira = make_author(
            name="Amira Haddad",
            slug="amira-haddad",
            job_title="Europe correspondent",
            bio="Amira Haddad covers European politics from Paris.",
            beat=cls.world,
        )
        AuthorLink.objects.create(
            author=cls.amira, label="Personal site", url="https://example.org/"
        )
        cls.hers = make_article(headline="Her story", authors=[cls.amira])
        cls.shared = make_article(headline="Shared story", authors=[make_author(), cls.amira])
        cls.not_hers = make_article(headline="Someone else's story")

    def test_shows_the_profile(self):
        response = self.client.get("/authors/amira-haddad/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, '<h1 class="page-header__title"><bdi>Amira Haddad</bdi></h1>', html=True
        )
        self.assertContains(response, "Europe correspondent")
        self.assertContains(response, "covers European politics from Paris.")
        self.assertContains(response, 'Covers <a href="/world/">World</a>')
        self.assertContains(
            response,
            '<a href="https://example.org/" rel="me noopener">Personal site</a>',
            html=True,
        )
        self.assertContains(
            response, '<link rel="canonical" href="http://testserver/authors/amira-haddad/">'
        )
        self.assertContains(response, '<meta property="og:type" content="profile">')

    def test_a_portrait_is_shared_as_a_small_card_with_its_size(self):
        """A large card would crop the head-and-shoulders photo to a 2:1 banner."""
        media_root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media_root, ignore_errors=True)
        with self.settings(MEDIA_ROOT=media_root):
            self.amira.photo = SimpleUploadedFile(
                "amira.jpg", make_image_bytes("JPEG", size=(400, 500))
            )
            self.amira.save()
            response = self.client.get(self.amira.get_absolute_url())
        self.assertContains(response, '<meta name="twitter:card" content="summary">')
        self.assertContains(response, '<meta property="og:image:width" content="400">')
        self.assertContains(response, '<meta property="og:image:height" content="500">')
        self.assertContains(response, '<meta property="og:image:alt" content="Amira Haddad">')

    def test_head_links_both_of_the_authors_feeds(self):
        response = self.client.get("/authors/amira-haddad/")
        for kind in ("rss", "atom"):
            with self.subTest(kind):
                url = reverse(f"feeds:author_{kind}", kwargs={"slug": "amira-haddad"})
                self.assertContains(response, f'href="{url}"')

    def test_lists_only_their_stories(self):
        response = self.client.get("/authors/amira-haddad/")
        self.assertContains(response, "Her story")
        self.assertContains(response, "Shared story")
        self.assertNotContains(response, "Someone else&#x27;s story")
        self.assertNotContains(response, "Someone else's story")

    def test_cards_leave_out_a_byline_that_would_only_repeat_the_page(self):
        page = self.client.get("/authors/amira-haddad/").content.decode()
        cards = {
            headline: page.split(f">{headline}</a>")[1].split("</li>")[0]
            for headline in ("Her story", "Shared story")
        }
        # Hers alone: "By Amira Haddad" under each card would repeat the heading.
        self.assertNotIn('class="byline"', cards["Her story"])
        # Shared: the byline stays whole, her name included.
        self.assertIn('class="byline"', cards["Shared story"])
        self.assertIn(">Amira Haddad</a>", cards["Shared story"])
        # Elsewhere her stories keep their byline.
        home = self.client.get("/").content.decode()
        self.assertIn(">Amira Haddad</a></span>", home.split(">Her story</a>")[1])

    def test_a_story_with_a_picture_shows_it(self):
        make_article(
            headline="Floods in the delta",
            authors=[self.amira],
            featured_image="articles/floods.jpg",
            featured_image_width=1600,
            featured_image_height=900,
        )
        page = self.client.get("/authors/amira-haddad/").content.decode()
        self.assertEqual(page.count('class="story-card__image"'), 1)
        # Drawn in the list's 12rem column: the browser picks a small rendition.
        # On a phone, as wide as the page less its 1rem margins.
        self.assertIn('sizes="(min-width: 40em) 12rem, calc(100vw - 2rem)"', page)

    def test_unknown_author_is_404(self):
        self.assertEqual(self.client.get("/authors/nobody/").status_code, 404)

    def test_an_author_goes_public_with_their_first_public_story(self):
        """Only drafts, stories in review, archived or scheduled: no page, no feed, no bio."""
        hire = make_author(name="Jane Newhire", slug="jane-newhire", bio="Embargoed hire.")
        make_hidden_articles(authors=[hire])
        paths = [
            "/authors/jane-newhire/",
            "/authors/jane-newhire/?page=2",
            reverse("feeds:author_rss", kwargs={"slug": "jane-newhire"}),
            reverse("feeds:author_atom", kwargs={"slug": "jane-newhire"}),
        ]
        for path in paths:
            with self.subTest(path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertNotContains(response, "Embargoed", status_code=404)
        make_article(headline="Her first story", authors=[hire])
        for path in paths:
            with self.subTest(path):
                # ?page=2 of a one-page list: on to the first page.
                self.assertContains(self.client.get(path, follow=True), "Her first story")

    def test_route_reverses(self):
        self.assertEqual(reverse("authors:detail", kwargs={"slug": "a"}), "/authors/a/")


class AuthorPaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = make_author(slug="prolific")
        for _ in range(STORIES_PER_PAGE + 3):
            make_article(authors=[cls.author])

    def test_pages_and_hostile_values(self):
        self.assertEqual(
            len(self.client.get("/authors/prolific/?page=2").context["page"].object_list), 3
        )
        for value in ("abc", "-1", str(10**30)):
            with self.subTest(page=value):
                response = self.client.get("/authors/prolific/", {"page": value}, follow=True)
                self.assertEqual(response.status_code, 200)


class AuthorQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        _, _, cls.authors, _, _ = make_busy_desk(stories=40)
        for n in range(3):
            AuthorLink.objects.create(
                author=cls.authors[0], label=f"Link {n}", url="https://example.org/"
            )

    def test_query_count_is_fixed(self):
        """Six queries: author with beat, links, count, stories, bylines, navigation.

        Guards against a query per story for its section or its co-authors,
        and per profile link.
        """
        with self.assertNumQueries(6):
            response = self.client.get(self.authors[0].get_absolute_url())
        self.assertGreater(len(response.context["page"].object_list), 10)


class AuthorIndexTests(TestCase):
    """/authors/: everyone with a public byline, by name, each linking to their page."""

    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(name="World", slug="world")
        cls.zoe = make_author(name="zoë Martin", slug="zoe-martin", job_title="Photographer")
        cls.amira = make_author(
            name="Amira Haddad",
            slug="amira-haddad",
            job_title="Europe correspondent",
            beat=cls.world,
            bio="A bio that belongs on her own page.",
        )
        cls.bo = make_author(name="Bo Li", slug="bo-li")
        make_article(authors=[cls.zoe])
        make_article(authors=[cls.amira, cls.bo])
        cls.hire = make_author(name="Jane Newhire", slug="jane-newhire")
        make_hidden_articles(authors=[cls.hire])
        make_author(name="Never Bylined", slug="never-bylined")

    def test_lists_public_authors_by_name_with_role_and_beat(self):
        response = self.client.get("/authors/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, '<h1 class="page-header__title">Our journalists</h1>', html=True
        )
        self.assertEqual(list(response.context["authors"]), [self.amira, self.bo, self.zoe])
        page = response.content.decode()
        self.assertLess(page.index("Amira Haddad"), page.index("Bo Li"))
        self.assertLess(page.index("Bo Li"), page.index("zoë Martin"))
        self.assertContains(
            response,
            '<h2 class="person__name">'
            '<a href="/authors/amira-haddad/" dir="auto">Amira Haddad</a></h2>',
            html=True,
        )
        self.assertContains(response, "Europe correspondent</span> · Covers World")
        self.assertNotContains(response, "A bio that belongs on her own page.")
        self.assertContains(response, '<link rel="canonical" href="http://testserver/authors/">')

    def test_an_author_without_a_public_story_is_not_listed(self):
        page = self.client.get("/authors/").content.decode()
        self.assertNotIn("Jane Newhire", page)
        self.assertNotIn("jane-newhire", page)
        self.assertNotIn("Never Bylined", page)

    def test_an_empty_desk_says_so(self):
        Article.objects.all().delete()
        self.assertContains(self.client.get("/authors/"), "No bylines yet.")

    def test_every_page_links_it_and_profiles_lead_back(self):
        home = self.client.get("/")
        self.assertContains(home, '<a href="/authors/">Our journalists</a>', html=True)
        self.assertContains(
            self.client.get("/authors/"),
            '<a href="/authors/" aria-current="page">Our journalists</a>',
            html=True,
        )
        self.assertContains(
            self.client.get("/authors/amira-haddad/"),
            '<p class="kicker"><a href="/authors/">Our journalists</a></p>',
            html=True,
        )

    def test_query_count_is_fixed(self):
        """Three queries: the count, a page of authors with their beats, the navigation."""
        for _ in range(5):
            make_article(authors=[make_author(beat=self.world)])
        with self.assertNumQueries(3):
            response = self.client.get("/authors/")
        self.assertEqual(len(response.context["authors"]), 8)

    def test_a_large_desk_is_listed_in_pages_by_name(self):
        with mock.patch("authors.views.AUTHORS_PER_PAGE", 2):
            first = self.client.get("/authors/")
            second = self.client.get("/authors/", {"page": 2})
        self.assertEqual(list(first.context["authors"]), [self.amira, self.bo])
        self.assertEqual(list(second.context["authors"]), [self.zoe])
        self.assertContains(first, 'rel="next">Next →</a>')
        self.assertContains(
            second, '<link rel="canonical" href="http://testserver/authors/?page=2">'
        )
        self.assertContains(second, "<title>Our journalists (page 2) |")


class BeatBesideJobTitleTests(TestCase):
    """The beat shows beside the job title only when the title does not already name it."""

    @classmethod
    def setUpTestData(cls):
        africa = make_section(name="Africa", slug="africa")
        middle_east = make_section(name="Middle East", slug="middle-east")
        europe = make_section(name="Europe", slug="europe")
        cls.authors = {
            "africa": make_author(
                name="Daniel Okafor", job_title="Africa correspondent", beat=africa
            ),
            "middle-east": make_author(
                name="Samir Haddad", job_title="middle east Correspondent", beat=middle_east
            ),
            # "European" is another word: the beat still says where she works.
            "european": make_author(
                name="Mara Lindqvist", job_title="European affairs editor", beat=europe
            ),
            "no-title": make_author(name="Jonas Berg", job_title="", beat=europe),
        }
        for author in cls.authors.values():
            make_article(authors=[author])

    def test_a_beat_the_job_title_names_is_left_out(self):
        self.assertIsNone(self.authors["africa"].beat_beside_title)
        self.assertIsNone(self.authors["middle-east"].beat_beside_title)
        self.assertEqual(self.authors["european"].beat_beside_title.name, "Europe")
        self.assertEqual(self.authors["no-title"].beat_beside_title.name, "Europe")

    def test_our_journalists_page(self):
        response = self.client.get("/authors/")
        for role in ("Africa correspondent", "middle east Correspondent"):
            self.assertContains(
                response, f'<p class="person__role"><span dir="auto">{role}</span></p>', html=True
            )
        self.assertContains(response, "European affairs editor</span> · Covers Europe")
        self.assertContains(response, '<p class="person__role">Covers Europe</p>', html=True)
        self.assertNotContains(response, "Covers Africa")

    def test_an_author_page(self):
        pages = {
            name: self.client.get(author.get_absolute_url())
            for name, author in self.authors.items()
        }
        self.assertContains(
            pages["africa"],
            '<p class="profile__role"><span dir="auto">Africa correspondent</span></p>',
            html=True,
        )
        self.assertNotContains(pages["africa"], "Covers <a")
        self.assertNotContains(pages["middle-east"], "Covers <a")
        self.assertContains(
            pages["european"],
            'European affairs editor</span> · Covers <a href="/europe/">Europe</a>',
        )
        self.assertContains(
            pages["no-title"],
            '<p class="profile__role">Covers <a href="/europe/">Europe</a></p>',
            html=True,
        )


class RightToLeftProfileTests(TestCase):
    """An Arabic writer's name, role and bio took the English page's direction: the
    bio's full stop stood at the wrong end, and "Stories by" ran into the name."""

    def test_each_name_and_text_of_the_writer_takes_its_own_direction(self):
        author = make_author(
            name="سامي الخطيب", slug="sami-al-khatib", job_title="مراسل الشرق الأوسط",
            bio="يغطي الشؤون السياسية من بيروت.",
        )
        make_article(authors=[author])
        response = self.client.get(author.get_absolute_url())
        self.assertContains(
            response, '<h1 class="page-header__title"><bdi>سامي الخطيب</bdi></h1>', html=True
        )
        self.assertContains(response, '<span dir="auto">مراسل الشرق الأوسط</span>', html=True)
        self.assertContains(
            response,
            '<div class="profile__bio" dir="auto"><p>يغطي الشؤون السياسية من بيروت.</p></div>',
            html=True,
        )
        self.assertContains(response, "Stories by <bdi>سامي الخطيب</bdi>")
        listed = self.client.get("/authors/")
        self.assertContains(listed, 'dir="auto">سامي الخطيب</a>')
