"""An author's profile link is an address readers can open, as a source's home page is.

Both are ``articles.fields.LinkField``; the addresses tried are those of
tests/sources/test_links.py.
"""

from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape

from authors.models import AuthorLink
from tests.authors.test_admin_user_link import author_form
from tests.factories import make_article, make_author, make_user
from tests.sources.test_links import REACHABLE, UNREACHABLE


def with_link(url):
    """The author form with one profile link to ``url``."""
    return author_form(
        **{
            "links-TOTAL_FORMS": "1",
            "links-0-label": "Website",
            "links-0-url": url,
            "links-0-position": "0",
        }
    )


class AuthorLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)

    def setUp(self):
        self.client.force_login(self.chief)

    def test_a_link_readers_cannot_open_is_refused_saying_why(self):
        for url, said in UNREACHABLE:
            with self.subTest(url):
                response = self.client.post(reverse("admin:authors_author_add"), with_link(url))
                self.assertEqual(response.status_code, 200)
                links = response.context["inline_admin_formsets"][0].formset
                self.assertEqual(len(links.errors[0]["url"]), 1, links.errors)
                self.assertIn(said, links.errors[0]["url"][0])
        self.assertFalse(AuthorLink.objects.exists())

    def test_a_public_link_is_saved(self):
        for number, url in enumerate(REACHABLE):
            with self.subTest(url):
                response = self.client.post(
                    reverse("admin:authors_author_add"),
                    {**with_link(url), "name": f"Wendy Osei {number}", "slug": f"wo-{number}"},
                )
                self.assertEqual(response.status_code, 302)
                self.assertEqual(AuthorLink.objects.get(author__slug=f"wo-{number}").url, url)


class StoredLinkTests(TestCase):
    """A profile link stored before the rule is kept until the author is next saved,
    but readers are not sent there: the author page shows its label, unlinked."""

    @classmethod
    def setUpTestData(cls):
        cls.author = make_author(name="Wendy Osei", slug="wendy-osei")
        make_article(authors=[cls.author])
        for position, (url, _said) in enumerate(UNREACHABLE):
            AuthorLink.objects.create(
                author=cls.author, label=f"Stored link {position}", url=url, position=position
            )
        AuthorLink.objects.create(
            author=cls.author, label="Website", url=REACHABLE[0], position=len(UNREACHABLE)
        )

    def test_the_author_page_links_only_to_addresses_readers_can_open(self):
        response = self.client.get(self.author.get_absolute_url())
        for position, (url, _said) in enumerate(UNREACHABLE):
            with self.subTest(url):
                self.assertNotContains(response, f'href="{escape(url)}"')
                self.assertContains(response, f"<li>Stored link {position}</li>", html=True)
        self.assertContains(
            response,
            f'<li><a href="{escape(REACHABLE[0])}" rel="me noopener">Website</a></li>',
            html=True,
        )
