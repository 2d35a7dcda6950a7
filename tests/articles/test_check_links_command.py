"""``manage.py check_links``: the stored addresses readers cannot open, and where to mend them.

Rows stored before ``LinkField``'s rules (decision 0032) keep their addresses
until next saved; an operator upgrading needs the list of them, not to meet
them one at a time in the admin.
"""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from authors.models import AuthorLink
from tests.factories import make_author, make_source


def check_links():
    out = StringIO()
    call_command("check_links", stdout=out)
    return out.getvalue()


class CheckLinksCommandTests(TestCase):
    def test_lists_each_refused_address_with_the_reason_and_where_to_mend_it(self):
        kestrel = make_source(name="Kestrel Wire", url="http://localhost/kestrel")
        make_source(name="Meridian News", url="https://meridian-news.example/")
        make_source(name="No Home Page", url="")
        wendy = make_author(name="Wendy Osei")
        AuthorLink.objects.create(author=wendy, label="Files", url="ftp://files.example.com/")
        AuthorLink.objects.create(author=wendy, label="Website", url="https://osei.example/")

        out = check_links()

        self.assertIn("Source “Kestrel Wire”, home page: http://localhost/kestrel", out)
        self.assertIn("“localhost” is not on the public internet", out)
        self.assertIn(reverse("admin:sources_source_change", args=[kestrel.pk]), out)
        self.assertIn("Author “Wendy Osei”, link “Files”: ftp://files.example.com/", out)
        self.assertIn("not “ftp:”", out)
        self.assertIn(reverse("admin:authors_author_change", args=[wendy.pk]), out)
        self.assertIn(
            "2 stored addresses readers cannot open: the site shows no link for them, and the "
            "admin refuses to save each row until its address is mended.",
            out,
        )
        for fine in ("Meridian News", "No Home Page", "Website"):
            self.assertNotIn(fine, out)

    def test_a_password_in_an_address_is_listed_but_not_repeated(self):
        make_source(name="Kestrel Wire", url="https://desk:s3cret@kestrelwire.com/wire")
        out = check_links()
        self.assertIn("https://desk:***@kestrelwire.com/wire", out)
        self.assertIn("without the user name and password", out)
        self.assertNotIn("s3cret", out)
        self.assertIn(
            "1 stored address readers cannot open: the site shows no link for it, and the "
            "admin refuses to save its row until the address is mended.",
            out,
        )

    def test_says_so_when_every_address_is_one_readers_can_open(self):
        make_source(url="https://meridian-news.example/")
        self.assertEqual(
            check_links(), "Every stored home page and profile link is one readers can open.\n"
        )
