"""The story form's slug, as the admin's script writes it and as the server reads it.

A new story's form sent back with errors forgets the slug the page wrote, so
it follows the headline as it is rewritten (tests/articles/test_admin_slugs.py).
To know which slug the page wrote, the server spells the headline as the
script does (``slugs.admin_script_slug``). These tests type headlines into the
real form and compare.
"""

from django.test import tag
from django.urls import reverse

from articles import slugs
from articles.roles import EDITORS, ensure_roles
from tests.browser.base import BrowserTestCase
from tests.factories import make_user

PASSWORD = "correct horse battery staple"

HEADLINES = [
    "Talks resume in Geneva",
    "<b>Talks</b> resume: 3 sides, 1 table!",
    "Σεισμός 5,8 Ρίχτερ στην Κρήτη",
    "Москва и Київ: обмен пленными",
    "თბილისი votes — again",
    "Łódź, Øresund, İzmir and Ħal Far",
    "São Paulo\u00a0floods\u2003—\u2002“worst in decades”",
    "under_score  --  and   spaces ",
    "中国发布新的气候目标",
    "محادثات السلام في الدوحة",
    "A long headline " + "that goes on " * 20,
]


@tag("browser")
class AdminSlugScriptTests(BrowserTestCase):
    def setUp(self):
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        self.page = self.new_page()
        self.sign_in(self.page, "eddie", PASSWORD)
        self.page.goto(self.live_server_url + reverse("admin:articles_article_add"))

    def type_headline(self, headline):
        """Fill the headline, then a key pressed in it: the script follows keystrokes."""
        self.page.fill("#id_headline", headline)
        self.page.press("#id_headline", "End")

    def test_the_server_spells_each_headline_as_the_page_does(self):
        for headline in HEADLINES:
            with self.subTest(headline):
                self.type_headline(headline)
                written = self.page.input_value("#id_slug")
                self.assertEqual(written, slugs.admin_script_slug(headline, 200))
        self.screenshot(self.page, "admin-slug-script")

    def test_greek_and_cyrillic_are_spelt_in_latin_letters(self):
        """What the server now recognises as the page's own; before, only Latin headlines."""
        self.type_headline("Москва и Київ")
        self.assertEqual(self.page.input_value("#id_slug"), "moskva-i-kiyiv")
