"""The sign-in check the story form makes before it is sent (newsroom/admin_session.py)."""

from django.test import TestCase
from django.urls import reverse

from tests.factories import make_user

URL = reverse("admin-session-check")


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
