"""Admin sign-in: repeated failures lock the name out, and the answer leaks nothing.

Lockout is switched on here (the rest of the suite signs in with the test
client's ``login()``, which django-axes cannot see a request for).
"""

from django.conf import settings
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse

from newsroom.security import client_ip
from tests.factories import make_user

PASSWORD = "correct horse battery staple"
LOGIN_URL = reverse("admin:login")
# Each sign-in hashes a password; the production hasher would make these tests slow.
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, PASSWORD_HASHERS=FAST_HASHER)
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


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
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

    @override_settings(AXES_ENABLED=True, TRUSTED_PROXY_COUNT=1, PASSWORD_HASHERS=FAST_HASHER)
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


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
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
