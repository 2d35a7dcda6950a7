"""The story form's Save and workflow buttons stay in view on a laptop.

A story's form runs to thousands of pixels (body, picture, bylines, sources,
corrections, history): on a 1280×720 laptop "Save and publish" was some
3,500px down, below the status history, and an editor scrolled to find it.
"""

from django.test import tag
from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_source, make_user

PASSWORD = "correct horse battery staple"

IN_VIEW = """(selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
}"""


@tag("browser")
class StoryActionsTests(BrowserTestCase):
    def open_story(self, viewport):
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        story = make_article(
            status=Article.Status.DRAFT,
            body="".join(f"<p>Paragraph {n} of the talks.</p>" for n in range(40)),
            origin=make_source(),
        )
        page = self.new_page(viewport=viewport)
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_change", args=[story.pk]))
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        return page

    def test_on_a_laptop_the_buttons_are_in_view_from_the_top_of_the_form(self):
        page = self.open_story({"width": 1280, "height": 720})
        publish = 'button[name="_transition"][value="published"]'
        self.assertTrue(page.evaluate(IN_VIEW, publish))
        self.assertTrue(page.evaluate(IN_VIEW, 'input[name="_save"]'))
        self.screenshot(page, "story-actions-laptop")
        # A field reached with the keyboard is not hidden behind them.
        page.focus("#id_status_note")
        self.assertTrue(page.evaluate(IN_VIEW, "#id_status_note"))
        box = page.evaluate(
            "() => [document.querySelector('#id_status_note').getBoundingClientRect().bottom,"
            " document.querySelector('.story-actions').getBoundingClientRect().top]"
        )
        self.assertLessEqual(box[0], box[1])
        # And the form still saves from there.
        page.click(publish)
        page.wait_for_selector(".messagelist")
        self.assertEqual(Article.objects.get().status, Article.Status.PUBLISHED)

    def test_on_a_phone_they_stay_at_the_foot_of_the_form(self):
        """Two rows of buttons would take a third of a phone's screen."""
        page = self.open_story({"width": 390, "height": 844})
        self.assertFalse(page.evaluate(IN_VIEW, 'input[name="_save"]'))
