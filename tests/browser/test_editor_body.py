"""The story body's editor: its focus ring, what its link dialog offers, what it keeps.

Keyboard users see when the body has the focus, as they do for every other
field: the body is edited inside CKEditor's frame, where the browser rings the
frame's content, not the field, and CKEditor only adds a class to its box.
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
class BodyEditorTests(BrowserTestCase):
    def open_story(self):
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        story = make_article(status=Article.Status.DRAFT, body="<p>Talks resume.</p>")
        page = self.new_page()
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_change", args=[story.pk]))
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        return page

    def test_the_link_dialog_offers_no_upload(self):
        """Its Upload tab sent files to the pictures' upload, which refuses a PDF as
        "Upload a valid image": a link names an address, nothing is uploaded there."""
        page = self.open_story()
        page.evaluate("() => CKEDITOR.instances.id_body.execCommand('link')")
        page.wait_for_function("() => CKEDITOR.dialog.getCurrent()?.getName() === 'link'")
        has = "([tab, field]) => !!CKEDITOR.dialog.getCurrent().getContentElement(tab, field)"
        self.assertFalse(page.evaluate(has, ["upload", "upload"]))
        self.assertTrue(page.evaluate(has, ["info", "url"]))
        # One tab left, CKEditor shows no tab bar at all.
        tabs = page.locator(".cke_dialog:visible .cke_dialog_tab:visible").all_inner_texts()
        self.assertNotIn("Upload", tabs)

    def test_a_pasted_quotation_reaches_the_server_with_its_tag(self):
        """The editor's content filter dropped a <q> it had no rule for, and the
        quoted words arrived without their marks; the server gives them the marks."""
        page = self.open_story()
        body = page.evaluate(
            """() => new Promise(done => {
                const editor = CKEDITOR.instances.id_body;
                // Through the content filter, as pasted copy and a stored body go.
                editor.setData('<p>He called it <q>a disaster</q>.</p>', {
                    callback: () => done(editor.getData()),
                });
            })"""
        )
        self.assertIn("He called it <q>a disaster</q>.", body)

    def test_the_body_is_ringed_while_it_has_the_focus(self):
        page = self.open_story()
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

    def test_the_body_turns_right_to_left_as_the_language_is_set_to_arabic(self):
        """Typing "ar" into Language turns the body round at once, not only after a save."""
        page = self.open_story()
        frame_direction = """() => {
            const page = CKEDITOR.instances.id_body.document.getDocumentElement();
            return [page.getAttribute('dir'), page.getAttribute('lang')];
        }"""
        self.assertEqual(page.evaluate(frame_direction), ["ltr", "en"])
        page.fill("#id_language", "ar")
        self.assertEqual(page.evaluate(frame_direction), ["rtl", "ar"])
        page.fill("#id_language", "fr")
        self.assertEqual(page.evaluate(frame_direction), ["ltr", "fr"])
        self.assertEqual(page.get_attribute("#id_headline", "dir"), "auto")
