"""Two people changing the same thing at once: a takedown is never undone by a typo fix,
and two imports naming one new source make one.

A plain save is checked against the version of the story its form was opened
on ("someone changed this story after you opened it"). A colleague's move landing
after that check and before the row is written must not be written over by the
form's copy, which still holds the status and time from before the move.
"""

import threading
import time
from datetime import timedelta
from unittest import mock, skipUnless

from django.db import connection, transaction
from django.test import Client, TransactionTestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.admin import ArticleAdmin, WorkflowArticleForm
from articles.import_service import CREATED, _lock_new_names, import_copy
from articles.models import Article, StatusChange
from articles.roles import EDITORS, ensure_roles
from sources.models import Source
from tests.articles.test_admin_workflow import AdminWorkflowTestCase, form_fields
from tests.factories import make_article, make_author, make_section, make_source, make_user

Status = Article.Status


class MovedAfterTheCheckTests(AdminWorkflowTestCase):
    """A colleague's move committed between this save's version check and its write.

    The move is made from inside the check, after it passed: the order two
    requests can take on a database that does not lock the row (SQLite), and
    the one the row lock rules out on PostgreSQL (``RowLockTests``).
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague = make_user(
            "colleague", staff=True, groups=[EDITORS], first_name="Cole", last_name="League"
        )

    def save_while(self, story, move, **changes):
        """Save ``story`` from the editor's open form; ``move`` runs just after the check."""
        data = self.open_form(story, self.editor)
        check = WorkflowArticleForm._refuse_overwrite

        def check_then_move(form):
            check(form)
            move(Article.objects.get(pk=story.pk))

        with mock.patch.object(WorkflowArticleForm, "_refuse_overwrite", check_then_move):
            return self.save(story, self.editor, data, **changes)

    def test_a_takedown_is_not_undone_by_a_typo_fix(self):
        story = make_article(
            headline="Minister accused of bribery",
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
        )
        public_url = story.get_absolute_url()
        response = self.save_while(
            story,
            lambda article: services.archive(
                article, user=self.colleague, note="Legal: injunction"
            ),
            headline="Minister accused of bribery (typo fixed)",
        )
        self.assertEqual(response.status_code, 302)
        story.refresh_from_db()
        self.assertEqual(story.headline, "Minister accused of bribery (typo fixed)")
        self.assertEqual(story.status, Status.ARCHIVED)
        self.assertNotIn(story, Article.objects.published())
        self.assertIn(Client().get(public_url).status_code, (404, 410))
        self.assertEqual(
            list(story.status_changes.values_list("from_status", "to_status", "note")),
            [(Status.PUBLISHED, Status.ARCHIVED, "Legal: injunction")],
        )
        self.assertIn(
            "Someone else changed the status or publication time of “Minister accused of "
            "bribery (typo fixed)” while you were saving: it is now archived.",
            " ".join(self.messages(response)),
        )

    def test_an_unscheduled_story_is_not_rescheduled_by_a_typed_time(self):
        """The new time was checked for a scheduled story; the story is a draft by now."""
        scheduled_for = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
        story = make_article(
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            published_at=scheduled_for,
        )
        later = timezone.localtime(scheduled_for + timedelta(days=1))
        response = self.save_while(
            story,
            lambda article: services.unpublish(article, user=self.colleague, note="Embargo"),
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
        )
        self.assertEqual(response.status_code, 302)
        story.refresh_from_db()
        self.assertEqual((story.status, story.published_at), (Status.DRAFT, scheduled_for))
        self.assertNotIn(story, Article.objects.scheduled())
        self.assertIn("it is now a draft.", " ".join(self.messages(response)))

    def test_a_colleagues_correction_keeps_its_updated_time(self):
        """A correction marks the story "Updated" without a new version (an UPDATE
        of that column alone); the form's copy must not write the old time back."""
        story = make_article(
            headline="Port reopens",
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
        )
        response = self.save_while(
            story,
            lambda article: services.add_correction(
                article, kind="correction", note="An earlier version gave the wrong date."
            ),
            headline="Port reopens after strike",
        )
        self.assertEqual(response.status_code, 302)
        story.refresh_from_db()
        self.assertEqual(story.headline, "Port reopens after strike")
        self.assertIsNotNone(story.substantive_update_at)
        self.assertEqual(story.substantive_update_at, story.corrections.get().created_at)

    def test_a_typed_time_is_kept_when_nothing_moved(self):
        """Rescheduling still works, and says nothing of anyone else."""
        story = make_article(
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            published_at=timezone.now() + timedelta(days=1),
        )
        later = timezone.localtime(story.published_at + timedelta(days=1)).replace(microsecond=0)
        data = self.open_form(story, self.editor)
        response = self.save(
            story,
            self.editor,
            data,
            published_at_0=later.strftime("%Y-%m-%d"),
            published_at_1=later.strftime("%H:%M:%S"),
        )
        self.assertEqual(response.status_code, 302)
        story.refresh_from_db()
        self.assertEqual((story.status, story.published_at), (Status.PUBLISHED, later))
        self.assertNotIn("Someone else", " ".join(self.messages(response)))


@skipUnless(connection.vendor == "postgresql", "SQLite has no row locks: one writer at a time")
class RowLockTests(TransactionTestCase):
    """Two real requests on PostgreSQL, each on its own connection."""

    def test_a_takedown_posted_during_a_save_waits_for_it_and_is_refused(self):
        """The reviewer's race: A's typo fix is checked, then B's "Save and archive" arrives.

        B waits for A's save to commit, then meets the version check like any
        late save; A's save cannot put the story back online because it was
        never archived. Without the lock B passed the check too and committed,
        and A's save wrote the old status back.
        """
        ensure_roles()
        editor_a = make_user(
            "desk_a", staff=True, groups=[EDITORS], first_name="Ann", last_name="Desk"
        )
        editor_b = make_user("desk_b", staff=True, groups=[EDITORS])
        story = make_article(
            headline="Minister accused of bribery",
            section=make_section(),
            authors=[make_author()],
            origin=make_source(),
        )
        url = reverse("admin:articles_article_change", args=[story.pk])
        client_a, client_b = Client(), Client()
        client_a.force_login(editor_a)
        client_b.force_login(editor_b)
        form_a, form_b = form_fields(client_a.get(url)), form_fields(client_b.get(url))

        a_checked, b_arrived = threading.Event(), threading.Event()
        save_model = ArticleAdmin.save_model

        def save_model_once_b_arrived(admin, request, obj, form, change):
            if request.user.pk == editor_a.pk:
                a_checked.set()
                b_arrived.wait(timeout=15)
            return save_model(admin, request, obj, form, change)

        responses = {}

        def post(name, client, data):
            try:
                responses[name] = client.post(url, data)
            finally:
                connection.close()  # this thread's own connection

        a_data = {**form_a, "headline": "Minister accused of bribery (typo fixed)"}
        b_data = {**form_b, "_transition": Status.ARCHIVED, "status_note": "Legal: injunction"}
        with mock.patch.object(ArticleAdmin, "save_model", save_model_once_b_arrived):
            thread_a = threading.Thread(target=post, args=("A", client_a, a_data))
            thread_a.start()
            self.assertTrue(a_checked.wait(timeout=15))
            thread_b = threading.Thread(target=post, args=("B", client_b, b_data))
            thread_b.start()
            b_waited = wait_for_a_blocked_query()
            b_arrived.set()
            thread_a.join(timeout=30)
            thread_b.join(timeout=30)
        self.assertFalse(thread_a.is_alive() or thread_b.is_alive())

        self.assertTrue(b_waited, "B's save did not wait for the row A had checked")
        self.assertEqual(responses["A"].status_code, 302)
        self.assertContains(responses["B"], "Ann Desk changed this story")
        self.assertContains(responses["B"], "NOT been saved")
        story.refresh_from_db()
        self.assertEqual(story.headline, "Minister accused of bribery (typo fixed)")
        self.assertEqual(story.status, Status.PUBLISHED)
        self.assertFalse(StatusChange.objects.filter(article=story).exists())


@skipUnless(connection.vendor == "postgresql", "SQLite has no row locks: one writer at a time")
class PinnedAtOnceTests(TransactionTestCase):
    def test_two_stories_pinned_at_the_same_instant_leave_one_lead(self):
        """B's pin is saved while A's is not yet committed: B still replaces A.

        Without the lock B looked for the other pinned stories, did not see A's
        uncommitted pin, and both stories stayed pinned.
        """
        old_lead = make_article(headline="Old lead", is_pinned=True)
        a, b = make_article(headline="A"), make_article(headline="B")
        a_took_the_lead, b_waited = threading.Event(), threading.Event()
        replaced = {}

        def pin(story, before_commit=None):
            try:
                with transaction.atomic():
                    Article.objects.filter(pk=story.pk).update(is_pinned=True)
                    story.is_pinned = True
                    replaced[story.headline] = services.take_the_lead(story)
                    if before_commit:
                        before_commit()
            finally:
                connection.close()  # this thread's own connection

        def hold_until_b_waited():
            a_took_the_lead.set()
            b_waited.wait(timeout=15)

        thread_a = threading.Thread(target=pin, args=(a, hold_until_b_waited))
        thread_a.start()
        self.assertTrue(a_took_the_lead.wait(timeout=15))
        thread_b = threading.Thread(target=pin, args=(b,))
        thread_b.start()
        # B waits for A's commit: for the site's row, and without the lock still
        # for the old lead's row, so only the stories B replaced tell the two apart.
        self.assertTrue(wait_for_a_blocked_query(), "B's pin did not wait for A's to commit")
        b_waited.set()
        thread_a.join(timeout=30)
        thread_b.join(timeout=30)
        self.assertFalse(thread_a.is_alive() or thread_b.is_alive())

        self.assertEqual([story.pk for story in replaced["A"]], [old_lead.pk])
        self.assertEqual([story.pk for story in replaced["B"]], [a.pk])
        pinned = Article.objects.filter(is_pinned=True).values_list("headline", flat=True)
        self.assertEqual(list(pinned), ["B"])


def wait_for_a_blocked_query(seconds=10):
    """True once a query of this database waits for a lock held by another."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


@skipUnless(connection.vendor == "postgresql", "advisory locks are PostgreSQL's")
class ImportsAtOnceTests(TransactionTestCase):
    def import_while_another_makes(self, make_row, copy):
        """Import ``copy`` while another import, holding the lock on new names, has
        made a row (``make_row``) and not yet committed it; the import's outcome."""
        section = make_section(name="World", slug="world")
        first_made_it, second_waited, outcomes = threading.Event(), threading.Event(), []

        def make_it_first():
            try:
                with transaction.atomic():
                    _lock_new_names()
                    make_row()
                    first_made_it.set()
                    second_waited.wait(timeout=15)
            finally:
                connection.close()

        def import_it():
            try:
                outcomes.append(import_copy("copy.txt", copy.encode(), section=section))
            finally:
                connection.close()

        first = threading.Thread(target=make_it_first)
        first.start()
        self.assertTrue(first_made_it.wait(timeout=15))
        second = threading.Thread(target=import_it)
        second.start()
        self.assertTrue(wait_for_a_blocked_query(), "the import did not wait for the first")
        second_waited.set()
        first.join(timeout=30)
        second.join(timeout=30)
        self.assertFalse(first.is_alive() or second.is_alive())
        [outcome] = outcomes
        return outcome

    def test_the_second_import_credits_the_source_the_first_made(self):
        """Both imports found no "Meridian News Service" and both made one: the
        second insert waited on the unique name, then failed, and so did its file."""
        outcome = self.import_while_another_makes(
            lambda: make_source(name="Meridian News Service", slug="meridian-news-service"),
            "Port reopens after strike\n\nDockers returned to work on Monday after a "
            "week-long strike, the port authority said.\n\nShips queued offshore.\n\n"
            "Source: Meridian News Service\n",
        )
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        self.assertIn("origin source: Meridian News Service (existing)", outcome.detected)
        self.assertEqual(Source.objects.filter(name_key="meridian news service").count(), 1)

    def test_two_stories_headlined_alike_get_two_slugs(self):
        """Both chose the free "ceasefire-holds-in-gaza"; the second insert waited on the
        unique slug, then failed, and so did its file."""
        outcome = self.import_while_another_makes(
            lambda: make_article(
                headline="Ceasefire holds in Gaza", slug="ceasefire-holds-in-gaza"
            ),
            "Ceasefire holds in Gaza\n\nThe truce held for a third day on Sunday, "
            "officials said.\n\nAid lorries crossed at dawn.\n",
        )
        self.assertEqual(outcome.status, CREATED, outcome.errors)
        self.assertEqual(
            sorted(Article.objects.values_list("slug", flat=True)),
            ["ceasefire-holds-in-gaza", "ceasefire-holds-in-gaza-2"],
        )


@skipUnless(connection.vendor == "postgresql", "SQLite has no row locks: one writer at a time")
class SettlingTheLeadAtOnceTests(TransactionTestCase):
    def test_a_move_settling_the_lead_never_waits_for_a_story_another_move_holds(self):
        """Editor A takes down the lead a scheduled story replaced (its row locked, then
        the front page's); editor B archives another story at once (the front page's,
        then the old lead's to unpin it). Each waited for the other: a deadlock, and
        one of the two moves failed."""
        ensure_roles()
        editor = make_user("ed", staff=True, groups=[EDITORS])
        now = timezone.now()
        make_article(headline="New lead", is_pinned=True, published_at=now - timedelta(minutes=1))
        leftover = make_article(
            headline="Old lead", is_pinned=True, published_at=now - timedelta(hours=3)
        )
        other = make_article(headline="Other story", published_at=now - timedelta(hours=5))
        a_holds_the_old_lead, b_done, errors = threading.Event(), threading.Event(), []

        def editor_a_takes_the_old_lead_down():
            try:
                with transaction.atomic():
                    # The story's row first, as transition() took it before it
                    # took the front page's lock first.
                    Article.objects.select_for_update().get(pk=leftover.pk)
                    a_holds_the_old_lead.set()
                    # Until B is done, or holds the front page and waits for this row.
                    deadline = time.monotonic() + 15
                    while not b_done.is_set() and time.monotonic() < deadline:
                        if wait_for_a_blocked_query(seconds=0.2):
                            break
                    services.settle_the_lead()
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                errors.append(("A", type(error).__name__))
            finally:
                connection.close()

        def editor_b_archives_another():
            try:
                services.archive(other, user=editor, note="Legal advice")
            except Exception as error:  # noqa: BLE001
                errors.append(("B", type(error).__name__))
            finally:
                b_done.set()
                connection.close()

        a = threading.Thread(target=editor_a_takes_the_old_lead_down)
        a.start()
        self.assertTrue(a_holds_the_old_lead.wait(timeout=15))
        b = threading.Thread(target=editor_b_archives_another)
        b.start()
        a.join(timeout=30)
        b.join(timeout=30)
        self.assertFalse(a.is_alive() or b.is_alive())
        self.assertEqual(errors, [])
        self.assertEqual(Article.objects.get(pk=other.pk).status, Status.ARCHIVED)
        self.assertEqual(
            list(Article.objects.filter(is_pinned=True).values_list("headline", flat=True)),
            ["New lead"],
        )

    def test_publishing_a_pinned_story_while_a_colleague_takes_the_lead_down(self):
        """Editor B takes the lead down; editor A publishes a pinned story at once. B
        held the lead's row and waited for the front page's lock; A held the front
        page's and waited for the lead's row to unpin it: a deadlock, and PostgreSQL
        failed one of the two moves. Every move now locks the front page first."""
        ensure_roles()
        editor = make_user("ed", staff=True, groups=[EDITORS])
        lead = make_article(headline="Old lead", is_pinned=True)
        breaking = make_article(
            headline="Breaking",
            status=Status.DRAFT,
            is_pinned=True,
            authors=[make_author(name="Ana Reporter")],
            origin=make_source(name="Reuters"),
        )
        settle = services.settle_the_lead
        b_has_its_row, errors = threading.Event(), []

        def settling(*args, **kwargs):
            # Called by a move once it has its story's row: B waits there until
            # A is blocked on a lock (or a few seconds pass), then goes on.
            if threading.current_thread().name == "B":
                b_has_its_row.set()
                wait_for_a_blocked_query(seconds=5)
            return settle(*args, **kwargs)

        def move(name, do):
            try:
                do()
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                errors.append((name, type(error).__name__))
            finally:
                connection.close()

        with mock.patch.object(services, "settle_the_lead", settling):
            b = threading.Thread(
                name="B",
                target=move,
                args=("B", lambda: services.archive(lead, user=editor, note="Legal advice")),
            )
            b.start()
            self.assertTrue(b_has_its_row.wait(timeout=15))
            a = threading.Thread(
                name="A",
                target=move,
                args=("A", lambda: services.publish(breaking, user=editor)),
            )
            a.start()
            a.join(timeout=30)
            b.join(timeout=30)
        self.assertFalse(a.is_alive() or b.is_alive())
        self.assertEqual(errors, [])
        self.assertEqual(Article.objects.get(pk=lead.pk).status, Status.ARCHIVED)
        self.assertEqual(
            list(Article.objects.filter(is_pinned=True).values_list("headline", flat=True)),
            ["Breaking"],
        )

    def test_the_admin_locks_the_front_page_before_the_story_when_it_may_move_the_lead(self):
        """The story form's save took the story's row (the stale-save check), then the
        front page's: the order of the deadlock above. A save that cannot change the
        lead (a typo fixed) takes no front-page lock and holds up no other move."""
        ensure_roles()
        editor = make_user("ed", staff=True, groups=[EDITORS])
        lead = make_article(
            headline="Quake lead",
            is_pinned=True,
            section=make_section(),
            authors=[make_author()],
            origin=make_source(),
        )
        url = reverse("admin:articles_article_change", args=[lead.pk])
        client = Client()
        client.force_login(editor)

        def locks_taken(data):
            with CaptureQueriesContext(connection) as queries:
                response = client.post(url, data)
            self.assertEqual(response.status_code, 302)
            return [
                "site" if '"django_site"' in query["sql"] else "story"
                for query in queries
                if query["sql"].endswith("FOR UPDATE")
                and ('"django_site"' in query["sql"] or 'FROM "articles_article"' in query["sql"])
            ]

        typo = {**form_fields(client.get(url)), "headline": "Quake lead, typo fixed"}
        self.assertEqual(locks_taken(typo), ["story"])
        unpin = {**form_fields(client.get(url)), "is_pinned": ""}
        self.assertEqual(locks_taken(unpin)[:2], ["site", "story"])
        archive = {
            **form_fields(client.get(url)),
            "_transition": Status.ARCHIVED,
            "status_note": "Legal advice",
        }
        self.assertEqual(locks_taken(archive)[:2], ["site", "story"])
