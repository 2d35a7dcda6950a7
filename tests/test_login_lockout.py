"""Admin sign-in: repeated failures lock the name out, and the answer leaks nothing.

Lockout is switched on here (the rest of the suite signs in with the test
client's ``login()``, which django-axes cannot see a request for).
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from newsroom.lockout import duration_in_words
from newsroom.security import client_ip
from tests.factories import make_user
from tests.test_csp import inline_code, policy

PASSWORD = "correct horse battery staple"
LOGIN_URL = reverse("admin:login")


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
class LockoutTests(TestCase):
    def setUp(self):
        self.editor = make_user("eddie", staff=True, password=PASSWORD)

    def sign_in(self, username, password, address="203.0.113.7"):
        return self.client.post(
            LOGIN_URL,
            {"username": username, "password": password, "next": "/admin/"},
            REMOTE_ADDR=address,
        )

    def fail(self, username, times, address="203.0.113.7"):
        return [self.sign_in(username, "wrong password", address) for _ in range(times)]

    def test_a_correct_password_signs_in(self):
        response = self.sign_in("eddie", PASSWORD)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_a_sign_in_whose_next_is_another_sites_lands_on_the_admin(self):
        """Django refuses the other site's address; it then sent the editor to its
        default, /accounts/profile/, a 404 here."""
        for next_url in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
            with self.subTest(next_url):
                self.client.logout()
                response = self.client.post(
                    LOGIN_URL,
                    {"username": "eddie", "password": PASSWORD, "next": next_url},
                    REMOTE_ADDR="203.0.113.7",
                )
                self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_after_the_limit_even_the_right_password_is_refused(self):
        responses = self.fail("eddie", settings.AXES_FAILURE_LIMIT)
        self.assertEqual(responses[0].status_code, 200)
        self.assertContains(responses[0], "Please enter the correct username and password")
        self.assertEqual(responses[-1].status_code, 429)

        response = self.sign_in("eddie", PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "too many", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_failures_below_the_limit_are_forgiven_by_a_success(self):
        self.fail("eddie", settings.AXES_FAILURE_LIMIT - 1)
        self.assertEqual(self.sign_in("eddie", PASSWORD).status_code, 302)
        self.client.logout()
        # The count started again: one more failure is not a lockout.
        self.assertEqual(self.fail("eddie", 1)[0].status_code, 200)

    def test_unknown_and_known_names_get_the_same_answers(self):
        """Neither the form error nor the lockout tells whether an account exists."""
        known = self.fail("eddie", settings.AXES_FAILURE_LIMIT + 1)
        unknown = self.fail("nobody-by-this-name", settings.AXES_FAILURE_LIMIT + 1)
        self.assertEqual(
            [r.status_code for r in known], [r.status_code for r in unknown]
        )
        self.assertEqual(known[0].context["form"].errors, unknown[0].context["form"].errors)
        self.assertEqual(known[-1].content, unknown[-1].content)

    def test_the_lockout_is_for_the_name_from_that_address_only(self):
        """An attacker cannot lock an editor out of the office by failing from elsewhere."""
        self.fail("eddie", settings.AXES_FAILURE_LIMIT, address="198.51.100.66")
        self.assertEqual(self.sign_in("eddie", PASSWORD, address="203.0.113.7").status_code, 302)

    def test_another_name_from_the_same_address_is_not_locked(self):
        make_user("wendy", staff=True, password=PASSWORD)
        self.fail("eddie", settings.AXES_FAILURE_LIMIT)
        self.assertEqual(self.sign_in("wendy", PASSWORD).status_code, 302)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2)
class LockoutPageTests(TestCase):
    """The lockout answer was django-axes' bare line of text, saying neither how long nor who."""

    def setUp(self):
        make_user("eddie", staff=True, password=PASSWORD)

    def locked_out(self, username="eddie"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            response = self.client.post(
                LOGIN_URL, {"username": username, "password": "wrong password", "next": "/admin/"}
            )
        return response

    def test_a_page_in_the_sign_in_look_that_says_how_long_and_who(self):
        response = self.locked_out()
        self.assertEqual(response.status_code, 429)
        self.assertTemplateUsed(response, "admin/lockout.html")
        self.assertContains(response, '<body class=" login"', status_code=429)
        self.assertContains(
            response, f"<title>Sign-in paused | {settings.NEWSROOM_NAME} newsdesk</title>",
            status_code=429,
        )
        self.assertContains(
            response,
            "too many wrong passwords for this username from your address",
            status_code=429,
        )
        self.assertContains(response, "Try again in 1 hour.", status_code=429)
        self.assertContains(response, "Ask an administrator to lift the pause", status_code=429)
        # The command is for the administrator (CONTRIBUTING, docs/deployment.md), not the public.
        self.assertNotContains(response, "axes_reset_username", status_code=429)
        self.assertNotContains(response, "eddie", status_code=429)

    def test_the_wait_is_read_from_the_setting(self):
        for hours, words in ((0.25, "15 minutes"), (1.5, "1 hour and 30 minutes"), (24, "1 day")):
            with self.subTest(hours), override_settings(AXES_COOLOFF_TIME=hours):
                response = self.locked_out(username=f"name-{hours}")
                self.assertContains(response, f"Try again in {words}.", status_code=429)

    def test_a_try_during_the_wait_starts_it_again_as_the_page_says(self):
        self.locked_out()
        attempt = AccessAttempt.objects.get()
        # 50 minutes into the hour, the right password: refused, and the hour starts again.
        AccessAttempt.objects.update(attempt_time=attempt.attempt_time - timedelta(minutes=50))
        self.assertEqual(self.sign_in_rightly().status_code, 429)
        # 20 minutes later (70 after the lockout), still refused; 61, and it is over.
        last_try = AccessAttempt.objects.get().attempt_time
        AccessAttempt.objects.update(attempt_time=last_try - timedelta(minutes=20))
        self.assertEqual(self.sign_in_rightly().status_code, 429)
        AccessAttempt.objects.update(attempt_time=last_try - timedelta(minutes=61))
        self.assertEqual(self.sign_in_rightly().status_code, 302)

    def sign_in_rightly(self):
        return self.client.post(
            LOGIN_URL, {"username": "eddie", "password": PASSWORD, "next": "/admin/"}
        )

    @override_settings(AXES_COOLOFF_TIME=None)
    def test_a_lockout_without_an_end_says_only_an_administrator_lifts_it(self):
        response = self.locked_out()
        self.assertContains(
            response, "The pause lasts until an administrator lifts it", status_code=429
        )
        self.assertNotContains(response, "Try again in", status_code=429)

    def test_it_keeps_to_the_strict_policy_anyone_gets(self):
        """The page is public: an inline script or style would be blocked (docs/decisions/0012)."""
        response = self.locked_out()
        self.assertEqual(policy(response)["script-src"], ["'self'"])
        self.assertEqual(inline_code(response.content.decode()), [])


class DurationInWordsTests(SimpleTestCase):
    def test_durations(self):
        for delta, words in (
            (timedelta(hours=1), "1 hour"),
            (timedelta(hours=2), "2 hours"),
            (timedelta(minutes=1), "1 minute"),
            (timedelta(seconds=20), "1 minute"),
            (timedelta(hours=1, minutes=30), "1 hour and 30 minutes"),
            (timedelta(days=2, hours=1, minutes=5), "2 days, 1 hour and 5 minutes"),
        ):
            with self.subTest(delta):
                self.assertEqual(duration_in_words(delta), words)


class StaffSessionTests(TestCase):
    def test_staff_sessions_end_with_the_browser_and_within_a_working_day(self):
        make_user("eddie", staff=True, password=PASSWORD)
        response = self.client.post(
            LOGIN_URL, {"username": "eddie", "password": PASSWORD, "next": "/admin/"}
        )
        self.assertEqual(response.status_code, 302)
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        # No Max-Age/Expires: the browser drops it when it closes.
        self.assertEqual(cookie["max-age"], "")
        self.assertEqual(cookie["expires"], "")
        self.assertTrue(cookie["httponly"])
        self.assertLessEqual(self.client.session.get_expiry_age(), 8 * 60 * 60)
        self.assertTrue(self.client.session.get_expire_at_browser_close())


class ClientAddressTests(TestCase):
    """Behind our proxies the client is read from X-Forwarded-For, never forged."""

    def request(self, forwarded=None):
        extra = {"REMOTE_ADDR": "10.0.0.2"}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().post(LOGIN_URL, **extra)

    @override_settings(TRUSTED_PROXY_COUNT=0)
    def test_without_proxies_the_header_is_ignored(self):
        self.assertEqual(client_ip(self.request("198.51.100.9")), "10.0.0.2")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_one_proxy_trusts_only_the_last_hop(self):
        # The client wrote the first entry itself; nginx appended the real address.
        self.assertEqual(client_ip(self.request("1.2.3.4, 203.0.113.7")), "203.0.113.7")

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_two_proxies_trust_the_last_two_hops(self):
        self.assertEqual(
            client_ip(self.request("1.2.3.4, 203.0.113.7, 10.0.0.9")), "203.0.113.7"
        )

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_a_request_that_skipped_a_proxy_falls_back_to_the_socket(self):
        self.assertEqual(client_ip(self.request("203.0.113.7")), "10.0.0.2")
        self.assertEqual(client_ip(self.request()), "10.0.0.2")

    @override_settings(AXES_ENABLED=True, TRUSTED_PROXY_COUNT=1)
    def test_a_forged_header_does_not_escape_the_lockout(self):
        make_user("eddie", staff=True, password=PASSWORD)
        for attempt in range(settings.AXES_FAILURE_LIMIT):
            self.client.post(
                LOGIN_URL,
                {"username": "eddie", "password": "wrong"},
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.7",
            )
        response = self.client.post(
            LOGIN_URL,
            {"username": "eddie", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.7",
        )
        self.assertEqual(response.status_code, 429)


class FailedSignInTests(TestCase):
    def test_a_refused_sign_in_is_announced(self):
        """The message is a live alert, read out without the reader hunting for it."""
        make_user("eddie", staff=True, password=PASSWORD)
        response = self.client.post(
            LOGIN_URL, {"username": "eddie", "password": "wrong password", "next": "/admin/"}
        )
        self.assertContains(
            response,
            '<p class="errornote" role="alert">Please enter the correct username and password',
        )
