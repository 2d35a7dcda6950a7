"""Section pages: a desk's own stories and its subsections', paginated."""

from unittest import mock

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from articles.models import Article
from articles.views import STORIES_PER_PAGE, StoryPaginator
from tests.factories import make_article, make_busy_desk, make_section


class SectionPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = make_section(
            name="World", slug="world", description="News from every continent."
        )
        cls.europe = make_section(name="Europe", slug="europe", parent=cls.world)
        cls.france = make_section(name="France", slug="france", parent=cls.europe)
        cls.business = make_section(name="Business", slug="business")
        cls.own = make_article(headline="World story", section=cls.world)
        cls.sub = make_article(headline="Europe story", section=cls.europe)
        cls.subsub = make_article(headline="France story", section=cls.france)
        cls.other = make_article(headline="Business story", section=cls.business)

    def test_shows_name_description_and_subsection_links(self):
        response = self.client.get("/world/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<h1 class="page-header__title">World</h1>', html=True)
        self.assertContains(response, "News from every continent.")
        self.assertContains(response, '<a href="/europe/">Europe</a>', html=True)
        self.assertContains(response, '<link rel="canonical" href="http://testserver/world/">')
        self.assertContains(response, '<meta property="og:title" content="World">')

    def test_a_section_without_a_public_story_is_kept_out_of_indexes(self):
        """As it is out of the sitemap: a page of "no stories" until its first one."""
        sport = make_section(name="Sport", slug="sport")
        make_article(headline="Cup draft", section=sport, status=Article.Status.DRAFT)
        empty = self.client.get("/sport/")
        self.assertContains(empty, "No stories in this section yet.")
        self.assertContains(empty, '<meta name="robots" content="noindex">')
        self.assertNotContains(self.client.get("/world/"), '<meta name="robots"')

    def test_includes_stories_of_subsections_at_any_depth(self):
        response = self.client.get("/world/")
        for headline in ("World story", "Europe story", "France story"):
            self.assertContains(response, headline)
        self.assertNotContains(response, "Business story")

    def test_cards_name_a_subsection_but_not_the_page_s_own_section(self):
        """"WORLD" above every card of /world/ only repeats the page's title."""
        page = self.client.get("/world/").content.decode()
        self.assertNotIn('<p class="kicker"><a href="/world/">World</a></p>', page)
        self.assertIn('<p class="kicker"><a href="/europe/">Europe</a></p>', page)
        self.assertIn('<p class="kicker"><a href="/france/">France</a></p>', page)
        # The home page's lists still name each story's section.
        home = self.client.get("/").content.decode()
        self.assertIn('<p class="kicker"><a href="/world/">World</a></p>', home)

    def test_subsection_page_shows_its_parent_and_only_its_stories(self):
        response = self.client.get("/europe/")
        self.assertContains(response, '<a href="/world/">World</a>', html=True)
        self.assertContains(response, "France story")
        self.assertNotContains(response, "World story")

    def test_unknown_section_is_404(self):
        self.assertEqual(self.client.get("/atlantis/").status_code, 404)

    def test_route_reverses(self):
        self.assertEqual(reverse("sections:detail", kwargs={"slug": "world"}), "/world/")


class SectionPaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World", slug="world")
        cls.stories = [make_article(section=cls.section) for _ in range(STORIES_PER_PAGE + 5)]

    def test_second_page_holds_the_older_stories(self):
        first = self.client.get("/world/")
        second = self.client.get("/world/?page=2")
        self.assertEqual(len(first.context["page"].object_list), STORIES_PER_PAGE)
        self.assertEqual(len(second.context["page"].object_list), 5)
        self.assertContains(first, 'href="?page=2" rel="next"')
        self.assertContains(second, 'href="/world/" rel="prev"')
        self.assertContains(second, '<link rel="canonical" href="http://testserver/world/?page=2">')

    def test_hostile_page_values_never_fail(self):
        """Each lands on a real page, at its own address (tests/articles/test_pagination.py)."""
        for value, expected_page in (
            ("abc", 1),
            ("-1", 1),
            ("0", 1),
            (str(10**30), 2),
            ("1e3", 1),
            ("", 1),
            ("2.5", 1),
        ):
            with self.subTest(page=value):
                response = self.client.get("/world/", {"page": value}, follow=True)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"].number, expected_page)


class DeepSectionPaginationTests(TestCase):
    """Counting stops ten pages past the one asked for, so busy sections never count all."""

    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World", slug="world")
        cls.stories = [make_article(section=cls.section) for _ in range(STORIES_PER_PAGE * 13)]

    def test_far_from_the_end_the_total_is_not_counted(self):
        with mock.patch.object(StoryPaginator, "PAGES_AHEAD", 2):
            first = self.client.get("/world/")
            deep = self.client.get("/world/?page=11")
        self.assertContains(first, "Page 1 of many")
        self.assertContains(first, 'href="?page=2" rel="next"')
        # Near the end the count reaches the real total again.
        self.assertContains(deep, "Page 11 of 13")
        # The same stories a plain OFFSET reads, in the same order.
        newest_first = Article.objects.published().filter(section=self.section)
        self.assertEqual(list(deep.context["page"].object_list), list(newest_first[200:220]))

    def test_hostile_page_number_is_clamped_without_error(self):
        response = self.client.get("/world/", {"page": str(10**30)})
        self.assertRedirects(response, "/world/?page=13")
        self.assertContains(self.client.get(response["Location"]), "Page 13 of 13")


class SectionQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tops, cls.subs, *_ = make_busy_desk(stories=40)

    def test_query_count_is_fixed(self):
        """Four queries: sections (shared with the navigation), count, stories, bylines.

        Guards against a query per story for its section or its byline
        authors, and per subsection when collecting the stories beneath.
        """
        with self.assertNumQueries(4):
            response = self.client.get(self.tops[0].get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["page"].object_list), 10)


class SectionFeedLinkTests(TestCase):
    def test_head_links_the_section_feed_and_the_site_feed(self):
        section = make_section(name="World", slug="world")
        response = self.client.get(section.get_absolute_url())
        self.assertContains(response, f'href="{reverse("feeds:section_rss", args=["world"])}"')
        self.assertContains(
            response,
            '<link rel="alternate" type="application/atom+xml" title="Newsroom: World (Atom)" '
            f'href="{reverse("feeds:section_atom", args=["world"])}">',
        )
        self.assertContains(response, f'href="{reverse("feeds:rss")}"')


class NewSectionPositionTests(TestCase):
    def test_a_new_section_is_offered_the_place_after_the_others(self):
        """Position 0 put a new, empty desk first in the navigation, before World."""
        make_section(name="World", slug="world", position=0)
        make_section(name="Science", slug="science", position=7)
        self.client.force_login(User.objects.create_superuser("chief", "chief@example.org", "x"))
        response = self.client.get(reverse("admin:sections_section_add"))
        self.assertEqual(response.context["adminform"].form.initial["position"], 8)
        # Still the editor's to change, and a link may ask for a place.
        response = self.client.get(reverse("admin:sections_section_add") + "?position=2")
        self.assertEqual(response.context["adminform"].form.initial["position"], "2")
