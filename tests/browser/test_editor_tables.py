"""An editor inserts a table with the toolbar's Table button, and it is saved whole.

The dialog offers rows, columns, header cells and a caption, and nothing the
sanitiser would drop on save (border, spacing, width, alignment, summary, the
Advanced tab): newsroom/settings.py has the editor refuse that markup, and
CKEditor leaves out the fields that would write it.
"""

from django.test import tag
from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from articles.sanitiser import comparable_body
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_user

PASSWORD = "correct horse battery staple"

# The ids of the open dialog's fields that an editor can see, sorted.
VISIBLE_FIELDS = """() => {
    const dialog = CKEDITOR.dialog.getCurrent(), shown = [];
    dialog.foreach(field => {
        const node = field.domId && document.getElementById(field.domId);
        if (field.id && node && node.offsetParent !== null) shown.push(field.id);
    });
    return shown.sort();
}"""


@tag("browser")
class TableButtonTests(BrowserTestCase):
    def setUp(self):
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        self.story = make_article(
            status=Article.Status.DRAFT, body="<p>Storage is filling up across Europe.</p>"
        )

    def open_story(self):
        page = self.new_page()
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(
            self.live_server_url + reverse("admin:articles_article_change", args=[self.story.pk])
        )
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        return page

    def open_dialog(self, page, name):
        page.wait_for_function(f"() => CKEDITOR.dialog.getCurrent()?.getName() === '{name}'")
        return page.locator(".cke_dialog:visible")

    def context_menu(self, page, cell, *items):
        """Right-click ``cell`` and follow ``items`` through CKEditor's menus
        (each menu is a frame of its own)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        cell.click(button="right")
        for depth, item in enumerate(items):
            entry = (
                page.frame_locator("iframe.cke_panel_frame")
                .nth(depth)
                .get_by_role("menuitem", name=item, exact=True)
            )
            try:
                entry.click(timeout=5000)
            except PlaywrightTimeoutError:
                # A submenu opens on a timer and closes when the pointer leaves
                # its parent item; on a loaded machine it can close before the
                # click lands. Open it again, once.
                if depth == 0:
                    raise
                page.frame_locator("iframe.cke_panel_frame").nth(depth - 1).get_by_role(
                    "menuitem", name=items[depth - 1], exact=True
                ).click()
                entry.click()

    def test_insert_a_table_with_a_header_row_and_a_caption_and_save_it(self):
        page = self.open_story()
        body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
        body.click()
        page.keyboard.press("Control+End")

        page.click(".cke_button__table")
        dialog = self.open_dialog(page, "table")
        # Only what survives the save is on offer; the Advanced tab is gone too.
        self.assertEqual(
            page.evaluate(VISIBLE_FIELDS), ["selHeaders", "txtCaption", "txtCols", "txtRows"]
        )
        self.assertEqual(dialog.locator(".cke_dialog_tab:visible").count(), 0)
        dialog.get_by_label("Rows").fill("2")
        dialog.get_by_label("Columns").fill("2")
        dialog.get_by_label("Headers").select_option(label="First Row")
        dialog.get_by_label("Caption").fill("Gas storage by country")
        self.screenshot(page, "editor-tables-dialog")
        dialog.get_by_role("button", name="OK").click()

        # The caret waits in the first header cell; Tab moves on cell by cell.
        header = body.locator("thead th").first
        header.wait_for()
        page.wait_for_timeout(100)
        for text in ("Country", "Full"):
            page.keyboard.type(text)
            page.keyboard.press("Tab")
        page.keyboard.type("Austria")
        page.keyboard.press("Tab")
        page.keyboard.type("91%")

        # Rows come and go from the cell's context menu; the new row has no header cells.
        self.context_menu(page, body.locator("tbody td").last, "Row", "Insert Row After")
        body.locator("tbody tr").last.locator("td").first.click()
        page.keyboard.type("Germany")
        page.keyboard.press("Tab")
        page.keyboard.type("88%")
        # The cell dialog offers header or data cell and spans, all of which are kept.
        self.context_menu(page, body.locator("tbody td").first, "Cell", "Cell Properties")
        cell_dialog = self.open_dialog(page, "cellProperties")
        self.assertEqual(page.evaluate(VISIBLE_FIELDS), ["cellType", "colSpan", "rowSpan"])
        cell_dialog.get_by_role("button", name="Cancel").click()

        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist")
        self.story.refresh_from_db()
        self.assertEqual(
            comparable_body(self.story.body),
            "<p>Storage is filling up across Europe.</p>"
            "<table><caption>Gas storage by country</caption>"
            '<thead><tr><th scope="col">Country</th><th scope="col">Full</th></tr></thead>'
            "<tbody><tr><td>Austria</td><td>91%</td></tr>"
            # CKEditor adds an empty paragraph after a table it inserts at the end,
            # for the caret to go on writing below it; the sanitiser drops it.
            "<tr><td>Germany</td><td>88%</td></tr></tbody></table>",
        )
        # Reopened, the story's table is in the editor as it was saved.
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        body.locator("caption").wait_for()
        self.assertEqual(body.locator("thead th").all_inner_texts(), ["Country", "Full"])
        self.screenshot(page, "editor-tables-saved")

    def test_on_a_phone_the_picture_dialog_fits_the_screen(self):
        """433px wide and fixed in place on a 390px screen: its Close button was off it."""
        page = self.new_page(viewport={"width": 390, "height": 844})
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(
            self.live_server_url + reverse("admin:articles_article_change", args=[self.story.pk])
        )
        page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
        page.click(".cke_button__image")
        dialog = self.open_dialog(page, "image")
        box = dialog.bounding_box()
        close = page.locator(".cke_dialog_close_button:visible").bounding_box()
        self.assertGreaterEqual(box["x"], 0)
        self.assertLessEqual(box["x"] + box["width"], 390)
        self.assertLessEqual(close["x"] + close["width"], 390)
        self.screenshot(page, "editor-picture-dialog-phone")
