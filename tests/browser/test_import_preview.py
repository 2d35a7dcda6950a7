"""The wire-copy import preview fits the screen whatever the copy holds
(static/css/admin.css)."""

from django.test import tag
from django.urls import reverse

from tests.browser.base import DESKTOP, PHONE, BrowserTestCase
from tests.factories import make_section, make_user

PASSWORD = "correct horse battery staple"

# One line of 5,000 characters without a space, in the lead and in the body, and
# an ad rule whose class name runs on: the removed line shows 120 characters of it.
LONG_RUN = "https://example.com/" + "x" * 5000
COPY = (
    f"Ministers met in Rome on Monday to agree a budget. The text is at {LONG_RUN}\n"
    f"The annex runs on: {LONG_RUN}\n"
    f".ad-{'y' * 300} {{ display: none }}\n"
    "Talks resume next week.\n"
)

GENEVA = (
    "GENEVA (Reuters) - Talks on the ceasefire resumed on Monday after a week of delays, "
    "diplomats said.\n"
    "Both delegations called the mood constructive but no date was set for a signing.\n"
)


@tag("browser")
class ImportPreviewWidthTests(BrowserTestCase):
    def setUp(self):
        make_section(name="World", slug="world")
        make_user("chief", superuser=True, password=PASSWORD)

    def preview(self, viewport):
        page = self.new_page(viewport)
        self.sign_in(page, "chief", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_import"))
        page.set_input_files(
            "input[type=file]",
            files=[{"name": "annex.txt", "mimeType": "text/plain", "buffer": COPY.encode()}],
        )
        page.click("input[type=submit][value='Preview the import']")
        page.wait_for_selector(".import-body")
        return page

    def test_a_long_unbroken_line_wraps_instead_of_widening_the_page(self):
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            with self.subTest(name):
                page = self.preview(viewport)
                self.assertIn("x" * 100, page.inner_text(".import-body"))
                self.assertIn("y" * 100, page.inner_text(".import-removed"))
                self.assertLessEqual(
                    page.evaluate("() => document.documentElement.scrollWidth"),
                    viewport["width"],
                )
                self.screenshot(page, f"import-preview-long-line-{name}")


@tag("browser")
class ImportUploadPageTests(BrowserTestCase):
    """The upload page's fields line up as on the admin's own forms."""

    def setUp(self):
        make_section(name="World", slug="world")
        make_user("chief", superuser=True, password=PASSWORD)

    def test_labels_inputs_and_help_line_up_and_pasted_copy_previews(self):
        page = self.new_page(DESKTOP)
        self.sign_in(page, "chief", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_import"))
        self.screenshot(page, "import-upload-desktop")
        left = "(el) => Math.round(el.getBoundingClientRect().left)"
        inputs = [
            page.eval_on_selector(selector, left)
            for selector in ("#id_files", "#id_text", "#id_section")
        ]
        helps = [
            page.eval_on_selector(f"#id_{name}_helptext > div", left)
            for name in ("files", "text", "section")
        ]
        labels = [
            page.eval_on_selector(f"label[for=id_{name}]", left)
            for name in ("files", "text", "section")
        ]
        # Inputs and help text start in one column, right of the labels' column.
        self.assertEqual(len(set(inputs + helps)), 1, (inputs, helps))
        self.assertEqual(len(set(labels)), 1, labels)
        self.assertLess(labels[0], inputs[0])
        # As on a story's page: the checkbox before its label, on one line, and
        # its help under both, in the labels' column.
        self.assertEqual(page.eval_on_selector("#id_publish", left), labels[0])
        self.assertEqual(page.eval_on_selector("#id_publish_helptext > div", left), labels[0])
        self.assertLess(
            page.eval_on_selector("label[for=id_publish]", "(el) => el.offsetHeight"), 30
        )
        page.fill("#id_text", COPY)
        page.click("input[type=submit][value='Preview the import']")
        page.wait_for_selector(".import-body")
        self.assertIn("pasted copy", page.inner_text("#content-main"))


@tag("browser")
class ImportMixedBatchTests(BrowserTestCase):
    """A Word document chosen with the copy files no longer sends the whole batch back."""

    def setUp(self):
        make_section(name="World", slug="world")
        make_user("chief", superuser=True, password=PASSWORD)

    def test_the_readable_files_are_previewed_and_imported_beside_the_refused_one(self):
        page = self.new_page(DESKTOP)
        self.sign_in(page, "chief", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_import"))
        # The picker offers .txt files, but an editor can still choose "All files".
        page.set_input_files(
            "input[type=file]",
            files=[
                {"name": "rome.txt", "mimeType": "text/plain", "buffer": COPY.encode()},
                {
                    "name": "interview.docx",
                    "mimeType": "application/octet-stream",
                    "buffer": b"PK\x03\x04word/document.xml",
                },
                {"name": "geneva.txt", "mimeType": "text/plain", "buffer": GENEVA.encode()},
            ],
        )
        page.click("input[type=submit][value='Preview the import']")
        page.wait_for_selector(".import-body")
        refused = page.locator(".import-file", has_text="interview.docx")
        self.assertEqual(
            refused.locator(".import-status").text_content().strip(), "cannot be imported"
        )
        self.assertIn(
            "a Word document — save it as plain text (.txt) and choose it again",
            refused.inner_text(),
        )
        self.assertEqual(page.locator(".import-body").count(), 2)
        self.screenshot(page, "import-check-with-a-word-document")
        page.click("input[type=submit][value='Import 2 stories']")
        page.wait_for_selector("ul.messagelist")
        messages = page.inner_text("ul.messagelist")
        self.assertIn("Imported rome.txt as story #", messages)
        self.assertIn("Imported geneva.txt as story #", messages)


@tag("browser")
class ImportBackToTheFormTests(BrowserTestCase):
    """The check page's way back fills the form in again, as the browser sends it."""

    def setUp(self):
        self.world = make_section(name="World", slug="world")
        make_user("chief", superuser=True, password=PASSWORD)

    def test_change_the_copy_or_choices_brings_back_the_pasted_copy_and_choices(self):
        # Blank lines and a leading space tell how copy was wrapped: they come back too.
        copy = "Budget passes\n\n  Lawmakers backed the plan on Friday.\n\nThey voted at dawn.\n"
        page = self.new_page(DESKTOP)
        self.sign_in(page, "chief", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_import"))
        page.fill("#id_text", copy)
        page.check("#id_publish")
        page.click("input[type=submit][value='Preview the import']")
        page.wait_for_selector(".import-body")
        self.assertIn("No section chosen.", page.inner_text("#content-main"))
        self.screenshot(page, "import-check-before-going-back")
        page.click("input[type=submit][value='Change the copy or choices']")
        page.wait_for_selector("#id_text")
        self.assertEqual(page.input_value("#id_text").replace("\r\n", "\n"), copy)
        self.assertTrue(page.is_checked("#id_publish"))
        self.assertEqual(page.input_value("#id_section"), "")
        self.screenshot(page, "import-form-after-going-back")
        # The section the check page missed, chosen now, comes back from the next check too.
        page.select_option("#id_section", str(self.world.pk))
        page.click("input[type=submit][value='Preview the import']")
        page.wait_for_selector(".import-body")
        self.assertIn("Stories will be filed in World.", page.inner_text("#content-main"))
        page.click("input[type=submit][value='Change the copy or choices']")
        page.wait_for_selector("#id_text")
        self.assertEqual(page.input_value("#id_section"), str(self.world.pk))
        self.assertEqual(page.input_value("#id_text").replace("\r\n", "\n"), copy)


@tag("browser")
class ImportErrorFocusTests(BrowserTestCase):
    """A refused import takes the editor to the field at fault, as the story form does.

    The page came back with its title unchanged and the focus at the top: a
    screen reader said nothing of the error, which sat above the form.
    """

    def setUp(self):
        make_section(name="World", slug="world")
        make_user("chief", superuser=True, password=PASSWORD)

    def refused(self, files=None, text=""):
        page = self.new_page(DESKTOP)
        self.sign_in(page, "chief", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_import"))
        if files:
            page.set_input_files("input[type=file]", files=files)
        if text:
            page.fill("#id_text", text)
        page.click("input[type=submit][value='Preview the import']")
        page.wait_for_selector(".errornote")
        # The script is deferred: it has run once the page has loaded.
        page.wait_for_load_state("load")
        return page

    def test_nothing_chosen_or_pasted_takes_the_focus_to_the_files(self):
        page = self.refused()
        self.assertTrue(page.title().startswith("Error: "), page.title())
        self.assertEqual(page.evaluate("() => document.activeElement.id"), "id_files")
        self.assertIn(
            "Choose one or more .txt files, or paste the copy.",
            page.evaluate(
                """() => document.activeElement.getAttribute("aria-describedby").split(" ")
                    .map(id => document.getElementById(id).textContent).join(" ")"""
            ),
        )

    def test_a_word_document_alone_takes_the_focus_to_the_files(self):
        page = self.refused(
            files=[
                {
                    "name": "interview.docx",
                    "mimeType": "application/octet-stream",
                    "buffer": b"PK\x03\x04word/document.xml",
                }
            ]
        )
        self.assertTrue(page.title().startswith("Error: "), page.title())
        self.assertEqual(page.evaluate("() => document.activeElement.id"), "id_files")

    def test_files_and_copy_together_take_the_focus_to_the_copy(self):
        page = self.refused(
            files=[{"name": "rome.txt", "mimeType": "text/plain", "buffer": COPY.encode()}],
            text=GENEVA,
        )
        self.assertEqual(page.evaluate("() => document.activeElement.id"), "id_text")
