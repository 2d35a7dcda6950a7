"""A story's body shown as readers read it in the admin: on the "View story" page
and on a refused save's page, where the writer copies what they sent.

On the refused save's page, outside any form, the admin's own rules for the
page won: a quotation was 11px grey, table cells 13px, a fourth-level heading
12px, beside paragraphs of 17px.
"""

from django.test import tag
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import WRITERS, ensure_roles
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_author, make_source, make_user

PASSWORD = "correct horse battery staple"
BODY = (
    "<p>The minister spoke on Tuesday after the vote.</p>"
    "<blockquote><p>“We will not give up a single litre of water,” she said.</p></blockquote>"
    "<h2>What next</h2><h3>The dam</h3><h4>Background</h4>"
    "<ul><li>Talks resume in May</li></ul><ol><li>A panel reports in June</li></ol>"
    "<table><tbody><tr><th>Country</th><th>Share</th></tr>"
    "<tr><td>Upstream</td><td>46.8%</td></tr></tbody></table>"
)
# Each element of the shown body with its font size and colour, in pixels and rgb().
LOOKS = """() => Object.fromEntries(
    ["p", "blockquote p", "h2", "h3", "h4", "ul li", "ol li", "th", "td"].map(selector => {
        const style = getComputedStyle(document.querySelector(`.story-body-read ${selector}`));
        return [selector, [parseFloat(style.fontSize), style.color]];
    })
)"""


@tag("browser")
class BodyReadInTheAdminTests(BrowserTestCase):
    def setUp(self):
        ensure_roles()
        self.writer = make_user("wren", staff=True, groups=[WRITERS], password=PASSWORD)
        self.story = make_article(
            status=Article.Status.DRAFT,
            body=BODY,
            authors=[make_author(name="Wren Writer", user=self.writer)],
            origin=make_source(),
            created_by=self.writer,
        )
        self.page = self.new_page()
        self.sign_in(self.page, "wren", PASSWORD)
        self.change_url = self.live_server_url + reverse(
            "admin:articles_article_change", args=[self.story.pk]
        )

    def publish(self):
        Article.objects.filter(pk=self.story.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now()
        )

    def assert_read_as_text(self):
        looks = self.page.evaluate(LOOKS)
        text_size, text_colour = looks["p"]
        for selector in ("blockquote p", "ul li", "ol li", "th", "td", "h4"):
            with self.subTest(selector):
                self.assertEqual(looks[selector], [text_size, text_colour])
        self.assertGreater(looks["h3"][0], text_size)
        self.assertGreater(looks["h2"][0], looks["h3"][0])

    def test_a_refused_saves_body_reads_at_the_size_of_its_text(self):
        self.page.goto(self.change_url)
        self.page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        self.publish()  # by an editor, while the writer had the form open
        self.page.click("input[name=_save]")
        self.page.wait_for_selector(".story-body-read")
        self.assertIn("were NOT saved", self.page.locator(".messagelist").inner_text())
        self.assert_read_as_text()
        self.screenshot(self.page, "save-refused-body")

    def test_view_storys_body_reads_at_the_size_of_its_text(self):
        self.publish()
        self.page.goto(self.change_url)
        self.page.wait_for_selector(".story-body-read")
        self.assert_read_as_text()
