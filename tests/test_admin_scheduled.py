"""Scheduled stories on the admin's story page: said plainly, and publishable at once.

A scheduled story is published with a time still to come. Its form must not
call it "Published", and "publish now" must be the same move as any publish:
the same rights, the same checklist, a status change on record and the page
cache told.
"""

import re
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from articles import services
from articles.admin import PUBLISH_NOW, UNSCHEDULE
from articles.models import Article, StatusChange
from tests.articles.test_admin_workflow import AdminWorkflowTestCase, workflow_buttons
from tests.factories import make_article
from tests.test_preview_after_publish import clock_moved_on

Status = Article.Status

LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests-admin-scheduled",
    }
}


def shown_status(response):
    """The text of the story form's "Status" field."""
    found = re.search(
        r'field-current_status.*?<div class="readonly">([^<]*)</div>',
        response.content.decode(),
        re.DOTALL,
    )
    return found and found[1]


class ScheduledStoryTestCase(AdminWorkflowTestCase):
    def scheduled_story(self, **fields):
        """A story of the writer's, ready to publish and due in two days."""
        # Whole minutes, as the form's time input posts them back.
        fields.setdefault(
            "published_at", (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
        )
        fields.setdefault("headline", "Talks resume in Geneva")
        return make_article(
            section=self.section,
            authors=[self.writer_author],
            origin=self.source,
            created_by=self.writer,
            **fields,
        )

    def page(self, story, user):
        self.client.force_login(user)
        response = self.client.get(self.change_url(story))
        self.assertEqual(response.status_code, 200)
        return response

    def publish_now(self, story, user=None, **changes):
        user = user or self.editor
        data = self.open_form(story, user)
        return self.save(story, user, data, _transition=PUBLISH_NOW, **changes)


class ScheduledFormTests(ScheduledStoryTestCase):
    def test_the_form_says_scheduled_and_when_it_goes_public(self):
        story = self.scheduled_story()
        response = self.page(story, self.editor)
        self.assertEqual(shown_status(response), "Scheduled")
        when = date_format(timezone.localtime(story.published_at), "DATETIME_FORMAT")
        self.assertContains(response, "<strong>Scheduled:</strong> goes public at <time ")
        self.assertContains(response, f">{when}</time>")
        self.assertIn(timezone.localtime(story.published_at).tzname(), when)

    def test_a_writer_viewing_their_scheduled_story_sees_scheduled_too(self):
        """The writer's page is read-only, where every field is shown as text."""
        story = self.scheduled_story()
        response = self.page(story, self.writer)
        self.assertNotContains(response, 'name="headline"')  # view only
        self.assertEqual(shown_status(response), "Scheduled")
        self.assertContains(response, "<strong>Scheduled:</strong> goes public at")

    def test_other_stories_show_their_status_and_no_schedule(self):
        stories = {
            "Published": make_article(section=self.section),
            "Draft": self.writer_draft(),
            "In review": make_article(status=Status.REVIEW, section=self.section),
            "Archived": make_article(status=Status.ARCHIVED, section=self.section),
        }
        for label, story in stories.items():
            with self.subTest(label):
                response = self.page(story, self.editor)
                self.assertEqual(shown_status(response), label)
                self.assertNotContains(response, "goes public at")

    def test_the_add_form_shows_draft(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("admin:articles_article_add"))
        self.assertEqual(shown_status(response), "Draft")


class PublishNowButtonTests(ScheduledStoryTestCase):
    def test_an_editor_may_publish_a_scheduled_story_now_or_unschedule_it(self):
        response = self.page(self.scheduled_story(), self.editor)
        self.assertEqual(
            workflow_buttons(response),
            ["Save and publish now", "Save and unschedule", "Save and archive"],
        )
        self.assertContains(response, f'name="_transition" value="{PUBLISH_NOW}"')

    def test_drafts_stories_in_review_and_live_stories_have_no_publish_now(self):
        stories = {
            "draft": self.writer_draft(),
            "review": make_article(status=Status.REVIEW, section=self.section),
            "live": make_article(section=self.section),
            "archived": make_article(status=Status.ARCHIVED, section=self.section),
        }
        for kind, story in stories.items():
            with self.subTest(kind):
                response = self.page(story, self.editor)
                self.assertNotContains(response, PUBLISH_NOW)
                self.assertNotIn("Save and publish now", workflow_buttons(response))
                self.assertNotIn("Save and unschedule", workflow_buttons(response))

    def test_a_writer_gets_no_button_and_a_forged_publish_now_is_refused(self):
        story = self.scheduled_story()
        scheduled_for = story.published_at
        response = self.page(story, self.writer)
        self.assertEqual(workflow_buttons(response), [])
        self.assertNotContains(response, PUBLISH_NOW)
        self.client.force_login(self.writer)
        response = self.client.post(self.change_url(story), {"_transition": PUBLISH_NOW})
        self.assertEqual(response.status_code, 403)
        story.refresh_from_db()
        self.assertEqual(story.published_at, scheduled_for)
        self.assertIn(story, Article.objects.scheduled())
        self.assertFalse(StatusChange.objects.exists())
        # Whatever the admin lets through, the workflow itself refuses a writer.
        with self.assertRaisesMessage(services.TransitionError, "Only editors can publish"):
            services.transition(
                story, Status.PUBLISHED, user=self.writer, published_at=timezone.now()
            )
        self.assertIn(story, Article.objects.scheduled())

    def test_a_writer_forging_publish_now_on_their_draft_is_refused(self):
        story = self.writer_draft()
        response = self.publish_now(story, self.writer)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Only editors can publish or schedule stories.")
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)

    def test_publish_now_is_refused_on_a_story_that_is_not_scheduled(self):
        """On a draft it would skip "publish"; on a live story it would re-date it."""
        live = make_article(section=self.section, authors=[self.writer_author], origin=self.source)
        stories = {"draft": (self.writer_draft(), Status.DRAFT), "live": (live, Status.PUBLISHED)}
        for kind, (story, status) in stories.items():
            with self.subTest(kind):
                published_at = story.published_at
                response = self.publish_now(story)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Only a scheduled story can be published now")
                story.refresh_from_db()
                self.assertEqual((story.status, story.published_at), (status, published_at))
        self.assertFalse(StatusChange.objects.exists())

    def test_a_story_that_went_public_while_the_form_was_open_is_not_re_dated(self):
        story = self.scheduled_story()
        data = self.open_form(story, self.editor)
        went_public = timezone.now() - timedelta(minutes=1)
        Article.objects.filter(pk=story.pk).update(published_at=went_public)
        response = self.save(story, self.editor, data, _transition=PUBLISH_NOW)
        self.assertContains(response, "Only a scheduled story can be published now")
        story.refresh_from_db()
        self.assertEqual(story.published_at, went_public)


class PublishNowTests(ScheduledStoryTestCase):
    def test_publish_now_puts_the_story_on_the_site_at_once(self):
        story = self.scheduled_story()
        scheduled_for = story.published_at
        before = timezone.now()
        response = self.publish_now(story)
        after = timezone.now()
        self.assertRedirects(response, self.change_url(story))
        self.assertEqual(self.messages(response), [f"“{story.headline}” is now published."])

        story.refresh_from_db()
        self.assertEqual(story.status, Status.PUBLISHED)
        self.assertTrue(before <= story.published_at <= after)
        self.assertIn(story, Article.objects.published())
        self.assertEqual(Client().get(story.get_absolute_url()).status_code, 200)

        change = StatusChange.objects.get(article=story)
        self.assertEqual(
            (change.user, change.from_status, change.to_status, change.published_at),
            (self.editor, Status.PUBLISHED, Status.PUBLISHED, story.published_at),
        )
        self.assertFalse(change.was_scheduled)
        when = date_format(timezone.localtime(scheduled_for), "DATETIME_FORMAT")
        self.assertEqual(change.note, f"Published ahead of its scheduled time, {when}.")

        page = self.page(story, self.editor)
        self.assertContains(page, "<td>Scheduled → Published now</td>", html=True)
        self.assertNotContains(page, "Published → Published")
        self.assertEqual(shown_status(page), "Published")
        self.assertNotContains(page, "goes public at")
        self.assertEqual(workflow_buttons(page), ["Save and unpublish", "Save and archive"])

    def test_the_editors_note_is_kept(self):
        story = self.scheduled_story()
        self.publish_now(story, status_note="Embargo lifted early")
        self.assertEqual(StatusChange.objects.get(article=story).note, "Embargo lifted early")

    def test_copy_edited_with_the_click_is_saved_too(self):
        story = self.scheduled_story()
        self.publish_now(story, headline="Talks resume in Geneva today")
        story.refresh_from_db()
        self.assertEqual(story.headline, "Talks resume in Geneva today")
        self.assertTrue(story.is_public)

    def test_the_checklist_still_blocks_and_the_story_stays_scheduled(self):
        story = self.scheduled_story()
        scheduled_for = story.published_at
        response = self.publish_now(story, **{"bylines-0-DELETE": "on"})
        # Refused with the form, before anything is saved: the byline is still there.
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "A published or scheduled story needs at least one byline.")
        story.refresh_from_db()
        self.assertEqual(story.published_at, scheduled_for)
        self.assertIn(story, Article.objects.scheduled())
        self.assertTrue(story.bylines.exists())

    @override_settings(PAGE_CACHE_ENABLED=True, CACHES=LOCMEM, PAGE_CACHE_LOCAL_SECONDS=300)
    def test_readers_of_stored_pages_see_it_once_committed(self):
        """The home page stored before the click would otherwise hide the story for two days."""
        caches["default"].clear()
        story = self.scheduled_story()
        reader = Client()
        reader.get("/")
        stored = reader.get("/")
        self.assertEqual(stored["X-Page-Cache"], "hit")
        self.assertNotContains(stored, story.headline)
        with self.captureOnCommitCallbacks(execute=True):
            self.publish_now(story)
        fresh = reader.get("/")
        self.assertEqual(fresh["X-Page-Cache"], "miss")
        self.assertContains(fresh, story.headline)


class UnscheduleTests(ScheduledStoryTestCase):
    def test_unscheduling_asks_why_as_any_move_back_to_draft_does(self):
        """Like sending a story back from review, not like a takedown: a note, then a draft."""
        story = self.scheduled_story()
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, _transition="draft")
        self.assertContains(response, "a note is required")
        self.assertIn(story, Article.objects.scheduled())
        response = self.save(
            story, self.editor, data, _transition="draft", status_note="Waiting on legal"
        )
        self.assertEqual(self.messages(response), [f"“{story.headline}” is now a draft."])
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertNotIn(story, Article.objects.published())
        self.assertEqual(story.status_changes.get().note, "Waiting on legal")

    def test_the_history_says_it_was_unscheduled_not_taken_down(self):
        story = self.scheduled_story()
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, _transition="draft", status_note="Waiting on legal")
        change = story.status_changes.get()
        self.assertEqual((change.from_label, change.to_label), ("Scheduled", "Draft"))
        page = self.page(story, self.editor)
        self.assertContains(page, "<td>Scheduled → Draft</td>", html=True)
        self.assertEqual(
            Version.objects.get_for_object(story).latest("pk").revision.get_comment(),
            "Status: Scheduled → Draft.",
        )

    def test_a_live_story_taken_down_still_reads_published(self):
        story = self.scheduled_story(published_at=timezone.now() - timedelta(hours=1))
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, _transition="draft", status_note="Legal")
        change = story.status_changes.get()
        self.assertEqual((change.from_label, change.to_label), ("Published", "Draft"))

    def test_the_button_sends_unschedule_and_a_scheduled_story_goes_back_to_draft(self):
        story = self.scheduled_story()
        page = self.page(story, self.editor)
        self.assertContains(page, f'value="{UNSCHEDULE}">Save and unschedule</button>')
        data = self.open_form(story, self.editor)
        response = self.save(
            story, self.editor, data, _transition=UNSCHEDULE, status_note="Waiting on legal"
        )
        self.assertEqual(self.messages(response), [f"“{story.headline}” is now a draft."])
        change = story.status_changes.get()
        self.assertEqual((change.from_label, change.to_label), ("Scheduled", "Draft"))


class UnscheduleAfterTheTimeTests(ScheduledStoryTestCase):
    """A "Save and unschedule" sent after the scheduled time had passed: the story was
    live, yet the page asked only for a note "why the story goes back to draft", and with
    one took the live story down as "is now a draft". "Publish now" is guarded against the
    same race (``test_a_story_that_went_public_while_the_form_was_open_is_not_re_dated``).
    """

    def setUp(self):
        due = (timezone.now() + timedelta(minutes=10)).replace(second=0, microsecond=0)
        self.story = self.scheduled_story(published_at=due)
        self.data = self.open_form(self.story, self.editor)

    def unschedule_later(self, **changes):
        with clock_moved_on(hours=1):
            return self.save(self.story, self.editor, self.data, _transition=UNSCHEDULE, **changes)

    def test_it_is_refused_saying_since_when_it_is_live_and_how_to_take_it_down(self):
        when = date_format(timezone.localtime(self.story.published_at), "DATETIME_FORMAT")
        for note in ("", "Waiting on legal"):
            with self.subTest(note=note):
                response = self.unschedule_later(
                    status_note=note, headline="Talks resume in Geneva on Monday"
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(
                    response,
                    f"This story went public at its scheduled time, {when}, while the form "
                    "was open: it is live, so it was not unscheduled and nothing was saved. "
                    "To take it off the site, use “Save and unpublish” with a note saying why",
                )
                self.assertNotContains(response, "a note is required")
                # Nothing typed is lost: the headline and the note are in the form.
                self.assertContains(response, "Talks resume in Geneva on Monday")
                if note:
                    self.assertContains(response, note)
                self.story.refresh_from_db()
                self.assertEqual(
                    (self.story.status, self.story.headline),
                    (Status.PUBLISHED, "Talks resume in Geneva"),
                )
        self.assertFalse(self.story.status_changes.exists())

    def test_unpublish_with_a_note_still_takes_it_down(self):
        with clock_moved_on(hours=1):
            response = self.save(
                self.story,
                self.editor,
                self.data,
                _transition=Status.DRAFT,
                status_note="Legal asked us to hold it",
            )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.story.refresh_from_db()
        self.assertEqual(self.story.status, Status.DRAFT)
        self.assertEqual(self.story.status_changes.get().note, "Legal asked us to hold it")


class TimeOnADraftTests(ScheduledStoryTestCase):
    """A time typed on a draft schedules nothing until the story is published."""

    def test_a_plain_save_with_a_time_to_come_says_the_story_is_not_scheduled(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        when = timezone.localtime(timezone.now() + timedelta(hours=2)).replace(microsecond=0)
        response = self.save(
            story,
            self.editor,
            data,
            published_at_0=when.strftime("%Y-%m-%d"),
            published_at_1=when.strftime("%H:%M:%S"),
        )
        self.assertEqual(response.status_code, 302)
        said = " ".join(self.messages(response))
        self.assertIn("is not scheduled yet: it is a draft", said)
        # The button's own name: the page offers "Save and schedule", not "Save and publish".
        self.assertIn("once an editor schedules it with the “Save and schedule” button", said)
        self.assertIn("Save and schedule", self.client.get(response["Location"]).content.decode())
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertNotIn(story, Article.objects.scheduled())

    def test_a_plain_save_without_a_time_says_nothing_of_it(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(story, self.editor, data, headline="Dam bursts upstream again")
        self.assertNotIn("not scheduled", " ".join(self.messages(response)))

    def test_the_time_field_says_publishing_schedules(self):
        response = self.page(self.writer_draft(), self.editor)
        self.assertContains(response, "Publishing it with a time still to come schedules it")


class NewTimeHistoryTests(ScheduledStoryTestCase):
    """A plain save that moves a published story's time says so in its status history."""

    def save_time(self, story, when):
        data = self.open_form(story, self.editor)
        when = timezone.localtime(when)
        response = self.save(
            story,
            self.editor,
            data,
            published_at_0=when.strftime("%Y-%m-%d"),
            published_at_1=when.strftime("%H:%M:%S"),
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return response

    def test_rescheduling_is_recorded_with_the_new_time_and_the_old(self):
        old_time = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
        story = self.scheduled_story(status=Status.DRAFT, published_at=None)
        services.publish(story, user=self.editor, when=old_time)  # "Draft → Scheduled for …"
        later = old_time + timedelta(days=1)
        self.save_time(story, later)
        change = story.status_changes.first()
        self.assertEqual(change.user, self.editor)
        self.assertEqual(change.published_at, later)
        self.assertEqual((change.from_label, change.was_scheduled), ("Scheduled", True))
        old = date_format(timezone.localtime(old_time), "DATETIME_FORMAT")
        new = date_format(timezone.localtime(later), "DATETIME_FORMAT")
        self.assertEqual(change.note, f"Publication time moved from {old}.")
        page = self.page(story, self.editor)
        self.assertContains(page, f"<td>Scheduled → Scheduled for {new}</td>", html=True)
        self.assertContains(page, f"Publication time moved from {old}.")
        self.assertEqual(
            Version.objects.get_for_object(story).latest("pk").revision.get_comment(),
            f"Changed Published at. Status: Scheduled → Scheduled for {new}.",
        )

    def test_a_live_story_redated_is_recorded_as_dated_not_published_now(self):
        story = self.scheduled_story(published_at=timezone.now() - timedelta(hours=5))
        earlier = (timezone.now() - timedelta(days=3)).replace(second=0, microsecond=0)
        self.save_time(story, earlier)
        change = story.status_changes.get()
        when = date_format(timezone.localtime(earlier), "DATETIME_FORMAT")
        self.assertEqual((change.from_label, change.to_label), ("Published", f"Dated {when}"))
        self.assertContains(
            self.page(story, self.editor), f"<td>Published → Dated {when}</td>", html=True
        )

    def test_a_save_that_keeps_the_time_records_nothing(self):
        story = self.scheduled_story()
        data = self.open_form(story, self.editor)
        self.save(story, self.editor, data, headline="Talks resume in Geneva on Monday")
        self.assertFalse(story.status_changes.exists())

    def test_a_time_typed_on_a_draft_is_not_a_status_change(self):
        """Nothing is scheduled until the story is published: the history says nothing yet."""
        story = self.writer_draft()
        self.save_time(story, timezone.now() + timedelta(days=1))
        self.assertFalse(story.status_changes.exists())

    def test_publish_now_still_reads_published_now(self):
        story = self.scheduled_story()
        self.publish_now(story)
        change = story.status_changes.get()
        self.assertFalse(change.is_new_time)
        self.assertEqual((change.from_label, change.to_label), ("Scheduled", "Published now"))


class PublicationTimeLimitTests(ScheduledStoryTestCase):
    """A typed year 1 or 2062 is refused at the time field, with what was typed kept."""

    def test_absurd_times_are_refused_and_the_typing_kept(self):
        for story, day, said in (
            (self.writer_draft(), "0001-01-01", "in the year 1, before 1900: check the year."),
            (self.scheduled_story(), "0001-01-01", "in the year 1, before 1900"),
            (self.scheduled_story(), "2099-12-01", "in 2099, more than a year ahead"),
        ):
            with self.subTest(status=story.status, day=day):
                data = self.open_form(story, self.editor)
                for extra in ({}, {"_transition": "published"}):
                    response = self.save(
                        story,
                        self.editor,
                        data,
                        published_at_0=day,
                        published_at_1="07:00:00",
                        headline="Typed with the bad date",
                        **extra,
                    )
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, said)
                    self.assertContains(response, f'value="{day}"')
                    self.assertContains(response, "Typed with the bad date")
                fresh = Article.objects.get(pk=story.pk)
                self.assertEqual(
                    (fresh.status, fresh.published_at, fresh.headline),
                    (story.status, story.published_at, story.headline),
                )

    def test_a_20th_century_archive_date_is_accepted(self):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(
            story, self.editor, data, published_at_0="1989-11-09", published_at_1="19:00:00"
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        story.refresh_from_db()
        self.assertEqual(story.published_at.year, 1989)


def next_clock_changes(zone_name, now):
    """The next night each way that ``zone_name``'s clocks change after ``now``:
    ``(forward, back)``, the local dates, both within a year."""
    zone = ZoneInfo(zone_name)
    moment = now.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    forward = back = None
    while forward is None or back is None:
        later = (moment.astimezone(UTC) + timedelta(hours=1)).astimezone(zone)
        if later.utcoffset() > moment.utcoffset():
            forward = forward or later.date()
        elif later.utcoffset() < moment.utcoffset():
            back = back or later.date()
        moment = later
    return forward, back


@override_settings(TIME_ZONE="Europe/London")
class ClockChangeTests(ScheduledStoryTestCase):
    """A time the clocks skip or repeat: Django said only that it "may be ambiguous or
    may not exist", and the editor could not tell which, or what to type instead.

    In London the clocks change at 01:00 GMT: 01:30 is skipped in March and comes
    twice in October.
    """

    def setUp(self):
        # From a day on: run in the hour before a change, the next change was that
        # night's, and "02:00" on it had come by the time the form was saved, so
        # the story went out at once instead of being scheduled.
        self.forward, self.back = next_clock_changes(
            "Europe/London", timezone.now() + timedelta(days=1)
        )

    def schedule(self, date, time):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(
            story,
            self.editor,
            data,
            published_at_0=date.isoformat(),
            published_at_1=time,
            _transition=Status.PUBLISHED,
        )
        story.refresh_from_db()
        return response, story

    def test_a_time_the_clocks_skip_says_so(self):
        response, story = self.schedule(self.forward, "01:30")
        self.assertEqual(story.status, Status.DRAFT)
        self.assertContains(
            response,
            f"There is no 01:30 on {date_format(self.forward, 'j F Y')} in Europe/London: "
            "the clocks go forward an hour that night. Choose a time before or after the change.",
        )

    def test_a_time_that_comes_twice_says_so(self):
        response, story = self.schedule(self.back, "01:30")
        self.assertEqual(story.status, Status.DRAFT)
        self.assertContains(
            response,
            f"01:30 on {date_format(self.back, 'j F Y')} comes twice in Europe/London: the "
            "clocks go back an hour that night, so it could be either. Choose a time outside "
            "the repeated hour.",
        )

    def test_the_hours_around_the_change_schedule_as_usual(self):
        latest = timezone.localdate() + services.LATEST_SCHEDULE_AHEAD - timedelta(days=1)
        for date in (self.forward, self.back):
            with self.subTest(date):
                if date > latest:
                    # A few days a decade the next change is 370 days off: too far to schedule.
                    continue
                response, story = self.schedule(date, "02:00")
                self.assertEqual(response.status_code, 302)
                self.assertIn(story, Article.objects.scheduled())


def last_repeated_hour_start(zone_name, now):
    """The UTC moment the clocks last went back in ``zone_name`` before ``now``: the
    first minute of the local hour that then comes twice."""
    zone = ZoneInfo(zone_name)
    moment = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    while not (
        (moment - timedelta(hours=1)).astimezone(zone).utcoffset()
        > moment.astimezone(zone).utcoffset()
    ):
        moment -= timedelta(hours=1)
    return moment


@override_settings(TIME_ZONE="Europe/Paris")
class StoredTimeInTheRepeatedHourTests(ScheduledStoryTestCase):
    """A story published in the hour the clocks repeat, such as the second 02:40 of the
    October night (01:40 UTC), could not be saved from its own form: its time, sent back
    untouched, was refused as "comes twice". No correction could be added, and "Save and
    archive" failed, so the story could not be taken down from its page."""

    def setUp(self):
        # A repeated hour that is over: run in the October night's second 02:00
        # hour, before 02:40, the story was still to come, scheduled, and a
        # correction to it was refused as to a story no reader has seen.
        second_hour = last_repeated_hour_start("Europe/Paris", timezone.now() - timedelta(hours=1))
        self.stored = second_hour + timedelta(minutes=40, seconds=14, microseconds=732000)
        self.story = self.scheduled_story(published_at=self.stored)

    def test_a_plain_save_keeps_the_time_to_the_microsecond(self):
        data = self.open_form(self.story, self.editor)
        self.assertEqual(data["published_at_1"], "02:40:14")
        response = self.save(self.story, self.editor, data, headline="Talks resume, again")
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.story.refresh_from_db()
        self.assertEqual(self.story.headline, "Talks resume, again")
        self.assertEqual(self.story.published_at, self.stored)
        self.assertFalse(self.story.status_changes.exists())

    def test_a_correction_can_be_added(self):
        data = self.open_form(self.story, self.editor)
        response = self.save(
            self.story,
            self.editor,
            data,
            **{
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-kind": "correction",
                "corrections-0-note": "The talks are in Geneva, not Vienna.",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertEqual(self.story.corrections.get().note, "The talks are in Geneva, not Vienna.")

    def test_it_can_be_archived_from_its_page(self):
        data = self.open_form(self.story, self.editor)
        response = self.save(
            self.story,
            self.editor,
            data,
            _transition=Status.ARCHIVED,
            status_note="Legal: taken down on advice.",
        )
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.story.refresh_from_db()
        self.assertEqual(self.story.status, Status.ARCHIVED)
        self.assertEqual(self.story.published_at, self.stored)

    def test_a_time_newly_typed_in_the_repeated_hour_is_still_refused(self):
        data = self.open_form(self.story, self.editor)
        response = self.save(self.story, self.editor, data, published_at_1="02:10:00")
        day = timezone.localtime(self.stored).date()
        self.assertContains(
            response,
            f"02:10 on {date_format(day, 'j F Y')} comes twice in Europe/Paris: the clocks "
            "go back an hour that night, so it could be either.",
        )
        self.story.refresh_from_db()
        self.assertEqual(self.story.published_at, self.stored)
