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
from tests.browser.test_editor_tables import VISIBLE_FIELDS
from tests.factories import make_article, make_user

PASSWORD = "correct horse battery staple"

# The values of a <select> on the open dialog's first tab, by its field's id.
CHOICES = """(id) => {
    const field = CKEDITOR.dialog.getCurrent().getContentElement("info", id);
    return [...field.getInputElement().$.options].map(option => option.value);
}"""

# Paste ``html`` into the body as the browser hands copied HTML to CKEditor;
# the body's HTML once CKEditor has taken it in.
PASTE = """(html) => new Promise(done => {
    const editor = CKEDITOR.instances.id_body;
    editor.setData("", { callback: () => {
        editor.focus();
        editor.once("afterPaste", () => done(editor.getData().replace(/\\s*\\n\\s*/g, "")));
        const copied = new DataTransfer();
        copied.setData("text/html", html);
        copied.setData("text/plain", "");
        editor.editable().$.dispatchEvent(
            new ClipboardEvent("paste", { clipboardData: copied, bubbles: true, cancelable: true })
        );
    } });
})"""

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

    def open_dialog(self, button, name):
        """``page`` with the dialog of the toolbar's ``button`` open, its fields laid out."""
        page = self.open_story()
        page.click(f".cke_button__{button}")
        page.wait_for_function(f"() => CKEDITOR.dialog.getCurrent()?.getName() === '{name}'")
        page.locator(".cke_dialog:visible input.cke_dialog_ui_input_text").first.wait_for()
        return page

    def dialog_tabs(self, page):
        return page.locator(".cke_dialog:visible .cke_dialog_tab:visible").all_inner_texts()

    def test_the_link_dialog_offers_web_and_email_addresses_only(self):
        """It offered a Target tab ("New Window"), an Advanced tab (ids, classes,
        names, access keys), "Phone" and "Link to anchor in the text" as link types,
        and ftp:// and news:// as protocols: the sanitiser drops a target and those
        fields on save, refuses a tel: or ftp: address ("not a web address"), and
        drops the ids an anchor would lead to. Left out by newsroom/settings.py and
        articles/static/articles/editor-dialogs.js."""
        page = self.open_dialog("link", "link")
        self.assertEqual(self.dialog_tabs(page), [])  # one tab: no tab bar
        self.assertEqual(
            page.evaluate(VISIBLE_FIELDS),
            ["linkDisplayText", "linkType", "protocol", "url", "urlOptions"],
        )
        self.assertEqual(page.evaluate(CHOICES, "linkType"), ["url", "email"])
        self.assertEqual(page.evaluate(CHOICES, "protocol"), ["http://", "https://", ""])
        # An address typed without its scheme gets https://.
        protocol = "() => CKEDITOR.dialog.getCurrent().getContentElement('info', 'protocol')"
        self.assertEqual(page.evaluate(f"{protocol}.getValue()"), "https://")
        self.screenshot(page, "editor-link-dialog")

    def test_the_picture_dialog_has_no_advanced_tab_or_link_target(self):
        """Its Advanced tab wrote ids, classes, a long description and a direction, and
        its Link tab a target, all dropped on save without a word."""
        page = self.open_dialog("image", "image")
        self.assertEqual(self.dialog_tabs(page), ["Image Info", "Link", "Upload"])
        page.click(".cke_dialog:visible .cke_dialog_tab:has-text('Link')")
        self.assertEqual(page.evaluate(VISIBLE_FIELDS), ["txtUrl"])

    def test_paragraphs_pasted_as_blank_lines_stay_paragraphs(self):
        """Wire copy shown as plain text (<pre>) became one paragraph, its blank lines
        spaces; paragraphs made of line breaks stayed one paragraph with blank lines
        in it (articles/static/articles/editor-paste-paragraphs.js)."""
        page = self.open_story()
        for pasted, kept in (
            (
                "<pre>GENEVA (CPA) — Talks resumed\non Monday.\n\nThey will last a week."
                "\n  \n“Closer,” he said &amp; left.</pre>",
                "<p>GENEVA (CPA) — Talks resumed on Monday.</p><p>They will last a week.</p>"
                "<p>“Closer,” he said &amp; left.</p>",
            ),
            (
                "Talks resumed.<br><br>They will last a week.<br> <br><br>“Closer,” he said.",
                "<p>Talks resumed.</p><p>They will last a week.</p><p>“Closer,” he said.</p>",
            ),
            (
                "<p>Talks <b>resumed</b>.<br><br>They will last<br>a week.</p>",
                "<p>Talks <strong>resumed</strong>.</p><p>They will last<br />a week.</p>",
            ),
            # A single break, and breaks in a list, are the writer's: left as they are.
            (
                "<p>Talks resumed.<br>They will last a week.</p><ul><li>One<br><br>Two</li></ul>",
                "<p>Talks resumed.<br />They will last a week.</p>"
                "<ul><li>One<br /><br />Two</li></ul>",
            ),
        ):
            with self.subTest(pasted):
                self.assertEqual(page.evaluate(PASTE, pasted), kept)

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
