"""The sign-in check admin forms make before they are sent (newsroom/admin_session.py)."""

from html.parser import HTMLParser

from django.test import TestCase
from django.urls import reverse

from tests.factories import make_article, make_source, make_user

URL = reverse("admin-session-check")
SCRIPT = "articles/admin-session-check.js"


class _PostForms(HTMLParser):
    """The attributes of each POST form in ``#content-main``, as the script looks for them."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post" and attrs.get("id") != "logout-form":
            self.forms.append(attrs)


def post_forms(response):
    parser = _PostForms()
    parser.feed(response.content.decode())
    return parser.forms


class SessionCheckTests(TestCase):
    def test_a_signed_in_staff_member_gets_a_token_for_the_form(self):
        user = make_user("wendy", staff=True)
        self.client.force_login(user)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertTrue(answer["signedIn"])
        # Who, for the form to compare with who opened it.
        self.assertEqual((answer["user"], answer["username"]), (user.pk, "wendy"))
        self.assertGreaterEqual(len(answer["csrfToken"]), 32)
        self.assertIn("no-store", response["Cache-Control"])

    def test_an_ended_sign_in_is_a_401_not_a_redirect_to_the_login_page(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"signedIn": False})
        self.assertNotIn("csrfToken", response.json())

    def test_readers_accounts_and_disabled_staff_are_not_signed_in_to_the_desk(self):
        for user in (make_user(), make_user(staff=True, is_active=False)):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertEqual(self.client.get(URL).status_code, 401)

    def test_only_reads(self):
        self.client.force_login(make_user(staff=True))
        self.assertEqual(self.client.post(URL).status_code, 405)

    def test_every_change_form_asks_it_once(self):
        self.client.force_login(make_user(superuser=True))
        for model in ("articles_article", "authors_author", "sources_source", "sections_section"):
            with self.subTest(model):
                page = self.client.get(reverse(f"admin:{model}_add")).content.decode()
                self.assertEqual(page.count("articles/admin-session-check.js"), 1)

    def test_the_story_form_asks_it_before_sending(self):
        self.client.force_login(make_user(superuser=True))
        page = self.client.get(reverse("admin:articles_article_add")).content.decode()
        self.assertIn("articles/admin-session-check.js", page)
        self.assertIn(f'data-check-url="{URL}"', page)
        self.assertIn('data-username="', page)


class OtherFormsAskTooTests(TestCase):
    """Forms that are not change forms but hold what an editor typed: the import's pasted
    copy or chosen files, a bulk action's note. Sent after the sign-in ended they reached
    the login page, and what was typed was gone after signing in again."""

    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)

    def setUp(self):
        self.client.force_login(self.chief)

    def assertAsksBeforeSending(self, response):
        """The script is on the page once, and the page's one form is marked for it."""
        page = response.content.decode()
        self.assertEqual(page.count(SCRIPT), 1)
        self.assertIn(f'data-check-url="{URL}"', page)
        self.assertIn(f'data-username="{self.chief.username}"', page)
        (form,) = post_forms(response)
        # The script says what did not happen in these words.
        self.assertTrue(form.get("data-session-check"), form)

    def test_the_import_page_asks_before_sending_the_copy(self):
        response = self.client.get(reverse("admin:articles_article_import"))
        self.assertAsksBeforeSending(response)
        self.assertIn("not sent", post_forms(response)[0]["data-session-check"])

    def test_the_import_page_sent_back_with_errors_still_asks(self):
        response = self.client.post(reverse("admin:articles_article_import"), {"text": " "})
        self.assertContains(response, "errornote")
        self.assertAsksBeforeSending(response)

    def test_archive_selected_asks_before_sending_the_note(self):
        story = make_article(headline="Minister quits over leaked memo")
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "archive_selected", "_selected_action": [story.pk]},
        )
        self.assertContains(response, 'name="status_note"')
        self.assertAsksBeforeSending(response)

    def test_publish_selected_asks_before_publishing(self):
        story = make_article(
            status="draft", headline="Ferry sinks off the coast", origin=make_source()
        )
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_selected", "_selected_action": [story.pk]},
        )
        self.assertContains(response, "Yes, publish 1 story")
        self.assertAsksBeforeSending(response)
