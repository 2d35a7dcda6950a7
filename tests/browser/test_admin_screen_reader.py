"""The story form as a screen reader and a keyboard meet it: what its controls are
called, and where the focus goes.

Names are read with Playwright's accessible-name computation, which follows the
same specification (accname) as the browser's accessibility tree.
"""

from django.test import tag
from django.urls import reverse
from playwright.sync_api import expect

from articles.roles import EDITORS, WRITERS, ensure_roles
from tests.browser.base import DESKTOP, BrowserTestCase
from tests.factories import make_article, make_author, make_section, make_source, make_user

PASSWORD = "correct horse battery staple"


class StoryFormTestCase(BrowserTestCase):
    def setUp(self):
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        world = make_section(name="World", slug="world")
        self.europe = make_section(name="Europe", slug="europe", parent=world)
        self.story = make_article(
            headline="Leaders agree on a ceasefire plan in Paris",
            section=self.europe,
            authors=[make_author(name="Amira Haddad")],
            origin=make_source(name="Continental Press Agency"),
        )

    def story_form(self):
        page = self.new_page(DESKTOP)
        self.sign_in(page, "eddie", PASSWORD)
        page.goto(
            self.live_server_url + reverse("admin:articles_article_change", args=[self.story.pk])
        )
        page.wait_for_selector("#id_section + .select2 .select2-selection")
        page.wait_for_load_state("load")
        return page


@tag("browser")
class AutocompleteNameTests(StoryFormTestCase):
    """Section, Author and Source are named by their labels (articles/static/articles/
    admin-combobox-names.js).

    Select2 named each box after its choice alone, clear button included
    ("×World › Europe"), and a blank row's box not at all: "combobox".
    """

    def combobox(self, page, field_id):
        return page.locator(f"#{field_id} + .select2 .select2-selection")

    def test_each_box_is_named_by_its_label_then_its_choice(self):
        page = self.story_form()
        for field_id, label, choice in (
            ("id_section", "Section:", "World › Europe"),
            ("id_bylines-0-author", "Author", "Amira Haddad"),
            ("id_bylines-1-author", "Author", ""),
            ("id_source_credits-0-source", "Source", "Continental Press Agency"),
            ("id_source_credits-1-source", "Source", ""),
        ):
            with self.subTest(field_id):
                combobox = self.combobox(page, field_id)
                expect(combobox).to_have_accessible_name(f"{label} {choice}".strip())
                # Select2 makes the choice a read-only text box in the combobox.
                expect(combobox.locator(".select2-selection__rendered")).to_have_accessible_name(
                    label
                )

    def test_a_new_choice_keeps_the_name_and_leaves_the_clear_button_out(self):
        page = self.story_form()
        combobox = self.combobox(page, "id_bylines-1-author")
        combobox.click()
        page.keyboard.type("Amira")
        page.wait_for_selector(".select2-results__option--highlighted")
        page.keyboard.press("Enter")
        expect(combobox).to_have_accessible_name("Author Amira Haddad")
        # A box that can be emptied shows a clear button ("×") before the choice.
        section = self.combobox(page, "id_section")
        section.click()
        page.keyboard.type("Wor")
        page.click(".select2-results__option:text-is('World')")
        expect(section).to_have_accessible_name("Section: World")

    def test_the_dropdowns_search_box_is_named_after_the_field(self):
        page = self.story_form()
        self.combobox(page, "id_section").click()
        search = page.locator(".select2-container--open .select2-search__field")
        expect(search).to_be_focused()
        expect(search).to_have_accessible_name("Search Section")
        page.keyboard.press("Escape")
        self.combobox(page, "id_source_credits-0-source").click()
        expect(search).to_have_accessible_name("Search Source")

    def test_a_row_added_later_is_named_too(self):
        page = self.story_form()
        page.click("#bylines-group .add-row a")
        expect(self.combobox(page, "id_bylines-2-author")).to_have_accessible_name("Author")



@tag("browser")
class EditorNameTests(StoryFormTestCase):
    """The rich text editor is named after its field (articles/static/articles/editor-title.js).

    CKEditor names itself after the textarea's id: a screen reader announced
    "Rich Text Editor, id_body" and typed into "Editor, id_body".
    """

    def editor(self, page, field_id):
        page.wait_for_function(
            "id => window.CKEDITOR && CKEDITOR.instances[id]"
            " && CKEDITOR.instances[id].status === 'ready'",
            arg=field_id,
        )
        return (
            page.locator(f"#cke_{field_id}"),
            page.frame_locator(f"#cke_{field_id} iframe.cke_wysiwyg_frame").locator("body"),
        )

    def test_the_story_body_editor_is_called_body(self):
        page = self.story_form()
        editor, editable = self.editor(page, "id_body")
        expect(editor).to_have_accessible_name("Rich Text Editor, Body")
        expect(editable).to_have_accessible_name("Body")
        expect(page.locator("#cke_id_body iframe")).to_have_attribute("title", "Body")

    def test_an_about_pages_editor_is_called_by_its_own_label(self):
        make_user("chief", superuser=True, password=PASSWORD)
        page = self.new_page(DESKTOP)
        self.sign_in(page, "chief", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:pages_aboutpage_add"))
        editor, editable = self.editor(page, "id_content")
        expect(editor).to_have_accessible_name("Rich Text Editor, Text")
        expect(editable).to_have_accessible_name("Text")


@tag("browser")
class InlineLinkKeyboardTests(StoryFormTestCase):
    """"Add another Byline" and a new row's "Remove" work from the keyboard as the
    buttons they are announced as (articles/static/articles/admin-inline-keyboard.js).

    Django's inline script makes them links with role="button": Space did
    nothing (or scrolled the page), and the focus was lost. After "Add another"
    it stayed on the link below the new row; after "Remove" it fell to the page.
    """

    def rows(self, page, group):
        return page.locator(f"#{group}-group tr.form-row:not(.empty-form)")

    def add_another(self, page, group, key):
        page.focus(f"#{group}-group .add-row a")
        page.keyboard.press(key)

    def test_space_and_enter_add_a_row_and_take_the_focus_to_its_first_field(self):
        page = self.story_form()
        for key, group, field in (
            ("Space", "bylines", "author"),
            ("Enter", "bylines", "author"),
            ("Space", "source_credits", "source"),
        ):
            with self.subTest(key=key, group=group):
                index = self.rows(page, group).count()
                self.add_another(page, group, key)
                expect(self.rows(page, group)).to_have_count(index + 1)
                expect(
                    page.locator(f"#id_{group}-{index}-{field} + .select2 .select2-selection")
                ).to_be_focused()
        # Typing goes on in the box the focus landed on.
        page.keyboard.press("Enter")
        expect(page.locator(".select2-container--open .select2-search__field")).to_be_focused()

    def test_space_and_enter_remove_a_row_and_leave_the_focus_on_add_another(self):
        page = self.story_form()
        self.add_another(page, "bylines", "Enter")
        self.add_another(page, "bylines", "Enter")
        rows = self.rows(page, "bylines")
        expect(rows).to_have_count(4)
        for key, left in (("Space", 3), ("Enter", 2)):
            with self.subTest(key):
                rows.last.locator("a.inline-deletelink").focus()
                page.keyboard.press(key)
                expect(rows).to_have_count(left)
                expect(page.locator("#bylines-group .add-row a")).to_be_focused()

    def test_a_stacked_inline_too(self):
        """A new correction: its Kind menu takes the focus, and its Remove gives it back."""
        page = self.story_form()
        self.add_another(page, "corrections", "Space")
        expect(page.locator("#id_corrections-0-kind")).to_be_focused()
        page.focus("#corrections-0 a.inline-deletelink")
        page.keyboard.press("Space")
        expect(page.locator("#corrections-0")).to_have_count(0)
        expect(page.locator("#corrections-group .add-row a")).to_be_focused()


@tag("browser")
class AddedRowHelpTextTests(StoryFormTestCase):
    """A row added with "Add another" is described by its own help text
    (articles/static/articles/admin-inline-help.js).

    Django's inline script renumbers a new row's ids but not its fields'
    aria-describedby, which kept pointing at the blank template row's help text
    ("id_corrections-__prefix__-note_helptext"): a hidden element, so a screen
    reader read a new correction's Note with no description.
    """

    def add_correction(self, page):
        page.click("#corrections-group .add-row a")

    def test_a_new_correction_note_is_described_by_its_own_help_text(self):
        page = self.story_form()
        self.add_correction(page)
        self.add_correction(page)
        for index in (0, 1):
            with self.subTest(index):
                note = page.locator(f"#id_corrections-{index}-note")
                expect(note).to_have_attribute(
                    "aria-describedby", f"id_corrections-{index}-note_helptext"
                )
                expect(note).to_have_accessible_description(
                    "Plain text, shown to readers under the story."
                )

    def test_a_removal_renumbers_the_rows_after_it(self):
        """Django renumbers the rows after a removed one; their help text follows."""
        page = self.story_form()
        for _ in range(3):
            self.add_correction(page)
        page.click("#corrections-0 a.inline-deletelink")
        for index in (0, 1):
            with self.subTest(index):
                expect(page.locator(f"#id_corrections-{index}-note")).to_have_attribute(
                    "aria-describedby", f"id_corrections-{index}-note_helptext"
                )
        expect(page.locator("#id_corrections-2-note")).to_have_count(0)


@tag("browser")
class NothingFoundTests(StoryFormTestCase):
    """A writer's source or byline box that finds nothing says who adds one
    (articles/static/articles/admin-none-found.js).

    Select2 said "No results found" and nothing else: an editor has a "+" beside
    the box to add the source, a writer has none and was not told why.
    """

    def search(self, page, field_id, term):
        page.click(f"#{field_id} + .select2 .select2-selection")
        page.fill(".select2-container--open .select2-search__field", term)
        return page.locator(".select2-container--open .select2-results__message")

    def test_a_writer_is_told_only_editors_add_sources_and_writers(self):
        make_user("wendy", staff=True, groups=[WRITERS], password=PASSWORD)
        page = self.new_page(DESKTOP)
        self.sign_in(page, "wendy", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_add"))
        page.wait_for_selector("#id_source_credits-0-source + .select2 .select2-selection")
        expect(self.search(page, "id_source_credits-0-source", "Agence Nowhere")).to_have_text(
            "No source of that name yet, and only editors add sources: ask one to add it, "
            "then choose it here."
        )
        self.screenshot(page, "admin-source-none-found-writer")
        page.keyboard.press("Escape")
        expect(self.search(page, "id_bylines-0-author", "Nobody Known")).to_have_text(
            "No author of that name yet, and only editors add authors: ask one to add it, "
            "then choose it here."
        )

    def test_an_editor_who_may_add_one_sees_select2s_message(self):
        page = self.story_form()
        expect(self.search(page, "id_source_credits-1-source", "Agence Nowhere")).to_have_text(
            "No results found"
        )
