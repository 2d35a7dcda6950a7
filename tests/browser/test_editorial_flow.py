"""A story's whole trip in a real browser: writer → review → editor publishes → reader."""

from django.test import tag
from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS, WRITERS, ensure_roles
from tests.browser.base import PHONE, BrowserTestCase
from tests.factories import make_article, make_author, make_section, make_user

PASSWORD = "correct horse battery staple"

# The fields of the story form's own fieldsets (not the inlines) that run past
# their row. A row hides what overflows, so the page never scrolls sideways and
# a clipped field shows only as a missing edge: compare each field's right edge
# with its row's content edge.
CLIPPED_FIELDS = """() =>
    [...document.querySelectorAll("#article_form > div > fieldset .form-row")].flatMap(row => {
        const padding = parseFloat(getComputedStyle(row).paddingRight);
        const edge = row.getBoundingClientRect().right - padding;
        return [...row.querySelectorAll("input, textarea, select, .cke")]
            .filter(field => field.getClientRects().length)
            .filter(field => field.getBoundingClientRect().right > edge + 0.5)
            .map(field => field.name || field.id);
    })
"""


@tag("browser")
class EditorialFlowTests(BrowserTestCase):
    def setUp(self):
        ensure_roles()
        self.writer = make_user("wendy", staff=True, groups=[WRITERS], password=PASSWORD)
        self.editor = make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        make_author(name="Wendy Writer", user=self.writer)
        make_section(name="Climate", slug="climate", show_in_nav=True)

    def log_in(self, username):
        """Signed in, on the admin's front page, where the login form leads."""
        page = self.new_page()
        self.sign_in(page, username, PASSWORD)
        page.goto(f"{self.live_server_url}/admin/")
        return page

    def choose(self, page, select_id, text):
        """Pick ``text`` in an admin autocomplete (select2) box."""
        page.click(f"#{select_id} + .select2 .select2-selection")
        page.fill(".select2-container--open .select2-search__field", text)
        page.click(f".select2-results__option:has-text('{text}')")

    def test_writer_submits_editor_publishes_reader_finds_it(self):
        headline = "Glacier retreat speeds up across the Alps"

        writer_page = self.log_in("wendy")
        writer_page.goto(f"{self.live_server_url}/admin/articles/article/add/")
        writer_page.fill("#id_headline", headline)
        writer_page.fill("#id_standfirst", "Scientists measured record losses this summer.")
        self.choose(writer_page, "id_section", "Climate")
        body = writer_page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
        body.click()
        body.type("Glaciers in the Alps lost a record share of their ice this summer.")
        writer_page.check("#id_is_original_reporting")
        self.choose(writer_page, "id_bylines-0-author", "Wendy Writer")
        self.assertEqual(writer_page.locator("button[value=published]").count(), 0)
        writer_page.click("button[name=_transition][value=review]")
        writer_page.wait_for_selector(".messagelist")
        self.assertIn("is now in review", writer_page.inner_text(".messagelist"))
        self.screenshot(writer_page, "editorial-flow-1-submitted")

        story = Article.objects.get(headline=headline)
        self.assertEqual(story.status, Article.Status.REVIEW)
        self.assertIn("Glaciers in the Alps", story.body)
        self.assertEqual(story.word_count, 13)

        editor_page = self.log_in("eddie")
        self.assertIn(headline, editor_page.inner_text("#waiting-for-review"))
        editor_page.click(f"#waiting-for-review a:has-text('{headline}')")
        self.assertIn("Ready to publish", editor_page.inner_text("#checklist"))
        editor_page.click("button[name=_transition][value=published]")
        editor_page.wait_for_selector(".messagelist")
        self.assertIn("is now published", editor_page.inner_text(".messagelist"))
        self.assertIn("eddie", editor_page.inner_text("#status-history"))
        self.screenshot(editor_page, "editorial-flow-2-published")

        reader_page = self.new_page()
        reader_page.goto(self.live_server_url + "/")
        reader_page.click(f"a:has-text('{headline}')")
        reader_page.wait_for_selector("h1")
        self.assertEqual(reader_page.inner_text("h1").strip(), headline)
        self.assertIn("Glaciers in the Alps lost a record share", reader_page.content())
        self.screenshot(reader_page, "editorial-flow-3-reader")

    def test_story_form_shows_the_headline_whole_and_fits_a_phone(self):
        """On a desk a 70-character headline reads whole and the editor is as wide; on a phone
        no field is clipped."""
        headline = "Glacier retreat speeds up across the Alps as summer heat breaks records"
        story = make_article(status=Article.Status.DRAFT, headline=headline)
        page = self.log_in("eddie")
        page.goto(self.live_server_url + reverse("admin:articles_article_change", args=[story.pk]))
        page.wait_for_selector("iframe.cke_wysiwyg_frame")
        headline_input = page.locator("#id_headline")
        self.assertLessEqual(
            headline_input.evaluate("input => input.scrollWidth"),
            headline_input.evaluate("input => input.clientWidth"),
            "the headline does not fit its input",
        )
        # The body is where writers spend their time: no narrower than the headline.
        self.assertGreaterEqual(
            page.locator(".cke").evaluate("editor => editor.getBoundingClientRect().width"),
            headline_input.evaluate("input => input.getBoundingClientRect().width"),
        )

        page.set_viewport_size(PHONE)
        page.reload()
        page.wait_for_selector("iframe.cke_wysiwyg_frame")
        self.assertEqual(page.evaluate(CLIPPED_FIELDS), [])
        self.screenshot(page, "editorial-flow-story-form-phone")
