"""Keyboard users see when the story body has the focus, as they do for every other field.

The body is edited inside CKEditor's frame: the browser rings the frame's
content, not the field, and CKEditor only adds a class to its box.
"""

from django.test import tag
from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_user

PASSWORD = "correct horse battery staple"

BODY_OUTLINE = """() => {
    const style = getComputedStyle(document.querySelector('.django-ckeditor-widget .cke'));
    return [style.outlineStyle, style.outlineWidth];
}"""


@tag("browser")
class BodyFocusTests(BrowserTestCase):
    def test_the_body_is_ringed_while_it_has_the_focus(self):
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        story = make_article(status=Article.Status.DRAFT, body="<p>Talks resume.</p>")
        page = self.new_page()
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_change", args=[story.pk]))
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        self.assertEqual(page.evaluate(BODY_OUTLINE)[0], "none")
        # From a field above it, with the keyboard.
        page.focus("#id_dateline")
        for _ in range(10):
            if page.evaluate("() => CKEDITOR.instances.id_body.focusManager.hasFocus"):
                break
            page.keyboard.press("Tab")
        self.assertTrue(page.evaluate("() => CKEDITOR.instances.id_body.focusManager.hasFocus"))
        self.assertEqual(page.evaluate(BODY_OUTLINE), ["solid", "2px"])
        self.screenshot(page, "editor-body-focus")
