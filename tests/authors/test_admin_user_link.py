"""Linking an author profile to a staff account, as an editor.

The account was an autocomplete, which asks for permission on user accounts:
editors have none, so it answered 403 and only superusers could link a profile.
It is a plain select of the active staff accounts now.
"""

import re

from django.test import TestCase
from django.urls import reverse

from articles.roles import EDITORS, WRITERS, ensure_roles
from authors.models import Author
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_author, make_user

ADD_URL = reverse("admin:authors_author_add")


def account_choices(response):
    """``(value, label)`` of each option of the form's account select, in order."""
    html = response.content.decode()
    select = re.search(r'<select name="user"[^>]*>(.*?)</select>', html, re.S)
    assert select, "the form has no account select"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def author_form(**fields):
    """What the author form posts, with no profile links."""
    data = {
        "name": "Wendy Osei",
        "slug": "wendy-osei",
        "job_title": "",
        "bio": "",
        "beat": "",
        "user": "",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


class AuthorAccountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.editor = make_user("editor", staff=True, groups=[EDITORS])
        cls.wendy = make_user(
            "wosei", staff=True, groups=[WRITERS], first_name="Wendy", last_name="Osei"
        )
        cls.bare = make_user("anon-desk", staff=True, groups=[WRITERS])
        cls.linked = make_user("wreyes", staff=True, groups=[WRITERS])
        cls.walt = make_author(name="Walt Reyes", slug="walt-reyes", user=cls.linked)
        cls.reader = make_user("reader")
        cls.gone = make_user("left-in-2023", staff=True, is_active=False)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_the_editor_picks_from_active_staff_accounts_not_yet_linked(self):
        response = self.client.get(ADD_URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            account_choices(response),
            [
                ("", "---------"),
                (str(self.bare.pk), "anon-desk"),
                (str(self.editor.pk), "editor"),
                (str(self.wendy.pk), "Wendy Osei (wosei)"),
            ],
        )

    def test_a_profile_link_asks_for_its_address_in_words(self):
        """Its column read "Url", Django's name for the field."""
        response = self.client.get(ADD_URL)
        self.assertContains(response, "Address")
        self.assertNotRegex(response.content.decode(), r">\s*Url\b")

    def test_an_editor_links_a_new_author_to_a_writers_account(self):
        response = self.client.post(ADD_URL, author_form(user=self.wendy.pk))
        self.assertRedirects(response, reverse("admin:authors_author_changelist"))
        self.assertEqual(Author.objects.get(slug="wendy-osei").user, self.wendy)

    def test_an_account_that_is_not_staff_cannot_be_linked(self):
        for account in (self.reader, self.gone):
            with self.subTest(account.username):
                response = self.client.post(ADD_URL, author_form(user=account.pk))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Select a valid choice")
                self.assertFalse(Author.objects.filter(slug="wendy-osei").exists())

    def test_a_profile_keeps_its_account_after_it_leaves_the_staff(self):
        """Saving the profile of a writer who left does not fail on their account."""
        self.linked.is_staff = False
        self.linked.save()
        change = reverse("admin:authors_author_change", args=[self.walt.pk])
        page = self.client.get(change)
        self.assertIn((str(self.linked.pk), "wreyes"), account_choices(page))
        data = author_form(name="Walt Reyes", slug="walt-reyes", user=self.linked.pk)
        data["job_title"] = "Former correspondent"
        # The version the page was opened on: a save without it is refused.
        data["loaded_version"] = form_fields(page)["loaded_version"]
        self.assertRedirects(
            self.client.post(change, data), reverse("admin:authors_author_changelist")
        )
        self.walt.refresh_from_db()
        self.assertEqual(
            (self.walt.user, self.walt.job_title), (self.linked, "Former correspondent")
        )


class WhoSeesTheAccountsTests(TestCase):
    """A writer reading the authors list learnt which user name each editor signs in
    with: half of what a password guess needs, and the lockout counts per name."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.chief = make_user("chief-editor-login", staff=True, groups=[EDITORS])
        cls.mara = make_author(name="Mara Lindqvist", slug="mara-lindqvist", user=cls.chief)
        cls.writer = make_user("writer", staff=True, groups=[WRITERS])

    def test_a_writer_sees_the_authors_but_not_their_accounts(self):
        self.client.force_login(self.writer)
        listing = self.client.get(reverse("admin:authors_author_changelist"))
        self.assertContains(listing, "Mara Lindqvist")
        self.assertNotContains(listing, "chief-editor-login")
        page = self.client.get(reverse("admin:authors_author_change", args=[self.mara.pk]))
        self.assertContains(page, "Mara Lindqvist")
        self.assertNotContains(page, "chief-editor-login")

    def test_a_writer_cannot_filter_the_authors_by_their_accounts(self):
        """"?user__isnull=False" listed who has an account, "?user=<id>" whose it is."""
        self.client.force_login(self.writer)
        url = reverse("admin:authors_author_changelist")
        for lookup in ("user__isnull=False", f"user={self.chief.pk}"):
            with self.subTest(lookup), self.assertLogs(
                "django.security.DisallowedModelAdminLookup", "ERROR"
            ):
                response = self.client.get(f"{url}?{lookup}")
                self.assertNotContains(response, "Mara Lindqvist", status_code=400)
        self.client.force_login(self.chief)
        self.assertContains(self.client.get(f"{url}?user__isnull=False"), "Mara Lindqvist")

    def test_an_editor_still_sees_and_links_them(self):
        self.client.force_login(self.chief)
        listing = self.client.get(reverse("admin:authors_author_changelist"))
        self.assertContains(listing, "chief-editor-login")
        page = self.client.get(reverse("admin:authors_author_change", args=[self.mara.pk]))
        self.assertContains(page, "chief-editor-login")
