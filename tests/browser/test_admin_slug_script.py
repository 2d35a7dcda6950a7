"""The slug box of the story, writer and source forms, as the page writes it.

Django's script (``URLify``) writes the box as the headline or name is typed.
For text mostly in another script, ours (admin-slug-spelling.js) leaves it
empty, for the server to spell ("thessaloniki", "kyiv") or to give a stand-in
with a warning. A new story's form sent back with errors forgets the slug the
page wrote, so that it follows the headline as it is rewritten
(tests/articles/test_admin_slugs.py): to know which slug that was, the server
spells the headline as Django's script does (``slugs.admin_script_slug``).
These tests type headlines and names into the real forms and compare.
"""

from django.test import tag
from django.urls import reverse
from playwright.sync_api import expect

from articles import slugs
from articles.roles import EDITORS, ensure_roles
from tests.browser.base import BrowserTestCase
from tests.factories import make_author, make_source, make_user

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
                djangos = self.page.evaluate("text => URLify.django(text, 200, false)", headline)
                self.assertEqual(djangos, slugs.admin_script_slug(headline, 200))
                expected = "" if slugs.mostly_other_letters(headline) else djangos
                self.assertEqual(written, expected)
        self.screenshot(self.page, "admin-slug-script")

    def test_a_headline_in_another_script_leaves_the_box_for_the_server(self):
        """The box showed "8essalonikh-…", and an editor who trimmed it published that."""
        for headline in ("Θεσσαλονίκη: νέο μετρό", "Москва и Київ", "انتعاش أسواق الخليج"):
            with self.subTest(headline):
                self.type_headline(headline)
                self.assertEqual(self.page.input_value("#id_slug"), "")
        # A Greek letter in English copy is a symbol: the box fills as before.
        self.type_headline("β-blockers cut heart attacks")
        self.assertEqual(self.page.input_value("#id_slug"), "b-blockers-cut-heart-attacks")

    def test_a_writers_and_a_sources_name_alike_but_not_a_sections(self):
        """Writers and sources have their slug made on saving; a section's is required."""
        for url, name, slug in (
            ("admin:authors_author_add", "Νίκος Παπαδόπουλος", ""),
            ("admin:sources_source_add", "Агентство ТАСС", ""),
            ("admin:authors_author_add", "Ana Souza", "ana-souza"),
            ("admin:sections_section_add", "Ελλάδα", "ellada"),
        ):
            with self.subTest(url=url, name=name):
                self.page.goto(self.live_server_url + reverse(url))
                self.page.fill("#id_name", name)
                self.page.press("#id_name", "End")
                self.assertEqual(self.page.input_value("#id_slug"), slug)

    def test_after_a_names_address_is_refused_the_box_follows_the_name_again(self):
        """The page writes the slug only into a box empty when it opens: sent back with
        "… has the address this name makes", it kept that slug as the name was
        rewritten, and the next save was refused on a slug the editor never wrote."""
        make_author(name="Priya Raman", slug="priya-raman")
        make_source(name="Reuters UK", slug="reuters-uk")
        for url, name, renamed, slug in (
            ("admin:authors_author_add", "Priya Raman!", "Priya K. Raman", "priya-k-raman"),
            ("admin:sources_source_add", "Reuters (UK)", "Reuters UK Wire", "reuters-uk-wire"),
        ):
            with self.subTest(url):
                self.page.goto(self.live_server_url + reverse(url))
                self.page.fill("#id_name", name)
                self.page.press("#id_name", "End")
                self.page.click("input[name=_save]")
                expect(self.page.locator(".errorlist")).to_contain_text(
                    "has the address this name makes"
                )
                self.page.fill("#id_name", renamed)
                self.page.press("#id_name", "End")
                self.assertEqual(self.page.input_value("#id_slug"), slug)
                self.page.click("input[name=_save]")
                expect(self.page.locator(".messagelist")).to_contain_text("was added successfully")
