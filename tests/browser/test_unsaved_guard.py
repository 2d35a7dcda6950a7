"""Unsaved edits on the story form are not thrown away without a question.

"Create a preview link" and "Withdraw all preview links" (which then asks on
a page of its own) send the story form to another address that does not save
it, and History leaves the page: with edits on the form,
articles/static/articles/admin-unsaved-guard.js asks first, in its own words.
Every other way off the page (breadcrumbs, the header's links, Log out, Delete,
Back, reloading, closing the tab) gets the browser's "Leave site?" question (a
beforeunload dialog). Saving asks nothing, and neither do "Preview"
and "Add another", which open other windows.

The import page's pasted copy and chosen files are guarded the same way: nothing
on that page is kept until it is previewed.
"""

from django.contrib.sessions.models import Session
from django.test import tag
from django.urls import reverse

from articles.models import Article, PreviewLink
from articles.roles import EDITORS, ensure_roles
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_user

PASSWORD = "correct horse battery staple"
STANDFIRST = "Talks continue into the night."


@tag("browser")
class UnsavedGuardTests(BrowserTestCase):
    def setUp(self):
        ensure_roles()
        make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)
        make_user("sam", superuser=True, password=PASSWORD)
        self.story = make_article(status=Article.Status.DRAFT, standfirst=STANDFIRST)
        self.url = self.live_server_url + reverse(
            "admin:articles_article_change", args=[self.story.pk]
        )

    def open_story(self, username="eddie", came_from=None):
        """The editor's story form, with every dialog the page opens recorded in
        ``page.dialogs`` and answered by ``page.answer`` (True: OK, False: Cancel).

        ``came_from``: a page opened first, where the browser's Back leads.
        """
        page = self.new_page()
        self.sign_in(page, username, PASSWORD)
        if came_from:
            page.goto(self.live_server_url + came_from)
        page.dialogs, page.answer = [], False

        def answer(dialog):
            page.dialogs.append((dialog.type, dialog.message))
            dialog.accept() if page.answer else dialog.dismiss()

        page.on("dialog", answer)
        page.goto(self.url)
        page.wait_for_selector("iframe.cke_wysiwyg_frame")
        # CKEditor is ready (its dirty check only counts then) once its body is editable.
        page.wait_for_function(
            "() => Object.values(CKEDITOR.instances).every(e => e.status === 'ready')"
        )
        return page

    def assertStayed(self, page):
        """Nothing left the page: the marker set on it before the click is still there."""
        page.wait_for_timeout(300)
        self.assertTrue(page.evaluate("() => window.stillHere === true"), "the page was left")
        self.assertEqual(page.url, self.url)

    def type_headline(self, page, headline="Talks resume in Geneva"):
        """Type a new headline key by key: Chromium asks before unload only on a page
        the person has used, and ``fill`` alone does not count as using it."""
        page.fill("#id_headline", "")
        page.locator("#id_headline").press_sequentially(headline)

    def assertAskedOnce(self, page):
        self.assertEqual(len(page.dialogs), 1, page.dialogs)
        kind, message = page.dialogs[0]
        self.assertEqual(kind, "confirm")
        self.assertIn("unsaved changes", message)

    def assertAskedBeforeUnload(self, page):
        """The browser's own "Leave site?" question, once."""
        self.assertEqual([kind for kind, _ in page.dialogs], ["beforeunload"])

    def test_cancel_keeps_the_edit_and_makes_no_link(self):
        page = self.open_story()
        page.fill("#id_standfirst", "Delegates walked out at midnight.")
        page.evaluate("() => { window.stillHere = true }")
        page.click("text=Create a preview link")
        self.assertAskedOnce(page)
        self.assertStayed(page)
        self.assertEqual(page.input_value("#id_standfirst"), "Delegates walked out at midnight.")
        self.assertFalse(PreviewLink.objects.exists())
        self.story.refresh_from_db()
        self.assertEqual(self.story.standfirst, STANDFIRST)
        self.screenshot(page, "unsaved-guard-kept")

    def test_an_ok_to_a_send_the_ended_sign_in_stopped_does_not_cover_leaving(self):
        """OK to "Create a preview link", which did not go (the sign-in had ended):
        the breadcrumb then still gets the browser's "Leave site?" question."""
        page = self.open_story()
        page.answer = True
        self.type_headline(page)
        Session.objects.all().delete()
        page.click("text=Create a preview link")
        page.wait_for_selector("#session-note")
        page.answer = False
        page.evaluate("() => { window.stillHere = true }")
        page.click(".breadcrumbs a >> nth=1")
        self.assertEqual([kind for kind, _ in page.dialogs], ["confirm", "beforeunload"])
        self.assertStayed(page)
        self.assertEqual(page.input_value("#id_headline"), "Talks resume in Geneva")

    def test_ok_goes_on_as_before(self):
        """The editor chose to go on: the link is made and the unsaved edit is not saved.
        The browser does not ask "Leave site?" on top of the question just answered."""
        page = self.open_story()
        page.answer = True
        page.fill("#id_standfirst", "Delegates walked out at midnight.")
        page.click("text=Create a preview link")
        page.wait_for_selector(".messagelist")
        self.assertAskedOnce(page)
        self.assertIn("Preview link, valid until", page.inner_text(".messagelist"))
        self.assertEqual(PreviewLink.objects.filter(article=self.story).count(), 1)
        self.assertEqual(page.input_value("#id_standfirst"), STANDFIRST)

    def test_a_clean_form_asks_nothing(self):
        page = self.open_story()
        page.click("text=Create a preview link")
        page.wait_for_selector(".messagelist")
        self.assertEqual(page.dialogs, [])
        self.assertEqual(PreviewLink.objects.filter(article=self.story).count(), 1)

        # Withdrawing, from the page the link was made on, gets no dialog either:
        # its own page asks, and "No, take me back" keeps the link.
        page.click("text=Withdraw all preview links")
        page.click("text=No, take me back")
        page.wait_for_selector("#preview-links")
        self.assertTrue(PreviewLink.objects.get(article=self.story).is_active)
        page.click("text=Withdraw all preview links")
        page.click("input[value='Yes, withdraw 1 link']")
        page.wait_for_selector(".messagelist:has-text('withdrawn')")
        self.assertEqual(page.dialogs, [])
        self.assertFalse(PreviewLink.objects.get(article=self.story).is_active)

    def test_an_edit_in_the_body_counts(self):
        """CKEditor keeps the body in its own frame, out of the form until it saves."""
        page = self.open_story()
        body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
        body.click()
        body.press("End")
        body.type(" Late-night addition.")
        page.evaluate("() => { window.stillHere = true }")
        page.click("text=Create a preview link")
        self.assertAskedOnce(page)
        self.assertStayed(page)
        self.assertIn("Late-night addition.", body.inner_text())
        self.assertFalse(PreviewLink.objects.exists())

    def test_other_changes_count_too(self):
        """A ticked box, another choice in a list, a new byline row filled in."""
        changes = {
            "ticked box": lambda page: page.check("#id_is_pinned"),
            "choice": lambda page: page.select_option("#id_source_credits-0-role", index=1),
            "new row": lambda page: (
                page.click("text=Add another Correction or update"),
                page.fill("#id_corrections-0-note", "An earlier version misspelt a name."),
            ),
        }
        for name, change in changes.items():
            with self.subTest(name):
                page = self.open_story()
                change(page)
                page.evaluate("() => { window.stillHere = true }")
                page.click("text=Create a preview link")
                self.assertAskedOnce(page)
                self.assertStayed(page)
        self.assertFalse(PreviewLink.objects.exists())

    def test_history_asks_too(self):
        """Once each time, and OK leaves with no "Leave site?" on top of it."""
        page = self.open_story()
        page.fill("#id_headline", "Talks resume in Geneva")
        page.evaluate("() => { window.stillHere = true }")
        page.click(".object-tools a.historylink")
        self.assertAskedOnce(page)
        self.assertStayed(page)

        page.answer = True
        page.click(".object-tools a.historylink")
        page.wait_for_url("**/history/")
        self.assertEqual(len(page.dialogs), 2)

    def test_saving_asks_nothing_and_enter_saves(self):
        """Save and the workflow buttons keep the edits, so they need no question; Enter in
        a field saves (it used to press "Create a preview link", the form's first button)."""
        page = self.open_story()
        page.fill("#id_headline", "Talks resume in Geneva")
        page.press("#id_headline", "Enter")
        page.wait_for_selector(".messagelist")
        self.assertEqual(page.dialogs, [])
        self.assertIn("was changed successfully", page.inner_text(".messagelist"))
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Talks resume in Geneva")
        self.assertFalse(PreviewLink.objects.exists())

    def test_a_breadcrumb_asks_and_cancel_keeps_the_edit(self):
        page = self.open_story()
        self.type_headline(page)
        page.evaluate("() => { window.stillHere = true }")
        page.click(".breadcrumbs a[href$='/article/']")
        self.assertAskedBeforeUnload(page)
        self.assertStayed(page)
        self.assertEqual(page.input_value("#id_headline"), "Talks resume in Geneva")
        self.screenshot(page, "unsaved-guard-breadcrumb-kept")

        page.answer = True
        page.click(".breadcrumbs a[href$='/article/']")
        page.wait_for_url("**/admin/articles/article/")
        self.assertEqual(len(page.dialogs), 2, page.dialogs)
        self.story.refresh_from_db()
        self.assertNotEqual(self.story.headline, "Talks resume in Geneva")

    def test_every_other_way_out_asks(self):
        """Cancel on each keeps the editor on the form with the edit."""
        page = self.open_story()
        self.type_headline(page)
        ways_out = {
            "Home": lambda: page.click(".breadcrumbs a[href='/admin/']"),
            "View site": lambda: page.click("#user-tools >> text=View site"),
            "Change password": lambda: page.click("#user-tools >> text=Change password"),
            # A form of its own (a POST), not the story form.
            "Log out": lambda: page.click("#logout-form button"),
            "closing the tab": lambda: page.close(run_before_unload=True),
        }
        for name, leave in ways_out.items():
            with self.subTest(name):
                page.dialogs.clear()
                page.evaluate("() => { window.stillHere = true }")
                leave()
                page.wait_for_timeout(300)
                self.assertAskedBeforeUnload(page)
                self.assertFalse(page.is_closed())
                self.assertStayed(page)
                self.assertEqual(page.input_value("#id_headline"), "Talks resume in Geneva")

    def test_reload_back_and_close_leave_after_ok(self):
        page = self.open_story(came_from="/admin/")
        page.answer = True
        self.type_headline(page)
        page.reload()
        self.assertAskedBeforeUnload(page)
        page.wait_for_selector("#id_headline")
        self.assertEqual(page.input_value("#id_headline"), self.story.headline)

        page.dialogs.clear()
        self.type_headline(page)
        page.go_back()
        self.assertAskedBeforeUnload(page)
        self.assertEqual(page.url, f"{self.live_server_url}/admin/")

        page.go_forward()
        page.wait_for_selector("#id_headline")
        page.dialogs.clear()
        self.type_headline(page)
        with page.expect_event("close"):
            page.close(run_before_unload=True)
        self.assertAskedBeforeUnload(page)
        self.story.refresh_from_db()
        self.assertNotEqual(self.story.headline, "Talks resume in Geneva")

    def test_delete_asks(self):
        """Delete only opens a confirmation page, but the edits are lost on the way."""
        page = self.open_story(username="sam")
        self.type_headline(page)
        page.evaluate("() => { window.stillHere = true }")
        page.click(".submit-row a.deletelink")
        self.assertAskedBeforeUnload(page)
        self.assertStayed(page)

        page.answer = True
        page.click(".submit-row a.deletelink")
        page.wait_for_url("**/delete/")
        self.assertTrue(Article.objects.filter(pk=self.story.pk).exists())

    def test_a_clean_form_leaves_without_a_question(self):
        page = self.open_story()
        page.click("#id_headline")
        page.reload()
        page.wait_for_selector("iframe.cke_wysiwyg_frame")
        page.click(".breadcrumbs a[href$='/article/']")
        page.wait_for_url("**/admin/articles/article/")
        self.assertEqual(page.dialogs, [])

    def test_a_form_sent_back_with_errors_counts_as_unsaved(self):
        """The page that says "Please correct the errors below" holds edits the
        server refused: they are not saved, so leaving it asks, and so does
        "Create a preview link"."""
        page = self.open_story()
        self.type_headline(page)
        page.fill("#id_slug", "")
        page.locator("#id_slug").press_sequentially("not a slug!")
        page.click("input[name=_continue]")
        page.wait_for_selector(".errornote")
        self.assertEqual(page.dialogs, [])
        page.wait_for_function(
            "() => Object.values(CKEDITOR.instances).every(e => e.status === 'ready')"
        )
        self.url = page.url
        page.evaluate("() => { window.stillHere = true }")
        page.click(".breadcrumbs a[href$='/article/']")
        self.assertAskedBeforeUnload(page)
        self.assertStayed(page)
        page.click("text=Create a preview link")
        self.assertEqual([kind for kind, _ in page.dialogs], ["beforeunload", "confirm"])
        self.assertStayed(page)
        self.story.refresh_from_db()
        self.assertNotEqual(self.story.headline, "Talks resume in Geneva")
        self.assertFalse(PreviewLink.objects.exists())

    def test_every_save_button_asks_nothing_and_saves(self):
        """Each submits the story form to save it: the edit is kept, so nothing asks."""
        buttons = {
            "Save": "input[name=_save]",
            "Save and continue editing": "input[name=_continue]",
            "Save and add another": "input[name=_addanother]",
            "Save and submit for review": "button[name=_transition][value=review]",
        }
        for number, (name, selector) in enumerate(buttons.items()):
            with self.subTest(name):
                page = self.open_story()
                self.type_headline(page, f"Talks resume in Geneva, take {number}")
                page.click(selector)
                page.wait_for_selector(".messagelist")
                self.assertEqual(page.dialogs, [])
                self.story.refresh_from_db()
                self.assertEqual(self.story.headline, f"Talks resume in Geneva, take {number}")

    def test_preview_and_add_another_open_other_windows_and_ask_nothing(self):
        page = self.open_story()
        self.type_headline(page)
        page.evaluate("() => { window.stillHere = true }")
        with page.expect_popup() as preview:
            page.click("text=Preview (last saved)")
        preview.value.close()
        with page.expect_popup() as add_section:
            page.click("#add_id_section")
        add_section.value.wait_for_selector("#section_form")
        add_section.value.close()
        self.assertEqual(page.dialogs, [])
        self.assertStayed(page)
        self.assertEqual(page.input_value("#id_headline"), "Talks resume in Geneva")

    def test_history_in_another_tab_asks_nothing_and_leaving_still_asks(self):
        """Ctrl-click opens History in a new tab and the form stays, so there is nothing
        to ask; and no answer to it may let the breadcrumb after it go unasked."""
        page = self.open_story()
        page.answer = True
        self.type_headline(page)
        with page.context.expect_page() as history:
            page.click(".object-tools a.historylink", modifiers=["ControlOrMeta"])
        history.value.close()
        self.assertEqual(page.dialogs, [])

        page.evaluate("() => { window.stillHere = true }")
        page.answer = False
        page.click(".breadcrumbs a[href$='/article/']")
        self.assertAskedBeforeUnload(page)
        self.assertStayed(page)


@tag("browser")
class ImportPageUnsavedGuardTests(BrowserTestCase):
    """Copy pasted into the import page was dropped by Cancel, a breadcrumb or Back."""

    def setUp(self):
        make_user("sam", superuser=True, password=PASSWORD)
        self.url = self.live_server_url + reverse("admin:articles_article_import")

    def open_import(self):
        page = self.new_page()
        self.sign_in(page, "sam", PASSWORD)
        page.dialogs, page.answer = [], False

        def answer(dialog):
            page.dialogs.append((dialog.type, dialog.message))
            dialog.accept() if page.answer else dialog.dismiss()

        page.on("dialog", answer)
        page.goto(self.url)
        return page

    def test_cancel_with_pasted_copy_asks_and_keeps_it(self):
        page = self.open_import()
        # Typed, not filled: Chromium asks before unload only on a page the person has used.
        page.locator("#id_text").press_sequentially("Ferry sinks off the coast")
        page.evaluate("() => { window.stillHere = true }")
        page.click(".submit-row a.closelink")
        page.wait_for_timeout(300)
        self.assertEqual([kind for kind, _ in page.dialogs], ["beforeunload"])
        self.assertTrue(page.evaluate("() => window.stillHere === true"), "the page was left")
        self.assertEqual(page.input_value("#id_text"), "Ferry sinks off the coast")

    def test_a_clean_import_page_leaves_without_a_question(self):
        page = self.open_import()
        page.click("#id_text")
        page.click(".submit-row a.closelink")
        page.wait_for_url("**/admin/articles/article/")
        self.assertEqual(page.dialogs, [])

    def test_previewing_asks_nothing(self):
        page = self.open_import()
        page.locator("#id_text").press_sequentially(
            "Ferry sinks off the coast\n\nA passenger ferry sank on Monday."
        )
        page.click("input[type=submit][value='Preview the import']")
        page.wait_for_selector(".import-body")
        self.assertEqual(page.dialogs, [])
