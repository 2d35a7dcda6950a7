"""A source's home page is an address readers can open.

The form took "ftp://…" and "http://localhost/…" (Django's URL check allows
both): the source page then linked readers to a file server or to their own
machine. It took a user name and password before the host too, which browsers
warn about and the page published. Author profile links share the field
(tests/authors/test_links.py).
"""

from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

from sources.models import Source
from tests.articles.test_admin_workflow import form_fields
from tests.articles.test_structured_data import json_ld_blocks
from tests.factories import make_article, make_source, make_user
from tests.sources.test_slugs import ADD_URL, source_form

# Addresses readers cannot open, and a word of what each refusal says.
UNREACHABLE = (
    ("ftp://files.kestrel-wire.example/wire.txt", "not “ftp:”"),
    ("mailto:desk@kestrel-wire.example", "not “mailto:”"),
    ("javascript:alert(1)", "not “javascript:”"),
    ("http://localhost/kestrel", "“localhost” is not on the public internet"),
    ("http://localhost:8000/", "“localhost” is not on the public internet"),
    ("http://cms.localhost/", "“cms.localhost” is not on the public internet"),
    ("http://newsdesk.local/", "“newsdesk.local” is not on the public internet"),
    ("http://wire.internal/", "“wire.internal” is not on the public internet"),
    ("http://127.0.0.1/", "“127.0.0.1” is not on the public internet"),
    ("http://10.1.2.3/kestrel", "“10.1.2.3” is not on the public internet"),
    ("https://192.168.0.20/", "“192.168.0.20” is not on the public internet"),
    ("http://[::1]/", "“::1” is not on the public internet"),
    # A password published to every reader; a name before "@" that is not the host.
    ("https://desk:s3cret@kestrelwire.com/", "without the user name and password"),
    ("https://desk@kestrelwire.com/wire", "without the user name and password"),
    ("https://kestrelwire.com@kestrel-wire.example/", "without the user name and password"),
)

# Public addresses: names with a dot (the demo's reserved ".example" ones
# too), a public IP address, and capitals.
REACHABLE = (
    "https://www.kestrel-wire.example/",
    "https://kestrelwire.com/en/about?lang=en",
    "http://93.184.216.34/",
    "HTTPS://KESTRELWIRE.COM/",
)


class SourceHomePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)

    def setUp(self):
        self.client.force_login(self.chief)

    def test_an_address_readers_cannot_open_is_refused_saying_why(self):
        for url, said in UNREACHABLE:
            with self.subTest(url):
                response = self.client.post(
                    ADD_URL, source_form(name="Kestrel Wire", slug="kestrel-wire", url=url)
                )
                self.assertEqual(response.status_code, 200)
                errors = response.context["adminform"].form.errors["url"]
                self.assertEqual(len(errors), 1, errors)
                self.assertIn(said, errors[0])
        self.assertFalse(Source.objects.filter(slug="kestrel-wire").exists())

    def test_a_public_address_is_saved_and_linked(self):
        for number, url in enumerate(REACHABLE):
            with self.subTest(url):
                slug = f"kestrel-{number}"
                response = self.client.post(
                    ADD_URL, source_form(name=f"Kestrel {number}", slug=slug, url=url)
                )
                self.assertEqual(response.status_code, 302)
                self.assertEqual(Source.objects.get(slug=slug).url, url)

    def test_a_home_page_stored_before_the_rule_is_refused_when_next_saved(self):
        """As a label with HTML in it: the address is to be mended, not kept."""
        source = make_source(name="Kestrel Wire", url="http://localhost/kestrel")
        url = reverse("admin:sources_source_change", args=[source.pk])
        data = form_fields(self.client.get(url))
        response = self.client.post(url, {**data, "notes": "Wire copy."})
        self.assertContains(response, "“localhost” is not on the public internet")
        response = self.client.post(
            url, {**data, "notes": "Wire copy.", "url": "https://kestrelwire.com/"}
        )
        self.assertEqual(response.status_code, 302)


class StoredHomePageTests(TestCase):
    """A home page stored before the rule is kept until the source is next saved, but
    readers are not sent there: neither the source page nor a story's structured
    data links to it."""

    def test_the_source_page_links_only_to_a_home_page_readers_can_open(self):
        for url, _said in UNREACHABLE:
            with self.subTest(url):
                source = make_source(url=url)
                make_article(origin=source)
                response = self.client.get(source.get_absolute_url())
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, f'href="{escape(url)}"')
                self.assertNotContains(response, "Home page")
        for url in REACHABLE:
            with self.subTest(url):
                source = make_source(url=url)
                make_article(origin=source)
                response = self.client.get(source.get_absolute_url())
                self.assertContains(
                    response, f'<a href="{escape(url)}" rel="noopener">Home page</a>', html=True
                )

    def test_a_story_names_our_source_page_instead_to_search_engines(self):
        for url, _said in UNREACHABLE:
            with self.subTest(url):
                source = make_source(url=url)
                story = make_article(cited=[source])
                blocks = json_ld_blocks(self.client.get(story.get_absolute_url()).content.decode())
                [cited] = blocks["NewsArticle"]["citation"]
                self.assertEqual(
                    cited["publisher"]["url"], f"http://testserver{source.get_absolute_url()}"
                )
        source = make_source(url=REACHABLE[0])
        story = make_article(origin=source)
        blocks = json_ld_blocks(self.client.get(story.get_absolute_url()).content.decode())
        [origin] = blocks["NewsArticle"]["isBasedOn"]
        self.assertEqual(origin["publisher"]["url"], REACHABLE[0])
