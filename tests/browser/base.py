"""Real-browser tests: Playwright for Python driving the system's Chromium.

Playwright cannot download its own browsers on our machines, so it launches the
``chromium`` found on PATH (Debian's package). Screenshots go to ``screenshots/``
(git-ignored) for people to look at.
"""

import contextlib
import mimetypes
import os
import shutil
import unittest
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import Client, tag

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def serve_media(page, media_root):
    """Answer ``page``'s requests for /media/ from ``media_root``; the paths asked for.

    The live server serves static files only: uploads are the web server's job.
    """
    requested = []

    def answer(route):
        path = route.request.url.split("/media/", 1)[1]
        requested.append(path)
        file = Path(media_root) / path
        if not file.is_file():
            route.fulfill(status=404)
            return
        route.fulfill(
            status=200, body=file.read_bytes(), content_type=mimetypes.guess_type(path)[0]
        )

    page.route("**/media/**", answer)
    return requested


def hold_media(test, page):
    """Leave ``page``'s requests for /media/ unanswered until ``test`` ends, then abort them.

    For what a page looks like while its pictures download. A request left
    pending for good would leave Playwright's handler waiting as the browser
    closes ("Task was destroyed but it is pending!" at the end of the run).
    """
    held = []

    def hold(route):
        held.append(route)

    def release():
        from playwright.sync_api import Error

        for route in held:
            with contextlib.suppress(Error):  # the page may have gone already
                route.abort()

    page.route("**/media/**", hold)
    test.addCleanup(release)


@tag("browser")
class BrowserTestCase(StaticLiveServerTestCase):
    """A live server plus one headless Chromium shared by the tests of a class."""

    @classmethod
    def setUpClass(cls):
        if CHROMIUM is None:
            message = (
                "Chromium is not installed: install Debian's 'chromium' package "
                "(CI installs it) to run the browser tests."
            )
            # On a laptop the rest of the suite still runs; CI must never skip them.
            if os.environ.get("CI"):
                raise cls.failureException(message)
            raise unittest.SkipTest(message)
        # Playwright's sync API runs an event loop in this thread; the ORM calls the
        # tests make between browser steps are still synchronous and safe. Put
        # back afterwards: the tests after these keep Django's check.
        cls._async_unsafe_before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls._playwright = sync_playwright().start()
        cls.browser = cls._playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        SCREENSHOTS.mkdir(exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls._playwright.stop()
        super().tearDownClass()
        if cls._async_unsafe_before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = cls._async_unsafe_before

    def new_page(self, viewport=DESKTOP, **options):
        """A page in a fresh context; ``options`` go to Playwright's ``new_context``
        (``color_scheme="dark"``, ``bypass_csp=True``, ...)."""
        context = self.browser.new_context(viewport=viewport, **options)
        self.addCleanup(context.close)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    def sign_in(self, page, username, password):
        """Sign ``page``'s browser context in to the admin as ``username``.

        The session is made on the server, as the login form makes it, and its
        cookie handed to the browser; the page is left where it was. Through
        the form, each test spent about 1.5 s signing in (the form, then the
        admin's index) on a slow machine, some two minutes of the suite. The
        form itself is still used in a browser where it is what is tested
        (tests/browser/test_session_expiry.py, tests/test_csp.py).
        """
        user = get_user_model().objects.get(username=username)
        self.assertTrue(user.check_password(password), f"{username}'s password is not {password!r}")
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.value,
                    "url": self.live_server_url,
                    "httpOnly": settings.SESSION_COOKIE_HTTPONLY,
                    "secure": settings.SESSION_COOKIE_SECURE,
                    "sameSite": settings.SESSION_COOKIE_SAMESITE,
                }
            ]
        )

    def settle(self, page):
        """Wait until ``page``'s fonts are in and each of its editors is ready.

        Not Playwright's "networkidle" (no request for half a second): on a busy
        machine a page's scripts and pictures can keep it from ever being idle
        within the timeout, where what a test measures is long in place.
        """
        page.wait_for_function(
            """() => document.readyState === "complete"
                && document.fonts.status === "loaded"
                && Object.values(window.CKEDITOR?.instances || {})
                    .every(editor => editor.status === "ready")"""
        )

    def screenshot(self, page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
