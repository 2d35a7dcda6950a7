"""Two editors saving one author, source, section or About page: the later save undoes nothing.

Stories refuse a save from a form opened before someone else saved
(``NoSilentOverwriteTests``, ``tests/test_admin_concurrency.py``). These had
no such check, and have no version history: of two editors with one author
open, the second to save wrote back the first one's bio as it was, and both
were told "changed successfully". Their forms, and the sections' editable
list, now carry the version they were opened on
(``newsroom/admin_stale_saves.py``).
"""

import re
import threading
from unittest import mock, skipUnless

from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client, TestCase, TransactionTestCase
from django.urls import reverse

from articles.roles import EDITORS, WRITERS, ensure_roles
from authors.admin import AuthorAdmin
from authors.models import Author, AuthorLink
from pages.models import AboutPage
from sections.models import Section
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_author, make_section, make_source, make_user
from tests.test_about_pages import make_page
from tests.test_admin_concurrency import wait_for_a_blocked_query


class StaleSaveTestCase(TestCase):
    """Ann and Ben, two editors, each with the page open in their own browser."""

    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.ann = make_user(
            "desk_a", staff=True, groups=[EDITORS], first_name="Ann", last_name="Desk"
        )
        cls.ben = make_user(
            "desk_b", staff=True, groups=[EDITORS], first_name="Ben", last_name="Bench"
        )

    def open_form(self, url, user):
        self.client.force_login(user)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return form_fields(response)

    def save(self, url, user, data, /, **changes):
        self.client.force_login(user)
        return self.client.post(url, {**data, **changes})

    def messages(self, response):
        return [str(message) for message in get_messages(response.wsgi_request)]

    def assertRefused(self, response, url, thing, who="Ann Desk"):
        """The form is back, says who changed what and that nothing was saved, and
        links to the object opened afresh (reloading would send the form again)."""
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"{who} changed this {thing} at")
        self.assertContains(response, "NOT been saved")
        self.assertContains(response, f'<a href="{url}">open the {thing} again</a>', html=True)


class AuthorTests(StaleSaveTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.author = make_author(
            name="Walt Reyes", slug="walt-reyes", job_title="Correspondent", bio="Covers courts."
        )
        cls.url = reverse("admin:authors_author_change", args=[cls.author.pk])

    def add_link(self):
        return AuthorLink.objects.create(
            author=self.author, label="Website", url="https://walt.example/"
        )

    def test_a_colleagues_bio_is_not_reverted_by_a_stale_save(self):
        mine = self.open_form(self.url, self.ben)
        theirs = self.open_form(self.url, self.ann)
        response = self.save(self.url, self.ann, theirs, bio="Covers courts and the police.")
        self.assertEqual(response.status_code, 302)

        response = self.save(self.url, self.ben, mine, job_title="Courts correspondent")
        self.assertRefused(response, self.url, "author")
        self.assertContains(response, 'value="Courts correspondent"')  # still in the form
        self.author.refresh_from_db()
        self.assertEqual(
            (self.author.bio, self.author.job_title),
            ("Covers courts and the police.", "Correspondent"),
        )

    def test_a_link_a_colleague_deleted_is_said_not_a_hidden_error(self):
        """The stale form still holds the deleted link's row, whose id Django's inline
        then refused in a hidden field: "Please correct the error below" with no
        error to see, until the page was opened again and the typing lost."""
        self.add_link()
        mine = self.open_form(self.url, self.ben)
        theirs = self.open_form(self.url, self.ann)
        response = self.save(self.url, self.ann, theirs, **{"links-0-DELETE": "on"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(self.author.links.exists())

        response = self.save(self.url, self.ben, mine, job_title="Courts correspondent")
        self.assertRefused(response, self.url, "author")
        self.assertFalse(self.author.links.exists())
        self.author.refresh_from_db()
        self.assertEqual(self.author.job_title, "Correspondent")

    def test_a_link_a_colleague_corrected_is_not_put_back(self):
        """The inline rows are part of the version: the stale form's copy of a link
        would be written back over the colleague's correction."""
        link = self.add_link()
        mine = self.open_form(self.url, self.ben)
        theirs = self.open_form(self.url, self.ann)
        response = self.save(
            self.url, self.ann, theirs, **{"links-0-url": "https://waltreyes.example/"}
        )
        self.assertEqual(response.status_code, 302)

        response = self.save(self.url, self.ben, mine, bio="Covers courts and prisons.")
        self.assertRefused(response, self.url, "author")
        link.refresh_from_db()
        self.assertEqual(link.url, "https://waltreyes.example/")
        self.author.refresh_from_db()
        self.assertEqual(self.author.bio, "Covers courts.")

    def test_the_form_opened_again_saves_and_the_history_names_only_what_changed(self):
        theirs = self.open_form(self.url, self.ann)
        self.save(self.url, self.ann, theirs, bio="Covers courts and the police.")
        mine = self.open_form(self.url, self.ben)
        response = self.save(self.url, self.ben, mine, job_title="Courts correspondent")
        self.assertEqual(response.status_code, 302)
        self.author.refresh_from_db()
        self.assertEqual(
            (self.author.bio, self.author.job_title),
            ("Covers courts and the police.", "Courts correspondent"),
        )
        entry = LogEntry.objects.filter(user=self.ben).get()
        self.assertEqual(entry.get_change_message(), "Changed Job title.")

    def test_a_form_sent_without_its_version_is_refused(self):
        data = self.open_form(self.url, self.ben)
        del data["loaded_version"]
        response = self.save(self.url, self.ben, data, job_title="Courts correspondent")
        self.assertContains(response, "sent without the version of this author")
        self.assertContains(response, "NOT been saved")
        self.author.refresh_from_db()
        self.assertEqual(self.author.job_title, "Correspondent")

    def test_my_own_save_in_another_tab_is_said_to_be_mine(self):
        """Not "Ben Bench changed this author …" to Ben Bench."""
        first_tab = self.open_form(self.url, self.ben)
        second_tab = self.open_form(self.url, self.ben)
        self.save(self.url, self.ben, first_tab, bio="From the first tab.")
        response = self.save(self.url, self.ben, second_tab, job_title="Courts correspondent")
        self.assertContains(response, "You changed this author at")
        self.assertContains(response, "in another tab or window, after you opened it here.")
        self.assertContains(response, "to see that version")
        self.assertNotContains(response, "Ben Bench changed")
        self.author.refresh_from_db()
        self.assertEqual(self.author.job_title, "Correspondent")

    def test_a_change_made_outside_the_admin_names_no_one(self):
        """A command or the shell leaves no admin log entry: no one is blamed for it,
        least of all whoever saved last through the admin, before the form opened."""
        self.save(self.url, self.ann, self.open_form(self.url, self.ann), bio="By Ann.")
        mine = self.open_form(self.url, self.ben)
        Author.objects.filter(pk=self.author.pk).update(bio="By a command.")
        response = self.save(self.url, self.ben, mine, job_title="Courts correspondent")
        self.assertContains(response, "Someone changed this author after you opened it.")
        self.assertNotContains(response, "Ann Desk changed")
        self.author.refresh_from_db()
        self.assertEqual(
            (self.author.bio, self.author.job_title), ("By a command.", "Correspondent")
        )

    def test_a_page_that_only_shows_the_author_has_no_version_row(self):
        """A writer may view authors, not change them: no empty "Loaded version" line."""
        writer = make_user(staff=True, groups=[WRITERS])
        self.client.force_login(writer)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "loaded_version")
        self.assertNotContains(response, "Loaded version")


class SourceTests(StaleSaveTestCase):
    def test_a_colleagues_desk_note_is_not_reverted_by_a_stale_save(self):
        source = make_source(name="Reuters", notes="Call the Nairobi desk first.")
        url = reverse("admin:sources_source_change", args=[source.pk])
        mine = self.open_form(url, self.ben)
        theirs = self.open_form(url, self.ann)
        note = "Embargoed copy: check the time line before use."
        self.assertEqual(self.save(url, self.ann, theirs, notes=note).status_code, 302)

        response = self.save(url, self.ben, mine, url="https://www.reuters.com/")
        self.assertRefused(response, url, "source")
        self.assertContains(response, 'value="https://www.reuters.com/"')
        source.refresh_from_db()
        self.assertEqual((source.notes, source.url), (note, ""))


class SectionTests(StaleSaveTestCase):
    LIST_URL = reverse("admin:sections_section_changelist")

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.world = make_section(name="World", slug="world", position=0)
        cls.sport = make_section(name="Sport", slug="sport", position=1)
        cls.url = reverse("admin:sections_section_change", args=[cls.world.pk])

    def row(self, data, section):
        """The list's form prefix of ``section``'s row: "form-1"."""
        for key, value in data.items():
            found = re.fullmatch(r"(form-\d+)-id", key)
            if found and value == str(section.pk):
                return found[1]
        raise AssertionError(f"{section} is not on the list")

    def save_list(self, user, data, **changes):
        return self.save(self.LIST_URL, user, data, _save="Save", **changes)

    def test_a_colleagues_description_is_not_reverted_by_a_stale_save(self):
        mine = self.open_form(self.url, self.ben)
        theirs = self.open_form(self.url, self.ann)
        self.assertEqual(
            self.save(self.url, self.ann, theirs, description="News from abroad.").status_code,
            302,
        )
        response = self.save(self.url, self.ben, mine, position="5")
        self.assertRefused(response, self.url, "section")
        self.world.refresh_from_db()
        self.assertEqual((self.world.description, self.world.position), ("News from abroad.", 0))

    def test_a_stale_list_does_not_undo_a_colleagues_change(self):
        """Ben's older list still had World ticked: Django saw the row differ from the
        database and wrote it back ("2 sections were changed")."""
        mine = self.open_form(self.LIST_URL, self.ben)
        self.untick_world_as_ann()

        response = self.save_list(self.ben, mine, **{f"{self.row(mine, self.sport)}-position": "7"})
        self.assertEqual(response.status_code, 302)
        self.assertIn("1 section was changed successfully.", self.messages(response))
        self.sport.refresh_from_db()
        self.world.refresh_from_db()
        self.assertEqual((self.sport.position, self.world.show_in_nav), (7, False))
        # Ben's history names his change only; World's last change is still Ann's.
        self.assertEqual(
            [(entry.user, entry.object_repr) for entry in LogEntry.objects.order_by("pk")],
            [(self.ann, "World"), (self.ben, "Sport")],
        )

    def test_a_row_changed_on_both_lists_refuses_the_later_naming_it(self):
        """Ben moved World, which Ann had taken out of the navigation: his list is
        refused on World's row alone, with everything he typed still in it."""
        mine = self.open_form(self.LIST_URL, self.ben)
        self.untick_world_as_ann()

        response = self.save_list(
            self.ben,
            mine,
            **{
                f"{self.row(mine, self.world)}-position": "5",
                f"{self.row(mine, self.sport)}-position": "7",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Please correct the error below.")
        self.assertContains(response, "Ann Desk changed the section “World” at", count=1)
        self.assertNotContains(response, "the section “Sport”")
        self.assertContains(response, "Nothing on this list has been saved")
        self.assertContains(
            response, f'<a href="{self.LIST_URL}">open the list again</a>', html=True
        )
        self.assertContains(response, 'value="5"')  # Ben's changes, still in the list
        self.assertContains(response, 'value="7"')
        self.world.refresh_from_db()
        self.sport.refresh_from_db()
        self.assertEqual((self.world.position, self.world.show_in_nav), (0, False))
        self.assertEqual(self.sport.position, 1)

        mine = self.open_form(self.LIST_URL, self.ben)
        response = self.save_list(self.ben, mine, **{f"{self.row(mine, self.world)}-position": "5"})
        self.assertEqual(response.status_code, 302)
        self.world.refresh_from_db()
        self.assertEqual((self.world.position, self.world.show_in_nav), (5, False))

    def untick_world_as_ann(self):
        theirs = self.open_form(self.LIST_URL, self.ann)
        del theirs[f"{self.row(theirs, self.world)}-show_in_nav"]
        response = self.save_list(self.ann, theirs)
        self.assertEqual(response.status_code, 302)
        self.assertIn("1 section was changed successfully.", self.messages(response))

    def test_a_list_saves_over_a_change_to_what_it_does_not_edit(self):
        """A new description is kept: the list writes the rows as they are when it is
        sent, with only its own columns changed, so it need not refuse."""
        mine = self.open_form(self.LIST_URL, self.ben)
        theirs = self.open_form(self.url, self.ann)
        self.save(self.url, self.ann, theirs, description="News from abroad.")
        response = self.save_list(self.ben, mine, **{f"{self.row(mine, self.world)}-position": "3"})
        self.assertEqual(response.status_code, 302)
        self.assertIn("1 section was changed successfully.", self.messages(response))
        self.world.refresh_from_db()
        self.assertEqual((self.world.description, self.world.position), ("News from abroad.", 3))

    def test_rows_nobody_touched_are_not_saved_or_logged(self):
        """The version is not an edit: an untouched row is not "changed"."""
        mine = self.open_form(self.LIST_URL, self.ben)
        response = self.save_list(self.ben, mine)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.messages(response), ["No sections were changed."])
        self.assertFalse(LogEntry.objects.exists())
        self.assertEqual(Section.objects.get(pk=self.sport.pk).position, 1)


class AboutPageTests(StaleSaveTestCase):
    def test_a_colleagues_text_is_not_reverted_by_a_stale_save(self):
        page = make_page("/about/contact/", "Contact", "<p>Write to the desk.</p>")
        url = reverse("admin:pages_aboutpage_change", args=[page.pk])
        mine = self.open_form(url, self.ben)
        theirs = self.open_form(url, self.ann)
        text = "<p>Write to the desk, or call +44 20 7946 0000.</p>"
        self.assertEqual(self.save(url, self.ann, theirs, content=text).status_code, 302)

        response = self.save(url, self.ben, mine, title="Contact the newsroom")
        self.assertRefused(response, url, "About page")
        self.assertContains(response, 'value="Contact the newsroom"')
        page = AboutPage.objects.get(pk=page.pk)
        self.assertEqual((page.title, page.content), ("Contact", text))


@skipUnless(connection.vendor == "postgresql", "SQLite has no row locks: one writer at a time")
class RowLockTests(TransactionTestCase):
    """Two real requests on PostgreSQL, each on its own connection."""

    def test_a_save_sent_during_another_waits_for_it_and_is_refused(self):
        """Ann's save is checked; Ben's, from a form opened at the same time, arrives
        before hers commits. Without the lock both passed the check, and Ben's
        copy of the bio was written over Ann's."""
        ensure_roles()
        ann = make_user("desk_a", staff=True, groups=[EDITORS], first_name="Ann", last_name="Desk")
        ben = make_user("desk_b", staff=True, groups=[EDITORS])
        author = make_author(job_title="Correspondent", bio="Covers courts.")
        url = reverse("admin:authors_author_change", args=[author.pk])
        client_a, client_b = Client(), Client()
        client_a.force_login(ann)
        client_b.force_login(ben)
        form_a, form_b = form_fields(client_a.get(url)), form_fields(client_b.get(url))

        a_checked, b_arrived = threading.Event(), threading.Event()
        save_model = AuthorAdmin.save_model

        def save_model_once_b_arrived(admin, request, obj, form, change):
            if request.user.pk == ann.pk:
                a_checked.set()
                b_arrived.wait(timeout=15)
            return save_model(admin, request, obj, form, change)

        responses = {}

        def post(name, client, data):
            try:
                responses[name] = client.post(url, data)
            finally:
                connection.close()  # this thread's own connection

        with mock.patch.object(AuthorAdmin, "save_model", save_model_once_b_arrived):
            thread_a = threading.Thread(
                target=post, args=("A", client_a, {**form_a, "bio": "Covers the police."})
            )
            thread_a.start()
            self.assertTrue(a_checked.wait(timeout=15))
            thread_b = threading.Thread(
                target=post, args=("B", client_b, {**form_b, "job_title": "Courts editor"})
            )
            thread_b.start()
            b_waited = wait_for_a_blocked_query()
            b_arrived.set()
            thread_a.join(timeout=30)
            thread_b.join(timeout=30)
        self.assertFalse(thread_a.is_alive() or thread_b.is_alive())

        self.assertTrue(b_waited, "Ben's save did not wait for the row Ann's had checked")
        self.assertEqual(responses["A"].status_code, 302)
        self.assertContains(responses["B"], "Ann Desk changed this author")
        self.assertContains(responses["B"], "NOT been saved")
        author.refresh_from_db()
        self.assertEqual((author.bio, author.job_title), ("Covers the police.", "Correspondent"))



@skipUnless(
    connection.vendor == "postgresql",
    "SQLite's read transaction sees one state of the database; its writers wait for it",
)
class OneSnapshotTests(TransactionTestCase):
    """The form, its inlines and its version are read from one state of the database."""

    def test_a_save_committed_while_the_form_is_read_is_not_overwritten(self):
        """Ann's save commits after Django has read the author for Ben's form and
        before the form's version is read. Ben's page showed the old bio and its
        version the new one, so his save passed the check and put the old bio back."""
        ensure_roles()
        ben = make_user("desk_b", staff=True, groups=[EDITORS])
        author = make_author(job_title="Correspondent", bio="Covers courts.")
        url = reverse("admin:authors_author_change", args=[author.pk])
        get_object = AuthorAdmin.get_object

        def get_object_then_anns_save(admin, request, object_id, from_field=None):
            obj = get_object(admin, request, object_id, from_field)

            def anns_save():
                try:
                    Author.objects.filter(pk=author.pk).update(bio="Covers the police.")
                finally:
                    connection.close()  # this thread's own connection

            thread = threading.Thread(target=anns_save)
            thread.start()
            thread.join(timeout=15)
            return obj

        self.client.force_login(ben)
        with mock.patch.object(AuthorAdmin, "get_object", get_object_then_anns_save):
            response = self.client.get(url)
        self.assertContains(response, "Covers courts.")  # the page as it was read

        response = self.client.post(url, {**form_fields(response), "job_title": "Courts editor"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "NOT been saved")
        author.refresh_from_db()
        self.assertEqual((author.bio, author.job_title), ("Covers the police.", "Correspondent"))
