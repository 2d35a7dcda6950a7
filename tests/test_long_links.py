"""A long address pasted into a profile link or a source's home page is kept whole.

The boxes had a maxlength of 200, and a browser cuts a longer paste off there
without a word: a 3,000-character address was saved as its first 200, a
broken link. Addresses up to 2,000 characters are taken now, and a longer one
is refused by the form, saying so, with all of it kept in the box.
"""

from django.test import TestCase
from django.urls import reverse

from authors.models import AuthorLink
from sources.models import Source
from tests.authors.test_admin_user_link import author_form
from tests.factories import make_user
from tests.sources.test_slugs import ADD_URL as SOURCE_ADD_URL
from tests.sources.test_slugs import source_form

LONG = "https://example.org/report?" + "&".join(f"utm_{n}=campaign-{n}" for n in range(80))
TOO_LONG = "https://example.org/" + "a" * 2100


class LongLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)

    def setUp(self):
        self.client.force_login(self.chief)

    def test_the_boxes_do_not_cut_a_paste(self):
        for url, name in (
            (reverse("admin:authors_author_add"), "links-__prefix__-url"),
            (SOURCE_ADD_URL, "url"),
        ):
            with self.subTest(url):
                page = self.client.get(url).content.decode()
                box = page.index(f'name="{name}"')
                tag = page[page.rindex("<input", 0, box) : page.index(">", box)]
                self.assertIn('type="url"', tag)
                self.assertNotIn("maxlength", tag)

    def test_a_long_address_is_saved_whole(self):
        self.assertGreater(len(LONG), 200)
        response = self.client.post(
            reverse("admin:authors_author_add"),
            author_form(
                **{
                    "links-TOTAL_FORMS": "1",
                    "links-0-label": "Report",
                    "links-0-url": LONG,
                    "links-0-position": "0",
                }
            ),
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(AuthorLink.objects.get().url, LONG)
        response = self.client.post(
            SOURCE_ADD_URL, source_form(name="Kestrel Wire", slug="kestrel-wire", url=LONG)
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Source.objects.get(slug="kestrel-wire").url, LONG)

    def test_an_address_too_long_is_refused_saying_so_and_kept(self):
        response = self.client.post(
            SOURCE_ADD_URL, source_form(name="Kestrel Wire", slug="kestrel-wire", url=TOO_LONG)
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ensure this value has at most 2000 characters")
        self.assertContains(response, f'value="{TOO_LONG}"')
        self.assertFalse(Source.objects.filter(slug="kestrel-wire").exists())
