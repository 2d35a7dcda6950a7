"""The page a form gets when its CSRF token is out of date (newsroom/csrf.py).

Signing in again in another tab gives the browser a new CSRF token, and a form
on a page opened before is refused. It showed Django's "CSRF verification
failed" page; on the import's confirm step and "Archive selected" (a page a
form led to) the way back is a "Confirm Form Resubmission" screen, and the
typed takedown note was lost.
"""

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from articles.models import Article
from articles.roles import EDITORS, ensure_roles
from tests.factories import make_article, make_section, make_source, make_user

PASSWORD = "correct horse battery staple"
WIRE = Path(__file__).resolve().parent / "fixtures" / "wire"
ORIGIN = "http://testserver"
CHANGELIST = reverse("admin:articles_article_changelist")
IMPORT_URL = reverse("admin:articles_article_import")


def page_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


class StaleTokenTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("eddie", staff=True, groups=[EDITORS], password=PASSWORD)

    def setUp(self):
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(self.editor)
        self.client.get(reverse("admin:index"))  # the CSRF cookie

    def sign_in_again(self):
        """Sign in again after the sign-in ended: the CSRF cookie is renewed."""
        old = self.client.cookies["csrftoken"].value
        self.client.session.delete()
        response = self.client.post(
            reverse("admin:login"),
            {"username": "eddie", "password": PASSWORD, "csrfmiddlewaretoken": old},
        )
        self.assertEqual(response.status_code, 302)
        self.assertNotEqual(self.client.cookies["csrftoken"].value, old)

    def post_stale(self, url, data, **headers):
        with self.assertLogs("django.security.csrf", "WARNING"):
            return self.client.post(url, data, **headers)

    def test_archive_selected_says_what_to_do_and_keeps_the_note_to_copy(self):
        story = make_article(headline="Minister took bribes, sources say")
        selection = {"action": "archive_selected", "_selected_action": [story.pk]}
        listed = f"{CHANGELIST}?status__exact=published"
        confirm = self.client.post(
            listed, {**selection, "csrfmiddlewaretoken": self.client.cookies["csrftoken"].value}
        )
        self.assertContains(confirm, "Why they come down")
        self.sign_in_again()

        note = "Legal: <taken down> pending the minister's complaint."
        response = self.post_stale(
            listed,
            {
                **selection,
                "post": "yes",
                "status_note": note,
                "csrfmiddlewaretoken": page_token(confirm),
            },
            headers={"origin": ORIGIN, "referer": ORIGIN + listed},
        )
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "<h1>Your form was not sent</h1>", status_code=403)
        self.assertContains(
            response, "The page was open while your sign-in changed", status_code=403
        )
        self.assertContains(
            response,
            '<textarea id="typed-1" rows="4" readonly>'
            "Legal: &lt;taken down&gt; pending the minister&#x27;s complaint.</textarea>",
            status_code=403,
        )
        self.assertContains(
            response,
            f'<a href="{ORIGIN}{listed}">Open the page again</a>',
            html=True,
            status_code=403,
        )
        self.assertNotContains(response, "CSRF verification failed", status_code=403)
        self.assertIn("no-store", response["Cache-Control"])
        story.refresh_from_db()
        self.assertEqual(story.status, Article.Status.PUBLISHED)

    def test_the_import_confirm_step_links_to_the_import_page(self):
        make_source(name="Reuters", slug="reuters")
        world = make_section(name="World", slug="world")
        copy = (WIRE / "paris_climate_talks.txt").read_bytes()
        preview = self.client.post(
            IMPORT_URL,
            {
                "files": [SimpleUploadedFile("paris.txt", copy, content_type="text/plain")],
                "section": world.pk,
                "csrfmiddlewaretoken": self.client.cookies["csrftoken"].value,
            },
        )
        token = re.search(r'name="token" value="([^"]+)"', preview.content.decode())[1]
        self.sign_in_again()

        response = self.post_stale(
            reverse("admin:articles_article_import_confirm"),
            {"token": token, "csrfmiddlewaretoken": page_token(preview)},
            headers={"origin": ORIGIN, "referer": ORIGIN + IMPORT_URL},
        )
        self.assertContains(response, "<h1>Your form was not sent</h1>", status_code=403)
        self.assertContains(
            response, f'<a href="{ORIGIN}{IMPORT_URL}">Open the page again</a>', status_code=403
        )
        self.assertNotContains(response, "What you typed", status_code=403)
        self.assertFalse(Article.objects.exists())

    def test_copy_pasted_into_the_import_form_is_shown_to_copy_again(self):
        form = self.client.get(IMPORT_URL)
        self.sign_in_again()
        copy = "PARIS (Reuters) - Ministers met on Monday.\n\nShare on Facebook"
        response = self.post_stale(
            IMPORT_URL,
            {"text": copy, "csrfmiddlewaretoken": page_token(form)},
            headers={"origin": ORIGIN, "referer": ORIGIN + IMPORT_URL},
        )
        self.assertContains(response, "What you typed, to copy", status_code=403)
        self.assertContains(response, "Your pasted copy", status_code=403)
        self.assertContains(
            response, "Ministers met on Monday.\n\nShare on Facebook", status_code=403
        )
        self.assertFalse(Article.objects.exists())

    def test_a_form_from_another_site_gets_no_link_and_none_of_its_words_shown(self):
        """The page must not show what any site's form posts, as if it were ours."""
        for origin in ("https://elsewhere.example", "null", None):
            with self.subTest(origin=origin):
                headers = {"referer": "https://elsewhere.example/"}
                if origin:
                    headers["origin"] = origin
                response = self.post_stale(
                    CHANGELIST,
                    {
                        "status_note": "Call 555-0100 to keep your account.",
                        "csrfmiddlewaretoken": "x" * 64,
                    },
                    headers=headers,
                )
                self.assertContains(response, "Open the page again from the menu", status_code=403)
                self.assertNotContains(response, "555-0100", status_code=403)
                self.assertNotContains(response, "elsewhere", status_code=403)

    def test_without_a_csrf_cookie_the_page_says_cookies_are_needed(self):
        response = self.post_stale(CHANGELIST, {}, headers={"origin": ORIGIN})
        self.assertNotContains(response, "accepts cookies", status_code=403)
        client = Client(enforce_csrf_checks=True)
        with self.assertLogs("django.security.csrf", "WARNING"):
            response = client.post(reverse("admin:login"), {"username": "eddie"})
        self.assertContains(response, "accepts cookies from this site", status_code=403)

    def test_the_first_sentence_follows_the_reason(self):
        """A missing cookie or an untrusted address is not a change of sign-in."""
        client = Client(enforce_csrf_checks=True)
        with self.assertLogs("django.security.csrf", "WARNING"):
            no_cookie = client.post(reverse("admin:login"), {"username": "eddie"})
        self.assertContains(no_cookie, "did not send this site’s cookie", status_code=403)
        self.assertNotContains(no_cookie, "your sign-in changed", status_code=403)
        # A proxy or a setting that does not name the site's address: every form fails.
        untrusted = self.post_stale(
            CHANGELIST,
            {"csrfmiddlewaretoken": "x" * 64},
            headers={"origin": "https://newsroom.elsewhere.example"},
        )
        self.assertContains(untrusted, "not set up to accept", status_code=403)
        self.assertNotContains(untrusted, "your sign-in changed", status_code=403)
        stale = self.post_stale(
            CHANGELIST, {"csrfmiddlewaretoken": "x" * 64}, headers={"origin": ORIGIN}
        )
        self.assertContains(stale, "your sign-in changed", status_code=403)

    def test_a_picture_upload_is_answered_in_the_editors_terms(self):
        """CKEditor shows the message of a JSON answer, and only "HTTP error" for a page."""
        response = self.post_stale(
            reverse("ckeditor_upload"),
            {"csrfmiddlewaretoken": "x" * 64},
            headers={"origin": ORIGIN},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["uploaded"], 0)
        self.assertIn("upload the picture again", response.json()["error"]["message"])
