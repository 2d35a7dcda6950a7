"""A story typed while the sign-in ran out is not lost when it is saved.

The sign-in ends after a working day however busy its owner is; a story form
sent after that went to the login page and every word was dropped. The form now
asks first (articles/static/articles/admin-session-check.js): it stays on the
page, unsent, says so, and saves once its writer has signed in again in another
tab. So do the import page's pasted copy and chosen files, and the note typed
for "Archive selected".
"""

from django.contrib.sessions.models import Session
from django.test import tag
from django.urls import reverse

from articles.models import Article, PendingImport
from articles.roles import WRITERS, ensure_roles
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_author, make_section, make_user

PASSWORD = "correct horse battery staple"
COPY = (
    "Ferry sinks off the coast\n\n"
    "A passenger ferry sank off the coast on Monday. All aboard were rescued.\n"
)


@tag("browser")
class SessionExpiryTests(BrowserTestCase):
    def setUp(self):
        ensure_roles()
        writer = make_user("wendy", staff=True, groups=[WRITERS], password=PASSWORD)
        self.story = make_article(
            status=Article.Status.DRAFT,
            headline="Talks resume in Geneva",
            authors=[make_author(name="Wendy Writer", user=writer)],
            created_by=writer,
        )
        self.url = self.live_server_url + reverse(
            "admin:articles_article_change", args=[self.story.pk]
        )

    def test_the_story_stays_on_the_page_and_saves_after_signing_in_again(self):
        page = self.new_page()
        self.sign_in(page, "wendy", PASSWORD)
        page.goto(self.url)
        page.fill("#id_headline", "Talks resume in Geneva after a week of delays")
        Session.objects.all().delete()  # the working day is over

        page.click("input[name=_continue]")
        note = page.locator("#session-note")
        note.wait_for()
        self.assertIn("Your sign-in has ended, so the story was not sent.", note.inner_text())
        self.assertEqual(page.url, self.url)
        self.assertEqual(
            page.input_value("#id_headline"), "Talks resume in Geneva after a week of delays"
        )
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Talks resume in Geneva")
        self.screenshot(page, "session-ended-story-kept")

        # The message's link signs in again in another tab; the form's tab then saves.
        with page.context.expect_page() as opened:
            note.get_by_role("link", name="Sign in again in a new tab").click()
        login = opened.value
        login.fill("#id_username", "wendy")
        login.fill("#id_password", PASSWORD)
        login.click("input[type=submit]")
        login.wait_for_selector("#user-tools")

        page.click("input[name=_continue]")
        page.wait_for_selector(".messagelist .success")
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Talks resume in Geneva after a week of delays")
        self.assertEqual(page.locator("#session-note").count(), 0)

    def test_signed_in_again_as_someone_else_the_story_is_not_sent_as_them(self):
        make_user("walt", staff=True, groups=[WRITERS], password=PASSWORD)
        page = self.new_page()
        self.sign_in(page, "wendy", PASSWORD)
        page.goto(self.url)
        page.fill("#id_headline", "Talks resume in Geneva after a week of delays")
        Session.objects.all().delete()
        page.click("input[name=_continue]")
        page.locator("#session-note").wait_for()
        other = page.context.new_page()
        self.sign_in(other, "walt", PASSWORD)
        page.click("input[name=_continue]")
        note = page.locator("#session-note")
        note.get_by_text("You are now signed in as walt").wait_for()
        self.assertIn("This page was opened as wendy", note.inner_text())
        self.assertEqual(page.url, self.url)
        self.assertEqual(
            page.input_value("#id_headline"), "Talks resume in Geneva after a week of delays"
        )
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Talks resume in Geneva")

    def test_a_double_click_on_save_sends_the_story_once(self):
        page = self.new_page()
        self.sign_in(page, "wendy", PASSWORD)
        posts = []
        page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
        add = self.live_server_url + reverse("admin:articles_article_add")
        page.goto(add)
        page.fill("#id_headline", "Ferry sinks off the coast")
        page.dblclick("input[name=_save]")
        page.wait_for_url(lambda url: url != add)
        self.settle(page)
        page.wait_for_timeout(500)
        self.assertEqual(posts, [add])

    def test_an_author_profile_typed_while_the_sign_in_ran_out_is_kept(self):
        make_user("chief", superuser=True, password=PASSWORD)
        author = make_author(name="Amira Haddad", bio="Covers Europe.")
        page = self.new_page()
        self.sign_in(page, "chief", PASSWORD)
        url = self.live_server_url + reverse("admin:authors_author_change", args=[author.pk])
        page.goto(url)
        page.fill("#id_bio", "Amira Haddad covers European politics from Paris.")
        Session.objects.all().delete()
        page.click("input[name=_save]")
        page.locator("#session-note").get_by_text("Your sign-in has ended").wait_for()
        self.assertEqual(page.url, url)
        self.assertEqual(
            page.input_value("#id_bio"), "Amira Haddad covers European politics from Paris."
        )
        author.refresh_from_db()
        self.assertEqual(author.bio, "Covers Europe.")


@tag("browser")
class SessionExpiryOffTheStoryFormTests(BrowserTestCase):
    """The import page and "Archive selected" hold what the editor typed, as the story form does."""

    def setUp(self):
        make_section(name="World", slug="world")
        make_user("chief", superuser=True, password=PASSWORD)

    def sign_in_again(self, page):
        """By the message's link, in a new tab, as the editor is told to."""
        with page.context.expect_page() as opened:
            page.locator("#session-note").get_by_role(
                "link", name="Sign in again in a new tab"
            ).click()
        login = opened.value
        login.fill("#id_username", "chief")
        login.fill("#id_password", PASSWORD)
        login.click("input[type=submit]")
        login.wait_for_selector("#user-tools")

    def test_pasted_copy_stays_on_the_import_page_and_previews_after_signing_in_again(self):
        page = self.new_page()
        self.sign_in(page, "chief", PASSWORD)
        url = self.live_server_url + reverse("admin:articles_article_import")
        page.goto(url)
        page.fill("#id_text", COPY)
        Session.objects.all().delete()

        page.click("input[type=submit][value='Preview the import']")
        note = page.locator("#session-note")
        note.wait_for()
        self.assertIn("Your sign-in has ended, so the copy was not sent.", note.inner_text())
        self.assertIn("“Preview the import” again", note.inner_text())
        self.assertEqual(page.url, url)
        self.assertEqual(page.input_value("#id_text"), COPY)
        self.assertFalse(PendingImport.objects.exists())
        self.screenshot(page, "session-ended-import-kept")

        self.sign_in_again(page)
        page.click("input[type=submit][value='Preview the import']")
        page.wait_for_selector(".import-body")
        self.assertIn("A passenger ferry sank off the coast", page.inner_text(".import-body"))

    def test_chosen_files_stay_chosen(self):
        page = self.new_page()
        self.sign_in(page, "chief", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_import"))
        page.set_input_files(
            "#id_files",
            files=[{"name": "ferry.txt", "mimeType": "text/plain", "buffer": COPY.encode()}],
        )
        Session.objects.all().delete()
        page.click("input[type=submit][value='Preview the import']")
        page.locator("#session-note").get_by_text("Your sign-in has ended").wait_for()
        self.assertEqual(
            page.evaluate("() => [...document.getElementById('id_files').files].map(f => f.name)"),
            ["ferry.txt"],
        )

    def test_the_note_for_archive_selected_is_kept_and_the_stories_archived_after(self):
        story = make_article(headline="Minister quits over leaked memo")
        page = self.new_page()
        self.sign_in(page, "chief", PASSWORD)
        page.goto(self.live_server_url + reverse("admin:articles_article_changelist"))
        page.check(f"input[name=_selected_action][value='{story.pk}']")
        page.select_option("select[name=action]", "archive_selected")
        page.click("button[name=index]")
        page.wait_for_selector("#id_status_note")
        confirmation = page.url
        page.fill("#id_status_note", "Legal asked us to take it down.")
        Session.objects.all().delete()

        page.click("input[type=submit][value^='Yes, archive']")
        note = page.locator("#session-note")
        note.wait_for()
        self.assertIn("Your sign-in has ended, so nothing was archived.", note.inner_text())
        self.assertEqual(page.url, confirmation)
        self.assertEqual(page.input_value("#id_status_note"), "Legal asked us to take it down.")
        story.refresh_from_db()
        self.assertEqual(story.status, Article.Status.PUBLISHED)

        self.sign_in_again(page)
        page.click("input[type=submit][value^='Yes, archive']")
        page.wait_for_selector(".messagelist .success")
        story.refresh_from_db()
        self.assertEqual(story.status, Article.Status.ARCHIVED)
        self.assertEqual(story.status_changes.get().note, "Legal asked us to take it down.")
