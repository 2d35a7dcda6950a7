"""Which pictures a reader's page fetches at once, and which first.

On a phone the first story's picture of a section's or a writer's page is the
page's largest paint: lazy loading held it back until the layout was done
(LCP about 1.1 s on a throttled phone, 0.8 s fetched at once and first). The
pictures further down still load as the reader nears them.
"""

from html.parser import HTMLParser

from django.test import TestCase
from django.utils import timezone

from articles.views import STORIES_PER_PAGE
from tests.factories import make_article, make_author, make_section


def pictures(html):
    """The attributes of each ``<img>`` in ``html``, in page order, by its ``src``."""
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                found.append(dict(attrs))

    Collect().feed(html)
    return found


def story_pictures(response):
    """The featured pictures of the story cards on a page, in order."""
    return [img for img in pictures(response.content.decode()) if "/articles/" in img["src"]]


def make_story_with_picture(n, **fields):
    return make_article(
        headline=f"Story {n}",
        featured_image=f"articles/story-{n}.jpg",
        featured_image_width=1600,
        featured_image_height=900,
        **fields,
    )


class ListPagePictureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.europe = make_section(name="Europe", slug="europe")
        cls.writer = make_author(
            name="Amira Haddad",
            slug="amira-haddad",
            photo="authors/amira.jpg",
            photo_width=400,
            photo_height=400,
        )
        for n in range(STORIES_PER_PAGE + 3):
            make_story_with_picture(n, section=cls.europe, authors=[cls.writer])

    def assert_first_picture_comes_first(self, response):
        first, *rest = story_pictures(response)
        self.assertEqual(first["loading"], "eager")
        self.assertEqual(first["fetchpriority"], "high")
        self.assertEqual(len(rest), STORIES_PER_PAGE - 1)
        for later in rest:
            self.assertEqual(later["loading"], "lazy")
            self.assertNotIn("fetchpriority", later)

    def assert_every_picture_waits(self, response):
        later = story_pictures(response)
        self.assertEqual(len(later), 3)
        for img in later:
            self.assertEqual(img["loading"], "lazy")
            self.assertNotIn("fetchpriority", img)

    def test_a_sections_first_page_fetches_its_first_picture_first(self):
        with self.assertNumQueries(4):  # as pinned in tests/sections/test_views.py
            response = self.client.get("/europe/")
        self.assert_first_picture_comes_first(response)

    def test_a_sections_later_pages_wait_for_the_reader(self):
        """Page 2 opens on its first story too, but it is no page's first view to speed up."""
        self.assert_every_picture_waits(self.client.get("/europe/?page=2"))

    def test_a_writers_first_page_fetches_its_first_picture_first(self):
        response = self.client.get(self.writer.get_absolute_url())
        self.assert_first_picture_comes_first(response)
        # The small photo above is on screen too, but it is not the largest
        # paint: one picture asks to come first.
        photo = next(img for img in pictures(response.content.decode()) if "amira" in img["src"])
        self.assertEqual(photo["loading"], "eager")
        self.assertNotIn("fetchpriority", photo)
        self.assertEqual(response.content.decode().count('fetchpriority="high"'), 1)

    def test_a_writers_later_pages_wait_for_the_reader(self):
        self.assert_every_picture_waits(self.client.get(self.writer.get_absolute_url() + "?page=2"))

    def test_a_first_story_without_a_picture_leaves_the_next_lazy(self):
        """The next card's picture is lower down, maybe off a phone's screen: it waits."""
        make_article(
            headline="Newest, no picture", section=self.europe, published_at=timezone.now()
        )
        response = self.client.get("/europe/")
        self.assertEqual(response.context["page"].object_list[0].headline, "Newest, no picture")
        for img in story_pictures(response):
            self.assertEqual(img["loading"], "lazy")


class FrontPagePictureTests(TestCase):
    def test_the_lead_comes_first_and_the_picture_beside_it_loads_at_once(self):
        """On a desktop the top card beside the lead is on screen as the page opens."""
        world = make_section(name="World", slug="world")
        for n in range(8):
            make_story_with_picture(n, section=world)
        with self.assertNumQueries(5):  # as pinned in tests/articles/test_views.py
            response = self.client.get("/")
        html = response.content.decode()
        lead = html.split('class="front__lead"')[1].split('class="front__top')[0]
        beside = html.split("front__top--beside")[1].split("</ol>")[0]
        (lead_picture,) = pictures(lead)
        self.assertEqual(lead_picture["loading"], "eager")
        self.assertEqual(lead_picture["fetchpriority"], "high")
        (beside_picture,) = pictures(beside)
        self.assertEqual(beside_picture["loading"], "eager")
        self.assertNotIn("fetchpriority", beside_picture)
        self.assertEqual(html.count('fetchpriority="high"'), 1)


class StoryPagePictureTests(TestCase):
    def test_the_storys_own_picture_comes_first(self):
        story = make_story_with_picture(1)
        (top,) = story_pictures(self.client.get(story.get_absolute_url()))
        self.assertEqual((top["loading"], top["fetchpriority"]), ("eager", "high"))
