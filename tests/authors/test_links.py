"""An author's profile link is an address readers can open, as a source's home page is.

Both are ``articles.fields.LinkField``; the addresses tried are those of
tests/sources/test_links.py.
"""

from django.test import TestCase
from django.urls import reverse

from authors.models import AuthorLink
from tests.authors.test_admin_user_link import author_form
from tests.factories import make_user
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
