"""Addresses of stories, sections, authors and sources are memoised per process.

``articles.models.cached_reverse`` keys each address on the values it is made
of, so an edit that changes an address (a new slug, a story moved to another
section) must show at once, and an address must follow the URLconf and the
script prefix it is reversed under.
"""

from django.template import Context, Template, TemplateSyntaxError
from django.templatetags.static import static
from django.test import TestCase, override_settings
from django.urls import NoReverseMatch, include, path, reverse, set_script_prefix

from articles.models import Article
from tests.factories import make_article, make_author, make_section, make_source

# A site mounted one level down, to check the memo follows ROOT_URLCONF.
urlpatterns = [
    path("desk/", include("articles.urls")),
    path("desk/", include("sections.urls")),
    path("desk/authors/", include("authors.urls")),
    path("desk/sources/", include("sources.urls")),
]


class AddressMemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = make_section(name="World", slug="world")
        cls.author = make_author(name="Ana Reporter", slug="ana-reporter")
        cls.source = make_source(name="Wire", slug="wire")
        cls.story = make_article(
            section=cls.section, slug="talks-resume", authors=[cls.author], origin=cls.source
        )

    def test_new_section_slug_shows_on_the_story_page(self):
        """Readers follow the new address in the navigation, the kicker and the story's own URL."""
        old_url = self.story.get_absolute_url()
        self.assertContains(self.client.get(old_url), 'href="/world/"')

        self.section.slug = "international"
        self.section.save()
        story = Article.objects.get(pk=self.story.pk)
        new_url = story.get_absolute_url()
        self.assertTrue(new_url.startswith("/international/"), new_url)
        self.assertRedirects(self.client.get(old_url), new_url, status_code=301)
        response = self.client.get(new_url)
        self.assertContains(response, 'href="/international/"')
        self.assertNotContains(response, 'href="/world/"')

    def test_new_author_and_source_slugs_show_on_the_story_page(self):
        url = self.story.get_absolute_url()
        response = self.client.get(url)
        self.assertContains(response, 'href="/authors/ana-reporter/"')
        self.assertContains(response, 'href="/sources/wire/"')

        self.author.slug = "ana-r"
        self.author.save()
        self.source.slug = "the-wire"
        self.source.save()
        response = self.client.get(url)
        self.assertContains(response, 'href="/authors/ana-r/"')
        self.assertContains(response, 'href="/sources/the-wire/"')
        self.assertNotContains(response, 'href="/authors/ana-reporter/"')
        self.assertNotContains(response, 'href="/sources/wire/"')

    def test_story_moved_to_another_section_gets_its_new_address(self):
        old_url = self.story.get_absolute_url()
        self.story.section = make_section(name="Business", slug="business")
        self.story.save()
        new_url = self.story.get_absolute_url()
        self.assertEqual(new_url, old_url.replace("/world/", "/business/", 1))
        self.assertRedirects(self.client.get(old_url), new_url, status_code=301)

    def test_addresses_follow_an_overridden_urlconf(self):
        story_url = self.story.get_absolute_url()
        with override_settings(ROOT_URLCONF=__name__):
            self.assertEqual(self.section.get_absolute_url(), "/desk/world/")
            self.assertEqual(self.author.get_absolute_url(), "/desk/authors/ana-reporter/")
            self.assertEqual(self.source.get_absolute_url(), "/desk/sources/wire/")
            self.assertEqual(self.story.get_absolute_url(), f"/desk{story_url}")
        self.assertEqual(self.section.get_absolute_url(), "/world/")
        self.assertEqual(self.story.get_absolute_url(), story_url)

    def test_addresses_follow_the_script_prefix(self):
        """A site served under /news/ (SCRIPT_NAME) links under /news/, and only that site."""
        self.assertEqual(self.section.get_absolute_url(), "/world/")
        set_script_prefix("/news/")
        try:
            self.assertEqual(self.section.get_absolute_url(), "/news/world/")
            self.assertEqual(self.author.get_absolute_url(), "/news/authors/ana-reporter/")
        finally:
            set_script_prefix("/")
        self.assertEqual(self.section.get_absolute_url(), "/world/")


class AddressTagTests(TestCase):
    """``{% address %}`` and ``{% static_address %}``, the memoised ``{% url %}`` and
    ``{% static %}`` of the pages and files every page links (base.html)."""

    def render(self, text):
        return Template("{% load newsroom_addresses %}" + text).render(Context({}))

    def test_gives_what_url_gives(self):
        for route in ("articles:home", "feeds:rss", "workflow:corrections", "pages:about"):
            with self.subTest(route):
                self.assertEqual(self.render(f"{{% address '{route}' %}}"), reverse(route))

    def test_follows_an_overridden_urlconf_and_the_script_prefix(self):
        self.assertEqual(self.render("{% address 'articles:search' %}"), "/search/")
        with override_settings(ROOT_URLCONF=__name__):
            self.assertEqual(self.render("{% address 'articles:search' %}"), "/desk/search/")
        set_script_prefix("/news/")
        try:
            self.assertEqual(self.render("{% address 'articles:search' %}"), "/news/search/")
        finally:
            set_script_prefix("/")

    def test_a_missing_route_raises_or_with_as_gives_nothing(self):
        """As ``{% url %}`` does: the frame's ``as`` links stay empty under a test's URLconf."""
        with override_settings(ROOT_URLCONF=__name__):
            self.assertEqual(
                self.render("{% address 'feeds:index' as feeds_url %}[{{ feeds_url }}]"), "[]"
            )
            with self.assertRaises(NoReverseMatch):
                self.render("{% address 'feeds:index' %}")

    def test_static_address_gives_what_static_gives_and_follows_static_url(self):
        self.assertEqual(self.render("{% static_address 'css/site.css' %}"), static("css/site.css"))
        with override_settings(STATIC_URL="/assets/"):
            self.assertEqual(
                self.render("{% static_address 'css/site.css' %}"), "/assets/css/site.css"
            )
        self.assertEqual(self.render("{% static_address 'css/site.css' %}"), static("css/site.css"))

    def test_refuses_arguments(self):
        with self.assertRaisesMessage(TemplateSyntaxError, "takes a route without arguments"):
            self.render("{% address 'sections:detail' slug='world' %}")
